// activity_list.cpp — count, page and seek of the 活动 list in SQL (issue 17).
#include "storage/activity_list.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/unit_subtree.hpp"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <utility>

namespace jinguo::storage {

namespace {

// Parameters the statements below bind (only those their text holds):
//   ?1 the subtree's unit ids as a JSON array  ?2 ?3 the year's range [?2, ?3)
//   ?4 ?5 the key after which a page starts (held_on, id)  ?6 limit  ?7 offset

// A subtree holding less than this share of the activities is read unit by
// unit on activity_unit_held_on and sorted (its rows only); a bigger one walks
// activity_held_on and skips the rows of other units. A community of a
// 600-community district is ~1/600 of the rows: walking the dates would read
// ~600 rows per row shown; the whole district read unit by unit would sort
// every activity for each page.
constexpr std::int64_t kUnitWalkShare = 16;

struct Plan {
    std::string units;             // JSON array of the subtree's ids; "" without a unit filter
    bool byUnit = false;           // walk activity_unit_held_on (else activity_held_on)
};

std::int64_t scalar(Statement& st) { return st.step() ? st.columnInt(0) : 0; }

Plan planFor(Database& db, const ActivityQuery& q, bool counting) {
    Plan plan;
    if (q.unitId == 0) return plan;
    plan.units = unitSubtreeJson(db, q.unitId);
    if (counting) {
        plan.byUnit = true;        // a count reads the subtree's index entries only, whatever its share
        return plan;
    }
    // The subtree's share, counted only up to the threshold: at most
    // all / kUnitWalkShare index entries.
    Statement all = db.prepare("SELECT count(*) FROM activity");
    const std::int64_t threshold = scalar(all) / kUnitWalkShare + 1;
    Statement some = db.prepare(
        "SELECT count(*) FROM (SELECT 1 FROM activity INDEXED BY activity_unit_held_on"
        " WHERE unit_id IN (" + db.dialect().jsonArrayIds("?1") + ") LIMIT ?2) AS u");
    some.bind(1, plan.units).bind(2, threshold);
    plan.byUnit = scalar(some) < threshold;
    return plan;
}

// FROM … WHERE of the activities that pass, on the plan's index.
std::string passing(const Database& db, const Plan& plan, const ActivityQuery& q, bool after) {
    std::string sql = plan.byUnit ? " FROM activity a INDEXED BY activity_unit_held_on WHERE true"
                                  : " FROM activity a INDEXED BY activity_held_on WHERE true";
    // `+` keeps the walk of the dates from turning into look-ups by unit.
    if (!plan.units.empty())
        sql += (plan.byUnit ? " AND a.unit_id IN (" : " AND +a.unit_id IN (") + db.dialect().jsonArrayIds("?1") + ")";
    if (q.year != 0) sql += " AND a.held_on >= ?2 AND a.held_on < ?3";
    // The first term bounds the index range; the row value breaks the ties by id.
    if (after) sql += " AND a.held_on <= ?4 AND (a.held_on, a.id) < (?4, ?5)";
    return sql;
}

void bindPassing(Statement& st, const Plan& plan, const ActivityQuery& q) {
    if (!plan.units.empty()) st.bind(1, plan.units);
    // The old rule compared held_on's first four characters with the year:
    // exactly the held_on values in ["2026", "2027").
    if (q.year != 0) st.bind(2, std::to_string(q.year)).bind(3, std::to_string(q.year + 1));
}

// Keyset (after) or OFFSET page, then each row's totals from the 0024 index.
std::vector<ActivityRow> page(Storage& storage, const ActivityQuery& q, const std::optional<ActivityListKey>& after,
                              std::int64_t offset, int limit) {
    Database& db = storage.db();
    const Plan plan = planFor(db, q, false);
    Statement st = db.prepare(
        "SELECT a.id, a.name, a.held_on, coalesce(a.unit_id, 0), a.kind, a.participants, a.note, coalesce(u.name, '')"
        " FROM (SELECT a.id" + passing(db, plan, q, after.has_value()) +
        "       ORDER BY a.held_on DESC, a.id DESC LIMIT ?6 OFFSET ?7) p"
        " JOIN activity a ON a.id = p.id LEFT JOIN org_unit u ON u.id = a.unit_id"
        " ORDER BY a.held_on DESC, a.id DESC");
    bindPassing(st, plan, q);
    if (after) st.bind(4, after->heldOn).bind(5, after->id);
    st.bind(6, limit).bind(7, offset);
    std::vector<ActivityRow> out;
    while (st.step()) out.push_back(readActivityColumns(st));
    // ActivityStore::list's totals, for these rows only (index-only reads).
    auto totals = db.cached(
        "SELECT count(DISTINCT person_id), coalesce(sum(hours), 0.0) FROM service_record WHERE activity_id = ?");
    for (ActivityRow& r : out) {
        totals.reset();
        totals.bind(1, r.activity.id);
        if (totals.step()) {
            r.volunteers = static_cast<int>(totals.columnInt(0));
            r.hours = totals.columnDouble(1);
        }
    }
    return out;
}

} // namespace

ActivityCounts activityCounts(Storage& storage, const ActivityQuery& q) {
    ActivityCounts out;
    Database& db = storage.db();
    Statement all = db.prepare("SELECT count(*) FROM activity");
    out.all = scalar(all);
    if (q == ActivityQuery{}) {
        out.shown = out.all;
        return out;
    }
    const Plan plan = planFor(db, q, true);
    Statement shown = db.prepare("SELECT count(*)" + passing(db, plan, q, false));
    bindPassing(shown, plan, q);
    out.shown = scalar(shown);
    return out;
}

std::vector<ActivityRow> activityPage(Storage& storage, const ActivityQuery& query,
                                      const std::optional<ActivityListKey>& after, int limit) {
    return page(storage, query, after, 0, limit);
}

std::vector<ActivityRow> activityPageAt(Storage& storage, const ActivityQuery& query, std::int64_t offset, int limit) {
    return page(storage, query, std::nullopt, offset, limit);
}

std::vector<int> activityYears(Storage& storage) {
    // A skip-scan of activity_held_on: the newest date, then the newest
    // before that date's year, and so on — one seek per year.
    Statement first = storage.db().prepare(
        "SELECT held_on FROM activity INDEXED BY activity_held_on ORDER BY held_on DESC LIMIT 1");
    Statement before = storage.db().prepare(
        "SELECT held_on FROM activity INDEXED BY activity_held_on WHERE held_on < ?1 ORDER BY held_on DESC LIMIT 1");
    std::vector<int> years;
    bool more = first.step();
    std::string heldOn = more ? first.columnText(0) : std::string();
    while (more) {
        // The old screen's rule: a date's first four characters as a number
        // (shorter dates named no year).
        const std::string prefix = heldOn.substr(0, 4);
        if (heldOn.size() >= 4) {
            years.push_back(std::atoi(prefix.c_str()));
        }
        before.reset();
        before.bind(1, prefix);
        more = before.step();
        if (more) heldOn = before.columnText(0);
    }
    std::sort(years.begin(), years.end(), std::greater<>());   // as the old std::set did
    years.erase(std::unique(years.begin(), years.end()), years.end());
    return years;
}

} // namespace jinguo::storage
