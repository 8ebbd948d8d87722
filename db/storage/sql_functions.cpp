// sql_functions.cpp — see sql_functions.hpp.
#include "storage/sql_functions.hpp"

#include "core/pinyin.hpp"
#include "core/vocabulary.hpp"

#include <sqlite3.h>

#include <memory>

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

void destroyFunctions(void* p) { delete static_cast<PinyinFunctions*>(p); }

} // namespace

std::string reversedTail(std::string_view text) {
    std::string out(text.rbegin(), text.rend());
    for (char& c : out)
        if (c == 'x') c = 'X';
    return out;
}

void registerSqlFunctions(sqlite3* db) {
    auto* functions = new PinyinFunctions;
    const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
    // The sort key's registration owns the shared state (freed with the connection).
    sqlite3_create_function_v2(db, "jinguo_sort_key", 1, flags, functions, nameFunction<0>, nullptr, nullptr,
                               destroyFunctions);
    sqlite3_create_function_v2(db, "jinguo_pinyin", 1, flags, functions, nameFunction<1>, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "jinguo_initials", 1, flags, functions, nameFunction<2>, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "jinguo_reverse", 1, flags, nullptr, reverseFunction, nullptr, nullptr, nullptr);
    sqlite3_create_function_v2(db, "jinguo_level_rank", 1, flags, nullptr, levelRankFunction, nullptr, nullptr, nullptr);
}

} // namespace jinguo::storage
