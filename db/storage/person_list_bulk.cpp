// person_list_bulk.cpp — set-based writes of person_list, person_search and
// the search grams (see person_list_bulk.hpp).
#include "storage/person_list_bulk.hpp"

#include "storage/phase_clock.hpp"
#include "storage/sql_functions.hpp"

#include <cstdint>
#include <map>

namespace jinguo::storage {

namespace {

// The triggers of 0026 that write grams and their counts as person_list rows
// are inserted; the set-based fills below write both themselves.
const std::vector<std::string> kGramInsertTriggers = {"person_gram_before_insert", "person_gram_after_insert",
                                                      "person_gram_count_insert"};

void requireTransaction(Database& db, const char* what) {
    if (!db.inTransaction()) throw StorageError(std::string("内部错误：") + what + "必须在事务中进行。");
}

// The grams of the volunteers of person_list chosen by `where` (of ?1 and
// maybe ?2), in person_gram's key order, as insertGrams describes.
struct GramsByKey {
    std::vector<std::pair<std::int64_t, std::string>> people;   // (id, name_key) in key order
    std::map<std::string, std::vector<std::uint32_t>> byGram;
};

GramsByKey gramsOf(Database& db, const std::string& where, std::int64_t a, std::int64_t b) {
    GramsByKey g;
    Statement st = db.prepare("SELECT l.person_id, l.name_key, l.name, l.pinyin, l.initials, coalesce(l.id_tail, ''),"
                              " coalesce(l.phone_tail, '') FROM person_list l WHERE l.is_volunteer = 1 AND " + where
                              + " ORDER BY l.name_key, l.person_id");
    st.bind(1, a);
    if (where.find("?2") != std::string::npos) st.bind(2, b);
    while (st.step()) {
        const auto at = static_cast<std::uint32_t>(g.people.size());
        g.people.emplace_back(st.columnInt(0), std::string(st.columnView(1)));
        for (std::string& gram : searchGrams(st.columnView(2), st.columnView(3), st.columnView(4), st.columnView(5),
                                             st.columnView(6)))
            g.byGram[std::move(gram)].push_back(at);
    }
    return g;
}

// The grams of the volunteers of person_list with ids in (after, upTo], in
// person_gram's key order (gram, name_key, person_id), without sorting the
// rows themselves (SQLite's sorter held all ~20 rows a person in memory:
// 1.3 GiB peak for 200,000 people): the people are read in (name_key, id)
// order and each gram collects their positions, so every gram's list is
// already in key order; grams are visited in BINARY order (std::string
// compares bytes unsigned, as memcmp). ~4 bytes a gram row. The grams are
// searchGrams', the function behind jinguo_grams: the triggers' own.
void insertGrams(Database& db, std::int64_t after, std::int64_t upTo) {
    const GramsByKey g = gramsOf(db, "l.person_id > ?1 AND l.person_id <= ?2", after, upTo);
    const auto& people = g.people;
    const auto& byGram = g.byGram;
    // Many rows per INSERT (one statement's overhead per list, not per row).
    constexpr int kRows = 100;
    static const std::string manyRows = [] {
        std::string sql = "INSERT INTO person_gram (gram, name_key, person_id) VALUES ";
        for (int r = 0; r < kRows; ++r) sql += r ? ", (?, ?, ?)" : "(?, ?, ?)";
        return sql;
    }();
    auto many = db.cached(manyRows.c_str());
    auto one = db.cached("INSERT INTO person_gram (gram, name_key, person_id) VALUES (?, ?, ?)");
    auto count = db.cached("INSERT INTO person_gram_count (gram, volunteers) VALUES (?1, ?2)"
                           " ON CONFLICT (gram) DO UPDATE SET volunteers = volunteers + excluded.volunteers");
    for (const auto& [gram, positions] : byGram) {
        std::size_t i = 0;
        for (; i + kRows <= positions.size(); i += kRows) {
            for (int r = 0; r < kRows; ++r) {
                const auto& [id, nameKey] = people[positions[i + static_cast<std::size_t>(r)]];
                many.bindUncopied(3 * r + 1, gram).bindUncopied(3 * r + 2, nameKey).bind(3 * r + 3, id);
            }
            many.run();   // (run() resets; every value is bound again)
        }
        for (; i < positions.size(); ++i) {
            const auto& [id, nameKey] = people[positions[i]];
            one.bindUncopied(1, gram).bindUncopied(2, nameKey).bind(3, id);
            one.run();
        }
        count.bindUncopied(1, gram).bind(2, static_cast<std::int64_t>(positions.size()));
        count.run();
    }
}

void insertSearchRows(Database& db, std::int64_t after, std::int64_t upTo) {
    // A person of the range already written by an update trigger may or may
    // not have its row (that trigger writes one only when the name changed).
    Statement drop = db.prepare("DELETE FROM person_search WHERE rowid > ?1 AND rowid <= ?2");
    drop.bind(1, after).bind(2, upTo);
    drop.run();
    Statement search = db.prepare("INSERT INTO person_search (rowid, name, pinyin, initials)"
                                  " SELECT person_id, name, pinyin, initials FROM person_list"
                                  " WHERE person_id > ?1 AND person_id <= ?2");
    search.bind(1, after).bind(2, upTo);
    search.run();
}

} // namespace

const char* const kPersonListInsertTrigger = "person_list_after_insert";

SuspendedTriggers::SuspendedTriggers(Database& db, const std::vector<std::string>& names) : m_db(db) {
    requireTransaction(db, "暂停触发器");
    for (const std::string& name : names) {
        Statement st = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1");
        st.bind(1, name);
        if (!st.step()) continue;   // already suspended by someone else in this transaction
        m_dropped.emplace_back(name, st.columnText(0));
    }
    // Names are the schema's own (read above), quoted all the same.
    for (const auto& [name, sql] : m_dropped) db.exec("DROP TRIGGER \"" + name + "\"");
}

SuspendedTriggers::~SuspendedTriggers() {
    try {
        restore();
    } catch (...) {}   // the caller's transaction is failing: its rollback restores them
}

void SuspendedTriggers::restore() {
    for (const auto& [name, sql] : m_dropped) {
        Statement st = m_db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1");
        st.bind(1, name);
        const bool present = st.step();   // a rollback brought it back
        st.reset();
        if (!present) m_db.exec(sql);
    }
    m_dropped.clear();
}

std::int64_t fillNewPeople(Database& db, std::int64_t after, std::int64_t upTo) {
    requireTransaction(db, "批量写入志愿者名单");
    if (upTo <= after) return 0;
    // A person of the range updated meanwhile has its row already (written
    // by the update triggers): dropped first, through the triggers, which
    // take its grams and counts with it; then every row of the range is new.
    {
        PhaseClock clock("person_list: updated rows out");
        Statement present = db.prepare("DELETE FROM person_list WHERE person_id > ?1 AND person_id <= ?2");
        present.bind(1, after).bind(2, upTo);
        present.run();
    }
    SuspendedTriggers grams(db, kGramInsertTriggers);
    std::int64_t written = 0;
    {
        PhaseClock clock("person_list: rows");
        // In person_id order (appends to the table). Ordered by name_key
        // instead, for person_list_name and _unit, it was no cheaper at 1M
        // (7.3 s vs 6.9 s CPU for 200,000 rows): eight of the ten indexes
        // have other random keys.
        Statement list = db.prepare("INSERT INTO person_list SELECT * FROM person_list_source"
                                    " WHERE person_id > ?1 AND person_id <= ?2");
        list.bind(1, after).bind(2, upTo);
        list.run();
        written = db.changes();
    }
    {
        PhaseClock clock("person_gram + counts");
        insertGrams(db, after, upTo);
    }
    grams.restore();
    {
        PhaseClock clock("person_search (FTS5)");
        insertSearchRows(db, after, upTo);
    }
    return written;
}

std::int64_t removeBatchPeopleFromList(Database& db, std::int64_t batch) {
    requireTransaction(db, "批量删除志愿者名单");
    const char* const ofBatch = "l.person_id IN (SELECT id FROM person WHERE import_batch_id = ?1)";
    const GramsByKey g = gramsOf(db, ofBatch, batch, 0);
    SuspendedTriggers triggers(db, {"person_gram_after_delete", "person_gram_count_delete"});
    // One row per DELETE, visited in key order: each page of person_gram is
    // read and written once, however big the table.
    auto drop = db.cached("DELETE FROM person_gram WHERE gram = ?1 AND name_key = ?2 AND person_id = ?3");
    auto count = db.cached("UPDATE person_gram_count SET volunteers = volunteers - ?2 WHERE gram = ?1");
    for (const auto& [gram, positions] : g.byGram) {
        std::int64_t removed = 0;
        for (const std::uint32_t at : positions) {
            const auto& [id, nameKey] = g.people[at];
            drop.bindUncopied(1, gram).bindUncopied(2, nameKey).bind(3, id);
            drop.run();
            removed += db.changes();
        }
        count.bindUncopied(1, gram).bind(2, removed);
        count.run();
    }
    Statement search = db.prepare("DELETE FROM person_search WHERE rowid IN (SELECT id FROM person WHERE import_batch_id = ?1)");
    search.bind(1, batch);
    search.run();
    Statement list = db.prepare(std::string("DELETE FROM person_list AS l WHERE ") + ofBatch);
    list.bind(1, batch);
    list.run();
    const std::int64_t removed = db.changes();
    triggers.restore();
    return removed;
}

void clearPersonList(Database& db) {
    requireTransaction(db, "清空志愿者名单");
    // Without triggers a DELETE without WHERE empties a table at once.
    SuspendedTriggers triggers(db, {"person_gram_before_insert", "person_gram_after_insert", "person_gram_after_delete",
                                    "person_gram_after_update", "person_gram_count_insert", "person_gram_count_delete",
                                    "volunteer_count_after_delete"});
    db.exec("DELETE FROM person_list; DELETE FROM person_search; DELETE FROM person_gram; DELETE FROM person_gram_count;"
            " UPDATE table_row_count SET row_count = 0 WHERE table_name = 'person_list.volunteers';");
    triggers.restore();
}

std::int64_t fillPersonListRowsWithoutGrams(Database& db, std::int64_t after, std::int64_t upTo) {
    requireTransaction(db, "批量写入志愿者名单");
    SuspendedTriggers grams(db, kGramInsertTriggers);
    // Into the emptied list; a row already there came from its person's own
    // insert trigger and is current. Never OR REPLACE: its implicit delete
    // fires no trigger, and 0040's kept count of volunteers would drift.
    Statement list = db.prepare("INSERT INTO person_list SELECT * FROM person_list_source"
                                " WHERE person_id > ?1 AND person_id <= ?2 ON CONFLICT DO NOTHING");
    list.bind(1, after).bind(2, upTo);
    list.run();
    const std::int64_t written = db.changes();
    insertSearchRows(db, after, upTo);
    grams.restore();
    return written;
}

void fillAllGrams(Database& db) {
    requireTransaction(db, "写入检索词");
    SuspendedTriggers counts(db, {"person_gram_count_insert", "person_gram_count_delete"});
    db.exec("DELETE FROM person_gram; DELETE FROM person_gram_count;");
    // Into empty tables in key order: appends, as 0026's own fill.
    db.exec("INSERT INTO person_gram (gram, name_key, person_id)"
            " SELECT j.value, l.name_key, l.person_id"
            " FROM person_list l, json_each(jinguo_grams(l.name, l.pinyin, l.initials, l.id_tail, l.phone_tail)) j"
            " WHERE l.is_volunteer = 1 ORDER BY 1, 2, 3;"
            "INSERT INTO person_gram_count (gram, volunteers) SELECT gram, count(*) FROM person_gram GROUP BY gram;");
    counts.restore();
}

} // namespace jinguo::storage
