// local_time.cpp — see local_time.hpp.
#include "core/local_time.hpp"

#include <ctime>

namespace jinguo {

namespace {

bool digitsAt(std::string_view s, std::size_t from, std::size_t count, int& out) {
    if (s.size() < from + count) return false;
    out = 0;
    for (std::size_t i = from; i < from + count; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

} // namespace

std::string localTimeText(std::string_view utcIso) {
    // YYYY-MM-DDTHH:MM[:SS[.fff]]Z — the separators checked, the rest digits.
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    const bool shaped = utcIso.size() >= 17 && utcIso[4] == '-' && utcIso[7] == '-'
                     && (utcIso[10] == 'T' || utcIso[10] == ' ') && utcIso[13] == ':' && utcIso.back() == 'Z'
                     && digitsAt(utcIso, 0, 4, year) && digitsAt(utcIso, 5, 2, month) && digitsAt(utcIso, 8, 2, day)
                     && digitsAt(utcIso, 11, 2, hour) && digitsAt(utcIso, 14, 2, minute);
    if (!shaped || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59)
        return std::string(utcIso);
    if (utcIso.size() >= 19 && utcIso[16] == ':') digitsAt(utcIso, 17, 2, second);
    std::tm utc{};
    utc.tm_year = year - 1900;
    utc.tm_mon = month - 1;
    utc.tm_mday = day;
    utc.tm_hour = hour;
    utc.tm_min = minute;
    utc.tm_sec = second;
    const std::time_t moment = timegm(&utc);
    std::tm local{};
    if (moment == static_cast<std::time_t>(-1) || localtime_r(&moment, &local) == nullptr) return std::string(utcIso);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &local);
    return text;
}

} // namespace jinguo
