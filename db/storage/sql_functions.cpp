// sql_functions.cpp — see sql_functions.hpp.
#include "storage/sql_functions.hpp"

#include "core/pinyin.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "storage/database.hpp"

#include <sqlite3.h>

#include <cstdio>
#include <memory>
#include <set>

namespace jinguo::storage {

namespace {

// One per connection (a connection is used by one thread at a time). The
// ICU objects are made on the first call: read-only workers never pay. The
// three name functions are called on the same name in a row: the last
// name's keys are kept.
struct PinyinFunctions {
    std::unique_ptr<PinyinIndex> index;
    std::string lastName;
    NameKeys lastKeys;
    std::string lastSortKey;
    bool haveLast = false;

    const NameKeys& keysFor(std::string_view name) {
        if (!haveLast || name != lastName) {
            if (!index) index = std::make_unique<PinyinIndex>();
            lastKeys = index->keysFor(name);
            lastSortKey = sortKeyText(lastKeys);
            lastName.assign(name);
            haveLast = true;
        }
        return lastKeys;
    }
};

std::string_view textArg(sqlite3_value* value) {
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    return text ? std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(value))) : std::string_view();
}

void resultText(sqlite3_context* ctx, const std::string& text) {
    sqlite3_result_text(ctx, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

template <int Which>   // 0 sort key, 1 pinyin, 2 initials
void nameFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    try {
        auto* self = static_cast<PinyinFunctions*>(sqlite3_user_data(ctx));
        const NameKeys& keys = self->keysFor(textArg(argv[0]));
        resultText(ctx, Which == 0 ? self->lastSortKey : Which == 1 ? keys.pinyin : keys.initials);
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(ctx);
    } catch (const std::exception& e) {
        sqlite3_result_error(ctx, e.what(), -1);
    }
}

void reverseFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    resultText(ctx, reversedTail(textArg(argv[0])));
}

// titleLevelRank (the 荣誉 list's 级别 order, migration 0025): -1 for a word it does not know.
void levelRankFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_int(ctx, -1);
        return;
    }
    sqlite3_result_int(ctx, titleLevelRank(textArg(argv[0])));
}

// jinguo_family_grams(head_name, address): familySearchGrams as a JSON array
// (migration 0035's triggers). Its grams hold no byte below 0x80: nothing to escape.
void familyGramsFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    try {
        auto arg = [&](int i) { return sqlite3_value_type(argv[i]) == SQLITE_NULL ? std::string_view() : textArg(argv[i]); };
        std::string json = "[";
        for (const std::string& gram : familySearchGrams(arg(0), arg(1))) {
            if (json.size() > 1) json += ',';
            json += '"' + gram + '"';
        }
        resultText(ctx, json + "]");
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(ctx);
    }
}

// jinguo_grams(name, pinyin, initials, id_tail, phone_tail): searchGrams as
// a JSON array of strings (migration 0026's triggers read it with json_each).
// jinguo_family_grams(head_name, address, head_spell): 0040's grams, a JSON
// array; ASCII grams may hold '"', '\\' or control characters: escaped.
void familyGramsWithSpellFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    try {
        auto arg = [&](int i) { return sqlite3_value_type(argv[i]) == SQLITE_NULL ? std::string_view() : textArg(argv[i]); };
        std::string json = "[";
        for (const std::string& gram : familySearchGramsWithSpell(arg(0), arg(1), arg(2))) {
            if (json.size() > 1) json += ',';
            json += '"';
            for (char c : gram) {
                if (c == '"' || c == '\\') {
                    json += '\\';
                    json += c;
                } else if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
                    json += escaped;
                } else {
                    json += c;
                }
            }
            json += '"';
        }
        resultText(ctx, json + "]");
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(ctx);
    }
}

void gramsFunction(sqlite3_context* ctx, int, sqlite3_value** argv) {
    try {
        auto arg = [&](int i) { return sqlite3_value_type(argv[i]) == SQLITE_NULL ? std::string_view() : textArg(argv[i]); };
        std::string json = "[";
        for (const std::string& gram : searchGrams(arg(0), arg(1), arg(2), arg(3), arg(4))) {
            if (json.size() > 1) json += ',';
            json += '"';
            for (char c : gram) {
                if (c == '"' || c == '\\') json += '\\';
                if (static_cast<unsigned char>(c) < 0x20) continue;   // never in a gram that can match a query
                json += c;
            }
            json += '"';
        }
        resultText(ctx, json + "]");
    } catch (const std::bad_alloc&) {
        sqlite3_result_error_nomem(ctx);
    }
}

void destroyFunctions(void* p) { delete static_cast<PinyinFunctions*>(p); }

} // namespace

std::vector<std::string> searchGrams(std::string_view name, std::string_view pinyin, std::string_view initials,
                                     std::string_view idTail, std::string_view phoneTail) {
    std::set<std::string> grams;
    // Every run of 1–2 characters, when `keep` accepts each character.
    auto addRuns = [&](char prefix, std::string_view text, auto keep, std::size_t upTo) {
        const std::u32string cps = utf8ToCodepoints(text);
        for (std::size_t i = 0; i < cps.size() && i < upTo; ++i) {
            for (std::size_t n = 1; n <= 2 && i + n <= cps.size(); ++n) {
                if (!keep(cps[i + n - 1])) break;
                if (!keep(cps[i])) break;
                std::string gram(1, prefix);
                for (std::size_t k = i; k < i + n; ++k) appendUtf8(gram, cps[k]);
                grams.insert(std::move(gram));
            }
        }
    };
    const auto any = [](char32_t c) { return c >= 0x20; };
    const auto lowerLetter = [](char32_t c) { return c >= 'a' && c <= 'z'; };
    const auto tailChar = [](char32_t c) { return (c >= '0' && c <= '9') || c == 'X'; };
    // The name as SQLite's lower() folds it (ASCII only), as the matcher compares.
    std::string lowered(name);
    for (char& c : lowered)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    addRuns('n', lowered, any, std::string::npos);
    addRuns('n', pinyin, lowerLetter, std::string::npos);
    addRuns('n', initials, lowerLetter, std::string::npos);
    // A tail query of 1–2 characters compares the reversed text's start.
    addRuns('t', idTail, tailChar, 1);
    addRuns('t', phoneTail, tailChar, 1);
    return {grams.begin(), grams.end()};
}

std::vector<std::string> familySearchGrams(std::string_view headName, std::string_view address) {
    std::set<std::string> grams;
    for (const std::string_view text : {headName, address}) {
        const std::u32string cps = utf8ToCodepoints(text);
        for (std::size_t i = 0; i < cps.size(); ++i) {
            if (cps[i] < 0x80) continue;
            std::string gram;
            appendUtf8(gram, cps[i]);
            grams.insert(gram);
            if (i + 1 < cps.size() && cps[i + 1] >= 0x80) {
                appendUtf8(gram, cps[i + 1]);
                grams.insert(std::move(gram));
            }
        }
    }
    return {grams.begin(), grams.end()};
}

namespace {
std::string asciiLowered(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}
} // namespace

std::vector<std::string> familySearchGramsWithSpell(std::string_view headName, std::string_view address,
                                                    std::string_view headSpell) {
    std::set<std::string> grams;
    // Every run of 1–2 characters each of which `keep` accepts.
    auto addRuns = [&](std::string_view text, auto keep) {
        const std::u32string cps = utf8ToCodepoints(text);
        for (std::size_t i = 0; i < cps.size(); ++i) {
            if (!keep(cps[i])) continue;
            std::string gram;
            appendUtf8(gram, cps[i]);
            grams.insert(gram);
            if (i + 1 < cps.size() && keep(cps[i + 1])) {
                appendUtf8(gram, cps[i + 1]);
                grams.insert(std::move(gram));
            }
        }
    };
    // What trim() takes off the ends (ASCII and CJK spaces) is never inside a 1–2 character query.
    const auto notSpace = [](char32_t c) {
        std::string one;
        appendUtf8(one, c);
        return !trim(one).empty();
    };
    addRuns(asciiLowered(headName), notSpace);
    addRuns(asciiLowered(address), notSpace);
    addRuns(headSpell, [](char32_t c) { return c >= 'a' && c <= 'z'; });
    return {grams.begin(), grams.end()};
}

std::string familyGramOfQuery(std::string_view folded) { return asciiLowered(folded); }

std::string reversedTail(std::string_view text) {
    std::string out(text.rbegin(), text.rend());
    for (char& c : out)
        if (c == 'x') c = 'X';
    return out;
}

std::string storedSortKey(const Database& db, std::string_view name, std::string hexKey) {
    if (db.isServer()) return std::string(name);
    if (!hexKey.empty()) return hexKey;
    thread_local PinyinIndex pinyin;   // per thread: ICU collators are not shared
    return sortKeyText(pinyin, name);
}

std::string trigramSearchParameter(bool onServer, std::string_view folded) {
    std::string out = onServer ? "%" : "\"";
    for (char c : folded) {
        if (onServer && (c == '\\' || c == '%' || c == '_')) out += '\\';
        else if (!onServer && c == '"') out += '"';
        out += c;
    }
    return out + (onServer ? "%" : "\"");
}

void registerSqlFunctions(sqlite3* db) {
    auto* functions = new PinyinFunctions;
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    // The sort key's registration owns the shared state (freed with the connection).
    sqlite3_create_function_v2(db, "jinguo_sort_key", 1, flags, functions, nameFunction<0>, nullptr, nullptr,
                               destroyFunctions);
    sqlite3_create_function_v2(db, "jinguo_pinyin", 1, flags, functions, nameFunction<1>, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "jinguo_initials", 1, flags, functions, nameFunction<2>, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "jinguo_grams", 5, flags, nullptr, gramsFunction, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "jinguo_family_grams", 3, flags, nullptr, familyGramsWithSpellFunction, nullptr,
                               nullptr, nullptr);
    sqlite3_create_function_v2(db, "jinguo_family_grams", 2, flags, nullptr, familyGramsFunction, nullptr, nullptr,
                               nullptr);
    sqlite3_create_function_v2(db, "jinguo_reverse", 1, flags, nullptr, reverseFunction, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "jinguo_level_rank", 1, flags, nullptr, levelRankFunction, nullptr, nullptr, nullptr);
}

} // namespace jinguo::storage
