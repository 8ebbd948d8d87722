// cli_create_units_test.cpp — `jinguo import --create-units-under NAME`: the
// roster's unknown 所属社区 are created under that 街道/镇 in one undo step
// before the rows are written; a wrong NAME is a Chinese refusal naming the
// fix; without the flag the report lists the names and names the flag.
// Real SQLite files and tests/data/rosters/gen_utf8.csv (6 rows; 白鹭社区 is
// known here, 光明社区, 公正社区, 梅园社区 and 滨江社区 are not).
#include <doctest/doctest.h>

#include "cli/command_line.hpp"
#include "cli/import_command.hpp"
#include "storage/import_store.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "support/district.hpp"

#include <sstream>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    RowId street = 0;
    std::string out, err;
    Fixture() {
        street = test::buildDistrict(storage, {0, {{"滨江街道", 0, 0, {{"白鹭社区", 1000}}}}}).street(0);
    }
    int import(const std::string& under, bool dryRun = false) {
        cli::ImportRequest request;
        request.kind = "volunteers";
        request.files = {test::corpus("gen_utf8.csv")};
        request.today = "2026-11-29";
        request.createUnitsUnder = under;
        request.dryRun = dryRun;
        std::ostringstream o, e;
        const int rc = cli::runImport(storage, request, o, e);
        out = o.str();
        err = e.str();
        return rc;
    }
    std::int64_t placed() {
        storage::Statement st = storage.db().prepare("SELECT count(*) FROM person WHERE unit_id IS NOT NULL");
        st.step();
        return st.columnInt(0);
    }
};

} // namespace

TEST_CASE("the flag is parsed for import and listed in --help") {
    const cli::Command c = cli::parseCommandLine({"import", "--db", "a.db", "--kind", "volunteers", "--create-units-under",
                                                  "滨江街道", "名册.xlsx"});
    CHECK(c.error.empty());
    CHECK(c.createUnitsUnder == "滨江街道");
    CHECK(c.files == std::vector<std::string>{"名册.xlsx"});
    CHECK(std::string(cli::usageText()).find("--create-units-under") != std::string::npos);
}

TEST_CASE("without the flag: rows kept under their names, the report lists them with rows and names the flag") {
    Fixture f;
    REQUIRE(f.import("") == 0);
    CHECK(f.storage.count("person") == 6);
    CHECK(f.placed() == 1);   // 白鹭社区 only
    CHECK(f.out.find("滨江社区 2行") != std::string::npos);
    CHECK(f.out.find("光明社区 1行") != std::string::npos);
    CHECK(f.out.find("--create-units-under") != std::string::npos);
    CHECK(f.storage.count("org_unit") == 3);   // nothing created without the flag
}

TEST_CASE("--create-units-under 滨江街道 creates the four communities in one step, then every row is placed") {
    Fixture f;
    const std::int64_t units = f.storage.count("org_unit");
    REQUIRE_MESSAGE(f.import("滨江街道") == 0, f.err);
    CHECK(f.storage.count("org_unit") == units + 4);
    CHECK(f.out.find("已在“滨江街道”下新建4个社区/村") != std::string::npos);
    CHECK(f.storage.count("person") == 6);
    CHECK(f.placed() == 6);
    CHECK(f.out.find("找不到") == std::string::npos);
    // One step of its own: once the import's batch is undone (its people
    // refer to the new units), undoing the step removes the four units again.
    storage::UndoStore undo(f.storage);
    RowId created = 0;
    for (const auto& step : undo.undoableSteps())
        if (step.label == "新建4个社区") created = step.id;
    REQUIRE(created != 0);
    CHECK_THROWS_AS(undo.undoStep(created), storage::StorageError);   // people are in them
    storage::ImportStore imports(f.storage);
    imports.undo(imports.batches().at(0).id);
    REQUIRE(undo.undoStep(created).has_value());
    CHECK(f.storage.count("org_unit") == units);
}

TEST_CASE("--dry-run with the flag says what would be created and writes nothing") {
    Fixture f;
    const std::int64_t units = f.storage.count("org_unit");
    REQUIRE(f.import("滨江街道", true) == 0);
    CHECK(f.out.find("将在“滨江街道”下新建4个社区/村") != std::string::npos);
    CHECK(f.storage.count("org_unit") == units);
    CHECK(f.storage.count("person") == 0);
}

TEST_CASE("an unknown NAME or one that is no 街道/镇 is refused in Chinese, naming the fix, nothing written") {
    Fixture f;
    CHECK(f.import("江滨街道") == 2);
    CHECK(f.err.find("找不到名为“江滨街道”的单位") != std::string::npos);
    CHECK(f.err.find("“滨江街道”") != std::string::npos);   // the streets it could be
    CHECK(f.import("白鹭社区") == 2);
    CHECK(f.err.find("“白鹭社区”是社区") != std::string::npos);
    CHECK(f.err.find("请改写它们所属的街道或镇") != std::string::npos);
    CHECK(f.import("临江区") == 2);
    CHECK(f.err.find("“临江区”是区") != std::string::npos);
    CHECK(f.storage.count("person") == 0);
    CHECK(f.storage.count("org_unit") == 3);
}
