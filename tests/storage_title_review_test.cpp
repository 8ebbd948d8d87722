// storage_title_review_test.cpp — 复核 in bulk (storage/title_review.hpp):
// the filter takes a street's communities; 保留 makes a 待复核/已过期 title
// 有效 again and it counts; 撤销 stops it counting in rates and targets; the
// whole decision is one undo step; refusals write nothing. Real SQLite files.
#include <doctest/doctest.h>

#include "storage/aggregates.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_events.hpp"
#include "storage/title_review.hpp"
#include "storage/title_standing_sql.hpp"
#include "storage/undo_store.hpp"
#include "support/title_world.hpp"
#include "temp_db.hpp"

#include <algorithm>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

// 临江区 ─┬ 江滨街道 ─┬ 望月社区 (10 households)
//         │           └ 临波社区 (10)
//         └ 城东街道 ── 东门社区 (10)
struct World {
    test::TempDbPath path;
    Storage s{path.str()};
    SettingsStore settings{s};
    RowId district = 0, street = 0, moon = 0, wave = 0, east = 0, eastGate = 0;
    int families = 0;

    World() {
        district = s.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
        street = s.insertUnit({0, district, "江滨街道", UnitKind::Street, 0, 1});
        moon = s.insertUnit({0, street, "望月社区", UnitKind::Community, 10, 1});
        wave = s.insertUnit({0, street, "临波社区", UnitKind::Community, 10, 2});
        east = s.insertUnit({0, district, "城东街道", UnitKind::Street, 0, 2});
        eastGate = s.insertUnit({0, east, "东门社区", UnitKind::Community, 10, 1});
    }
    RowId title() { return s.awardTitleId("平安家庭", "family", "社区"); }
    // A family of `unit` holding 平安家庭 named on `namedOn`.
    RowId named(RowId unit, const std::string& namedOn, const std::string& head = "户主") {
        Family f;
        f.headName = head;
        f.address = "地址" + std::to_string(++families);
        f.unitId = unit;
        Award a;
        a.titleId = title();
        a.year = std::stoi(namedOn.substr(0, 4));
        a.familyId = s.insertFamily(f);
        a.unitId = unit;
        const RowId id = s.insertAward(a);
        AwardEvent e;
        e.awardId = id;
        e.status = toWord(AwardStatus::Name);
        e.happenedOn = namedOn;
        s.insertAwardEvent(e);
        return id;
    }
    std::string status(RowId award) {
        Statement st = s.db().prepare("SELECT status FROM award WHERE id = ?");
        st.bind(1, award);
        REQUIRE(st.step());
        return st.columnText(0);
    }
    long long events() {
        Statement st = s.db().prepare("SELECT count(*) FROM award_event");
        REQUIRE(st.step());
        return st.columnInt(0);
    }
    // Titled households of 江滨街道's communities on the 2026 rate board.
    double streetRate2026() {
        BoardQuery q;
        q.board = Board::Communities;
        q.metric = BoardMetric::Rate;
        q.period = Period::ofYear(2026);
        q.today = {2026, 11, 29};
        double sum = 0;
        for (const BoardRow& r : Aggregates(s).board(q).rows)
            if (r.id == moon || r.id == wave) sum += r.numerator;
        return sum;
    }
    std::vector<RowId> idsOf(const std::vector<ReviewableTitle>& rows) {
        std::vector<RowId> out;
        for (const ReviewableTitle& r : rows) out.push_back(r.awardId);
        std::sort(out.begin(), out.end());
        return out;
    }
};

constexpr const char* kToday = "2026-11-29";

} // namespace

TEST_CASE("复核 in bulk: a street takes its communities; 保留 makes 已过期 titles count again, one undo step") {
    World w;
    // Named 2022-06-30 with 3 years' validity and 6 months' grace: 待复核 from
    // 2025-06-30, 已过期 from 2025-12-30 — not counting on 2026-12-31.
    const RowId a = w.named(w.moon, "2022-06-30", "王芳");
    const RowId b = w.named(w.wave, "2022-06-30", "李娟");
    const RowId other = w.named(w.eastGate, "2022-06-30", "赵敏");
    const RowId fresh = w.named(w.moon, "2025-03-01", "孙丽");   // 有效: not listed
    w.settings.setTitleValidity(w.title(), 3);
    CHECK(w.streetRate2026() == 1);   // only the fresh one counts

    TitleReviewFilter filter;
    filter.unitId = w.street;
    filter.title = "平安家庭";
    const std::vector<ReviewableTitle> due = titlesForReview(w.s, filter, kToday);
    CHECK(w.idsOf(due) == std::vector<RowId>{a, b});
    for (const ReviewableTitle& r : due) CHECK(r.standing.standing == TitleStanding::Expired);
    filter.standings = {};
    CHECK(w.idsOf(titlesForReview(w.s, filter, kToday)) == std::vector<RowId>{a, b, fresh});
    filter.unitId = w.district;
    filter.standings = {TitleStanding::Expired};
    CHECK(w.idsOf(titlesForReview(w.s, filter, kToday)) == std::vector<RowId>{a, b, other});
    filter.year = 2025;
    CHECK(titlesForReview(w.s, filter, kToday).empty());

    const long long eventsBefore = w.events();
    reviewTitles(w.s, {a, b}, {ReviewResult::Keep, "2026-11-20", "区妇字〔2026〕12号", "年度复核"}, kToday);
    CHECK(w.status(a) == "复核");
    CHECK(w.status(b) == "复核");
    CHECK(w.events() == eventsBefore + 2);
    const std::vector<AwardEvent> history = titleEvents(w.s, a);
    REQUIRE(history.size() == 2);
    CHECK(history.back().status == "复核");
    CHECK(history.back().happenedOn == "2026-11-20");
    CHECK(history.back().docNumber == "区妇字〔2026〕12号");
    CHECK(history.back().note == "年度复核");
    filter = {};
    filter.unitId = w.street;
    filter.standings = {TitleStanding::Valid};
    CHECK(w.idsOf(titlesForReview(w.s, filter, kToday)) == std::vector<RowId>{a, b, fresh});
    CHECK(w.streetRate2026() == 3);
    CHECK(w.status(other) == "命名");

    UndoStore undo(w.s);
    const auto step = undo.lastStep();
    REQUIRE(step);
    CHECK(step->label == "复核保留 2 个称号");
    REQUIRE(undo.undoLast());   // one Ctrl+Z takes back both
    CHECK(w.status(a) == "命名");
    CHECK(w.status(b) == "命名");
    CHECK(w.events() == eventsBefore);
    CHECK(w.streetRate2026() == 1);
}

TEST_CASE("撤销 in bulk: revoked titles stop counting in rates and targets") {
    World w;
    const RowId a = w.named(w.moon, "2024-05-01");
    const RowId b = w.named(w.wave, "2024-05-01");
    CHECK(w.streetRate2026() == 2);
    Target t;
    t.unitId = w.moon;
    t.year = 2026;
    t.metric = "title_rate";
    t.titleId = w.title();
    t.goal = 0.5;
    w.s.insertTarget(t);
    auto moonTarget = [&] {
        const TargetsReport report = Aggregates(w.s).targets(2026, Date{2026, 11, 29});
        REQUIRE(report.lines.size() == 1);
        return report.lines.front().facts.numerator;
    };
    CHECK(moonTarget() == 1);

    reviewTitles(w.s, {a, b}, {ReviewResult::Revoke, "2026-11-01", "区妇字〔2026〕13号", "不再符合条件"}, kToday);
    CHECK(w.status(a) == "撤销");
    CHECK(w.streetRate2026() == 0);
    CHECK(moonTarget() == 0);
    // A revoked title is no longer offered for 复核.
    TitleReviewFilter filter;
    filter.standings = {};
    CHECK(titlesForReview(w.s, filter, kToday).empty());
    REQUIRE(UndoStore(w.s).undoLast());
    CHECK(w.streetRate2026() == 2);
    CHECK(moonTarget() == 1);
}

TEST_CASE("复核 refuses, in Chinese and writing nothing: no title, a future date, a date before the naming") {
    World w;
    const RowId a = w.named(w.moon, "2022-06-30");
    const RowId late = w.named(w.moon, "2026-10-01");
    const long long before = w.events();
    const auto stepBefore = UndoStore(w.s).lastStep();
    auto refusal = [&](const std::vector<RowId>& ids, const std::string& date) {
        try {
            reviewTitles(w.s, ids, {ReviewResult::Keep, date, "文号", ""}, kToday);
        } catch (const StorageError& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    CHECK(refusal({}, "2026-11-01").find("没有选中") != std::string::npos);
    CHECK(refusal({a}, "2026-11-30").find("今天") != std::string::npos);
    CHECK(refusal({a}, "2026-02-30").find("格式") != std::string::npos);
    const std::string early = refusal({a, late}, "2026-09-01");
    CHECK(early.find("早于命名日期") != std::string::npos);
    CHECK(early.find("2026-10-01") != std::string::npos);
    CHECK(w.events() == before);
    CHECK(w.status(a) == "命名");
    const auto stepAfter = UndoStore(w.s).lastStep();
    CHECK(stepAfter.has_value() == stepBefore.has_value());
    if (stepAfter && stepBefore) CHECK(stepAfter->label == stepBefore->label);
    // Revoked once, it cannot be reviewed again.
    reviewTitles(w.s, {a}, {ReviewResult::Revoke, "2026-11-01", "", ""}, kToday);
    CHECK(refusal({a}, "2026-11-02").find("不再有效") != std::string::npos);
}

TEST_CASE("the result words a sheet or the command line may use") {
    CHECK(parseReviewResult("保留") == ReviewResult::Keep);
    CHECK(parseReviewResult(" 复核通过 ") == ReviewResult::Keep);
    CHECK(parseReviewResult("撤销") == ReviewResult::Revoke);
    CHECK(parseReviewResult("撤消") == ReviewResult::Revoke);
    CHECK_FALSE(parseReviewResult("待定"));
    CHECK(reviewStepLabel(ReviewResult::Revoke, 128) == "复核撤销 128 个称号");
}

namespace {

std::vector<RowId> idsOf(const std::vector<ReviewableTitle>& rows) {
    std::vector<RowId> ids;
    for (const ReviewableTitle& r : rows) ids.push_back(r.awardId);
    return ids;
}

} // namespace

TEST_CASE("the 待复核/已过期 lists, read from the held ranges near their lapse (0028), equal the full judgement of every held title") {
    test::TitleWorld w(600);   // half the family titles expire, histories at random
    Storage& s = w.s;
    const std::vector<std::vector<TitleStanding>> standingSets = {
        {TitleStanding::DueForReview}, {TitleStanding::Expired}, {TitleStanding::DueForReview, TitleStanding::Expired}};
    std::size_t listed = 0, compared = 0;
    auto compare = [&](TitleReviewFilter filter, const std::string& day) {
        TitleReviewFilter everyHeld = filter;
        everyHeld.standings = {};
        const std::vector<ReviewableTitle> all = titlesForReview(s, everyHeld, day);
        for (const auto& standings : standingSets) {
            filter.standings = standings;
            std::vector<RowId> expected;
            for (const ReviewableTitle& r : all)
                if (std::find(standings.begin(), standings.end(), r.standing.standing) != standings.end())
                    expected.push_back(r.awardId);
            INFO("day " << day << " unit " << filter.unitId << " title " << filter.title << " level " << filter.level
                        << " year " << filter.year << " kind " << filter.subjectKind << " standings " << standings.size());
            const std::vector<RowId> got = idsOf(titlesForReview(s, filter, day));
            CHECK(got == expected);   // same rows, same order
            listed += got.size();
            ++compared;
        }
    };
    for (const char* day : {"2022-06-30", "2024-12-31", "2026-03-31", "2027-12-31", "2030-12-31"})
        for (RowId unit : {RowId{0}, w.d.streets.at(0), w.d.community(2)})
            for (const char* title : {"", "平安家庭"})
                for (int year : {0, 2024}) {
                    TitleReviewFilter f;
                    f.unitId = unit;
                    f.title = title;
                    f.year = year;
                    compare(f, day);
                }
    for (const char* level : {"社区", "区"})
        for (const char* kind : {"family", "person"}) {
            TitleReviewFilter f;
            f.level = level;
            f.subjectKind = kind;
            compare(f, "2026-12-31");
        }
    // After 复核 and a validity removed, the two still agree.
    const std::vector<ReviewableTitle> due = titlesForReview(s, {}, "2026-12-05");
    REQUIRE(due.size() > 20);
    std::vector<RowId> ids = idsOf(due);
    ids.resize(20);
    reviewTitles(s, ids, {ReviewResult::Keep, "2026-12-05", "临妇字〔2026〕9号", "复核合格"}, "2026-12-05");
    SettingsStore(s).setTitleValidity(w.titles[1], std::nullopt);
    compare({}, "2026-12-31");
    compare({}, "2029-06-30");
    CHECK(compared >= 198);
    CHECK(listed > 1000);   // the lists compared were not empty
}
