// cli_record_import_test.cpp — issue 12's command-line "done means": from an
// empty database with `jinguo import` and `jinguo targets` alone, a district
// of 4 streets and 12 communities (202,126 households), 181,913 平安家庭
// households of which 51,529 also hold it at 区 level, and the targets
// 平安家庭 90 % at any level and 25 % at 区 level → the district's actuals
// read 0.9000 and 0.2549 (each community's titled households summed over the
// sum of their households).
#include <doctest/doctest.h>

#include "cli/command_line.hpp"
#include "cli/import_command.hpp"
#include "cli/targets_command.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

using namespace jinguo;

namespace {

using test::records;

// The families roster: every community's 平安家庭 households (社区 level,
// 2025), and for some of them a second row with the title at 区 level (2026).
std::string writeFamilies() {
    const std::vector<std::string> communities = {"幸福社区", "和平社区", "白鹭社区", "望江社区", "向阳社区", "江北社区",
                                                  "青山社区", "松林社区", "竹园社区", "白沙社区", "新桥社区", "东湖社区"};
    const std::string path = (std::filesystem::temp_directory_path()
                              / ("jinguo_district_families_" + std::to_string(::getpid()) + ".csv")).string();
    std::ofstream out(path, std::ios::binary);
    out << "户主姓名,家庭住址,家庭人口,所属社区,荣誉称号,获评年度,级别\n";
    long titled = 0, district = 0;
    for (std::size_t c = 0; c < communities.size(); ++c) {
        const bool last = c + 1 == communities.size();
        const long n = last ? 181913 - 11 * 15159 : 15159;
        const long d = last ? 51529 - 11 * 4294 : 4294;
        for (long i = 0; i < n; ++i) {
            const std::string head = "户主" + std::to_string(c) + "-" + std::to_string(i);
            const std::string address = communities[c] + std::to_string(i) + "号";
            out << head << "," << address << ",3," << communities[c] << ",平安家庭,2025,社区\n";
            if (i < d) out << head << "," << address << ",3," << communities[c] << ",平安家庭,2026,区\n";
        }
        titled += n;
        district += d;
    }
    REQUIRE(titled == 181913);
    REQUIRE(district == 51529);
    return path;
}

// `jinguo import --db DB --kind KIND FILE`, parsed as the command line is
// and run as main.cpp runs it.
int import(storage::Storage& storage, const std::string& kind, const std::string& file, std::string* outText = nullptr) {
    const cli::Command command = cli::parseCommandLine({"import", "--db", storage.path(), "--kind", kind, file});
    REQUIRE_MESSAGE(command.error.empty(), command.error);
    cli::ImportRequest request;
    request.kind = command.importKind;
    request.files = command.files;
    request.today = "2026-06-30";
    std::ostringstream out, err;
    const int rc = cli::runImport(storage, request, out, err);
    if (outText) *outText = out.str() + err.str();
    return rc;
}

} // namespace

TEST_CASE("from an empty database: units, families and targets files → 0.9000 and 0.2549 for the district") {
    test::TempDbPath db;
    {
        storage::Storage storage(db.str());
        CHECK(storage.count("org_unit") == 0);
        std::string said;
        REQUIRE(import(storage, "units", records("district_units.csv"), &said) == 0);
        CHECK(said.find("新增17行") != std::string::npos);
        CHECK(storage.count("org_unit") == 17);
        {
            storage::Statement st = storage.db().prepare("SELECT sum(households) FROM org_unit WHERE kind = '社区'");
            st.step();
            CHECK(st.columnInt(0) == 202126);
        }
        const std::string families = writeFamilies();
        REQUIRE(import(storage, "families", families, &said) == 0);
        std::filesystem::remove(families);
        CHECK(storage.count("family") == 181913);
        {
            storage::Statement st = storage.db().prepare("SELECT count(*) FROM family WHERE unit_id IS NULL");
            st.step();
            CHECK(st.columnInt(0) == 0);   // every household placed in its community
        }
        REQUIRE(import(storage, "targets", records("district_targets.csv"), &said) == 0);
        CHECK(said.find("新增2行") != std::string::npos);
    }
    std::ostringstream out, err;
    const cli::Command command =
        cli::parseCommandLine({"targets", "--db", db.str(), "--year", "2026", "--json", "--today", "2026-06-30"});
    REQUIRE(cli::runTargetsCommand(command, out, err) == 0);
    const std::string json = out.str();
    MESSAGE(json);
    // Both targets are the district's title_rate lines; their actuals:
    std::vector<double> actuals;
    const std::regex line(R"re("unit"\s*:\s*"临江区"\s*,\s*"metric"\s*:\s*"title_rate"[^}]*?"actual"\s*:\s*([0-9.]+))re");
    for (auto it = std::sregex_iterator(json.begin(), json.end(), line); it != std::sregex_iterator(); ++it)
        actuals.push_back(std::stod((*it)[1]));
    REQUIRE(actuals.size() == 2);
    std::sort(actuals.begin(), actuals.end());
    auto fourDecimals = [](double v) { return std::round(v * 10000) / 10000; };
    CHECK(fourDecimals(actuals[0]) == doctest::Approx(0.2549));
    CHECK(fourDecimals(actuals[1]) == doctest::Approx(0.9000));
    CHECK(actuals[0] == doctest::Approx(51529.0 / 202126.0).epsilon(1e-6));
    CHECK(actuals[1] == doctest::Approx(181913.0 / 202126.0).epsilon(1e-6));
}

TEST_CASE("jinguo import --kind honours|posts|activities: the openpyxl files, good rows in, bad rows counted") {
    test::TempDbPath db;
    storage::Storage storage(db.str());
    REQUIRE(import(storage, "units", records("district_units.csv")) == 0);
    // district_units.csv has 江北街道 too: only the rows with bad cells stay out.
    std::string said;
    CHECK(import(storage, "honours", records("honours_openpyxl.xlsx"), &said) == 0);
    CHECK(said.find("读取7行，新增4行，更新0行，有问题未导入3行") != std::string::npos);
    CHECK(storage.count("award") == 4);
    CHECK(import(storage, "posts", records("posts_openpyxl.xlsx"), &said) == 0);
    CHECK(said.find("读取8行，新增4行，更新0行，有问题未导入4行") != std::string::npos);
    CHECK(storage.count("post") == 4);
    CHECK(import(storage, "activities", records("activities_openpyxl.xlsx"), &said) == 0);
    CHECK(said.find("读取7行，新增3行，更新0行，有问题未导入4行") != std::string::npos);
    CHECK(storage.count("activity") == 3);
    // An unknown kind lists the new ones.
    const cli::Command bad = cli::parseCommandLine({"import", "--db", storage.path(), "--kind", "awards", "x.csv"});
    CHECK(bad.error.find("activities（活动）") != std::string::npos);
}
