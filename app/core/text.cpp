// text.cpp — UTF-8 decoding, full-width folding and date shape checks.
#include "core/text.hpp"


namespace jinguo {

std::u32string utf8ToCodepoints(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        int extra = 0;
        char32_t cp = 0;
        if (c < 0x80) { cp = c; }
        else if ((c & 0xE0) == 0xC0) { cp = c & 0x1F; extra = 1; }
        else if ((c & 0xF0) == 0xE0) { cp = c & 0x0F; extra = 2; }
        else if ((c & 0xF8) == 0xF0) { cp = c & 0x07; extra = 3; }
        else { out.push_back(0xFFFD); ++i; continue; }
        bool valid = true;
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= s.size()) { valid = false; break; }
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) { valid = false; break; }
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are invalid too.
        static constexpr char32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (valid && (cp < minimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) valid = false;
        if (!valid) { out.push_back(0xFFFD); ++i; continue; }
        out.push_back(cp);
        i += extra + 1;
    }
    return out;
}

void appendUtf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

std::string codepointsToUtf8(std::u32string_view cps) {
    std::string out;
    out.reserve(cps.size() * 3);
    for (char32_t cp : cps) appendUtf8(out, cp);
    return out;
}

namespace {
bool isSpaceCodepoint(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == U'\r' || cp == U'\n' || cp == 0x3000 || cp == 0x00A0
        || cp == 0x2007 || cp == 0x202F || cp == 0xFEFF || cp == 0x200B;
}
} // namespace

std::string foldFullWidth(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (char32_t cp : utf8ToCodepoints(utf8)) {
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp = cp - 0xFF01 + 0x21;
        else if (cp == 0x3000 || cp == 0x00A0 || cp == 0x2007 || cp == 0x202F) cp = U' ';
        appendUtf8(out, cp);
    }
    return out;
}

std::string trim(std::string_view utf8) {
    std::u32string cps = utf8ToCodepoints(utf8);
    std::size_t b = 0, e = cps.size();
    while (b < e && isSpaceCodepoint(cps[b])) ++b;
    while (e > b && isSpaceCodepoint(cps[e - 1])) --e;
    return codepointsToUtf8(std::u32string_view(cps).substr(b, e - b));
}

std::string normalizeName(std::string_view utf8) {
    std::string out;
    for (char32_t cp : utf8ToCodepoints(foldFullWidth(utf8))) {
        if (isSpaceCodepoint(cp)) continue;   // Chinese names carry no spaces
        appendUtf8(out, cp);
    }
    return out;
}

bool hasCodepointsBeyondBmp(std::string_view utf8) {
    for (char32_t cp : utf8ToCodepoints(utf8))
        if (cp > 0xFFFF) return true;
    return false;
}

std::size_t codepointCount(std::string_view utf8) {
    std::size_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool containsFolded(std::string_view haystack, std::string_view needle) {
    if (needle.empty()) return true;
    if (needle.size() > haystack.size()) return false;
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && lower(haystack[i + k]) == lower(needle[k])) ++k;
        if (k == needle.size()) return true;
    }
    return false;
}

bool isIsoDate(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (t[i] < '0' || t[i] > '9') return false;
    const int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
    const int m = (t[5] - '0') * 10 + (t[6] - '0');
    const int d = (t[8] - '0') * 10 + (t[9] - '0');
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const int maxDay = (m == 2 && leap) ? 29 : days[m - 1];
    return d <= maxDay;
}

} // namespace jinguo
