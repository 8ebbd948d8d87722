// storage_title_review_import_test.cpp — a 复核 result sheet imported (kind
// reviews): each good row 保留s or 撤销s the one held title it names, through
// storage::reviewTitles; a family not found, a title it does not hold and an
// unknown result word are problems naming the row, in Chinese, and write
// nothing; the batch undoes in one step. CSV written here, real SQLite file.
#include <doctest/doctest.h>

#include "core/record_import.hpp"
#include "storage/import_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "storage/title_events.hpp"
#include "storage/undo_store.hpp"
#include "temp_db.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <unistd.h>

using namespace jinguo;
using namespace jinguo::storage;
using roster::RosterKind;

namespace {

struct Fixture {
    test::TempDbPath db;
    Storage storage{db.str()};
    RowId community = 0;
    std::string csv = (std::filesystem::temp_directory_path() /
                       ("jinguo_review_import_" + std::to_string(::getpid()) + ".csv")).string();

    Fixture() {
        const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        const RowId street = storage.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 1});
        community = storage.insertUnit({0, street, "望月社区", UnitKind::Community, 10, 1});
    }
    ~Fixture() { std::filesystem::remove(csv); }
    RowId named(const std::string& head, const std::string& address, const std::string& title, const std::string& namedOn) {
        Family f;
        f.headName = head;
        f.address = address;
        f.unitId = community;
        Statement find = storage.db().prepare("SELECT id FROM family WHERE head_name = ? AND address = ?");
        find.bind(1, head).bind(2, address);
        const RowId family = find.step() ? find.columnInt(0) : storage.insertFamily(f);
        find.reset();
        Award a;
        a.titleId = storage.awardTitleId(title, "family", "社区");
        REQUIRE(a.titleId != 0);
        a.year = std::stoi(namedOn.substr(0, 4));
        a.familyId = family;
        a.unitId = community;
        const RowId id = storage.insertAward(a);
        AwardEvent e;
        e.awardId = id;
        e.status = toWord(AwardStatus::Name);
        e.happenedOn = namedOn;
        storage.insertAwardEvent(e);
        return id;
    }
    RosterImportResult run(const std::string& text, bool dryRun = false) {
        std::ofstream(csv, std::ios::binary) << text;
        RosterImportRequest r;
        r.kind = RosterKind::Reviews;
        r.files = {csv};
        r.keepProblemRows = true;
        r.dryRun = dryRun;
        r.today = "2026-11-29";
        return runRosterImport(storage, r);
    }
    std::string status(RowId award) {
        Statement st = storage.db().prepare("SELECT status FROM award WHERE id = ?");
        st.bind(1, award);
        REQUIRE(st.step());
        return st.columnText(0);
    }
};

std::map<int, std::string> problemCodes(const roster::FileImportReport& f) {
    std::map<int, std::string> out;
    for (const auto& s : f.sheets)
        for (const auto& p : s.problems) {
            MESSAGE(p.row << " " << p.code << " " << p.message);
            out[p.row] = p.code;
        }
    return out;
}

const char* kSheet =
    "户主,住址,身份证号,称号,级别,年度,结果,复核日期,文号,原因\n"
    "王芳,望月路1号,,平安家庭,,,保留,2026-05-10,区妇字〔2026〕12号,年度复核\n"        // row 2: kept
    "李娟,望月路2号,,平安家庭,社区,2022,撤销,2026-05-10,区妇字〔2026〕12号,已搬离\n"  // row 3: revoked
    "张三,不存在路9号,,平安家庭,,,保留,,,\n"                                           // row 4: no such family
    "王芳,望月路1号,,五好文明家庭,,,保留,,,\n"                                         // row 5: not held
    "赵敏,望月路3号,,平安家庭,,,待定,,,\n"                                             // row 6: unknown result
    "赵敏,望月路3号,,平安家庭,,,保留,2020-01-01,,\n";                                  // row 7: before the naming

} // namespace

TEST_CASE("a 复核 result sheet: good rows 保留/撤销, bad rows reported in Chinese, the batch undone in one step") {
    Fixture f;
    const RowId wang = f.named("王芳", "望月路1号", "平安家庭", "2022-06-30");
    const RowId li = f.named("李娟", "望月路2号", "平安家庭", "2022-06-30");
    const RowId zhao = f.named("赵敏", "望月路3号", "平安家庭", "2023-03-01");
    const std::int64_t eventsBefore = f.storage.count("award_event");

    // A dry run writes nothing and already says what is wrong.
    const RosterImportResult check = f.run(kSheet, true);
    CHECK(f.status(wang) == "命名");
    CHECK(f.storage.count("award_event") == eventsBefore);
    CHECK(problemCodes(check.files[0]).size() == 4);

    const RosterImportResult r = f.run(kSheet);
    INFO(r.error);
    REQUIRE(r.status == RosterImportResult::Status::Committed);
    const roster::FileImportReport& file = r.files[0];
    CHECK(file.rowsUpdated() == 2);
    CHECK(file.rowsSkipped() == 4);
    const auto codes = problemCodes(file);
    CHECK(codes == std::map<int, std::string>{{4, roster::code::kHolderNotFound},
                                             {5, roster::code::kTitleNotHeld},
                                             {6, roster::code::kResultInvalid},
                                             {7, roster::code::kNotWritten}});
    for (const auto& s : file.sheets)
        for (const auto& p : s.problems) {
            if (p.row == 4) CHECK(p.message.find("找不到户主“张三”") != std::string::npos);
            if (p.row == 5) CHECK(p.message.find("没有在册的“五好文明家庭”") != std::string::npos);
            if (p.row == 6) CHECK(p.message.find("“待定”不认识") != std::string::npos);
            if (p.row == 7) CHECK(p.message.find("早于命名日期") != std::string::npos);
        }

    CHECK(f.status(wang) == "复核");
    CHECK(f.status(li) == "撤销");
    CHECK(f.status(zhao) == "命名");
    const std::vector<AwardEvent> history = titleEvents(f.storage, li);
    REQUIRE(history.size() == 2);
    CHECK(history.back().status == "撤销");
    CHECK(history.back().happenedOn == "2026-05-10");
    CHECK(history.back().docNumber == "区妇字〔2026〕12号");
    CHECK(history.back().note == "已搬离");

    // 撤销 the batch in 导入: every result of the file goes back at once.
    ImportStore(f.storage).undo(file.batch);
    CHECK(f.status(wang) == "命名");
    CHECK(f.status(li) == "命名");
    CHECK(f.storage.count("award_event") == eventsBefore);
}
