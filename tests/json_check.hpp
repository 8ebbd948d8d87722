// json_check.hpp — a strict little JSON reader for tests of JSON output.
//
// Tests read back what the commands print instead of matching substrings, so
// a missing comma, a stray control character or invalid UTF-8 fails the test.
// Objects keep their keys in order (the command line promises an order).
// Strict RFC 8259: no trailing commas, no comments, no leading zeros.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jinguo::test {

struct JsonValue {
    enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
    bool boolean = false;
    double number = 0;
    std::string text;
    std::vector<JsonValue> items;                              // arrays
    std::vector<std::pair<std::string, JsonValue>> members;    // objects, in order

    bool isObject() const { return kind == Kind::Object; }
    bool isArray() const { return kind == Kind::Array; }
    bool isString() const { return kind == Kind::String; }
    bool isNumber() const { return kind == Kind::Number; }
    bool has(const std::string& key) const {
        for (const auto& m : members) if (m.first == key) return true;
        return false;
    }
    const JsonValue& operator[](const std::string& key) const {
        for (const auto& m : members) if (m.first == key) return m.second;
        throw std::out_of_range("no member " + key);
    }
    const JsonValue& operator[](std::size_t i) const { return items.at(i); }
    std::vector<std::string> keys() const {
        std::vector<std::string> out;
        for (const auto& m : members) out.push_back(m.first);
        return out;
    }
};

class JsonReader {
public:
    static JsonValue parse(std::string_view text) {
        JsonReader r(text);
        r.space();
        JsonValue v = r.value();
        r.space();
        if (r.m_pos != r.m_text.size()) r.fail("text after the value");
        return v;
    }

private:
    explicit JsonReader(std::string_view text) : m_text(text) {}
    [[noreturn]] void fail(const std::string& what) {
        throw std::runtime_error("JSON: " + what + " at byte " + std::to_string(m_pos));
    }
    char peek() { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }
    void expect(char c) {
        if (peek() != c) fail(std::string("expected '") + c + "'");
        ++m_pos;
    }
    void space() {
        while (m_pos < m_text.size() && (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t')) ++m_pos;
    }
    bool literal(std::string_view word) {
        if (m_text.substr(m_pos, word.size()) != word) return false;
        m_pos += word.size();
        return true;
    }
    JsonValue value() {
        JsonValue v;
        const char c = peek();
        if (c == '{') {
            v.kind = JsonValue::Kind::Object;
            ++m_pos;
            space();
            if (peek() == '}') { ++m_pos; return v; }
            for (;;) {
                space();
                std::string key = string();
                space();
                expect(':');
                space();
                v.members.emplace_back(std::move(key), value());
                space();
                if (peek() == ',') { ++m_pos; continue; }
                expect('}');
                return v;
            }
        }
        if (c == '[') {
            v.kind = JsonValue::Kind::Array;
            ++m_pos;
            space();
            if (peek() == ']') { ++m_pos; return v; }
            for (;;) {
                space();
                v.items.push_back(value());
                space();
                if (peek() == ',') { ++m_pos; continue; }
                expect(']');
                return v;
            }
        }
        if (c == '"') {
            v.kind = JsonValue::Kind::String;
            v.text = string();
            return v;
        }
        if (literal("true")) { v.kind = JsonValue::Kind::Bool; v.boolean = true; return v; }
        if (literal("false")) { v.kind = JsonValue::Kind::Bool; return v; }
        if (literal("null")) return v;
        return number();
    }
    JsonValue number() {
        const std::size_t start = m_pos;
        if (peek() == '-') ++m_pos;
        if (peek() == '0') ++m_pos;
        else if (peek() >= '1' && peek() <= '9') while (peek() >= '0' && peek() <= '9') ++m_pos;
        else fail("a value");
        if (peek() == '.') {
            ++m_pos;
            if (!(peek() >= '0' && peek() <= '9')) fail("digits after '.'");
            while (peek() >= '0' && peek() <= '9') ++m_pos;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-') ++m_pos;
            if (!(peek() >= '0' && peek() <= '9')) fail("digits in the exponent");
            while (peek() >= '0' && peek() <= '9') ++m_pos;
        }
        JsonValue v;
        v.kind = JsonValue::Kind::Number;
        v.number = std::stod(std::string(m_text.substr(start, m_pos - start)));
        return v;
    }
    static void appendUtf8(std::string& out, char32_t cp) {
        if (cp < 0x80) out += static_cast<char>(cp);
        else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
        else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    unsigned hex4() {
        unsigned v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = peek();
            ++m_pos;
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
            else fail("a hex digit");
        }
        return v;
    }
    std::string string() {
        expect('"');
        std::string out;
        for (;;) {
            if (m_pos >= m_text.size()) fail("an unterminated string");
            const auto c = static_cast<unsigned char>(m_text[m_pos++]);
            if (c == '"') return out;
            if (c < 0x20) fail("a raw control character in a string");
            if (c == '\\') {
                const char e = peek();
                ++m_pos;
                switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    char32_t cp = hex4();
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (!literal("\\u")) fail("a lone surrogate");
                        const unsigned low = hex4();
                        if (low < 0xDC00 || low > 0xDFFF) fail("a bad surrogate pair");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default: fail("a bad escape");
                }
                continue;
            }
            if (c >= 0x80) {
                // Validate the UTF-8 sequence (the output must be valid UTF-8).
                const std::size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c <= 0xDF ? 2 : 0;
                if (len == 0 || m_pos - 1 + len > m_text.size()) fail("invalid UTF-8");
                for (std::size_t k = 1; k < len; ++k) {
                    const auto b = static_cast<unsigned char>(m_text[m_pos - 1 + k]);
                    if (b < 0x80 || b > 0xBF) fail("invalid UTF-8");
                }
                out.append(m_text.substr(m_pos - 1, len));
                m_pos += len - 1;
                continue;
            }
            out += static_cast<char>(c);
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

} // namespace jinguo::test
