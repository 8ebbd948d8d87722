// pinyin.hpp — search and sort the way Chinese users type and expect.
//
// 张三 is found by "zhangsan", "zhang", "zs"; lists sort in pinyin order
// (阿芳 before 张三), not by code point. Pinyin comes from ICU's Han-Latin
// transliteration, cached per character (a name costs a few lookups, 100,000
// names well under a second); the first character of a name is read as a
// surname where the reading differs (单 shan, 曾 zeng, 解 xie …).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

// One character's readings as the server's jinguo_pinyin reads them
// (PostgreSQL table pinyin_reading): the common reading, and the reading as
// a name's first character where it differs ("" when it does not).
struct CharacterReading {
    char32_t codepoint;
    std::string syllable;
    std::string surname;
};

struct NameKeys {
    std::string pinyin;        // "zhangsan": lower-case ASCII, no tones, no spaces
    std::string initials;      // "zs"
    std::string collation;     // ICU sort key (pinyin order); compare with <
};

class PinyinIndex {
public:
    PinyinIndex();
    ~PinyinIndex();
    PinyinIndex(const PinyinIndex&) = delete;
    PinyinIndex& operator=(const PinyinIndex&) = delete;

    NameKeys keysFor(std::string_view utf8Name);
    // The pinyin of one character without tone ("" for non-Han characters).
    const std::string& syllable(char32_t codepoint, bool asSurname = false);
    // Every character that has a reading (Han with a non-empty syllable, and
    // the surnames): what keysFor reads, so a server can assemble pinyin and
    // initials the same way. Transliterates every Han code point: seconds.
    std::vector<CharacterReading> characterReadings();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// The stored form of a name's pinyin order (person.sort_key, family …):
// lower-case hex of the ICU sort key, so comparing the texts byte-wise
// (SQLite's BINARY, an index) gives the order of comparing the keys; TEXT
// rather than a BLOB so the audit's row JSON and undo carry it as it is.
std::string sortKeyText(const NameKeys& keys);
inline std::string sortKeyText(PinyinIndex& index, std::string_view name) { return sortKeyText(index.keysFor(name)); }
// The collator's version ("153.112.40.0"): keys stored under another one
// must be computed again (an ICU upgrade may reorder).
std::string collationVersion();

// Names the reading set characterReadings() gives: ICU's version (its
// Han-Latin data) and the surname table. A server whose pinyin_reading was
// filled under another set is filled again.
std::string readingSetVersion();

// True when `query` (ASCII letters, any case) is found in the name's full
// pinyin ("zhang", "zhangsan", "sanfeng") or in its initials ("zs", "zsf").
bool matchesPinyin(const NameKeys& keys, std::string_view query);

// True when the query is pinyin-shaped: ASCII letters only (case-insensitive).
bool isPinyinQuery(std::string_view query);

} // namespace jinguo
