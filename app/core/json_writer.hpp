// json_writer.hpp — a small streaming JSON writer for the command line's output.
//
// The commands that print JSON (`jinguo leaderboard --json`, `jinguo targets
// --json`, later exports) build it with this writer instead of gluing strings,
// so that every name from the database — quotes, backslashes, control
// characters, broken bytes from an old spreadsheet — comes out as valid JSON.
// UTF-8 passes through unescaped (Chinese stays readable); bytes that are not
// valid UTF-8 become U+FFFD, so the output is always valid UTF-8. Numbers are
// written in the shortest form that reads back as the same double (0.1, not
// 0.10000000000000001); NaN and infinities, which JSON cannot hold, become null.
//
// The writer checks its own use: a value where a key is due, a key outside an
// object or an unbalanced end throws std::logic_error (a programming error).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

// `text` as a JSON string literal, quotes included.
std::string jsonQuoted(std::string_view text);
// `value` as a JSON number ("null" for NaN and infinities).
std::string jsonNumber(double value);

class JsonWriter {
public:
    // indent 0: everything on one line (the default); otherwise that many
    // spaces per level, one member per line.
    explicit JsonWriter(int indent = 0) : m_indent(indent) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(double number);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();

    // key(name).value(v) in one call.
    template <class T>
    JsonWriter& member(std::string_view name, const T& v) { return key(name).value(v); }

    // The text so far; complete once every object and array is closed.
    const std::string& str() const { return m_out; }
    bool complete() const { return m_stack.empty() && m_hasRoot; }

private:
    enum class Scope { Object, Array };
    void beforeValue();
    void newline();

    std::string m_out;
    std::vector<Scope> m_stack;
    std::vector<bool> m_hasMembers;   // per open scope
    bool m_keyPending = false;
    bool m_hasRoot = false;
    int m_indent = 0;
};

} // namespace jinguo
