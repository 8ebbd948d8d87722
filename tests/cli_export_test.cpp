// cli_export_test.cpp — exports to CSV (UTF-8 with BOM) and .xlsx, masked by
// default, never half-written.
#include <doctest/doctest.h>

#include "cli/copy_command.hpp"
#include "cli/export_command.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"
#include "support/district.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

using namespace jinguo;

namespace {

// One volunteer and one household with two titles; the community's id.
RowId fillSample(storage::Storage& storage) {
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
    return community;
}

struct Fixture {
    test::TempDbPath db;
    storage::Storage storage{db.str()};
    std::string dir = std::filesystem::temp_directory_path() / ("jinguo_export_" + std::to_string(::getpid()));

    Fixture() {
        std::filesystem::create_directories(dir);
        fillSample(storage);
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

// The same database exported from its SQLite file and from its `jinguo copy`
// on a server gives the same files: CSV byte for byte, .xlsx part by part
// (its docProps/core.xml holds the time of writing). The hours need
// rounding and print as SQLite prints them (5.98, 3.0, 24.0), a person has
// no unit, a household no title (empty cells), one person is no volunteer.
TEST_CASE("an export is the same from a SQLite file and from its copy on a server") {
    const std::string dir = std::filesystem::temp_directory_path() / ("jinguo_export_twins_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    test::TempDbPath fileDb;
    const std::string file = fileDb.path().string();   // a SQLite file on either engine's run
    {
        storage::Storage storage(file);
        const RowId community = fillSample(storage);
        Person wang;
        wang.name = "王小红";
        wang.unitId = community;
        wang.rosterHours = 2.675;   // below 2.675 in binary: SQLite's round() still gives 2.68
        const RowId wangId = storage.insertPerson(wang);
        auto serve = [&](RowId person, double hours, bool verified) {
            ServiceRecord record;
            record.personId = person;
            record.servedOn = "2026-03-02";
            record.hours = hours;
            record.verified = verified;
            storage.insertServiceRecord(record);
        };
        serve(wangId, 1.1, true);
        serve(wangId, 2.2, true);   // verified 3.3000000000000003
        serve(wangId, 0.125, false);
        serve(wangId, 1.0, false);
        storage.insertRosterCredit(wangId, "2026-04-01", 0.005);
        Person li;
        li.name = "李梅";
        li.rosterHours = 3;
        const RowId liId = storage.insertPerson(li);
        serve(liId, 24, false);
        Person resident;
        resident.name = "赵敏";
        resident.isVolunteer = false;
        storage.insertPerson(resident);
        Family untitled;
        untitled.headName = "刘芳";
        untitled.address = "江北路1号";
        untitled.members = 2;
        untitled.unitId = community;
        storage.insertFamily(untitled);
    }
    const std::string serverDb = test::createEmptyServerDatabase();
    const std::string server = test::serverConninfo(serverDb);
    {
        std::ostringstream out, err;
        REQUIRE_MESSAGE(cli::runCopyCommand({"--from", file, "--to", server, "--quiet"}, out, err) == 0, err.str());
    }

    struct Export {
        std::string table, extension;
        bool unmasked;
    };
    const std::map<std::string, std::string> places = {{"file", file}, {"server", server}};
    std::string volunteersCsv;   // the masked one, from the file
    for (const Export& e : {Export{"volunteers", ".csv", false}, Export{"volunteers", ".csv", true},
                            Export{"volunteers", ".xlsx", false}, Export{"families", ".csv", false},
                            Export{"families", ".xlsx", false}}) {
        CAPTURE(e.table);
        CAPTURE(e.extension);
        CAPTURE(e.unmasked);
        std::map<std::string, std::string> paths;
        for (const auto& [name, place] : places) {
            storage::Storage storage(place);
            paths[name] = dir + "/" + e.table + "-" + name + (e.unmasked ? "-unmasked" : "") + e.extension;
            std::ostringstream out, err;
            REQUIRE_MESSAGE(cli::runExport(storage, {e.table, paths[name], e.unmasked}, out, err) == 0, err.str());
        }
        if (e.extension == ".csv") {
            const std::string fromFile = test::readFile(paths["file"]);
            CHECK(fromFile == test::readFile(paths["server"]));
            if (e.table == "volunteers" && !e.unmasked) volunteersCsv = fromFile;
            if (e.table == "families") CHECK(fromFile.find("\r\n刘芳,江北路1号,2,望江社区,,,\r\n") != std::string::npos);
        } else {
            std::map<std::string, std::string> fromFile = test::zipParts(paths["file"]);
            std::map<std::string, std::string> fromServer = test::zipParts(paths["server"]);
            const std::regex writtenAt("<dcterms:(created|modified)[^>]*>[^<]*</dcterms:(created|modified)>");
            for (auto* parts : {&fromFile, &fromServer}) {
                REQUIRE(parts->count("docProps/core.xml") == 1);
                (*parts)["docProps/core.xml"] = std::regex_replace((*parts)["docProps/core.xml"], writtenAt, "");
            }
            CHECK(fromFile.count("xl/worksheets/sheet1.xml") == 1);
            CHECK(fromFile == fromServer);
        }
    }
    // What both gave: SQLite's round(x, 2) as SQLite prints it.
    CHECK(volunteersCsv.find("\r\n王小红,,,,望江社区,5.98,1.13,\r\n") != std::string::npos);
    CHECK(volunteersCsv.find("\r\n李梅,,,,,3.0,24.0,\r\n") != std::string::npos);
    CHECK(volunteersCsv.find("赵敏") == std::string::npos);
    std::filesystem::remove_all(dir);
    test::dropServerDatabase(serverDb);
}
