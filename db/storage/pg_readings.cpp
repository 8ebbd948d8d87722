// pg_readings.cpp — see pg_readings.hpp.
#include "storage/pg_readings.hpp"

#include "core/pinyin.hpp"
#include "storage/pg_connection.hpp"

#include <cstdint>
#include <vector>

namespace jinguo::storage {

namespace {
const std::vector<CharacterReading>& appReadings() {
    static const std::vector<CharacterReading> readings = [] {
        PinyinIndex index;
        return index.characterReadings();
    }();
    return readings;
}
} // namespace

bool pinyinReadingsStale(PgDatabase& db) {
    auto st = db.prepare("SELECT version FROM pinyin_reading_version");
    return !st.step() || st.columnText(0) != readingSetVersion();
}

void writePinyinReadings(PgDatabase& db) {
    PgTransaction tx(db);
    auto previous = db.prepare("SELECT count(*) FROM pinyin_reading_version");
    const bool replacing = previous.step() && previous.columnInt(0) > 0;
    db.exec("TRUNCATE pinyin_reading");
    PgCopyIn copy(db, "COPY pinyin_reading (codepoint, syllable, surname) FROM STDIN");
    for (const CharacterReading& r : appReadings()) {
        copy.field(static_cast<std::int64_t>(r.codepoint)).field(r.syllable);
        if (r.surname.empty()) copy.fieldNull();
        else copy.field(r.surname);
        copy.endRow();
    }
    copy.finish();
    auto st = db.prepare("INSERT INTO pinyin_reading_version (version) VALUES (?) "
                         "ON CONFLICT (\"only\") DO UPDATE SET version = excluded.version");
    st.bind(1, readingSetVersion());
    st.run();
    if (replacing) {
        // Rows written under the old readings: their pinyin and initials
        // again (person_gram follows person_list's update by its trigger).
        db.exec("UPDATE person_list SET pinyin = jinguo_pinyin(name), initials = jinguo_initials(name) "
                "WHERE (pinyin, initials) IS DISTINCT FROM (jinguo_pinyin(name), jinguo_initials(name))");
        db.exec("UPDATE person_search s SET pinyin = l.pinyin, initials = l.initials FROM person_list l "
                "WHERE l.person_id = s.person_id AND (s.pinyin, s.initials) IS DISTINCT FROM (l.pinyin, l.initials)");
        db.exec("UPDATE honour_list SET pinyin = jinguo_pinyin(name), initials = jinguo_initials(name) "
                "WHERE (pinyin, initials) IS DISTINCT FROM (jinguo_pinyin(name), jinguo_initials(name))");
    }
    tx.commit();
}

} // namespace jinguo::storage
