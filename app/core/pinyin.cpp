// pinyin.cpp — ICU transliteration and collation, cached per character.
#include "core/pinyin.hpp"

#include "core/text.hpp"

#include <unicode/coll.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <unordered_map>

namespace jinguo {

namespace {

// Surnames whose reading differs from the character's common reading.
const std::unordered_map<char32_t, std::string>& surnameReadings() {
    static const std::unordered_map<char32_t, std::string> readings = {
        {U'单', "shan"}, {U'曾', "zeng"}, {U'解', "xie"},  {U'仇', "qiu"}, {U'区', "ou"},
        {U'朴', "piao"}, {U'查', "zha"},  {U'盖', "ge"},   {U'缪', "miao"}, {U'乐', "yue"},
        {U'覃', "qin"},  {U'翟', "zhai"}, {U'秘', "bi"},   {U'召', "shao"}, {U'员', "yun"},
        {U'尉', "yu"},   {U'种', "chong"}, {U'黑', "he"},  {U'长', "chang"}, {U'藏', "zang"},
    };
    return readings;
}

bool isHan(char32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x3134F)
        || (cp >= 0xF900 && cp <= 0xFAFF);
}

} // namespace

// ICU's transliterator and collator are made on first use: compiling
// Han-Latin's rules takes tens of milliseconds, and the screens that own an
// index are all built before the window's first frame, most never needing it.
struct PinyinIndex::Impl {
    std::unique_ptr<icu::Transliterator> transliterator;
    std::unique_ptr<icu::Collator> collator;
    bool transliteratorMade = false;
    bool collatorMade = false;
    std::unordered_map<char32_t, std::string> cache;

    icu::Transliterator* hanToLatin() {
        if (!transliteratorMade) {
            transliteratorMade = true;
            UErrorCode status = U_ZERO_ERROR;
            transliterator.reset(icu::Transliterator::createInstance("Han-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
            if (U_FAILURE(status)) transliterator.reset();
        }
        return transliterator.get();
    }
    icu::Collator* pinyinOrder() {
        if (!collatorMade) {
            collatorMade = true;
            UErrorCode status = U_ZERO_ERROR;
            // Chinese collation's default is pinyin order.
            collator.reset(icu::Collator::createInstance(icu::Locale("zh"), status));
            if (U_FAILURE(status)) collator.reset();
        }
        return collator.get();
    }
};

PinyinIndex::PinyinIndex() : m_impl(std::make_unique<Impl>()) {}

PinyinIndex::~PinyinIndex() = default;

const std::string& PinyinIndex::syllable(char32_t cp, bool asSurname) {
    static const std::string none;
    if (asSurname) {
        auto it = surnameReadings().find(cp);
        if (it != surnameReadings().end()) return it->second;
    }
    auto it = m_impl->cache.find(cp);
    if (it != m_impl->cache.end()) return it->second;
    std::string out;
    if (icu::Transliterator* hanToLatin = isHan(cp) ? m_impl->hanToLatin() : nullptr) {
        icu::UnicodeString text(static_cast<UChar32>(cp));
        hanToLatin->transliterate(text);
        std::string latin;
        text.toUTF8String(latin);
        for (char c : latin)
            if (c >= 'a' && c <= 'z') out.push_back(c);   // ICU leaves a rare character as it is
    }
    return m_impl->cache.emplace(cp, std::move(out)).first->second;
}

NameKeys PinyinIndex::keysFor(std::string_view name) {
    NameKeys keys;
    bool first = true;
    for (char32_t cp : utf8ToCodepoints(name)) {
        if (cp < 0x80) {
            if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) keys.pinyin.push_back(static_cast<char>(cp));
            else if (cp >= 'A' && cp <= 'Z') keys.pinyin.push_back(static_cast<char>(cp - 'A' + 'a'));
            continue;
        }
        const std::string& s = syllable(cp, first);
        first = false;
        keys.pinyin += s;
        if (!s.empty()) keys.initials.push_back(s[0]);
    }
    if (icu::Collator* collator = m_impl->pinyinOrder()) {
        const icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
        std::string key(64, '\0');
        int32_t length = collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()),
                                                      static_cast<int32_t>(key.size()));
        if (length > static_cast<int32_t>(key.size())) {
            key.resize(static_cast<std::size_t>(length));
            length = collator->getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), length);
        }
        key.resize(static_cast<std::size_t>(length > 0 ? length - 1 : 0));   // drop the trailing NUL
        keys.collation = std::move(key);
    } else {
        keys.collation = keys.pinyin;
    }
    return keys;
}

std::string sortKeyText(const NameKeys& keys) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(keys.collation.size() * 2);
    for (unsigned char c : keys.collation) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0x0F]);
    }
    return out;
}

std::vector<CharacterReading> PinyinIndex::characterReadings() {
    std::vector<CharacterReading> out;
    const char32_t hanRanges[][2] = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0x20000, 0x3134F}};
    for (const auto& range : hanRanges) {
        for (char32_t cp = range[0]; cp <= range[1]; ++cp) {
            const std::string& common = syllable(cp);
            auto surname = surnameReadings().find(cp);
            const bool differs = surname != surnameReadings().end() && surname->second != common;
            if (common.empty() && !differs) continue;
            out.push_back({cp, common, differs ? surname->second : std::string()});
            m_impl->cache.erase(cp);   // a full pass would otherwise keep ~100,000 entries
        }
    }
    for (const auto& [cp, reading] : surnameReadings())   // none today: every surname is Han
        if (!isHan(cp)) out.push_back({cp, syllable(cp), reading});
    return out;
}

std::string readingSetVersion() {
    // FNV-1a over the surname table, in code point order (the map's own order is not stable).
    std::vector<std::pair<char32_t, std::string>> surnames(surnameReadings().begin(), surnameReadings().end());
    std::sort(surnames.begin(), surnames.end());
    std::uint64_t hash = 14695981039346656037ull;
    auto mix = [&](unsigned char c) { hash = (hash ^ c) * 1099511628211ull; };
    for (const auto& [cp, reading] : surnames) {
        for (int shift = 0; shift < 32; shift += 8) mix(static_cast<unsigned char>(cp >> shift));
        for (char c : reading) mix(static_cast<unsigned char>(c));
        mix(0);
    }
    char text[96];
    std::snprintf(text, sizeof text, "icu %s han-latin-ascii-lower 1 surnames %016llx", U_ICU_VERSION,
                  static_cast<unsigned long long>(hash));
    return text;
}

std::string collationVersion() {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status) || !collator) return "none";
    UVersionInfo version;
    collator->getVersion(version);
    char text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(version, text);
    return text;
}

bool isPinyinQuery(std::string_view query) {
    if (query.empty()) return false;
    for (char c : query)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    return true;
}

bool matchesPinyin(const NameKeys& keys, std::string_view query) {
    std::string q;
    for (char c : query) q.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    return keys.pinyin.find(q) != std::string::npos || keys.initials.find(q) != std::string::npos;
}

} // namespace jinguo
