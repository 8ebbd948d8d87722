// family_list.cpp — count, page and seek of the 家庭 list in SQL.
#include "storage/family_list.hpp"

#include "core/text.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/open_progress.hpp"
#include "storage/session_scope.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/sql_functions.hpp"
#include "storage/title_standing_sql.hpp"
#include "storage/title_standings.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <utility>

namespace jinguo::storage {

// ============================================================ sort keys

FamilySortFields familySortFields(std::string_view headName) {
    thread_local PinyinIndex pinyin;   // per thread: ICU collators are not shared
    const NameKeys keys = pinyin.keysFor(headName);
    return {sortKeyText(keys), keys.pinyin + " " + keys.initials};
}

FamilySortFields familySortFields(const Database& db, std::string_view headName) {
    FamilySortFields fields = familySortFields(headName);
    fields.sortKey = storedSortKey(db, headName, std::move(fields.sortKey));
    return fields;
}

bool familySortKeysMissing(Database& db) {
    auto st = db.cached("SELECT 1 FROM family WHERE sort_key = '' LIMIT 1");
    const bool missing = st.step();
    st.reset();
    return missing;
}

bool familySortKeysMissing(Storage& storage) { return familySortKeysMissing(storage.db()); }

std::int64_t fillFamilySortKeys(Storage& storage, bool all) { return fillFamilySortKeys(storage.db(), all); }

std::int64_t fillFamilySortKeys(Database& db, bool all) {
    std::int64_t filled = 0;
    RowId after = 0;
    for (;;) {
        std::vector<std::pair<RowId, std::string>> batch;
        {
            Statement st = db.prepare("SELECT id, head_name FROM family WHERE id > ?1 AND (?2 OR sort_key = '')"
                                      " ORDER BY id LIMIT 2000");
            st.bind(1, after).bind(2, all ? 1 : 0);
            while (st.step()) batch.emplace_back(st.columnInt(0), st.columnText(1));
        }
        if (batch.empty()) return filled;
        Transaction tx(db);
        Statement update = db.prepare("UPDATE family SET sort_key = ?1, head_spell = ?2 WHERE id = ?3");
        for (const auto& [id, name] : batch) {
            const FamilySortFields fields = familySortFields(db, name);
            update.bind(1, fields.sortKey).bind(2, fields.headSpell).bind(3, id);
            update.run();
            update.reset();
        }
        tx.commit();
        filled += static_cast<std::int64_t>(batch.size());
        reportOpenAdvance(static_cast<std::int64_t>(batch.size()));
        after = batch.back().first;
    }
}

namespace {

// ============================================================ the filter in SQL
//
// Parameters every statement below binds (bindFilter):
//   ?1 unit (0 = all)  ?2 title  ?3 level  ?4 year  ?5 status  ?6 day
//   ?7 the folded search ('' = none)  ?8 1 when it is pinyin-shaped

constexpr const char* kFamilyColumns =
    "f.id, f.head_name, f.address, f.members, coalesce(f.unit_id, 0), coalesce(u.name, ''), f.note,"
    " coalesce(f.unit_text, ''), f.sort_key";

// The title conditions on award a (title t); the standing one names ?6.
std::string awardPasses(const SqlDialect& dialect, const FamilyQuery& q) {
    // CAST(?N AS text): a parameter compared with '' alone has no type for PostgreSQL.
    std::string sql = "(CAST(?2 AS text) = '' OR t.name = ?2) AND (CAST(?3 AS text) = '' OR t.level = ?3)"
                      " AND (?4 = 0 OR a.year = ?4) AND (CAST(?5 AS text) = '' OR a.status = ?5)";
    if (q.standing == standingWord(TitleStanding::DueForReview))
        sql += " AND " + sqlAwardInStandingOn(dialect, "a.id", "?6", TitleStanding::DueForReview);
    else if (q.standing == standingWord(TitleStanding::Expired))
        sql += " AND " + sqlAwardInStandingOn(dialect, "a.id", "?6", TitleStanding::Expired);
    else if (!q.standing.empty())
        sql += " AND false";   // a standing the list has no filter for: nothing passes
    return sql;
}

// Conditions on family f (LEFT JOIN org_unit u). The unit test is written
// `+f.unit_id` so the planner keeps walking the sort's index (a district's
// subtree is every household) instead of family_unit plus a sort.
std::string familyPasses(const SqlDialect& dialect, const FamilyQuery& q) {
    std::string sql =
        "(?1 = 0 OR +f.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT CAST(?1 AS bigint) UNION"
        "   SELECT c.id FROM org_unit c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))";
    if (q.filtersAwards())
        sql += " AND EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id"
               "  WHERE a.family_id = f.id AND " + awardPasses(dialect, q) + ")";
    sql += " AND (CAST(?7 AS text) = ''"
           " OR (?8 AND instr(f.head_spell, lower(?7)) > 0)"
           " OR instr(lower(f.head_name), lower(?7)) > 0"
           " OR instr(lower(f.address), lower(?7)) > 0"
           " OR instr(lower(coalesce(u.name, f.unit_text, '')), lower(?7)) > 0"
           " OR EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id = f.id"
           "   AND instr(lower(a.year || t.level || '级' || t.name), lower(?7)) > 0))";
    return sql;
}

void bindFilter(Statement& st, const FamilyQuery& q) {
    const std::string folded = trim(foldFullWidth(q.search));
    st.bind(1, q.unitId).bind(2, q.title).bind(3, q.level).bind(4, q.year).bind(5, q.status).bind(6, q.today);
    st.bind(7, folded).bind(8, isPinyinQuery(folded) ? 1 : 0);
}

// ============================================================ indexed search
//
// A search of 3 characters or more that no title's text (year, level, name:
// what the rule tests on awards) contains is answered from candidates: the
// FTS5 trigram matches of family_search (0026: head, head_spell, address;
// folding case more widely than the rule, so a superset) and the households
// of units whose name holds the query. The full rule then tests each
// candidate, so the rows are exactly the scan's. ?15 is the dialect's
// trigramParameter (a server: ILIKE on family_search's pg_trgm index, a
// superset alike).
constexpr const char* kSearchCandidatesRest =
    " UNION SELECT id FROM family WHERE unit_id IN (SELECT id FROM org_unit WHERE instr(lower(name), lower(?7)) > 0)"
    " UNION SELECT id FROM family WHERE unit_id IS NULL AND instr(lower(coalesce(unit_text, '')), lower(?7)) > 0";
std::string searchCandidates(const Database& db) { return db.dialect().familyTrigramMatches("?15") + kSearchCandidatesRest; }

// Whether a title's text (year, level, name) a household holds contains
// `folded`: such a query matches on awards, which no index answers.
bool titleTextHolds(Storage& storage, const std::string& folded) {
    // Titles × the years households hold titles in (one seek per pair).
    Statement titles = storage.db().prepare(
        "WITH RECURSIVE y(title_id, year) AS ("
        "   SELECT t.id, (SELECT min(a.year) FROM award a WHERE a.title_id = t.id AND a.family_id IS NOT NULL)"
        "   FROM award_title t"
        " UNION ALL"
        "   SELECT y.title_id, (SELECT min(a.year) FROM award a WHERE a.title_id = y.title_id AND a.year > y.year"
        "     AND a.family_id IS NOT NULL) FROM y WHERE y.year IS NOT NULL)"
        " SELECT 1 FROM y JOIN award_title t ON t.id = y.title_id WHERE y.year IS NOT NULL"
        " AND instr(lower(y.year || t.level || '级' || t.name), lower(?1)) > 0 LIMIT 1");
    titles.bind(1, folded);
    return titles.step();
}

// The households holding a title whose text (year, level, name) contains
// ?7: the (title, year) pairs by a skip-scan of award_title_year, then each
// pair's households on award_family_once. Added to the candidates when
// titleTextHolds (5, 20, 2024, 平安家庭 …: before, the scan of every household).
constexpr const char* kTitleCandidates =
    " UNION SELECT a.family_id FROM (WITH RECURSIVE y(title_id, year) AS ("
    "   SELECT t.id, (SELECT min(a.year) FROM award a WHERE a.title_id = t.id AND a.family_id IS NOT NULL)"
    "   FROM award_title t"
    " UNION ALL"
    "   SELECT y.title_id, (SELECT min(a.year) FROM award a WHERE a.title_id = y.title_id AND a.year > y.year"
    "     AND a.family_id IS NOT NULL) FROM y WHERE y.year IS NOT NULL)"
    " SELECT y.title_id, y.year FROM y JOIN award_title t ON t.id = y.title_id WHERE y.year IS NOT NULL"
    "   AND instr(lower(y.year || t.level || '级' || t.name), lower(?7)) > 0) p"
    " CROSS JOIN award a INDEXED BY award_family_once ON a.title_id = p.title_id AND a.year = p.year"
    " WHERE a.family_id IS NOT NULL";

// The trigram search's parameter when candidates answer the query, else ''.
std::string searchPhrase(Storage& storage, const FamilyQuery& q) {
    const std::string folded = trim(foldFullWidth(q.search));
    if (!q.searchIndexed || utf8ToCodepoints(folded).size() < 3) return "";
    return storage.db().dialect().trigramParameter(folded);
}

// ============================================================ 1–2 characters (0035, 0040)
//
// A query of 1–2 characters (张, 王芳, 路; since 0040 "zh", "3", "3号") that
// no title's text holds: family_gram holds exactly the households whose
// head's name or address contains it (or, pinyin-shaped, whose head_spell
// does), in the head's pinyin order. Households of units whose name holds it are candidates too
// (kGramCandidates). ?16 is the gram.
struct GramPlan {
    std::string gram;          // '' when the grams cannot answer
    bool unitsHold = false;    // some unit's name (or unlinked unit text) holds the query too
};

GramPlan gramPlan(Storage& storage, const FamilyQuery& q) {
    GramPlan plan;
    const std::string folded = trim(foldFullWidth(q.search));
    const std::u32string cps = utf8ToCodepoints(folded);
    if (!q.searchIndexed || cps.empty() || cps.size() > 2) return plan;
    plan.gram = familyGramOfQuery(folded);   // ASCII too since 0040 (head_spell's letters included)
    Statement units = storage.db().prepare(
        "SELECT 1 WHERE EXISTS (SELECT 1 FROM org_unit WHERE instr(lower(name), lower(?1)) > 0)"
        " OR EXISTS (SELECT 1 FROM family INDEXED BY family_unit_text WHERE unit_text IS NOT NULL AND unit_id IS NULL"
        "            AND instr(lower(unit_text), lower(?1)) > 0)");
    units.bind(1, folded);
    plan.unitsHold = units.step();
    return plan;
}

// How a search is answered: FTS5 candidates (3+ characters), a gram (1–2),
// and whether households match on a title's text too (their candidates are
// then added: kTitleCandidates).
struct SearchPlan {
    std::string phrase;
    GramPlan gram;
    bool titlesHold = false;
    bool indexed() const { return !phrase.empty() || !gram.gram.empty(); }
};

SearchPlan searchPlan(Storage& storage, const FamilyQuery& q) {
    SearchPlan plan;
    plan.phrase = searchPhrase(storage, q);
    if (plan.phrase.empty()) plan.gram = gramPlan(storage, q);
    if (plan.indexed()) plan.titlesHold = titleTextHolds(storage, trim(foldFullWidth(q.search)));
    return plan;
}

constexpr const char* kGramCandidates =
    "SELECT family_id AS id FROM family_gram WHERE gram = ?16"
    " UNION SELECT id FROM family WHERE unit_id IN (SELECT id FROM org_unit WHERE instr(lower(name), lower(?7)) > 0)"
    " UNION SELECT id FROM family INDEXED BY family_unit_text WHERE unit_text IS NOT NULL AND unit_id IS NULL"
    "   AND instr(lower(unit_text), lower(?7)) > 0";

// ============================================================ rows

// The sort's SQL: FROM clause, the key's text and number expressions, and
// the ORDER BY columns (the key, then id).
struct SortSql {
    std::string from;
    std::string text;      // SQL for FamilyListKey::text ('' when unused)
    std::string number;    // SQL for FamilyListKey::number (0 when unused)
    std::string order;     // the key column(s) compared in the keyset
};

SortSql sortSql(FamilySort sort) {
    const std::string from = " FROM family f LEFT JOIN org_unit u ON u.id = f.unit_id";
    switch (sort) {
    case FamilySort::Address: return {from, "f.address", "0", "f.address"};
    case FamilySort::Members: return {from, "''", "f.members", "f.members"};
    case FamilySort::Titles:
        // The summary drives: its (titles, family_id) index is the order.
        return {" FROM family_title_count c JOIN family f ON f.id = c.family_id LEFT JOIN org_unit u ON u.id = f.unit_id",
                "''", "c.titles", "c.titles"};
    case FamilySort::Head:
    case FamilySort::Unit:   // (not through here: see unitPage)
    default: return {from, "f.sort_key", "0", "f.sort_key"};
    }
}

FamilyListRow readRow(const Statement& st) {
    FamilyListRow r;
    r.row.id = st.columnInt(0);
    r.row.headName = st.columnText(1);
    r.row.address = st.columnText(2);
    r.row.members = static_cast<int>(st.columnInt(3));
    r.row.unitId = st.columnInt(4);
    r.row.unitName = st.columnText(5);
    r.row.note = st.columnText(6);
    r.row.unitText = st.columnText(7);
    r.key.text = st.columnText(9);
    r.key.number = st.columnInt(10);
    r.key.id = r.row.id;
    return r;
}

// Each row's titles and where they stand on the query's day (a page: a
// hundred indexed look-ups).
void addTitles(Storage& storage, const FamilyQuery& q, std::vector<FamilyListRow>& rows) {
    RecordStore records(storage);
    // Which titles pass the filter: the same SQL as the count's, once for the page.
    std::string ids = "[";
    for (const FamilyListRow& r : rows) ids += (ids.size() > 1 ? "," : "") + std::to_string(r.row.id);
    ids += "]";
    std::set<RowId> passed;
    {
        Statement passing = storage.db().prepare(
            "SELECT a.id FROM award a JOIN award_title t ON t.id = a.title_id"
            " WHERE a.family_id IN (" + storage.db().dialect().jsonArrayIds("?9") + ") AND " + awardPasses(storage.db().dialect(), q));
        bindFilter(passing, q);
        passing.bind(9, ids);
        while (passing.step()) passed.insert(passing.columnInt(0));
    }
    for (FamilyListRow& r : rows) {
        r.awards = records.familyAwards(r.row.id);
        r.row.awardCount = static_cast<int>(r.awards.size());
        if (r.awards.empty()) continue;
        const auto standings = familyTitleStandings(storage, q.today, r.row.id);
        r.standings.reserve(r.awards.size());
        for (const FamilyAward& a : r.awards) {
            const auto it = standings.find(a.awardId);
            r.standings.push_back(it != standings.end() ? it->second.standing : TitleStanding::NotNamed);
        }
        for (const FamilyAward& a : r.awards) r.passes.push_back(passed.count(a.awardId) > 0);
    }
}

std::vector<FamilyListRow> readRows(Statement& st) {
    std::vector<FamilyListRow> out;
    while (st.step()) out.push_back(readRow(st));
    return out;
}

// Whether a search the candidates cannot answer (1–2 characters, a title's
// text) matches densely enough for a walk of the sort's index: a page is
// then found within a few thousand rows (张 in 500,000 households: a scan of
// all of them, 2.5 s, against milliseconds). Judged on a sample: the rule on
// the first kDensitySample households; 1 in 200 or more walks. Not in the
// head's pinyin order: there a surname's households sit together (张 near
// the end), and the walk would read nearly every household to reach them —
// unless titles' texts hold the query (5, 2024, 平安家庭): titles are not
// ordered by name, their households are spread over every order.
constexpr int kDensitySample = 1000;
std::int64_t sampleMatches(Storage& storage, const FamilyQuery& q) {
    Statement st = storage.db().prepare(
        "SELECT count(*) FROM (SELECT * FROM family ORDER BY id LIMIT " + std::to_string(kDensitySample) + ") f"
        " LEFT JOIN org_unit u ON u.id = f.unit_id WHERE " + familyPasses(storage.db().dialect(), q));
    bindFilter(st, q);
    return st.step() ? st.columnInt(0) : 0;
}
bool searchMatchesDensely(Storage& storage, const FamilyQuery& q, bool titlesHold) {
    if (q.sort == FamilySort::Head && !titlesHold) return false;
    return sampleMatches(storage, q) * 200 >= kDensitySample;
}

// Keyset or OFFSET page of every sort but Unit.
std::vector<FamilyListRow> sortedPage(Storage& storage, const FamilyQuery& q, const std::optional<FamilyListKey>& after,
                                      std::int64_t offset, int limit) {
    SortSql s = sortSql(q.sort);
    std::string id = "f.id";
    // Indexed candidates, when the search has them, drive (sorted).
    const SearchPlan plan = searchPlan(storage, q);
    const std::string& phrase = plan.phrase;
    const GramPlan& gram = plan.gram;
    const bool searching = !trim(foldFullWidth(q.search)).empty();
    // In the head's order a gram alone is one range of family_gram: a keyset page.
    const bool gramRange = !gram.gram.empty() && !gram.unitsHold && !plan.titlesHold && q.sort == FamilySort::Head;
    std::string candidates;
    bool walk = false;   // many matches: walk the sort's index testing rows (searchMatchesDensely)
    if (gramRange) {
        s.from = " FROM family_gram g CROSS JOIN family f ON f.id = g.family_id LEFT JOIN org_unit u ON u.id = f.unit_id";
        s.text = s.order = "g.sort_key";
        id = "g.family_id";
    } else if (!phrase.empty() && !plan.titlesHold) {
        candidates = searchCandidates(storage.db());   // few: sorted
    } else if (searching) {
        // A gram in another order or beside units, or a title's text: the
        // walk when dense, else the candidates sorted (a gram in the head's
        // order: a surname's households sit together, never dense there).
        walk = searchMatchesDensely(storage, q, plan.titlesHold);
        if (!walk && plan.indexed())
            candidates = std::string(!phrase.empty() ? searchCandidates(storage.db()) : kGramCandidates) +
                         (plan.titlesHold ? kTitleCandidates : "");
    }
    // Else a search tests text row by row: a scan of the table in its own
    // order with a bounded sort beats walking the sort's index (a random read
    // per row) when few rows match; SQLite's `+` keeps its planner off that
    // index (dialect.notIndexed: a server has no `+` for text and costs it itself).
    if (searching && !gramRange && !walk) s.order = std::string(storage.db().dialect().notIndexed) + s.order;
    if (!candidates.empty())
        s.from = " FROM (" + candidates + ") sc"
                 + (q.sort == FamilySort::Titles ? " CROSS JOIN family_title_count c ON c.family_id = sc.id JOIN family f ON f.id = c.family_id"
                                                 : " CROSS JOIN family f ON f.id = sc.id")
                 + " LEFT JOIN org_unit u ON u.id = f.unit_id";
    const char* dir = q.ascending ? "" : " DESC";
    std::string sql = std::string("SELECT ") + kFamilyColumns + ", " + s.text + ", " + s.number + s.from +
                      " WHERE " + familyPasses(storage.db().dialect(), q) + (gramRange ? " AND g.gram = ?16" : "");
    if (after)
        sql += std::string(" AND (") + s.order + ", " + id + ") " + (q.ascending ? ">" : "<") + " (?9, ?10)";
    sql += " ORDER BY " + s.order + dir + ", " + id + dir + " LIMIT ?11 OFFSET ?12";
    Statement st = storage.db().prepare(sql);
    bindFilter(st, q);
    if (after) {
        if (q.sort == FamilySort::Members || q.sort == FamilySort::Titles) st.bind(9, after->number);
        else st.bind(9, after->text);
        st.bind(10, after->id);
    }
    st.bind(11, limit).bind(12, offset);
    if (sql.find("?15") != std::string::npos) st.bind(15, phrase);      // not in a dense walk
    if (sql.find("?16") != std::string::npos) st.bind(16, gram.gram);
    return readRows(st);
}

// The units in the list's unit order: no unit first (rank 0), then by the
// pinyin of the name, ties by id.
std::vector<RowId> unitOrder(Storage& storage) {
    std::vector<std::pair<std::string, RowId>> keyed;
    Statement st = storage.db().prepare("SELECT id, name FROM org_unit");
    while (st.step()) keyed.emplace_back(familySortFields(st.columnText(1)).sortKey, st.columnInt(0));
    std::sort(keyed.begin(), keyed.end());
    std::vector<RowId> out{0};
    for (const auto& k : keyed) out.push_back(k.second);
    return out;
}

// The rows of one unit (rank), in id order from `afterId` on.
std::vector<FamilyListRow> unitRows(Storage& storage, const FamilyQuery& q, RowId unit, std::int64_t rank,
                                    RowId afterId, bool hasAfter, std::int64_t offset, int limit) {
    const char* dir = q.ascending ? "" : " DESC";
    std::string sql = std::string("SELECT ") + kFamilyColumns + ", '', ?13 FROM family f LEFT JOIN org_unit u ON u.id = f.unit_id"
                      " WHERE " + (unit == 0 ? "f.unit_id IS NULL" : "f.unit_id = ?14") + " AND " + familyPasses(storage.db().dialect(), q);
    if (hasAfter) sql += std::string(" AND f.id ") + (q.ascending ? ">" : "<") + " ?10";
    sql += std::string(" ORDER BY f.id") + dir + " LIMIT ?11 OFFSET ?12";
    Statement st = storage.db().prepare(sql);
    bindFilter(st, q);
    if (hasAfter) st.bind(10, afterId);
    st.bind(11, limit).bind(12, offset).bind(13, rank);
    if (unit != 0) st.bind(14, unit);
    return readRows(st);
}

// Unit order: walk the units from the key's rank on, each on family_unit.
std::vector<FamilyListRow> unitPage(Storage& storage, const FamilyQuery& q, const std::optional<FamilyListKey>& after,
                                    int limit) {
    const std::vector<RowId> order = unitOrder(storage);
    const std::int64_t n = static_cast<std::int64_t>(order.size());
    std::vector<FamilyListRow> out;
    std::int64_t rank = after ? after->number : (q.ascending ? 0 : n - 1);
    bool hasAfter = after.has_value();
    while (rank >= 0 && rank < n && static_cast<int>(out.size()) < limit) {
        auto rows = unitRows(storage, q, order[static_cast<std::size_t>(rank)], rank, hasAfter ? after->id : 0,
                             hasAfter, 0, limit - static_cast<int>(out.size()));
        for (auto& r : rows) out.push_back(std::move(r));
        hasAfter = false;
        rank += q.ascending ? 1 : -1;
    }
    return out;
}

// 全部单位 as this session reads it: for a street's user on a server her
// unit's subtree (session_scope.hpp), so the district's kept counters, which
// answer only the unfiltered list, are never asked for her.
FamilyQuery scoped(Storage& storage, FamilyQuery q) {
    if (q.unitId == 0) q.unitId = sessionScopeUnit(storage.db());
    return q;
}

FamilyCounts countsOf(Storage& storage, const FamilyQuery& q) {
    FamilyCounts out;
    Database& db = storage.db();
    {
        // Every household and title: row '' of family_gram_count (0042).
        Statement st = db.prepare(q.keptGramCounts ? "SELECT households, titles FROM family_gram_count WHERE gram = ''"
                                                   : "SELECT count(*), coalesce(sum(titles), 0) FROM family_title_count");
        if (st.step()) out.households = st.columnInt(0);
        // No filter and no search: every household and every title.
        if (q.unitId == 0 && !q.filtersAwards() && trim(foldFullWidth(q.search)).empty()) {
            out.shown = out.households;
            out.shownTitles = st.columnInt(1);
            return out;
        }
    }
    const SearchPlan plan = searchPlan(storage, q);
    const std::string& phrase = plan.phrase;
    const GramPlan& gram = plan.gram;
    if (!gram.gram.empty() && !gram.unitsHold && plan.titlesHold && q.keptTitleGramCounts && q.unitId == 0 &&
        !q.filtersAwards()) {
        // Households whose grams hold it (0042) plus those only their titles'
        // texts hold (0044): one kept row each, disjoint by definition.
        Statement st = db.prepare(
            "SELECT coalesce((SELECT households FROM family_gram_count WHERE gram = ?1), 0)"
            "     + coalesce((SELECT households FROM family_title_gram_count WHERE gram = ?1), 0),"
            "       coalesce((SELECT titles FROM family_gram_count WHERE gram = ?1), 0)"
            "     + coalesce((SELECT titles FROM family_title_gram_count WHERE gram = ?1), 0)");
        st.bind(1, gram.gram);
        if (st.step()) {
            out.shown = st.columnInt(0);
            out.shownTitles = st.columnInt(1);
        }
        return out;
    }
    if (!gram.gram.empty() && !gram.unitsHold && !plan.titlesHold && q.unitId == 0 && !q.filtersAwards()) {
        // family_gram holds exactly the matches: 0042 keeps their count and
        // titles per gram (one row); the range itself is the reference.
        Statement st = db.prepare(q.keptGramCounts
                                      ? "SELECT coalesce(sum(households), 0), coalesce(sum(titles), 0) FROM family_gram_count"
                                        " WHERE gram = ?1"
                                      : "SELECT count(*), coalesce(sum(c.titles), 0) FROM family_gram g"
                                        " JOIN family_title_count c ON c.family_id = g.family_id WHERE g.gram = ?1");
        st.bind(1, gram.gram);
        if (st.step()) {
            out.shown = st.columnInt(0);
            out.shownTitles = st.columnInt(1);
        }
        return out;
    }
    const std::string folded = trim(foldFullWidth(q.search));
    if (plan.titlesHold && plan.indexed() && q.keptTitleGramCounts && q.unitId == 0 && !q.filtersAwards() &&
        folded.find('\x1f') == std::string::npos) {
        // Households a title's text matches: the kept rows of their titles'
        // texts (0044, a few hundred); then the other candidates (FTS5 or
        // gram, units) that no title of theirs matches, tested by the rule.
        Statement held = db.prepare("SELECT coalesce(sum(households), 0), coalesce(sum(titles), 0)"
                                    " FROM family_title_set_count WHERE instr(texts, lower(?1)) > 0");
        held.bind(1, folded);
        if (held.step()) {
            out.shown = held.columnInt(0);
            out.shownTitles = held.columnInt(1);
        }
        Statement others = db.prepare(
            std::string("SELECT count(*), coalesce(sum((SELECT count(*) FROM award a WHERE a.family_id = f.id)), 0) FROM (") +
            (!phrase.empty() ? searchCandidates(db) : kGramCandidates) +
            ") sc CROSS JOIN family f ON f.id = sc.id LEFT JOIN org_unit u ON u.id = f.unit_id WHERE " + familyPasses(db.dialect(), q) +
            " AND NOT EXISTS (SELECT 1 FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.family_id = f.id"
            "   AND instr(lower(a.year || t.level || '级' || t.name), lower(?7)) > 0)");
        bindFilter(others, q);
        if (!phrase.empty()) others.bind(15, phrase);
        else others.bind(16, gram.gram);
        if (others.step()) {
            out.shown += others.columnInt(0);
            out.shownTitles += others.columnInt(1);
        }
        return out;
    }
    const std::string titles = plan.titlesHold ? kTitleCandidates : "";
    // A title's text most households match (2, 202, 平安家庭, 区级: 9 in 10 at
    // 500,000): gathering the candidates costs more than testing every
    // household (bench: 3.8 s against 3.0 s); from 3 in 5 of the sample, the scan.
    const bool scan = plan.titlesHold && sampleMatches(storage, q) * 5 >= kDensitySample * 3;
    const std::string from = scan ? std::string(" FROM family f")
                             : !phrase.empty() ? std::string(" FROM (") + searchCandidates(db) + titles + ") sc CROSS JOIN family f ON f.id = sc.id"
                             : !gram.gram.empty() ? std::string(" FROM (") + kGramCandidates + titles + ") sc CROSS JOIN family f ON f.id = sc.id"
                                                  : std::string(" FROM family f");
    Statement st = db.prepare("SELECT count(*), coalesce(sum((SELECT count(*) FROM award a JOIN award_title t"
                              "   ON t.id = a.title_id WHERE a.family_id = f.id AND " + awardPasses(db.dialect(), q) + ")), 0)"
                              + from + " LEFT JOIN org_unit u ON u.id = f.unit_id WHERE " + familyPasses(db.dialect(), q));
    bindFilter(st, q);
    if (!scan && !phrase.empty()) st.bind(15, phrase);
    if (!scan && !gram.gram.empty()) st.bind(16, gram.gram);
    if (st.step()) {
        out.shown = st.columnInt(0);
        out.shownTitles = st.columnInt(1);
    }
    return out;
}

} // namespace

// ============================================================ the API

FamilyCounts familyCounts(Storage& storage, const FamilyQuery& query) {
    const RowId scope = sessionScopeUnit(storage.db());
    if (scope == 0) return countsOf(storage, query);
    // A street's user: "every household" is her subtree's (not the kept row
    // '' of the district's).
    const FamilyQuery q = scoped(storage, query);
    FamilyCounts out = countsOf(storage, q);
    FamilyQuery every = q;
    every.unitId = scope;
    every.title = every.level = every.status = every.standing = every.search = "";
    every.year = 0;
    out.households = every == q ? out.shown : countsOf(storage, every).shown;
    return out;
}

std::vector<FamilyListRow> familyPage(Storage& storage, const FamilyQuery& query, const std::optional<FamilyListKey>& after,
                                      int limit) {
    const FamilyQuery q = scoped(storage, query);
    std::vector<FamilyListRow> rows = q.sort == FamilySort::Unit ? unitPage(storage, q, after, limit)
                                                                 : sortedPage(storage, q, after, 0, limit);
    addTitles(storage, q, rows);
    return rows;
}

std::vector<FamilyListRow> familyPageAt(Storage& storage, const FamilyQuery& query, std::int64_t offset, int limit) {
    if (offset <= 0) return familyPage(storage, query, std::nullopt, limit);
    const FamilyQuery q = scoped(storage, query);
    std::vector<FamilyListRow> rows;
    const bool plain = q.unitId == 0 && !q.filtersAwards() && trim(foldFullWidth(q.search)).empty();
    if (q.sort != FamilySort::Unit && plain) {
        // Nothing to test per row: find the key before the jump on the sort's
        // covering index alone, then read the page by keyset.
        const SortSql s = sortSql(q.sort);
        const char* dir = q.ascending ? "" : " DESC";
        const std::string from = q.sort == FamilySort::Titles ? " FROM family_title_count c JOIN family f ON f.id = c.family_id"
                                                              : " FROM family f";
        Statement st = storage.db().prepare("SELECT " + s.text + ", " + s.number + ", f.id" + from + " ORDER BY " +
                                            s.order + dir + ", f.id" + dir + " LIMIT 1 OFFSET ?1");
        st.bind(1, offset - 1);
        if (!st.step()) return {};
        const FamilyListKey before{st.columnText(0), st.columnInt(1), st.columnInt(2)};
        rows = sortedPage(storage, q, before, 0, limit);
    } else if (q.sort != FamilySort::Unit) {
        rows = sortedPage(storage, q, std::nullopt, offset, limit);
    } else {
        // How many pass in each unit, then OFFSET inside the unit the jump lands in.
        const std::vector<RowId> order = unitOrder(storage);
        std::unordered_map<RowId, std::int64_t> perUnit;
        Statement st = storage.db().prepare("SELECT coalesce(f.unit_id, 0), count(*) FROM family f"
                                            " LEFT JOIN org_unit u ON u.id = f.unit_id WHERE " + familyPasses(storage.db().dialect(), q) +
                                            " GROUP BY f.unit_id");
        bindFilter(st, q);
        while (st.step()) perUnit[st.columnInt(0)] = st.columnInt(1);
        const std::int64_t n = static_cast<std::int64_t>(order.size());
        std::int64_t rank = q.ascending ? 0 : n - 1, left = offset;
        for (; rank >= 0 && rank < n; rank += q.ascending ? 1 : -1) {
            const auto it = perUnit.find(order[static_cast<std::size_t>(rank)]);
            const std::int64_t count = it == perUnit.end() ? 0 : it->second;
            if (left < count) break;
            left -= count;
        }
        if (rank < 0 || rank >= n) return {};
        // Skip `left` rows inside that unit, then go on unit by unit.
        for (std::int64_t r = rank; r >= 0 && r < n && static_cast<int>(rows.size()) < limit;
             r += q.ascending ? 1 : -1) {
            auto part = unitRows(storage, q, order[static_cast<std::size_t>(r)], r, 0, false, r == rank ? left : 0,
                                 limit - static_cast<int>(rows.size()));
            for (auto& row : part) rows.push_back(std::move(row));
        }
    }
    addTitles(storage, q, rows);
    return rows;
}

FamilyFilterChoices familyFilterChoices(Storage& storage) {
    FamilyFilterChoices out;
    Database& db = storage.db();
    std::set<std::string> present, catalogue;
    {
        // Titles with at least one household's award: one seek per title.
        Statement st = db.prepare("SELECT t.name, t.active FROM award_title t WHERE t.subject_kind = 'family'"
                                  " AND (t.active = 1 OR EXISTS (SELECT 1 FROM award a WHERE a.title_id = t.id"
                                  "   AND a.family_id IS NOT NULL))");
        while (st.step()) {
            const std::string name = st.columnText(0);
            if (st.columnInt(1)) catalogue.insert(name);
            present.insert(name);
        }
    }
    present.insert(catalogue.begin(), catalogue.end());
    auto pinyinSorted = [](const std::set<std::string>& names) {
        std::vector<std::pair<std::string, std::string>> keyed;
        for (const std::string& name : names) keyed.push_back({familySortFields(name).sortKey, name});
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::string> sorted;
        for (auto& k : keyed) sorted.push_back(std::move(k.second));
        return sorted;
    };
    out.titles = pinyinSorted(present);
    out.catalogueTitles = pinyinSorted(catalogue);
    {
        // The distinct years by skipping along award_title_year: one seek per
        // (title, year) pair, never a walk over the awards.
        Statement st = db.prepare(
            "WITH RECURSIVE y(title_id, year) AS ("
            "   SELECT t.id, (SELECT min(a.year) FROM award a WHERE a.title_id = t.id AND a.family_id IS NOT NULL)"
            "   FROM award_title t WHERE t.subject_kind = 'family'"
            " UNION ALL"
            "   SELECT y.title_id, (SELECT min(a.year) FROM award a WHERE a.title_id = y.title_id AND a.year > y.year"
            "     AND a.family_id IS NOT NULL) FROM y WHERE y.year IS NOT NULL)"
            " SELECT DISTINCT year FROM y WHERE year IS NOT NULL ORDER BY year DESC");
        while (st.step()) out.years.push_back(static_cast<int>(st.columnInt(0)));
    }
    return out;
}

} // namespace jinguo::storage
