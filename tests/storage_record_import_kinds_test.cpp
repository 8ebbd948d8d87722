// storage_record_import_kinds_test.cpp — honours, 巾帼文明岗 posts and
// activities imported like units, targets and indicators: files written by
// openpyxl (tests/data/records, make_records.py) and CSV written here; bad
// rows named by row number in Chinese and not written while the good rows
// are; re-imports updating in place; one batch per file undone whole; each
// kind's template importing without a problem.
#include <doctest/doctest.h>

#include "core/import_templates.hpp"
#include "core/record_import.hpp"
#include "storage/activity_store.hpp"
#include "storage/import_store.hpp"
#include "storage/post_store.hpp"
#include "storage/record_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "test_files.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

using namespace jinguo;
using namespace jinguo::storage;
using roster::RosterKind;

namespace {

using test::records;

struct TempFile {
    std::string path;
    TempFile(const std::string& name, const std::string& text) {
        static int counter = 0;
        path = (std::filesystem::temp_directory_path()
                / ("jinguo_reck_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + name))
                   .string();
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { std::filesystem::remove(path); }
};

struct Fixture {
    test::TempDbPath db;
    Storage storage{db.str()};

    RosterImportResult run(RosterKind kind, const std::string& file) {
        RosterImportRequest r;
        r.kind = kind;
        r.files = {file};
        r.keepProblemRows = true;
        r.today = "2026-06-30";
        return runRosterImport(storage, r);
    }
    void units() {
        REQUIRE(run(RosterKind::Units, records("units_openpyxl.xlsx")).status == RosterImportResult::Status::Committed);
    }
    std::int64_t scalar(const std::string& sql) {
        Statement st = storage.db().prepare(sql);
        REQUIRE(st.step());
        return st.columnInt(0);
    }
};

std::map<int, std::set<std::string>> problemsByRow(const roster::FileImportReport& f) {
    std::map<int, std::set<std::string>> out;
    for (const auto& s : f.sheets)
        for (const auto& p : s.problems) out[p.row].insert(p.code);
    return out;
}

const roster::Problem* problemAt(const roster::FileImportReport& f, int row) {
    for (const auto& s : f.sheets)
        for (const auto& p : s.problems)
            if (p.row == row) return &p;
    return nullptr;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const HonourRow* honourOf(const std::vector<HonourRow>& rows, const std::string& name, const std::string& title) {
    for (const HonourRow& r : rows)
        if (r.name == name && r.title == title) return &r;
    return nullptr;
}

} // namespace

// ------------------------------------------------------------ honours

TEST_CASE("honours from openpyxl: people by ID number or name, collectives, bad rows named with their row numbers") {
    Fixture f;
    f.units();
    const auto r = f.run(RosterKind::Honours, records("honours_openpyxl.xlsx"));
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    const auto& file = r.files[0];
    CHECK(file.rowsRead() == 7);
    CHECK(file.rowsImported() == 3);
    CHECK(file.rowsSkipped() == 4);
    const auto byRow = problemsByRow(file);
    CHECK(byRow.at(2).count(roster::code::kUnknownColumn) == 1);   // 授予单位
    CHECK(byRow.at(6).count(roster::code::kHolderMissing) == 1);
    CHECK(byRow.at(7).count(roster::code::kLevelInvalid) == 1);
    CHECK(contains(problemAt(file, 7)->message, "优秀"));
    CHECK(byRow.at(8).count(roster::code::kNotWritten) == 1);
    CHECK(contains(problemAt(file, 8)->message, "江北街道"));
    CHECK(problemAt(file, 8)->column == "所属社区");
    CHECK(byRow.at(9).size() == 1);                                 // the ID number's checksum
    CHECK(problemAt(file, 9)->column == "身份证号");
    CHECK(file.sheets[0].problemRows.size() == 4);

    RecordStore store(f.storage);
    const auto rows = store.honourRows();
    REQUIRE(rows.size() == 3);
    const HonourRow* wang = honourOf(rows, "王芳", "三八红旗手");
    REQUIRE(wang);
    CHECK(!wang->collective);
    CHECK(wang->idNumber == "110105199003071220");
    CHECK(wang->level == "区");
    CHECK(wang->year == 2026);
    CHECK(wang->unitName == "幸福社区");
    CHECK(wang->status == "命名");
    CHECK(wang->docNumber == "临妇字〔2026〕5号");
    const HonourRow* li = honourOf(rows, "李娜", "巾帼建功标兵");
    REQUIRE(li);
    CHECK(li->level == "街道");      // 街道级
    CHECK(li->year == 2025);         // 2025年
    CHECK(li->unitName == "和平社区");
    const HonourRow* group = honourOf(rows, "幸福社区妇联", "三八红旗集体");
    REQUIRE(group);
    CHECK(group->collective);
    CHECK(group->level == "市");
    CHECK(f.storage.count("person") == 2);
}

TEST_CASE("honours: re-import updates the same honour instead of adding one; undo takes each batch back") {
    Fixture f;
    f.units();
    const auto first = f.run(RosterKind::Honours, records("honours_openpyxl.xlsx"));
    REQUIRE(first.status == RosterImportResult::Status::Committed);
    const std::vector<HonourRow> firstRows = RecordStore(f.storage).honourRows();
    const HonourRow* wangFirst = honourOf(firstRows, "王芳", "三八红旗手");
    REQUIRE(wangFirst);
    const RowId wangAward = wangFirst->awardId;
    TempFile csv("honours.csv",
                 "姓名,身份证号,集体名称,单位,荣誉称号,级别,年度,状态,文号\n"
                 "王芳,110105199003071220,,幸福社区,三八红旗手,区,2026,撤销,临妇字〔2026〕40号\n"   // updated
                 "李娜,,,和平社区,巾帼建功标兵,街道,2025,,\n"                                        // unchanged
                 ",,幸福社区妇联,幸福社区,三八红旗集体,市,2026,命名,市妇字〔2026〕8号\n"             // unchanged
                 "李娜,,,和平社区,三八红旗手,区,2026,,\n");                                         // new
    const auto second = f.run(RosterKind::Honours, csv.path);
    REQUIRE(second.status == RosterImportResult::Status::Committed);
    CHECK(second.files[0].rowsUpdated() == 1);
    CHECK(second.files[0].rowsImported() == 1);
    CHECK(second.files[0].rowsSkipped() == 0);
    RecordStore store(f.storage);
    auto rows = store.honourRows();
    CHECK(rows.size() == 4);
    const HonourRow* wang = honourOf(rows, "王芳", "三八红旗手");
    REQUIRE(wang);
    CHECK(wang->awardId == wangAward);
    CHECK(wang->status == "撤销");
    CHECK(wang->docNumber == "临妇字〔2026〕40号");
    CHECK(f.storage.count("person") == 2);   // 李娜 found again by name in 和平社区

    ImportStore imports(f.storage);
    imports.undo(second.files[0].batch);
    rows = store.honourRows();
    CHECK(rows.size() == 3);
    CHECK(honourOf(rows, "王芳", "三八红旗手")->status == "命名");
    CHECK(honourOf(rows, "王芳", "三八红旗手")->docNumber == "临妇字〔2026〕5号");
    imports.undo(first.files[0].batch);
    CHECK(store.honourRows().empty());
    CHECK(f.storage.count("person") == 0);
}

// ------------------------------------------------------------ posts

TEST_CASE("posts from openpyxl: the post, its level and state as award events; bad rows named") {
    Fixture f;
    f.units();
    const auto r = f.run(RosterKind::Posts, records("posts_openpyxl.xlsx"));
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    const auto& file = r.files[0];
    CHECK(file.rowsRead() == 8);
    CHECK(file.rowsImported() == 3);
    CHECK(file.rowsSkipped() == 5);
    const auto byRow = problemsByRow(file);
    CHECK(byRow.at(6).count(roster::code::kPostNameMissing) == 1);
    CHECK(byRow.at(7).count(roster::code::kLevelInvalid) == 1);
    CHECK(contains(problemAt(file, 7)->message, "区、市、省、全国"));
    CHECK(byRow.at(8).count(roster::code::kStatusInvalid) == 1);
    CHECK(contains(problemAt(file, 8)->message, "已完成"));
    CHECK(byRow.at(9).count(roster::code::kCountInvalid) == 1);
    CHECK(byRow.at(10).count(roster::code::kNotWritten) == 1);
    CHECK(contains(problemAt(file, 10)->message, "江北街道"));
    CHECK(f.storage.count("post") == 3);

    PostStore store(f.storage);
    const auto list = store.rows({}, "2026-06-30");
    REQUIRE(list.size() == 3);
    std::map<std::string, PostListRow> byName;
    for (const PostListRow& p : list) byName[p.post.name] = p;
    const PostListRow& toll = byName.at("收费一班");
    CHECK(toll.post.workUnit == "临江区税务局");
    CHECK(toll.unitName == "滨江街道");
    CHECK(toll.post.members == 12);
    CHECK(toll.post.womenMembers == 9);
    CHECK(toll.post.contactName == "陈静");
    CHECK(toll.post.contactPhone == "13812345678");
    CHECK(toll.level == "区");
    CHECK(toll.status == "命名");
    CHECK(toll.year == 2024);
    CHECK(toll.docNumber == "临妇字〔2024〕30号");
    const auto timeline = store.timeline(toll.post.id);
    REQUIRE(timeline.size() == 2);
    CHECK(timeline[0].event.status == "申报");
    CHECK(timeline[0].event.happenedOn == "2024-03-01");
    CHECK(timeline[1].event.status == "命名");
    CHECK(timeline[1].event.happenedOn == "2024-12-20");
    CHECK(timeline[1].event.docNumber == "临妇字〔2024〕30号");
    const PostListRow& desk = byName.at("导诊服务台");
    CHECK(desk.level == "市");
    CHECK(desk.status == "申报");
    CHECK(desk.year == 2026);
    REQUIRE(store.timeline(desk.post.id).size() == 1);
    CHECK(store.timeline(desk.post.id)[0].event.happenedOn == "2026-03-01");
    const PostListRow& window = byName.at("窗口服务组");
    CHECK(window.status == "考核验收");
    CHECK(window.year == 2025);
    CHECK(window.unitName == "");
}

TEST_CASE("posts: re-import updates the post and records its state change as an event; undo takes it all back") {
    Fixture f;
    f.units();
    const auto first = f.run(RosterKind::Posts, records("posts_openpyxl.xlsx"));
    REQUIRE(first.status == RosterImportResult::Status::Committed);
    TempFile csv("posts.csv",
                 "岗位名称,所在单位,当前级别,状态,年度,命名日期,文号,人数,女职工人数\n"
                 "收费一班,临江区税务局,区,命名,2024,2024-12-20,临妇字〔2024〕30号,12,9\n"   // unchanged
                 "窗口服务组,临江区政务中心,区,命名,2025,2026-05-20,临妇字〔2026〕12号,11,9\n"  // named now, more members
                 "便民服务岗,临江区邮政局,区,申报,2026,,,,\n"                               // new, no date: the import's day
                 "值班室,临江区邮政局,区,申报,,,,,\n");                                    // no year, no date: a problem
    const auto second = f.run(RosterKind::Posts, csv.path);
    REQUIRE(second.status == RosterImportResult::Status::Committed);
    CHECK(second.files[0].rowsUpdated() == 1);
    CHECK(second.files[0].rowsImported() == 1);
    CHECK(second.files[0].rowsSkipped() == 1);
    CHECK(problemsByRow(second.files[0]).at(5).count(roster::code::kYearInvalid) == 1);
    CHECK(contains(problemAt(second.files[0], 5)->message, "请填写年度"));
    CHECK(f.storage.count("post") == 4);
    PostStore store(f.storage);
    RowId window = 0, counter = 0;
    for (const PostListRow& p : store.rows({}, "2026-06-30")) {
        if (p.post.name == "窗口服务组") {
            window = p.post.id;
            CHECK(p.status == "命名");
            CHECK(p.docNumber == "临妇字〔2026〕12号");
            CHECK(p.post.members == 11);
            CHECK(p.post.womenMembers == 9);
        }
        if (p.post.name == "便民服务岗") counter = p.post.id;
    }
    REQUIRE(window);
    REQUIRE(counter);
    const auto timeline = store.timeline(window);
    REQUIRE(timeline.size() == 3);   // 申报 (2025-04-02), 考核验收 (first import), 命名 (this one)
    CHECK(timeline.back().event.status == "命名");
    CHECK(timeline.back().event.happenedOn == "2026-05-20");
    CHECK(store.awardsOf(window).size() == 1);   // the same award moved on, not a second one
    CHECK(store.timeline(counter).at(0).event.happenedOn == "2026-06-30");

    ImportStore imports(f.storage);
    imports.undo(second.files[0].batch);
    CHECK(f.storage.count("post") == 3);
    CHECK(store.timeline(window).size() == 2);
    CHECK(store.post(window)->members == 10);
    for (const PostListRow& p : store.rows({}, "2026-06-30"))
        if (p.post.name == "窗口服务组") CHECK(p.status == "考核验收");
    imports.undo(first.files[0].batch);
    CHECK(f.storage.count("post") == 0);
    CHECK(f.storage.count("award") == 0);
    CHECK(f.storage.count("award_event") == 0);
}

// ------------------------------------------------------------ activities

TEST_CASE("activities from openpyxl: dates in every spelling, bad rows named, future dates refused") {
    Fixture f;
    f.units();
    const auto r = f.run(RosterKind::Activities, records("activities_openpyxl.xlsx"));
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    const auto& file = r.files[0];
    CHECK(file.rowsRead() == 7);
    CHECK(file.rowsImported() == 3);
    CHECK(file.rowsSkipped() == 4);
    const auto byRow = problemsByRow(file);
    CHECK(byRow.at(2).count(roster::code::kUnknownColumn) == 1);   // 地点
    CHECK(byRow.at(6).count(roster::code::kDateInvalid) == 1);
    CHECK(contains(problemAt(file, 6)->message, "2026-13-01"));
    CHECK(byRow.at(7).count(roster::code::kActivityNameMissing) == 1);
    CHECK(byRow.at(8).count(roster::code::kNotWritten) == 1);
    CHECK(contains(problemAt(file, 8)->message, "晚于今天"));
    CHECK(byRow.at(9).count(roster::code::kCountInvalid) == 1);

    ActivityStore store(f.storage);
    const auto list = store.list();
    REQUIRE(list.size() == 3);
    std::map<std::string, ActivityRow> byName;
    for (const ActivityRow& a : list) byName[a.activity.name] = a;
    CHECK(byName.at("三八妇女节宣传").activity.heldOn == "2026-03-08");
    CHECK(byName.at("三八妇女节宣传").unitName == "幸福社区");
    CHECK(byName.at("三八妇女节宣传").activity.kind == "宣传");
    CHECK(byName.at("三八妇女节宣传").activity.participants == 120);
    CHECK(byName.at("困难妇女走访慰问").activity.heldOn == "2026-01-20");
    CHECK(byName.at("困难妇女走访慰问").activity.participants == 15);
    CHECK(byName.at("困难妇女走访慰问").activity.note == "发放慰问品");
    CHECK(byName.at("家庭教育讲座").activity.heldOn == "2026-05-10");
    CHECK(byName.at("家庭教育讲座").unitName == "");
}

TEST_CASE("activities: re-import updates the same name, date and unit; undo restores") {
    Fixture f;
    f.units();
    const auto first = f.run(RosterKind::Activities, records("activities_openpyxl.xlsx"));
    REQUIRE(first.status == RosterImportResult::Status::Committed);
    TempFile csv("activities.csv",
                 "活动名称,日期,单位,类型,参与人数,备注\n"
                 "三八妇女节宣传,2026/3/8,幸福社区,宣传,150,补录签到\n"   // updated
                 "困难妇女走访慰问,2026年1月20日,滨江街道,帮扶,15,发放慰问品\n" // unchanged
                 "三八妇女节宣传,2026-03-08,和平社区,宣传,60,\n");         // another unit: new
    const auto second = f.run(RosterKind::Activities, csv.path);
    REQUIRE(second.status == RosterImportResult::Status::Committed);
    CHECK(second.files[0].rowsUpdated() == 1);
    CHECK(second.files[0].rowsImported() == 1);
    CHECK(f.storage.count("activity") == 4);
    CHECK(f.scalar("SELECT participants FROM activity a JOIN org_unit u ON u.id = a.unit_id"
                   " WHERE a.name = '三八妇女节宣传' AND u.name = '幸福社区'") == 150);
    ImportStore imports(f.storage);
    imports.undo(second.files[0].batch);
    CHECK(f.storage.count("activity") == 3);
    CHECK(f.scalar("SELECT participants FROM activity WHERE name = '三八妇女节宣传'") == 120);
    imports.undo(first.files[0].batch);
    CHECK(f.storage.count("activity") == 0);
}

// ------------------------------------------------------------ templates

TEST_CASE("every template written by writeImportTemplate imports onto the units template with no problem") {
    Fixture f;
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("jinguo_tpl_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto written = [&](RosterKind kind) {
        const std::string path = (dir / importTemplateFileName(kind)).string();
        REQUIRE(writeImportTemplate(kind, path).empty());
        return path;
    };
    auto problemsOf = [](const RosterImportResult& r) {
        std::size_t problems = 0;
        for (const auto& s : r.files[0].sheets) problems += s.problems.size() + s.problemRows.size();
        return problems;
    };
    const auto units = f.run(RosterKind::Units, written(RosterKind::Units));
    REQUIRE(units.status == RosterImportResult::Status::Committed);
    CHECK(units.files[0].rowsSkipped() == 0);
    CHECK(problemsOf(units) == 0);
    // Rows each example makes, in the table it lands in.
    const std::map<RosterKind, std::pair<const char*, int>> lands = {
        {RosterKind::Volunteers, {"person", 1}}, {RosterKind::Families, {"family", 1}},
        {RosterKind::Targets, {"target", 4}},    {RosterKind::Indicators, {"manual_indicator", 3}},
        {RosterKind::Honours, {"award", 3}},     {RosterKind::Posts, {"post", 2}},
        {RosterKind::Activities, {"activity", 2}}, {RosterKind::Reviews, {"award_event", 1}}};
    int imported = 0;
    for (RosterKind kind : roster::allKinds()) {
        if (kind == RosterKind::Units) continue;
        const std::string key = roster::kindKey(kind);
        CAPTURE(key);
        const auto land = lands.find(kind);
        REQUIRE(land != lands.end());
        const std::int64_t before = f.storage.count(land->second.first);
        const auto r = f.run(kind, written(kind));
        REQUIRE_MESSAGE(!r.files.empty(), r.error);
        for (const auto& s : r.files[0].sheets)
            for (const auto& p : s.problems) MESSAGE(key << " " << s.name << " " << p.row << " " << p.code << " " << p.message);
        REQUIRE_MESSAGE(r.status == RosterImportResult::Status::Committed, r.error);
        const auto& file = r.files[0];
        CHECK(file.rowsSkipped() == 0);
        // Every example row written (families: one household, a row per title).
        CHECK(file.rowsImported() + file.rowsUpdated() == static_cast<int>(importTemplate(kind)[0].rows.size()));
        CHECK(file.unitsUnknown == 0);          // 幸福社区, 滨江街道 … are in the units template
        CHECK(problemsOf(r) == 0);              // no 错误 and no 提醒 either
        CHECK(file.notes.size() == 1);          // the 填写说明 sheet, left out
        CHECK(f.storage.count(land->second.first) - before == land->second.second);
        ++imported;
    }
    CHECK(imported == static_cast<int>(roster::allKinds().size()) - 1);
    std::filesystem::remove_all(dir);
}
