// cli_map_unit_test.cpp — `jinguo import --map-unit 旧名=单位名` (repeatable):
// rows whose 所属社区 is 旧名 go to the existing 社区/村 单位名; a wrong
// argument is a Chinese refusal (exit 2) naming the fix and writes nothing;
// with --create-units-under the mapped names are not created; without
// either flag the report shows the close existing unit of an unknown name
// (可能是) and names the flag. Real SQLite files and
// tests/data/rosters/gen_utf8.csv (6 rows; 白鹭社区 is known here, 梅园社区 is
// close to 梅园社区居委会, 光明社区, 公正社区 and 滨江社区 are unknown).
#include <doctest/doctest.h>

#include "cli/command_line.hpp"
#include "cli/import_command.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "support/district.hpp"

#include <sstream>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    RowId street = 0, meiyuan = 0;
    std::string out, err;
    Fixture() {
        const test::District built = test::buildDistrict(
            storage, {0, {{"滨江街道", 0, 0, {{"白鹭社区", 1000}, {"梅园社区居委会", 800}}}}});
        street = built.street(0);
        meiyuan = built.community(1);
    }
    int import(std::vector<std::string> maps, const std::string& under = "", const std::string& kind = "volunteers",
               bool dryRun = false) {
        cli::ImportRequest request;
        request.kind = kind;
        request.files = {test::corpus("gen_utf8.csv")};
        request.today = "2026-11-29";
        request.createUnitsUnder = under;
        request.mapUnits = std::move(maps);
        request.dryRun = dryRun;
        std::ostringstream o, e;
        const int rc = cli::runImport(storage, request, o, e);
        out = o.str();
        err = e.str();
        return rc;
    }
    RowId unitOf(const std::string& name) {
        storage::Statement st = storage.db().prepare("SELECT coalesce(unit_id, 0) FROM person WHERE name = ?");
        st.bind(1, name);
        return st.step() ? st.columnInt(0) : -1;
    }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

} // namespace

TEST_CASE("--map-unit is parsed (repeatable) and listed in --help") {
    const cli::Command c = cli::parseCommandLine({"import", "--db", "a.db", "--kind", "volunteers", "--map-unit",
                                                  "梅园社区=梅园社区居委会", "--map-unit", "光明=光明社区", "名册.xlsx"});
    CHECK(c.error.empty());
    CHECK(c.mapUnits == std::vector<std::string>{"梅园社区=梅园社区居委会", "光明=光明社区"});
    CHECK(c.files == std::vector<std::string>{"名册.xlsx"});
    CHECK(has(cli::usageText(), "--map-unit"));
}

TEST_CASE("without a flag: an unknown name with a close unit says 可能是 and names --map-unit") {
    Fixture f;
    REQUIRE(f.import({}) == 0);
    CHECK_MESSAGE(has(f.out, "梅园社区 1行（可能是：梅园社区居委会）"), f.out);
    CHECK(has(f.out, "光明社区 1行"));
    CHECK_FALSE(has(f.out, "光明社区 1行（可能是"));   // nothing close
    CHECK(has(f.out, "--map-unit 梅园社区=梅园社区居委会"));
    CHECK(has(f.out, "--create-units-under"));
    CHECK(f.unitOf("唐志") == 0);
}

TEST_CASE("--map-unit 梅园社区=梅园社区居委会 places the row there; the name is no longer listed") {
    Fixture f;
    REQUIRE_MESSAGE(f.import({"梅园社区=梅园社区居委会"}) == 0, f.err);
    CHECK(f.unitOf("唐志") == f.meiyuan);
    CHECK_FALSE(has(f.out, "梅园社区 1行"));
    CHECK(has(f.out, "光明社区 1行"));
    CHECK(f.storage.count("org_unit") == 4);   // nothing created
}

TEST_CASE("with --create-units-under the mapped name is not created; the others are") {
    Fixture f;
    REQUIRE_MESSAGE(f.import({" 梅园社区 = 梅园社区居委会 "}, "滨江街道") == 0, f.err);
    CHECK(f.storage.count("org_unit") == 4 + 3);   // 公正社区, 滨江社区, 光明社区
    CHECK(has(f.out, "新建3个社区/村"));
    CHECK_FALSE(has(f.out, "、梅园社区"));
    CHECK(f.unitOf("唐志") == f.meiyuan);
    storage::Statement st = f.storage.db().prepare("SELECT count(*) FROM person WHERE unit_id IS NULL");
    st.step();
    CHECK(st.columnInt(0) == 0);
}

TEST_CASE("a malformed --map-unit, an unknown unit, or one that is not a 社区/村 is refused (exit 2), nothing written") {
    Fixture f;
    struct Case {
        const char* arg;
        const char* said;
    } cases[] = {
        {"梅园社区", "--map-unit 要写成"},
        {"=梅园社区居委会", "--map-unit 要写成"},
        {"梅园社区=", "--map-unit 要写成"},
        {"梅园社区=梅园社区居委", "找不到名为“梅园社区居委”的社区或村（可能是：梅园社区居委会）"},
        {"梅园社区=滨江街道", "“滨江街道”是街道"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.arg);
        CHECK(f.import({c.arg}) == 2);
        CHECK_MESSAGE(has(f.err, c.said), f.err);
        CHECK(f.storage.count("person") == 0);
    }
    CHECK(f.import({"梅园社区=梅园社区居委会", "梅园社区=白鹭社区"}) == 2);
    CHECK(has(f.err, "两个不同的"));
    CHECK(f.import({"梅园社区=梅园社区居委会"}, "", "units") == 2);
    CHECK(has(f.err, "只用于 --kind volunteers 或 families"));
    CHECK(f.storage.count("person") == 0);
}
