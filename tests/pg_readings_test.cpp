// Issue 18: the app's name functions on PostgreSQL. The server assembles
// pinyin, initials and search grams from the readings the app gives it
// (pinyin_reading, db/storage/pg_readings.cpp) and sorts names with its ICU
// collation jinguo_pinyin. These cases prove, on 20,000 generated names and
// the edge cases, that every server function gives what the app's C++ gives
// (db/storage/sql_functions.cpp), that a changed reading is caught, and that
// names read in key order (keyset pages too) come in the order SQLite's hex
// ICU keys give.
#include "core/pinyin.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "storage/database.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_readings.hpp"
#include "storage/pg_schema.hpp"
#include "storage/sql_functions.hpp"
#include "support/pg_cluster.hpp"
#include "temp_db.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

using jinguo::PinyinIndex;
using jinguo::storage::Database;
using jinguo::storage::PgCopyIn;
using jinguo::storage::PgDatabase;
using jinguo::test::TempDbPath;
namespace storage = jinguo::storage;

namespace {

// One compared input: a name (also a household head), an address, an ID
// number and a phone.
struct Sample {
    std::string name;
    std::string address;
    std::string idNumber;   // "" for none (NULL)
    std::string phone;
};

// Surnames: the common ones, compound ones and every surname whose reading
// differs (单 shan, 曾 zeng, 解 xie, 区 ou, 仇 qiu …).
const char* const kSurnames[] = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
    "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "肖", "田", "董", "袁", "潘",
    "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",
    "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "方", "邹", "熊", "秦", "江", "薛", "顾", "毛", "俞", "楼",
    "诸葛", "欧阳", "司马", "上官", "单", "曾", "解", "仇", "区", "朴", "查", "盖", "缪", "乐", "覃", "翟", "秘",
    "召", "员", "尉", "种", "黑", "长", "藏", "万俟", "尉迟", "长孙"};
const char* const kGiven[] = {
    "秀英", "桂英", "玉兰", "淑珍", "春梅", "爱华", "红梅", "丽", "静", "敏", "燕", "娟", "霞", "晓燕", "海燕",
    "雪梅", "婷", "雪", "琳", "佳怡", "欣怡", "梓涵", "诗涵", "雨欣", "思琪", "一诺", "若曦", "建国", "卫东",
    "志强", "伟", "强", "磊", "军", "洋", "勇", "杰", "浩然", "子轩", "宇航", "乐乐", "长安", "重阳", "行",
    "朝阳", "单单", "曾曾", "解放", "区区", "仇", "都", "传", "会", "弹", "还", "着", "了", "和", "觉", "校"};
const char* const kPlaces[] = {"江滨街道", "文昌街道", "向阳社区", "幸福里", "解放路", "长乐坊", "重庆路",
                               "区府大院", "朝阳新村", "曾家巷"};

// A Han character drawn from all of PinyinIndex's ranges (common, Ext A,
// compatibility, Ext B+): the readings table must hold them all.
char32_t randomHan(std::mt19937& random) {
    const int range = std::uniform_int_distribution<int>(0, 9)(random);
    auto in = [&](char32_t low, char32_t high) { return std::uniform_int_distribution<char32_t>(low, high)(random); };
    if (range <= 6) return in(0x4E00, 0x9FFF);
    if (range == 7) return in(0x3400, 0x4DBF);
    if (range == 8) return in(0xF900, 0xFAFF);
    return in(0x20000, 0x3134F);
}

std::vector<Sample> makeSamples() {
    std::vector<Sample> out;
    // The edge cases: empty, Latin, digits, 〇, emoji, full-width letters,
    // spaces of every kind, a polyphonic surname first, after ASCII, after
    // an emoji, 1-character names, other scripts, ignorable characters.
    for (const char* name :
         {"", "A", "Zhang San", "mary", "O'Neil-李", "李2号", "2号李", "1234", "〇", "王〇〇", "😀", "王😀", "😀单田芳",
          "ＡＢＣ王", "王ＡＢＣ", "单田芳", "曾国藩", "解缙", "区", "仇英", "单", "曾", "解", "仇", "A单", "1曾", " 王芳 ",
          "王\t芳", "王　芳", "王\u00a0芳", "王芳\u200b", "王芳", "\u200b王芳", "Mary王", "王-芳", "李·娜", "𠀀", "𪚥", "㐀",
          "豈", "张x", "x张", "X", "長", "さくら", "김민지", "Łucja", "Zoë", "ß", "\"引号\"", "a\\b", "李\u0301",
          "欧阳娜娜", "长孙无忌", "乐", "乐乐", "覃", "召", "员", "尉", "种", "黑", "长", "藏", "朴", "查", "盖",
          "缪", "翟", "秘"})
        out.push_back({name, "", "", ""});
    std::mt19937 random(18);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    auto digits = [&](int n) {
        std::string d;
        for (int i = 0; i < n; ++i) d += static_cast<char>('0' + pick(10));
        return d;
    };
    while (out.size() < 20500) {
        Sample s;
        const int shape = pick(20);
        s.name = kSurnames[pick(static_cast<int>(std::size(kSurnames)))];
        if (shape < 12) {
            s.name += kGiven[pick(static_cast<int>(std::size(kGiven)))];
        } else if (shape < 17) {   // characters from everywhere in the Han ranges
            for (int n = 1 + pick(2); n > 0; --n) jinguo::appendUtf8(s.name, randomHan(random));
        } else if (shape == 17) {
            s.name = "Li" + digits(1) + s.name;
        } else if (shape == 18) {
            s.name += "（" + std::string(kGiven[pick(static_cast<int>(std::size(kGiven)))]) + "）";
        } else {
            jinguo::appendUtf8(s.name, randomHan(random));
            s.name = std::string(kPlaces[pick(static_cast<int>(std::size(kPlaces)))]) + s.name;
        }
        if (pick(3) > 0) s.address = std::string(kPlaces[pick(static_cast<int>(std::size(kPlaces)))]) + digits(1 + pick(3)) + "号";
        if (pick(4) > 0) s.address += pick(2) ? " 3幢　201" : "Unit B";
        if (pick(3) > 0) s.idNumber = "3301" + digits(13) + (pick(5) ? digits(1) : (pick(2) ? "x" : "X"));
        if (pick(3) > 0) s.phone = "1" + digits(10);
        out.push_back(std::move(s));
    }
    return out;
}

std::string joined(const std::vector<std::string>& parts) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : "\x1f") + p;
    return out;
}

const std::vector<Sample>& samples() {
    static const std::vector<Sample> all = makeSamples();
    return all;
}

// One line per sample: what the app's functions give (as SQLite's triggers read them).
std::vector<std::string> makeAppLines(const std::vector<Sample>& all) {
    PinyinIndex index;
    std::vector<std::string> lines;
    for (const Sample& s : all) {
        const jinguo::NameKeys keys = index.keysFor(s.name);
        const std::string idTail = s.idNumber.empty() ? "" : storage::reversedTail(s.idNumber);
        const std::string phoneTail = s.phone.empty() ? "" : storage::reversedTail(s.phone);
        lines.push_back(keys.pinyin + "|" + keys.initials + "|" + idTail + "|" + phoneTail + "|"
                        + joined(storage::searchGrams(s.name, keys.pinyin, keys.initials, idTail, phoneTail)) + "|"
                        + joined(storage::familySearchGrams(s.name, s.address)) + "|"
                        + joined(storage::familySearchGramsWithSpell(s.name, s.address, keys.pinyin + " " + keys.initials)));
    }
    return lines;
}

const std::vector<std::string>& appLines() {
    static const std::vector<std::string> lines = makeAppLines(samples());
    return lines;
}

// The samples in a temporary table on the server (COPY).
void copySamples(PgDatabase& db, const std::vector<Sample>& all) {
    db.exec("CREATE TEMP TABLE sample (id bigint PRIMARY KEY, name text NOT NULL, address text NOT NULL, "
            "id_number text, phone text)");
    PgCopyIn copy(db, "COPY sample (id, name, address, id_number, phone) FROM STDIN");
    for (std::size_t i = 0; i < all.size(); ++i) {
        copy.field(static_cast<std::int64_t>(i)).field(all[i].name).field(all[i].address);
        if (all[i].idNumber.empty()) copy.fieldNull();
        else copy.field(all[i].idNumber);
        if (all[i].phone.empty()) copy.fieldNull();
        else copy.field(all[i].phone);
        copy.endRow();
    }
    copy.finish();
}

// The same line from the server's functions, for the first `count` samples in id order.
std::vector<std::string> serverLines(PgDatabase& db, std::size_t count) {
    auto st = db.prepare(
        "WITH k AS MATERIALIZED (SELECT id, name, address, jinguo_pinyin(name) AS p, jinguo_initials(name) AS i, "
        "                  coalesce(jinguo_reverse(id_number), '') AS it, coalesce(jinguo_reverse(phone), '') AS pt "
        "           FROM sample WHERE id < ?) "
        "SELECT p || '|' || i || '|' || it || '|' || pt || '|' "
        "    || coalesce((SELECT string_agg(g, chr(31) ORDER BY g COLLATE \"C\") "
        "                 FROM jinguo_grams(name, p, i, nullif(it, ''), nullif(pt, '')) AS g), '') || '|' "
        "    || coalesce((SELECT string_agg(g, chr(31) ORDER BY g COLLATE \"C\") FROM jinguo_family_grams(name, address) AS g), '') || '|' "
        "    || coalesce((SELECT string_agg(g, chr(31) ORDER BY g COLLATE \"C\") "
        "                 FROM jinguo_family_grams(name, address, p || ' ' || i) AS g), '') "
        "FROM k ORDER BY id");
    st.bind(1, static_cast<std::int64_t>(count));
    std::vector<std::string> lines;
    while (st.step()) lines.push_back(st.columnText(0));
    return lines;
}

// Samples whose lines differ, the first few shown.
int countDifferences(const std::vector<Sample>& all, const std::vector<std::string>& app,
                     const std::vector<std::string>& server, std::string& shown) {
    REQUIRE(server.size() <= app.size());
    int differences = 0;
    for (std::size_t i = 0; i < server.size(); ++i) {
        if (app[i] == server[i]) continue;
        if (++differences <= 5) shown += "\n  " + all[i].name + "\n    app:    " + app[i] + "\n    server: " + server[i];
    }
    return differences;
}

// A new database migrated (which writes the readings too): its conninfo.
std::string freshServer() {
    const std::string conninfo = test::PgCluster::shared().createDatabase();
    PgDatabase db(conninfo);
    storage::migratePgDatabase(db);
    return conninfo;
}

} // namespace

TEST_SUITE("pg_readings") {

TEST_CASE("the server's name functions give what the app's give, on 20,000 names and the edge cases") {
    const std::vector<Sample>& all = samples();
    const std::vector<std::string>& app = appLines();
    PgDatabase db(freshServer());
    CHECK_FALSE(storage::pinyinReadingsStale(db));
    copySamples(db, all);

    std::string shown;
    const std::vector<std::string> server = serverLines(db, all.size());
    CHECK(server.size() == all.size());
    const int differences = countDifferences(all, app, server, shown);
    CHECK_MESSAGE(differences == 0, differences, " of ", all.size(), " names differ:", shown);
    CHECK(all.size() >= 20000);

    // Not a vacuous comparison: the samples reach surnames, Ext B, tails.
    auto count = [&](const std::string& sql) {
        auto st = db.prepare(sql);
        return st.step() ? st.columnInt(0) : -1;
    };
    MESSAGE(count("SELECT count(*) FROM pinyin_reading"), " readings, ", all.size(), " names compared");
    CHECK(count("SELECT count(*) FROM pinyin_reading") > 40000);
    CHECK(count("SELECT count(*) FROM pinyin_reading WHERE surname IS NOT NULL") >= 15);
    CHECK(count("SELECT count(*) FROM sample WHERE jinguo_pinyin(name) LIKE 'shan%' AND name LIKE '单%'") > 0);
    CHECK(count("SELECT count(*) FROM sample WHERE ascii(name) >= 131072 AND jinguo_initials(name) <> ''") > 0);
    CHECK(count("SELECT count(*) FROM sample WHERE jinguo_reverse(id_number) LIKE 'X%'") > 0);

    // jinguo_level_rank: every word the app knows, an unknown one, NULL.
    for (const char* level : jinguo::kTitleLevelWords) {
        auto st = db.prepare("SELECT jinguo_level_rank(?)");
        st.bind(1, level);
        REQUIRE(st.step());
        CHECK(st.columnInt(0) == jinguo::titleLevelRank(level));
    }
    CHECK(count("SELECT jinguo_level_rank('乡镇')") == -1);
    CHECK(count("SELECT jinguo_level_rank(NULL)") == -1);
    CHECK(count("SELECT (jinguo_pinyin(NULL) IS NULL AND jinguo_initials(NULL) IS NULL AND jinguo_sort_key(NULL) IS NULL)::int") == 1);
}

TEST_CASE("a changed reading on the server is caught, and the app's readings written again restore it") {
    const std::vector<Sample>& all = samples();
    const std::vector<std::string>& app = appLines();
    PgDatabase db(freshServer());
    copySamples(db, all);
    const std::size_t kCompared = 4000;   // the edge cases and the first generated names: enough to see each change
    std::string shown;
    REQUIRE(countDifferences(all, app, serverLines(db, kCompared), shown) == 0);

    // A common reading, a surname's reading, a reading missing: each is a difference.
    db.exec("UPDATE pinyin_reading SET syllable = 'wag' WHERE codepoint = ascii('王')");
    CHECK(countDifferences(all, app, serverLines(db, kCompared), shown) > 0);
    storage::writePinyinReadings(db);
    CHECK(countDifferences(all, app, serverLines(db, kCompared), shown) == 0);

    shown.clear();
    db.exec("UPDATE pinyin_reading SET surname = NULL WHERE codepoint = ascii('单')");
    CHECK(countDifferences(all, app, serverLines(db, kCompared), shown) > 0);
    CHECK(shown.find("单") != std::string::npos);
    storage::writePinyinReadings(db);

    shown.clear();
    db.exec("DELETE FROM pinyin_reading WHERE codepoint = ascii('李')");
    CHECK(countDifferences(all, app, serverLines(db, kCompared), shown) > 0);

    // Another reading set's version: the next migration run writes this app's again.
    db.exec("UPDATE pinyin_reading_version SET version = 'another Jinguo'");
    CHECK(storage::pinyinReadingsStale(db));
    storage::migratePgDatabase(db);
    CHECK_FALSE(storage::pinyinReadingsStale(db));
    shown.clear();
    CHECK_MESSAGE(countDifferences(all, app, serverLines(db, kCompared), shown) == 0, shown);
}

TEST_CASE("names in key order on PostgreSQL come in SQLite's order of ICU keys, keyset pages too") {
    const std::vector<Sample>& all = samples();
    PgDatabase db(freshServer());
    {
        auto st = db.prepare("SELECT collversion FROM pg_collation WHERE collname = 'jinguo_pinyin'");
        REQUIRE(st.step());
        INFO("the server's ICU collator for zh is version ", st.columnText(0), ", the app's ", jinguo::collationVersion());
        CHECK(st.columnText(0) == jinguo::collationVersion());
    }
    // PostgreSQL: the name itself under the collation. Ids shuffled against
    // the names so equal names show that id breaks the tie on both.
    std::vector<std::int64_t> ids(all.size());
    for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<std::int64_t>(i) + 1;
    std::shuffle(ids.begin(), ids.end(), std::mt19937(45));
    db.exec("CREATE TEMP TABLE keyed (id bigint PRIMARY KEY, name_key text COLLATE jinguo_pinyin NOT NULL)");
    {
        PgCopyIn copy(db, "COPY keyed (id, name_key) FROM STDIN");
        for (std::size_t i = 0; i < all.size(); ++i) {
            copy.field(ids[i]).field(all[i].name);
            copy.endRow();
        }
        copy.finish();
    }
    db.exec("INSERT INTO keyed SELECT id + 100000, name_key FROM keyed WHERE id % 7 = 0");   // duplicates
    db.exec("CREATE INDEX keyed_order ON keyed (name_key, id)");

    // SQLite: the app's hex keys (jinguo_sort_key) in the same rows.
    TempDbPath path;
    Database sqlite(path.str());
    sqlite.exec("CREATE TABLE keyed (id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL)");
    {
        jinguo::storage::Transaction tx(sqlite);
        auto insert = sqlite.prepare("INSERT INTO keyed (id, name, name_key) VALUES (?, ?, jinguo_sort_key(?2))");
        for (std::size_t i = 0; i < all.size(); ++i) {
            insert.bind(1, ids[i]).bind(2, all[i].name);
            insert.run();
            insert.reset();
        }
        tx.commit();
    }
    sqlite.exec("INSERT INTO keyed SELECT id + 100000, name, name_key FROM keyed WHERE id % 7 = 0");
    std::vector<std::int64_t> fromSqlite, fromPg, fromPages;
    {
        auto st = sqlite.prepare("SELECT id FROM keyed ORDER BY name_key, id");
        while (st.step()) fromSqlite.push_back(st.columnInt(0));
    }
    {
        auto st = db.prepare("SELECT id FROM keyed ORDER BY name_key, id");
        while (st.step()) fromPg.push_back(st.columnInt(0));
    }
    // Keyset pages as the lists read them: (key, id) > (last key, last id).
    std::string lastKey;
    std::int64_t lastId = -1;
    for (;;) {
        auto st = db.prepare("SELECT id, name_key FROM keyed WHERE (name_key, id) > (?, ?) ORDER BY name_key, id LIMIT 997");
        st.bind(1, lastKey).bind(2, lastId);
        int rows = 0;
        while (st.step()) {
            fromPages.push_back(st.columnInt(0));
            lastKey = st.columnText(1);
            lastId = st.columnInt(0);
            ++rows;
        }
        if (rows < 997) break;
    }
    REQUIRE(fromSqlite.size() > 20000);
    CHECK(fromPg.size() == fromSqlite.size());
    std::size_t firstDiffering = 0;
    while (firstDiffering < std::min(fromPg.size(), fromSqlite.size()) && fromPg[firstDiffering] == fromSqlite[firstDiffering])
        ++firstDiffering;
    std::string shown;
    if (firstDiffering < std::min(fromPg.size(), fromSqlite.size())) {
        std::map<std::int64_t, std::string> names;
        for (std::size_t i = 0; i < all.size(); ++i) names[ids[i]] = names[ids[i] + 100000] = all[i].name;
        for (std::size_t at = firstDiffering; at < firstDiffering + 3 && at < fromPg.size(); ++at)
            shown += "\n  postgresql " + std::to_string(fromPg[at]) + " " + names[fromPg[at]] + "   sqlite "
                     + std::to_string(fromSqlite[at]) + " " + names[fromSqlite[at]];
    }
    CHECK_MESSAGE(fromPg == fromSqlite, "first difference at position ", firstDiffering, shown);
    CHECK(fromPages == fromPg);
}

}   // TEST_SUITE
