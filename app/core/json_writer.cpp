// json_writer.cpp — escaping, shortest round-trip numbers, and nesting checks.
#include "core/json_writer.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace jinguo {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes
// there are not one (overlong forms, surrogates and values above U+10FFFF
// are invalid too, so what passes through is valid UTF-8).
std::size_t utf8SequenceLength(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char b0 = byte(i);
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;   // allowed range of the second byte
    if (b0 < 0x80) return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
    else if (b0 == 0xE0) { len = 3; lo = 0xA0; }
    else if (b0 >= 0xE1 && b0 <= 0xEC) len = 3;
    else if (b0 == 0xED) { len = 3; hi = 0x9F; }          // no UTF-16 surrogates
    else if (b0 >= 0xEE && b0 <= 0xEF) len = 3;
    else if (b0 == 0xF0) { len = 4; lo = 0x90; }
    else if (b0 >= 0xF1 && b0 <= 0xF3) len = 4;
    else if (b0 == 0xF4) { len = 4; hi = 0x8F; }          // nothing above U+10FFFF
    else return 0;
    if (i + len > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return len;
}

} // namespace

std::string jsonQuoted(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    out += '"';
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x80) {
            const std::size_t len = utf8SequenceLength(text, i);
            if (len == 0) {
                out += "\xEF\xBF\xBD";   // U+FFFD for a byte that is not UTF-8
                ++i;
            } else {
                out.append(text.substr(i, len));
                i += len;
            }
            continue;
        }
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (u < 0x20 || u == 0x7F) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", u);
                out += buf;
            } else {
                out += c;
            }
        }
        ++i;
    }
    out += '"';
    return out;
}

std::string jsonNumber(double value) {
    if (!std::isfinite(value)) return "null";
    if (value == 0) return "0";   // also for -0, which reads oddly in a report
    char buf[32];
    // std::to_chars without a precision gives the shortest text that reads
    // back as the same double.
    const auto result = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, result.ptr);
}

void JsonWriter::newline() {
    if (m_indent <= 0) return;
    m_out += '\n';
    m_out.append(m_stack.size() * static_cast<std::size_t>(m_indent), ' ');
}

void JsonWriter::beforeValue() {
    if (m_stack.empty()) {
        if (m_hasRoot) throw std::logic_error("JsonWriter: a second top-level value");
        m_hasRoot = true;
        return;
    }
    if (m_stack.back() == Scope::Object) {
        if (!m_keyPending) throw std::logic_error("JsonWriter: a value in an object needs a key first");
        m_keyPending = false;
        return;
    }
    if (m_hasMembers.back()) m_out += ',';
    m_hasMembers.back() = true;
    newline();
}

JsonWriter& JsonWriter::key(std::string_view name) {
    if (m_stack.empty() || m_stack.back() != Scope::Object || m_keyPending)
        throw std::logic_error("JsonWriter: a key outside an object, or two keys in a row");
    if (m_hasMembers.back()) m_out += ',';
    m_hasMembers.back() = true;
    newline();
    m_out += jsonQuoted(name);
    m_out += m_indent > 0 ? ": " : ":";
    m_keyPending = true;
    return *this;
}

JsonWriter& JsonWriter::beginObject() {
    beforeValue();
    m_out += '{';
    m_stack.push_back(Scope::Object);
    m_hasMembers.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endObject() {
    if (m_stack.empty() || m_stack.back() != Scope::Object || m_keyPending)
        throw std::logic_error("JsonWriter: endObject without a matching beginObject");
    const bool hadMembers = m_hasMembers.back();
    m_stack.pop_back();
    m_hasMembers.pop_back();
    if (hadMembers) newline();
    m_out += '}';
    return *this;
}

JsonWriter& JsonWriter::beginArray() {
    beforeValue();
    m_out += '[';
    m_stack.push_back(Scope::Array);
    m_hasMembers.push_back(false);
    return *this;
}

JsonWriter& JsonWriter::endArray() {
    if (m_stack.empty() || m_stack.back() != Scope::Array)
        throw std::logic_error("JsonWriter: endArray without a matching beginArray");
    const bool hadMembers = m_hasMembers.back();
    m_stack.pop_back();
    m_hasMembers.pop_back();
    if (hadMembers) newline();
    m_out += ']';
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
    beforeValue();
    m_out += jsonQuoted(text);
    return *this;
}

JsonWriter& JsonWriter::value(double number) {
    beforeValue();
    m_out += jsonNumber(number);
    return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
    beforeValue();
    m_out += std::to_string(number);
    return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
    beforeValue();
    m_out += flag ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    beforeValue();
    m_out += "null";
    return *this;
}

} // namespace jinguo
