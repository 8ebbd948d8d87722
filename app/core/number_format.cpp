// number_format.cpp — see number_format.hpp.
#include "core/number_format.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace jinguo::fmt {

namespace {

std::string groupDigits(const std::string& whole) {
    std::string out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out += ',';
        out += whole[i];
    }
    return out;
}

// "%.*f" of |value| split at the dot, grouped, with the sign put back.
std::string fixedText(double value, int decimals, bool trimZeros, bool group) {
    if (!std::isfinite(value)) return "—";
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, std::fabs(value));
    std::string digits(buffer);
    const std::size_t dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : digits.substr(dot + 1);
    if (trimZeros)
        while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    std::string out = group ? groupDigits(whole) : whole;
    if (!fraction.empty()) out += "." + fraction;
    bool zero = true;
    for (char c : out)
        if (c >= '1' && c <= '9') zero = false;
    if (value < 0 && !zero) out = "-" + out;
    return out;
}

} // namespace

std::string grouped(double value, int maxDecimals) {
    // Rounded half away from zero first (0.25 → 0.3), as the screens always did.
    const double scale = std::pow(10.0, maxDecimals);
    const double rounded = std::isfinite(value) ? std::round(value * scale) / scale : value;
    return fixedText(rounded, maxDecimals, true, true);
}

std::string fixedGrouped(double value, int decimals) { return fixedText(value, decimals, false, true); }

std::string plain(double value, int maxDecimals) { return fixedText(value, maxDecimals, true, false); }

std::string percent(double fraction, int decimals) {
    if (!std::isfinite(fraction)) return "—";
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f%%", decimals, fraction * 100);
    return buf;
}

std::string shortest(double value) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", value);
    return buf;
}

std::string hours(double value) { return shortest(std::round(value * 100.0) / 100.0); }

std::string score(double value) {
    char buffer[400];
    // Compared in doubles: a cast of an out-of-range score (1e300, NaN) to an
    // integer would be undefined behaviour.
    if (std::isfinite(value) && value == std::floor(value))
        std::snprintf(buffer, sizeof buffer, "%.0f", value);
    else
        std::snprintf(buffer, sizeof buffer, "%.1f", value);
    return buffer;
}

std::string oneDecimal(double value) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.1f", value);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    if (s == "-0") s = "0";
    return s;
}

std::string count(long long value) {
    const std::string digits = std::to_string(value < 0 ? -(value + 1) + 1ULL : static_cast<unsigned long long>(value));
    return (value < 0 ? "-" : "") + groupDigits(digits);
}

// Rounded half away from zero first (40465.25 → 40,465.3), as grouped() does.
std::string hoursGrouped(double value) {
    return fixedGrouped(std::isfinite(value) ? std::round(value * 10.0) / 10.0 : value, 1);
}

} // namespace jinguo::fmt
