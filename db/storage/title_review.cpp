// title_review.cpp — see title_review.hpp.
#include "storage/title_review.hpp"

#include "core/periods.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "storage/audited_change.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/title_events.hpp"
#include "storage/title_standings.hpp"
#include "storage/unit_subtree.hpp"

#include <algorithm>
#include <unordered_map>

namespace jinguo::storage {

namespace {

// Held family and person titles with what the standing rule reads (latest
// 命名, latest 复核 on or before ?1), filtered in SQL by unit subtree (?2),
// title (?3), level (?4), year (?5), subject kind (?6) and award ids. In the
// list's pinyin order: the keys review_title_order keeps (migration 0045;
// every held family or person title has its row there). Grouped by every
// joined table's key (one row each per award): PostgreSQL reads their columns
// only then; SQLite's plan is the same as by a.id alone.
std::string reviewSelect(const std::string& extraWhere) {
    return withWords(R"(
        WITH RECURSIVE subtree(id) AS (
            SELECT CAST(?2 AS bigint) UNION SELECT c.id FROM org_unit c JOIN subtree s ON c.parent_id = s.id)
        SELECT a.id, t.subject_kind, coalesce(f.head_name, p.name, ''), coalesce(u.name, ''), t.name, t.level,
               coalesce(k.unit_key, ''), coalesce(k.holder_key, ''), )" + sqlTitleLifeColumns("?1") + R"(
        FROM award a JOIN award_title t ON t.id = a.title_id
        LEFT JOIN family f ON f.id = a.family_id
        LEFT JOIN person p ON p.id = a.person_id
        LEFT JOIN org_unit u ON u.id = coalesce(a.unit_id, f.unit_id, p.unit_id)
        LEFT JOIN review_title_order k ON k.award_id = a.id
        LEFT JOIN award_event e ON e.award_id = a.id
        WHERE (a.family_id IS NOT NULL OR a.person_id IS NOT NULL) AND a.status IN {held}
          AND (?2 = 0 OR coalesce(a.unit_id, f.unit_id, p.unit_id) IN (SELECT id FROM subtree))
          AND (CAST(?3 AS text) = '' OR t.name = ?3) AND (CAST(?4 AS text) = '' OR t.level = ?4) AND (?5 = 0 OR a.year = ?5)
          AND (CAST(?6 AS text) = '' OR t.subject_kind = ?6) )" + extraWhere + R"(
        GROUP BY a.id, t.id, f.id, p.id, u.id, k.award_id
        ORDER BY coalesce(k.unit_key, ''), coalesce(k.holder_key, ''), t.name, a.year, a.id)");
}

ReviewableTitle readReviewable(const Statement& st, int grace, std::string_view day) {
    ReviewableTitle r;
    r.awardId = st.columnInt(0);
    r.subjectKind = st.columnText(1);
    r.holder = st.columnText(2);
    r.unitName = st.columnText(3);
    r.title = st.columnText(4);
    r.level = st.columnText(5);
    r.unitKey = st.columnText(6);
    r.holderKey = st.columnText(7);
    const TitleLife life = readTitleLife(st, 8, grace);
    r.year = life.year;
    r.standing = titleStandingDetailOn(life, day);
    return r;
}

} // namespace

std::vector<ReviewableTitle> titlesForReview(Storage& storage, const TitleReviewFilter& filter, std::string_view day) {
    const int grace = graceMonths(storage);
    // 待复核 and 已过期 need a validity (the rule calls a title without one
    // 有效 for good): asked for those alone, only candidates are read and
    // judged, not every held title of the region.
    const auto& keep = filter.standings;
    const bool needsValidity = !keep.empty() && std::all_of(keep.begin(), keep.end(), [](TitleStanding s) {
        return s == TitleStanding::DueForReview || s == TitleStanding::Expired;
    });
    // Only titles whose range ends by ?7 (day + grace + 1 month: the lapse of
    // a due title is at most day + grace, give or take the month-end
    // clamping) or whose history holds a date the rule cannot read can be
    // either (migration 0028's indexes); the rule below still judges each.
    // A range cut short by a 复核 on or before the day (the next range starts
    // where it ends) is history, not the title's standing: skipped.
    const std::string candidates = withWords(
        " AND t.valid_years IS NOT NULL AND a.id IN ("
        "SELECT s.award_id FROM award_held_span s WHERE s.held_until IS NOT NULL AND s.held_until <= ?7"
        " AND NOT EXISTS (SELECT 1 FROM award_held_span n"
        "                 WHERE n.award_id = s.award_id AND n.held_from = s.held_until AND n.held_from <= ?1)"
        " UNION SELECT award_id FROM award_event WHERE status IN {held}"
        " AND " + storage.db().dialect().isNotCalendarDay("happened_on") + ")");
    Statement st = storage.db().prepare(reviewSelect(needsValidity ? candidates : ""));
    if (needsValidity) {
        const std::optional<Date> d = parseDate(day);
        // A day the rule cannot read: every range is a candidate.
        st.bind(7, d ? addMonthsClamped(day, grace + 1) : std::string("9999-12-31"));
    }
    st.bind(1, day).bind(2, filter.unitId).bind(3, trim(filter.title)).bind(4, filter.level).bind(5, filter.year)
        .bind(6, filter.subjectKind);
    std::vector<ReviewableTitle> out;
    while (st.step()) {
        ReviewableTitle r = readReviewable(st, grace, day);
        if (!keep.empty() && std::find(keep.begin(), keep.end(), r.standing.standing) == keep.end()) continue;
        out.push_back(std::move(r));
    }
    return out;
}

// ---- 全部有效, a page at a time

namespace {

// A subtree holding at most 1/kUnitWalkShare of the listed titles is read
// through review_title_order_unit and sorted; a larger one by walking the
// list's order and testing each row's unit.
constexpr std::int64_t kUnitWalkShare = 8;

struct HeldPlan {
    std::string units;      // the subtree's ids as a JSON array; "" = any unit
    bool byUnit = false;
};

std::int64_t scalar(Statement& st) { return st.step() ? st.columnInt(0) : 0; }

HeldPlan heldPlanFor(Database& db, const TitleReviewFilter& f, bool counting) {
    HeldPlan plan;
    if (f.unitId == 0) return plan;
    plan.units = unitSubtreeJson(db, f.unitId);
    if (counting) {
        plan.byUnit = true;   // a count reads the subtree's index entries only
        return plan;
    }
    // The subtree's share, counted only up to the threshold.
    Statement all = db.prepare("SELECT count(*) FROM review_title_order");
    const std::int64_t threshold = scalar(all) / kUnitWalkShare + 1;
    Statement some = db.prepare(
        "SELECT count(*) FROM (SELECT 1 FROM review_title_order INDEXED BY review_title_order_unit"
        " WHERE unit_id IN (SELECT value FROM json_each(?1)) LIMIT ?2)");
    some.bind(1, plan.units).bind(2, threshold);
    plan.byUnit = scalar(some) < threshold;
    return plan;
}

// FROM … WHERE of the rows that pass, from fixed fragments only: the joins
// and tests a filter does not need are left out (a count of everything is
// then the table's own count). Parameters: ?1 units, ?3 title, ?4 level,
// ?5 year, ?6 kind, ?7…?11 the key after.
std::string heldPassing(const HeldPlan& plan, const TitleReviewFilter& f, bool after) {
    const bool byTitleRow = !f.level.empty() || !f.subjectKind.empty();
    std::string sql = plan.byUnit ? " FROM review_title_order k INDEXED BY review_title_order_unit"
                                  : " FROM review_title_order k INDEXED BY review_title_order_list";
    if (byTitleRow) sql += " JOIN award_title t ON t.id = k.title_id";
    sql += " WHERE true";
    // `+` keeps the walk of the order from turning into look-ups by unit.
    if (!plan.units.empty())
        sql += plan.byUnit ? " AND k.unit_id IN (SELECT value FROM json_each(?1))"
                           : " AND +k.unit_id IN (SELECT value FROM json_each(?1))";
    if (!trim(f.title).empty()) sql += " AND k.title_name = ?3";
    if (!f.level.empty()) sql += " AND t.level = ?4";
    if (f.year != 0) sql += " AND k.year = ?5";
    if (!f.subjectKind.empty()) sql += " AND t.subject_kind = ?6";
    if (after)
        // The row value alone: SQLite then seeks the index by all of it (a
        // separate "unit_name >= ?" made it seek by the unit and test every
        // row of the unit before the key).
        sql += " AND (k.unit_key, k.holder_key, k.title_name, k.year, k.award_id) > (?7, ?8, ?9, ?10, ?11)";
    return sql;
}

void bindHeldPassing(Statement& st, const HeldPlan& plan, const TitleReviewFilter& f) {
    if (!plan.units.empty()) st.bind(1, plan.units);
    if (!trim(f.title).empty()) st.bind(3, trim(f.title));
    if (!f.level.empty()) st.bind(4, f.level);
    if (f.year != 0) st.bind(5, f.year);
    if (!f.subjectKind.empty()) st.bind(6, f.subjectKind);
}

} // namespace

ReviewListKey reviewListKeyOf(const ReviewableTitle& row) {
    return {row.unitKey, row.holderKey, row.title, row.year, row.awardId};
}

std::int64_t countHeldTitlesForReview(Storage& storage, const TitleReviewFilter& filter) {
    Database& db = storage.db();
    const HeldPlan plan = heldPlanFor(db, filter, true);
    Statement st = db.prepare("SELECT count(*)" + heldPassing(plan, filter, false));
    bindHeldPassing(st, plan, filter);
    return scalar(st);
}

std::vector<ReviewableTitle> heldTitlesForReviewPage(Storage& storage, const TitleReviewFilter& filter,
                                                     std::string_view day, const std::optional<ReviewListKey>& after,
                                                     std::int64_t offset, int limit) {
    Database& db = storage.db();
    const HeldPlan plan = heldPlanFor(db, filter, false);
    Statement ids = db.prepare("SELECT k.award_id" + heldPassing(plan, filter, after.has_value()) +
                               " ORDER BY k.unit_key, k.holder_key, k.title_name, k.year, k.award_id LIMIT ?12 OFFSET ?13");
    bindHeldPassing(ids, plan, filter);
    if (after)
        ids.bind(7, after->unitKey).bind(8, after->holderKey).bind(9, after->title).bind(10, after->year)
            .bind(11, after->awardId);
    ids.bind(12, limit).bind(13, after ? 0 : offset);
    std::string json = "[";
    while (ids.step()) {
        if (json.size() > 1) json += ',';
        json += std::to_string(ids.columnInt(0));
    }
    json += ']';
    if (json == "[]") return {};
    // The page's rows as titlesForReview reads them, judged by the rule.
    const int grace = graceMonths(storage);
    Statement st = db.prepare(reviewSelect(" AND a.id IN (SELECT value FROM json_each(?7))"));
    st.bind(1, day).bind(2, 0).bind(3, "").bind(4, "").bind(5, 0).bind(6, "").bind(7, json);
    std::vector<ReviewableTitle> out;
    while (st.step()) out.push_back(readReviewable(st, grace, day));
    return out;
}

std::vector<RowId> heldTitleIdsForReview(Storage& storage, const TitleReviewFilter& filter) {
    Database& db = storage.db();
    const HeldPlan plan = heldPlanFor(db, filter, false);
    Statement st = db.prepare("SELECT k.award_id" + heldPassing(plan, filter, false) +
                              " ORDER BY k.unit_key, k.holder_key, k.title_name, k.year, k.award_id");
    bindHeldPassing(st, plan, filter);
    std::vector<RowId> out;
    while (st.step()) out.push_back(st.columnInt(0));
    return out;
}

std::int64_t fillReviewTitleOrderKeys(Database& db) {
    Transaction tx(db);
    Statement st = db.prepare(
        "UPDATE review_title_order SET unit_key = jinguo_sort_key(unit_name), holder_key = jinguo_sort_key(holder)");
    st.run();
    const std::int64_t changed = db.changes();   // one statement: its rows
    tx.commit();
    return changed;
}

std::string reviewStepLabel(ReviewResult result, std::size_t count) {
    return std::string("复核") + reviewResultWord(result) + " " + std::to_string(count) + " 个称号";
}

void checkReviewDecision(Storage& storage, const std::vector<RowId>& awardIds, const ReviewDecision& decision,
                         std::string_view today) {
    if (awardIds.empty()) throw StorageError("没有选中任何称号：请先在列表中勾选要复核的称号，再点“保留”或“撤销”。");
    if (!isIsoDate(decision.date) || decision.date < "1949-01-01")
        throw StorageError("复核日期“" + decision.date + "”不对：应写成 2026-03-08 这样的格式，且是真实存在的日期。");
    if (decision.date > today)
        throw StorageError("复核日期 " + decision.date + " 在今天（" + std::string(today) +
                           "）之后：复核只能记已经发生的事，请改成今天或更早的日期。");
    const int grace = graceMonths(storage);
    Statement st = storage.db().prepare(reviewSelect(" AND a.id = ?7"));
    for (RowId id : awardIds) {
        st.reset();
        st.bind(1, decision.date).bind(2, 0).bind(3, "").bind(4, "").bind(5, 0).bind(6, "").bind(7, id);
        if (!st.step()) {
            st.reset();
            throw StorageError("选中的称号中有一个已不再有效（已撤销、已删除或不是家庭/个人称号），请刷新列表后重新选择。");
        }
        const ReviewableTitle r = readReviewable(st, grace, decision.date);
        if (r.standing.standing == TitleStanding::NotNamed) {
            st.reset();
            throw StorageError(r.holder + "的" + std::to_string(r.year) + "年" + r.level + "级“" + r.title + "”命名于 " +
                               r.standing.namedOn + "，晚于复核日期 " + decision.date +
                               "：复核日期不能早于命名日期，请改日期或不选这个称号。");
        }
    }
    st.reset();
}

void reviewTitles(Storage& storage, const std::vector<RowId>& awardIds, const ReviewDecision& decision,
                  std::string_view today) {
    checkReviewDecision(storage, awardIds, decision, today);
    const AwardStatus status = decision.result == ReviewResult::Keep ? AwardStatus::Review : AwardStatus::Revoke;
    AuditedChange change(storage, reviewStepLabel(decision.result, awardIds.size()));
    for (RowId id : awardIds) {
        change.update("award", id, [&] {
            auto st = storage.db().cached("UPDATE award SET status = ? WHERE id = ?");
            st.bind(1, toWord(status)).bind(2, id);
            st.run();
        });
        writeTitleEvent(storage, &change, id, {toWord(status), decision.date, decision.docNumber, decision.reason});
    }
    change.commit();
}

} // namespace jinguo::storage
