// volunteer_list.cpp — see volunteer_list.hpp. Every statement is put
// together from the fixed fragments below (never from user text); the
// query's text is bound.
#include "storage/volunteer_list.hpp"

#include "core/pinyin.hpp"
#include "core/text.hpp"
#include "storage/database.hpp"
#include "storage/open_progress.hpp"
#include "storage/person_list_bulk.hpp"
#include "storage/session_scope.hpp"
#include "storage/sql_dialect.hpp"
#include "storage/sql_functions.hpp"
#include "storage/storage.hpp"
#include "storage/unit_subtree.hpp"

#include <algorithm>

namespace jinguo::storage {

namespace {

constexpr const char* kCollationSetting = "pinyin.collation_version";

// The sort column of each VolunteerSort, and whether it is a number.
struct SortColumn {
    const char* expr;
    bool numeric;
};
SortColumn sortColumn(VolunteerSort sort) {
    switch (sort) {
    case VolunteerSort::Name: return {"l.name_key", false};
    case VolunteerSort::Gender: return {"l.gender_key", false};
    case VolunteerSort::Unit: return {"l.unit_key", false};
    case VolunteerSort::Hours: return {"l.counted_hours", true};
    case VolunteerSort::Records: return {"l.records", true};
    case VolunteerSort::Joined: return {"l.joined_key", false};
    }
    return {"l.name_key", false};
}

// The search rule as SQL over person_list l, one fragment per kind of query
// (a text query's fragment reads only columns of person_list_search, so a
// scan of that index never reads the table). Parameters: ?11 reversed
// digits; ?12 pinyin-shaped, ?13 the query lower-cased, ?14 matching unit ids
// (JSON), ?15 matching unlinked unit texts (JSON).
constexpr const char* kDigitMatches =
    " AND (substr(l.id_tail, 1, length(?11)) = ?11 OR substr(l.phone_tail, 1, length(?11)) = ?11)";
std::string textMatches(const SqlDialect& d) {
    return " AND ((?12 AND (instr(l.pinyin, ?13) > 0 OR instr(l.initials, ?13) > 0))"
           "   OR instr(lower(l.name), ?13) > 0"
           "   OR l.unit_id IN (" + d.jsonArrayIds("?14") + ")"
           "   OR (l.unit_id IS NULL AND l.unit_text IN (" + d.jsonArrayTexts("?15") + ")))";
}

// Candidate people of a long query: ?16/?17 the reversed digits' range;
// ?18 the trigram search's parameter.
constexpr const char* kTailCandidates =
    "SELECT person_id AS id FROM person_list WHERE id_tail >= ?16 AND id_tail < ?17"
    " UNION SELECT person_id FROM person_list WHERE phone_tail >= ?16 AND phone_tail < ?17";
// The people of the matching units (?14) and unlinked unit texts (?15).
std::string unitPeople(const SqlDialect& d) {
    return " UNION SELECT person_id FROM person_list WHERE unit_id IN (" + d.jsonArrayIds("?14") + ")"
           " UNION SELECT id FROM person WHERE unit_id IS NULL AND unit_text IN (" + d.jsonArrayTexts("?15") + ")";
}
// Candidate people of a 1–2 character query that some unit's name holds
// (社区, 江): the gram's people, the units' people, the unlinked texts' people.
std::string unitCandidates(const SqlDialect& d) {
    return "SELECT person_id AS id FROM person_gram WHERE gram = ?21" + unitPeople(d);
}
// The trigram matches (?18: the dialect's trigramParameter) and the units' people.
std::string textCandidates(const SqlDialect& d) { return d.personTrigramMatches("?18") + unitPeople(d); }

std::string jsonArray(const std::vector<std::string>& items) {
    std::string out = "[";
    for (const std::string& item : items) {
        if (out.size() > 1) out += ',';
        out += '"';
        for (char c : item) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "]";
}

std::string lowerAscii(std::string text) {
    for (char& c : text)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return text;
}

// The unlinked unit as the list names it (the UI's str::kUnitUnlinked; a
// test holds them equal, and 0020's view spells it too).
constexpr const char* kUnlinkedSuffix = "（未关联）";

} // namespace

enum class PlanPath { All, Tails, Fts, Walk, Scan, GramName, GramSorted, UnitsSorted };

namespace {

// The index of each sort (partial: is_volunteer = 1), forced for a walk.
const char* sortIndex(VolunteerSort sort) {
    switch (sort) {
    case VolunteerSort::Name: return "person_list_name";
    case VolunteerSort::Gender: return "person_list_gender";
    case VolunteerSort::Unit: return "person_list_unit_sort";
    case VolunteerSort::Hours: return "person_list_hours";
    case VolunteerSort::Records: return "person_list_records";
    case VolunteerSort::Joined: return "person_list_joined";
    }
    return "person_list_name";
}

} // namespace

struct VolunteerList::Plan {
    PlanPath path = PlanPath::All;
    int kind = 0;                 // ?10
    std::string reversed;         // ?11
    bool pinyin = false;          // ?12
    std::string lowered;          // ?13
    std::string unitIds = "[]";   // ?14
    std::string unitTexts = "[]"; // ?15
    std::string rangeLow, rangeHigh;   // ?16, ?17
    std::string phrase;           // ?18
    const SqlDialect* dialect = nullptr;   // the engine's forms of the JSON arrays and the trigram read
    std::string gram;             // ?21: person_gram's key of a 1–2 character query ('' = not by grams)
    std::int64_t gramCount = 0;   // its volunteers (person_gram_count)
    bool unitsMatch = false;      // some unit's name (or unlinked text) holds the query: gramCount is not the count
    VolunteerSort sort = VolunteerSort::Name;
    bool ascending = true;
    bool unitFiltered = false;
    // ?22: a street's user's subtree (JSON ids) when the query has no unit:
    // 全部单位 is hers (session_scope.hpp); "" for every row.
    std::string scopeUnits;

    std::string matches() const {
        if (path == PlanPath::GramName || path == PlanPath::GramSorted || path == PlanPath::UnitsSorted)
            return "";   // the candidates are the matches
        return kind == 1 ? kDigitMatches : kind == 2 ? textMatches(*dialect) : "";
    }
    void bind(Statement& st) const {
        if (kind == 1) st.bind(11, reversed);
        if (kind == 2) st.bind(12, pinyin ? 1 : 0).bind(13, lowered).bind(14, unitIds).bind(15, unitTexts);
        if (path == PlanPath::Tails) st.bind(16, rangeLow).bind(17, rangeHigh);
        if (path == PlanPath::Fts) st.bind(18, phrase);
        if (path == PlanPath::GramName || path == PlanPath::GramSorted || path == PlanPath::UnitsSorted) st.bind(21, gram);
        if (!scopeUnits.empty()) st.bind(22, scopeUnits);
    }
    // The matches of a gram plan as (id, k = name key) rows: the gram's range,
    // bounded (name order) by the keyset and `limit` when given.
    std::string gramRange(bool withKeyset, const std::string& limit) const {
        const char* dir = ascending ? " ASC" : " DESC";
        std::string sql = "SELECT g.person_id AS id, g.name_key AS k FROM person_gram g WHERE g.gram = ?21";
        if (withKeyset) sql += std::string(" AND (g.name_key, g.person_id) ") + (ascending ? ">" : "<") + " (?1, ?2)";
        if (!limit.empty()) sql += std::string(" ORDER BY g.name_key") + dir + ", g.person_id" + dir + limit;
        return sql;
    }
    // FROM clause (alias l) for this path: candidates drive the join (CROSS
    // JOIN keeps SQLite from walking the sort index instead), a scan reads
    // the table once.
    std::string from(bool withKeyset = false, const std::string& gramLimit = "") const {
        switch (path) {
        case PlanPath::GramName: case PlanPath::GramSorted:
            return " FROM (" + gramRange(withKeyset, gramLimit) + ") c CROSS JOIN person_list l ON l.person_id = c.id";
        case PlanPath::Walk:
            if (!gram.empty()) return std::string(" FROM person_list AS l INDEXED BY ") + sortIndex(sort);
            return " FROM person_list AS l";
        case PlanPath::Tails: return std::string(" FROM (") + kTailCandidates + ") c CROSS JOIN person_list l ON l.person_id = c.id";
        case PlanPath::Fts:
            return " FROM (" + textCandidates(*dialect) + ") c CROSS JOIN person_list l ON l.person_id = c.id";
        case PlanPath::UnitsSorted:
            return " FROM (" + unitCandidates(*dialect) + ") c CROSS JOIN person_list l ON l.person_id = c.id";
        case PlanPath::Scan:
            // Within one unit its index is the narrower read.
            return unitFiltered ? " FROM person_list AS l INDEXED BY person_list_unit"
                                : " FROM person_list AS l INDEXED BY person_list_search";
        default: return " FROM person_list AS l";
        }
    }
};

VolunteerList::VolunteerList(Storage& storage) : m_storage(storage) {}
VolunteerList::~VolunteerList() = default;

VolunteerList::Plan VolunteerList::plan(const VolunteerListQuery& query) {
    Plan p;
    p.dialect = &m_storage.db().dialect();
    p.sort = query.sort;
    p.ascending = query.ascending;
    if (query.unitId == 0) {
        if (const RowId scope = sessionScopeUnit(m_storage.db())) p.scopeUnits = unitSubtreeJson(m_storage.db(), scope);
    }
    p.unitFiltered = query.unitId != 0 || !p.scopeUnits.empty();
    const std::string folded = trim(foldFullWidth(query.search));
    if (folded.empty()) return p;
    Database& db = m_storage.db();
    const bool digits = folded.find_first_not_of("0123456789Xx") == std::string::npos;
    const std::size_t characters = utf8ToCodepoints(folded).size();
    if (digits) {
        p.kind = 1;
        p.reversed = reversedTail(folded);
        if (characters >= 3) {
            p.path = PlanPath::Tails;
            p.rangeLow = p.reversed;
            p.rangeHigh = p.reversed + '\x7f';
        } else {
            p.path = PlanPath::Walk;
            if (useGram(query)) planGram(p, query, "t" + p.reversed);
        }
        return p;
    }
    p.kind = 2;
    p.pinyin = isPinyinQuery(folded);
    p.lowered = lowerAscii(folded);
    // Units whose shown name holds the query (units are few: read them all).
    std::vector<std::string> ids, texts;
    {
        Statement st = db.prepare("SELECT id FROM org_unit WHERE instr(lower(name), ?1) > 0");
        st.bind(1, p.lowered);
        while (st.step()) ids.push_back(std::to_string(st.columnInt(0)));
        Statement unlinked = db.prepare(
            "SELECT DISTINCT unit_text FROM person WHERE unit_id IS NULL AND unit_text IS NOT NULL"
            " AND instr(lower(unit_text || ?2), ?1) > 0");
        unlinked.bind(1, p.lowered).bind(2, kUnlinkedSuffix);
        while (unlinked.step()) texts.push_back(unlinked.columnText(0));
    }
    p.unitIds = "[" + [&] {
        std::string s;
        for (const std::string& id : ids) s += (s.empty() ? "" : ",") + id;
        return s;
    }() + "]";
    p.unitTexts = jsonArray(texts);
    if (characters >= 3) {
        // The trigram search. Its candidates are sorted whatever their
        // number: walking the sort's index instead is slow when they cluster
        // far down it (zhang…).
        p.phrase = db.dialect().trigramParameter(folded);
        p.path = PlanPath::Fts;
        return p;
    }
    // 1–2 characters: one scan of the narrow index of names and keys, the
    // matches sorted (an index walk in sort order is slow for a surname, whose
    // people all sit together far down the order).
    p.path = PlanPath::Scan;
    if (!useGram(query)) return p;
    planGram(p, query, "n" + p.lowered);
    if (ids.empty() && texts.empty()) return p;
    // A unit's name holds the query (社区, 江): whole units match besides the
    // gram's people. Many matches (社区: 841,000 of 1M) are dense in any
    // order, so the sort's index is walked and a page is found in a few
    // hundred rows (the scan sorted them all: 6 s); few are gathered and
    // sorted. How many, from the unit index alone and only up to the
    // threshold (an estimate: it counts non-volunteers too, enough to choose;
    // counting all 841,000 of 社区 took 200 ms).
    p.unitsMatch = true;
    std::int64_t unitPeople = 0;
    {
        Statement st = db.prepare("SELECT count(*) FROM (SELECT 1 FROM person_list"
                                  " WHERE unit_id IN (" + db.dialect().jsonArrayIds("?1") + ") LIMIT ?2) AS u");
        st.bind(1, p.unitIds).bind(2, m_gramWalkFrom);
        if (st.step()) unitPeople = st.columnInt(0);
    }
    p.path = p.gramCount + unitPeople + static_cast<std::int64_t>(texts.size()) >= m_gramWalkFrom ? PlanPath::Walk
                                                                                                 : PlanPath::UnitsSorted;
    return p;
}

// Not for a street's user: person_gram_count is the district's.
bool VolunteerList::useGram(const VolunteerListQuery& query) const {
    return m_shortSearchIndexed && query.unitId == 0 && sessionScopeUnit(m_storage.db()) == 0;
}

void VolunteerList::planGram(Plan& p, const VolunteerListQuery& query, std::string gram) {
    p.gram = std::move(gram);
    Statement st = m_storage.db().prepare("SELECT volunteers FROM person_gram_count WHERE gram = ?1");
    st.bind(1, p.gram);
    p.gramCount = st.step() ? st.columnInt(0) : 0;
    // The name order is the gram's own. Another sort walks its own index
    // testing each row when matches are many, else sorts them all. Sorting
    // costs ~20 µs a match at 1M (a random read each), a walk ~2 µs a row
    // for 240 / density rows: they cross near √(24 · people) ≈ 5,000 at 1M.
    if (query.sort == VolunteerSort::Name) p.path = PlanPath::GramName;
    else p.path = p.gramCount >= m_gramWalkFrom ? PlanPath::Walk : PlanPath::GramSorted;
}

std::string VolunteerList::planName(const VolunteerListQuery& query) {
    switch (plan(query).path) {
    case PlanPath::All: return "all";
    case PlanPath::Tails: return "tails";
    case PlanPath::Fts: return "fts";
    case PlanPath::Walk: return "walk";
    case PlanPath::Scan: return "scan";
    case PlanPath::GramName: return "gram";
    case PlanPath::GramSorted: return "gram-sorted";
    case PlanPath::UnitsSorted: return "units-sorted";
    }
    return "";
}

namespace {

std::string whereOf(const VolunteerListQuery& query, const std::string& matches, const std::string& scopeUnits,
                    const SqlDialect& dialect) {
    std::string where = " WHERE l.is_volunteer = 1";
    if (query.unitId != 0) where += " AND l.unit_id = ?20";
    if (!scopeUnits.empty()) where += " AND l.unit_id IN (" + dialect.jsonArrayIds("?22") + ")";
    return where + matches;
}

// ?1/?2: the key after which a page starts.
std::string keysetOf(const VolunteerListQuery& query, bool inclusive) {
    const char* op = query.ascending ? (inclusive ? ">=" : ">") : (inclusive ? "<=" : "<");
    return std::string(" AND (") + sortColumn(query.sort).expr + ", l.person_id) " + op + " (?1, ?2)";
}

std::string orderOf(const VolunteerListQuery& query, const char* key, const char* id) {
    const char* dir = query.ascending ? " ASC" : " DESC";
    return std::string(" ORDER BY ") + key + dir + ", " + id + dir;
}

void bindKey(Statement& st, const VolunteerListQuery& query, const VolunteerListKey& key) {
    if (sortColumn(query.sort).numeric) st.bind(1, key.number);
    else st.bind(1, key.text);
    st.bind(2, key.id);
}

} // namespace

std::int64_t VolunteerList::count(const VolunteerListQuery& query) {
    if (query.unitId == 0 && trim(foldFullWidth(query.search)).empty() && sessionScopeUnit(m_storage.db()) == 0) {
        // Every volunteer: kept by triggers (0040), not counted over 1M index entries.
        Statement st = m_storage.db().prepare(
            "SELECT row_count FROM table_row_count WHERE table_name = 'person_list.volunteers'");
        if (st.step()) return st.columnInt(0);
    }
    const Plan p = plan(query);
    if (!p.gram.empty() && !p.unitsMatch) return p.gramCount;   // kept by triggers (0026)
    if (p.unitsMatch && p.path == PlanPath::Walk) {
        // Counting every match: one pass over the narrow search index (the walk's
        // index would read each row for the test).
        Plan scan = p;
        scan.path = PlanPath::Scan;
        Statement st = m_storage.db().prepare("SELECT count(*)" + scan.from()
                                              + whereOf(query, scan.matches(), scan.scopeUnits, *scan.dialect));
        scan.bind(st);
        return st.step() ? st.columnInt(0) : 0;
    }
    Statement st =
        m_storage.db().prepare("SELECT count(*)" + p.from() + whereOf(query, p.matches(), p.scopeUnits, *p.dialect));
    p.bind(st);
    if (query.unitId != 0) st.bind(20, query.unitId);
    return st.step() ? st.columnInt(0) : 0;
}

namespace {

std::vector<VolunteerListRow> readRows(Statement& st, bool numeric) {
    std::vector<VolunteerListRow> out;
    while (st.step()) {
        VolunteerListRow r;
        r.row.id = st.columnInt(0);
        r.row.name = st.columnText(1);
        r.row.gender = st.columnText(2);
        r.row.idNumber = st.columnText(3);
        r.row.phone = st.columnText(4);
        r.row.unitId = st.columnInt(5);
        r.row.unitName = st.columnText(6);
        r.row.joinedOn = st.columnText(7);
        r.row.recordedHours = st.columnDouble(8);
        r.row.rosterHours = st.columnDouble(9);
        r.row.records = static_cast<int>(st.columnInt(10));
        r.row.unverifiedHours = st.columnDouble(11);
        r.row.unitText = st.columnText(12);
        if (numeric) r.key.number = st.columnDouble(13);
        else r.key.text = st.columnText(13);
        r.key.id = r.row.id;
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace

std::vector<VolunteerListRow> VolunteerList::page(const VolunteerListQuery& query, const VolunteerListKey* after,
                                                  int limit) {
    const Plan p = plan(query);
    const SortColumn column = sortColumn(query.sort);
    // The page's ids and keys first (an index, or the candidates), then the
    // rows to show for just those.
    const std::string sql =
        std::string("WITH page AS (SELECT l.person_id AS id, ") + column.expr
        + " AS k, l.dated_hours AS dated, l.records AS records, l.unverified_hours AS unverified"
        + (p.path == PlanPath::GramName ? p.from(after != nullptr, " LIMIT ?3") : p.from())
        + whereOf(query, p.matches(), p.scopeUnits, *p.dialect) + (after ? keysetOf(query, false) : std::string())
        + orderOf(query, column.expr, "l.person_id")
        + " LIMIT ?3)"
          " SELECT page.id, p.name, coalesce(p.gender, ''), coalesce(p.id_number, ''), coalesce(p.phone, ''),"
          " coalesce(p.unit_id, 0), coalesce(u.name, ''), coalesce(p.joined_on, ''), page.dated, p.roster_hours,"
          " page.records, page.unverified, coalesce(p.unit_text, ''), page.k"
          " FROM page JOIN person p ON p.id = page.id LEFT JOIN org_unit u ON u.id = p.unit_id"
        + orderOf(query, "page.k", "page.id");
    Statement st = m_storage.db().prepare(sql);
    p.bind(st);
    if (query.unitId != 0) st.bind(20, query.unitId);
    if (after) bindKey(st, query, *after);
    st.bind(3, limit);
    return readRows(st, column.numeric);
}

std::vector<VolunteerListRow> VolunteerList::seek(const VolunteerListQuery& query, std::int64_t offset, int limit) {
    if (offset <= 0) return page(query, nullptr, limit);
    const Plan p = plan(query);
    const SortColumn column = sortColumn(query.sort);
    // The key at `offset` from the index alone (OFFSET skips index entries,
    // not rows), then a page from it.
    Statement st = m_storage.db().prepare(std::string("SELECT ") + column.expr + ", l.person_id"
                                          + p.from(false, p.path == PlanPath::GramName ? " LIMIT ?4 + 1" : "")
                                          + whereOf(query, p.matches(), p.scopeUnits, *p.dialect)
                                          + orderOf(query, column.expr, "l.person_id")
                                          + " LIMIT 1 OFFSET ?4");
    p.bind(st);
    if (query.unitId != 0) st.bind(20, query.unitId);
    st.bind(4, offset);
    if (!st.step()) return {};
    VolunteerListKey key;
    if (column.numeric) key.number = st.columnDouble(0);
    else key.text = st.columnText(0);
    key.id = st.columnInt(1);
    st.reset();
    // The row at `offset` itself: start just before it.
    if (query.ascending) key.id -= 1;
    else key.id += 1;
    return page(query, &key, limit);
}

void VolunteerList::forEach(const VolunteerListQuery& query, const std::function<void(const VolunteerListRow&)>& visit) {
    std::optional<VolunteerListKey> after;
    for (;;) {
        const std::vector<VolunteerListRow> rows = page(query, after ? &*after : nullptr, 2000);
        for (const VolunteerListRow& r : rows) visit(r);
        if (rows.size() < 2000) return;
        after = rows.back().key;
    }
}

bool sortKeysCollationCurrent(Database& db) {
    Statement st = db.prepare("SELECT value FROM setting WHERE key = ?1");
    st.bind(1, kCollationSetting);
    return st.step() && st.columnText(0) == collationVersion();
}

std::int64_t fillPersonSortKeys(Database& db, bool force, int batch) {
    const std::string version = collationVersion();
    if (!force && sortKeysCollationCurrent(db)) return 0;
    std::int64_t maxId = 0, filled = 0;
    {
        Statement st = db.prepare("SELECT coalesce(max(id), 0) FROM person");
        if (st.step()) maxId = st.columnInt(0);
    }
    // Set-based (person_list_bulk.hpp): through 0026's per-row triggers each
    // person's grams went to random places of a growing person_gram. Each
    // step commits on its own; the collator's version is stored last, so a
    // crash on the way leaves it unset and the next open starts over.
    {
        Transaction tx(db);
        clearPersonList(db);
        tx.commit();
    }
    for (std::int64_t low = 0; low <= maxId; low += batch) {
        Transaction tx(db);
        filled += fillPersonListRowsWithoutGrams(db, low, low + batch);
        tx.commit();
        reportOpenAdvance(std::min<std::int64_t>(batch, maxId - low));   // by id range: the window's bar
    }
    {
        Transaction tx(db);
        fillAllGrams(db);   // one pass in key order into the empty tables
        tx.commit();
    }
    Transaction tx(db);
    Statement st = db.prepare("INSERT INTO setting (key, value, note) VALUES (?1, ?2,"
                              " '志愿者名单拼音排序所用的ICU排序规则版本（自动维护）')"
                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value, note = excluded.note");
    st.bind(1, kCollationSetting).bind(2, version);
    st.run();
    tx.commit();
    return filled;
}

std::int64_t fillPersonSortKeys(Storage& storage, bool force) {
    const std::int64_t filled = fillPersonSortKeys(storage.db(), force);
    if (filled > 0) storage.bump();
    return filled;
}

} // namespace jinguo::storage
