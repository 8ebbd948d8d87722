// honour_list.cpp — count, page and seek of the 荣誉 list in SQL (honour_list, 0025).
#include "storage/honour_list.hpp"

#include "core/pinyin.hpp"
#include "core/text.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/sql_functions.hpp"

#include <algorithm>
#include <set>
#include <utility>

namespace jinguo::storage {

bool HonourQuery::plain() const {
    return unitId == 0 && title.empty() && level.empty() && year == 0 && status.empty() &&
           trim(foldFullWidth(search)).empty();
}

namespace {

// ============================================================ the filter in SQL
//
// Parameters every statement below binds (bindFilter):
//   ?1 unit (0 = all)  ?2 title  ?3 level  ?4 year  ?5 status
//   ?6 the folded search ('' = none)  ?7 1 when pinyin-shaped  ?8 1 when digits/X
//   ?9 the search reversed, x as X (a tail of id_tail / phone_tail)
//
// The unit test is written `+h.unit_id` so the planner keeps walking the
// sort's index (a district's subtree is every row) instead of honour_list_unit.
constexpr const char* kPasses =
    "(?1 = 0 OR +h.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS bigint) UNION"
    "   SELECT c.id FROM org_unit c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))"
    " AND (CAST(?2 AS text) = '' OR h.title = ?2) AND (CAST(?3 AS text) = '' OR h.level = ?3) AND (?4 = 0 OR h.year = ?4)"
    " AND (CAST(?5 AS text) = '' OR h.status = ?5)"
    " AND (CAST(?6 AS text) = ''"
    "  OR (?8 AND (substr(h.id_tail, 1, length(?9)) = ?9 OR substr(h.phone_tail, 1, length(?9)) = ?9))"
    "  OR (?7 AND (instr(h.pinyin, lower(?6)) > 0 OR instr(h.initials, lower(?6)) > 0))"
    "  OR instr(lower(h.name), lower(?6)) > 0 OR instr(lower(h.title), lower(?6)) > 0"
    "  OR instr(lower(h.unit_name), lower(?6)) > 0 OR instr(lower(h.doc_number), lower(?6)) > 0)";

void bindFilter(Statement& st, const HonourQuery& q) {
    const std::string folded = trim(foldFullWidth(q.search));
    const bool digits = !folded.empty() && folded.find_first_not_of("0123456789Xx") == std::string::npos;
    st.bind(1, q.unitId).bind(2, q.title).bind(3, q.level).bind(4, q.year).bind(5, q.status);
    st.bind(6, folded).bind(7, isPinyinQuery(folded) ? 1 : 0).bind(8, digits ? 1 : 0).bind(9, reversedTail(folded));
}

// The sort's key column of honour_list h and whether it is a number.
struct SortColumn {
    const char* column;
    bool numeric;
};

SortColumn sortColumn(HonourSort sort) {
    switch (sort) {
    case HonourSort::Title: return {"h.title_key", false};
    case HonourSort::Level: return {"h.level_rank", true};
    case HonourSort::Holder: return {"h.holder_key", false};
    case HonourSort::HolderKind: return {"h.collective", true};
    case HonourSort::Unit: return {"h.unit_key", false};
    case HonourSort::Status: return {"h.status", false};
    case HonourSort::Doc: return {"h.doc_number", false};
    case HonourSort::Year:
    default: return {"h.year", true};
    }
}

// The page's award ids and keys in order, then their rows (one query).
std::vector<HonourListRow> readRows(Storage& storage, Statement& st, bool numeric) {
    std::vector<HonourListKey> keys;
    std::vector<RowId> ids;
    while (st.step()) {
        HonourListKey key;
        key.id = st.columnInt(0);
        if (numeric) key.number = st.columnInt(1);
        else key.text = st.columnText(1);
        ids.push_back(key.id);
        keys.push_back(std::move(key));
    }
    std::vector<HonourRow> rows = RecordStore(storage).honours(ids);
    std::vector<HonourListRow> out;
    out.reserve(rows.size());
    std::size_t k = 0;
    for (HonourRow& row : rows) {
        while (k < keys.size() && keys[k].id != row.awardId) ++k;   // a row deleted in between is skipped
        if (k == keys.size()) break;
        out.push_back({std::move(row), keys[k++]});
    }
    return out;
}

// Keyset (after) or OFFSET page.
std::vector<HonourListRow> sortedPage(Storage& storage, const HonourQuery& q, const std::optional<HonourListKey>& after,
                                      std::int64_t offset, int limit) {
    const SortColumn s = sortColumn(q.sort);
    // A search tests text row by row: a scan in the table's order and a
    // bounded sort beat walking the sort's index when few rows match. SQLite's
    // `+` keeps its planner off that index (dialect.notIndexed: a server has no
    // `+` for text and costs the choice itself).
    const std::string order =
        (trim(foldFullWidth(q.search)).empty() ? "" : storage.db().dialect().notIndexed) + std::string(s.column);
    const char* dir = q.ascending ? "" : " DESC";
    std::string sql = "SELECT h.award_id, " + std::string(s.column) + " FROM honour_list h WHERE " + kPasses;
    if (after) sql += " AND (" + order + ", h.award_id) " + (q.ascending ? ">" : "<") + " (?10, ?11)";
    sql += " ORDER BY " + order + dir + ", h.award_id" + dir + " LIMIT ?12 OFFSET ?13";
    Statement st = storage.db().prepare(sql);
    bindFilter(st, q);
    if (after) {
        if (s.numeric) st.bind(10, after->number);
        else st.bind(10, after->text);
        st.bind(11, after->id);
    }
    st.bind(12, limit).bind(13, offset);
    return readRows(storage, st, s.numeric);
}

std::string pinyinKey(const std::string& name) {
    thread_local PinyinIndex pinyin;   // per thread: ICU collators are not shared
    return sortKeyText(pinyin, name);
}

std::vector<std::string> pinyinSorted(const std::set<std::string>& names) {
    std::vector<std::pair<std::string, std::string>> keyed;
    for (const std::string& name : names) keyed.push_back({pinyinKey(name), name});
    std::sort(keyed.begin(), keyed.end());
    std::vector<std::string> out;
    for (auto& k : keyed) out.push_back(std::move(k.second));
    return out;
}

} // namespace

// ============================================================ the API

HonourCounts honourCounts(Storage& storage, const HonourQuery& q) {
    HonourCounts out;
    Database& db = storage.db();
    if (q.plain()) {
        // Each count on its own index (honour_list_kind): no row is read.
        Statement st = db.prepare("SELECT count(*), (SELECT count(*) FROM honour_list WHERE collective = 1)"
                                  " FROM honour_list");
        if (st.step()) {
            out.all = out.shown = st.columnInt(0);
            out.collectives = st.columnInt(1);
            out.people = out.shown - out.collectives;
        }
        return out;
    }
    {
        Statement st = db.prepare("SELECT count(*) FROM honour_list");
        if (st.step()) out.all = st.columnInt(0);
    }
    Statement st = db.prepare(std::string("SELECT count(*), coalesce(sum(h.collective), 0) FROM honour_list h WHERE ") +
                              kPasses);
    bindFilter(st, q);
    if (st.step()) {
        out.shown = st.columnInt(0);
        out.collectives = st.columnInt(1);
        out.people = out.shown - out.collectives;
    }
    return out;
}

std::vector<HonourListRow> honourPage(Storage& storage, const HonourQuery& q, const std::optional<HonourListKey>& after,
                                      int limit) {
    return sortedPage(storage, q, after, 0, limit);
}

std::vector<HonourListRow> honourPageAt(Storage& storage, const HonourQuery& q, std::int64_t offset, int limit) {
    if (offset <= 0) return honourPage(storage, q, std::nullopt, limit);
    if (!q.plain()) return sortedPage(storage, q, std::nullopt, offset, limit);
    // Nothing to test per row: the key before the jump from the sort's
    // covering index alone, then the page by keyset.
    const SortColumn s = sortColumn(q.sort);
    const char* dir = q.ascending ? "" : " DESC";
    Statement st = storage.db().prepare("SELECT h.award_id, " + std::string(s.column) + " FROM honour_list h ORDER BY " +
                                        s.column + dir + ", h.award_id" + dir + " LIMIT 1 OFFSET ?1");
    st.bind(1, offset - 1);
    if (!st.step()) return {};
    HonourListKey before;
    before.id = st.columnInt(0);
    if (s.numeric) before.number = st.columnInt(1);
    else before.text = st.columnText(1);
    return sortedPage(storage, q, before, 0, limit);
}

HonourFilterChoices honourFilterChoices(Storage& storage) {
    HonourFilterChoices out;
    Database& db = storage.db();
    std::set<std::string> present, people, collectives;
    {
        // The active catalogue, and titles someone holds: one seek per title on honour_list_title.
        Statement st = db.prepare(
            "SELECT t.name, t.active, t.subject_kind FROM award_title t"
            " WHERE (t.active = 1 AND t.subject_kind IN ('person', 'collective'))"
            "  OR EXISTS (SELECT 1 FROM honour_list h WHERE h.title_key = jinguo_sort_key(t.name) AND h.title = t.name)");
        while (st.step()) {
            const std::string name = st.columnText(0);
            const std::string kind = st.columnText(2);
            present.insert(name);
            if (!st.columnInt(1)) continue;
            if (kind == "person") people.insert(name);
            if (kind == "collective") collectives.insert(name);
        }
    }
    out.titles = pinyinSorted(present);
    out.personTitles = pinyinSorted(people);
    out.collectiveTitles = pinyinSorted(collectives);
    {
        // The distinct years, newest first, by skipping along honour_list_year.
        Statement st = db.prepare(
            "WITH RECURSIVE y(year) AS (SELECT max(year) FROM honour_list"
            " UNION ALL SELECT (SELECT max(year) FROM honour_list WHERE year < y.year) FROM y WHERE y.year IS NOT NULL)"
            " SELECT year FROM y WHERE year IS NOT NULL");
        while (st.step()) out.years.push_back(static_cast<int>(st.columnInt(0)));
    }
    return out;
}

std::int64_t fillHonourList(Database& db) {
    std::int64_t maxId = 0, filled = 0;
    {
        Statement st = db.prepare("SELECT coalesce(max(id), 0) FROM award");
        if (st.step()) maxId = st.columnInt(0);
    }
    {
        Transaction tx(db);
        db.exec("DELETE FROM honour_list");
        tx.commit();
    }
    constexpr std::int64_t kBatch = 20000;
    for (std::int64_t low = 0; low <= maxId; low += kBatch) {
        Transaction tx(db);
        Statement st = db.prepare("INSERT OR REPLACE INTO honour_list SELECT * FROM honour_list_source"
                                  " WHERE award_id > ?1 AND award_id <= ?2");
        st.bind(1, low).bind(2, low + kBatch);
        st.run();
        filled += db.changes();
        tx.commit();
    }
    return filled;
}

} // namespace jinguo::storage
