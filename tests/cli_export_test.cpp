// cli_export_test.cpp — exports to CSV (UTF-8 with BOM) and .xlsx, masked by
// default, never half-written.
#include <doctest/doctest.h>

#include "cli/export_command.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "support/district.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace jinguo;

namespace {

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    std::string dir = std::filesystem::temp_directory_path() / ("jinguo_export_" + std::to_string(::getpid()));

    Fixture() {
        std::filesystem::create_directories(dir);
        const RowId community = test::buildDistrict(storage, {2000, {}, {{"望江社区", 2000}}}).community(0);
        Person p;
        p.name = "迪丽娜尔·艾买提";
        p.gender = "女";
        p.idNumber = "11010519491231002X";
        p.phone = "13812345678";
        p.unitId = community;
        p.rosterHours = 12.5;
        p.joinedOn = "2024-03-08";
        storage.insertPerson(p);
        Family f;
        f.headName = "张堃";
        f.address = "滨江路12号, 3栋";   // a comma: quoted in CSV
        f.members = 4;
        f.unitId = community;
        const RowId family = storage.insertFamily(f);
        for (int year : {2025, 2026}) {
            Award a;
            a.titleId = storage.awardTitleId("平安家庭", "family", "社区");
            a.year = year;
            a.familyId = family;
            storage.insertAward(a);
        }
    }
    ~Fixture() { std::filesystem::remove_all(dir); }
};

} // namespace

TEST_CASE("volunteers to CSV: BOM, standard headers, ID and phone masked unless asked") {
    Fixture f;
    std::ostringstream out, err;
    const std::string path = f.dir + "/志愿者.csv";
    REQUIRE(cli::runExport(f.storage, {"volunteers", path, false}, out, err) == 0);
    const std::string text = test::readFile(path);
    CHECK(text.rfind("\xEF\xBB\xBF姓名,性别,身份证号,手机号,所属社区,已核实服务时长(小时),未核实服务时长(小时),加入日期\r\n", 0) == 0);
    CHECK(text.find("迪丽娜尔·艾买提,女,110***********002X,138****5678,望江社区,12.5,0.0,2024-03-08\r\n")
          != std::string::npos);
    CHECK(out.str().find("已打码") != std::string::npos);

    REQUIRE(cli::runExport(f.storage, {"volunteers", path, true}, out, err) == 0);
    CHECK(test::readFile(path).find("11010519491231002X,13812345678") != std::string::npos);
}

TEST_CASE("families: a row per title, fields with commas quoted") {
    Fixture f;
    std::ostringstream out, err;
    const std::string path = f.dir + "/families.csv";
    REQUIRE(cli::runExport(f.storage, {"families", path, false}, out, err) == 0);
    const std::string text = test::readFile(path);
    CHECK(text.find("张堃,\"滨江路12号, 3栋\",4,望江社区,平安家庭,2025,社区\r\n") != std::string::npos);
    CHECK(text.find("张堃,\"滨江路12号, 3栋\",4,望江社区,平安家庭,2026,社区\r\n") != std::string::npos);
}

TEST_CASE("xlsx is written whole and atomically; bad targets are explained") {
    Fixture f;
    std::ostringstream out, err;
    const std::string path = f.dir + "/volunteers.xlsx";
    REQUIRE(cli::runExport(f.storage, {"volunteers", path, true}, out, err) == 0);
    const std::string bytes = test::readFile(path);
    CHECK(bytes.rfind("PK", 0) == 0);                                  // a zip: an .xlsx
    CHECK_FALSE(std::filesystem::exists(path + ".jinguo-tmp"));

    std::ostringstream err2;
    CHECK(cli::runExport(f.storage, {"volunteers", f.dir + "/x.txt", false}, out, err2) == 1);
    CHECK(err2.str().find(".xlsx 或 .csv") != std::string::npos);
    std::ostringstream err3;
    CHECK(cli::runExport(f.storage, {"volunteers", "/nonexistent-dir/x.csv", false}, out, err3) == 1);
    CHECK(err3.str().find("无法写入") != std::string::npos);
    CHECK(cli::runExport(f.storage, {"people", path, false}, out, err3) == 2);
}
