// periods.cpp — dates and periods (year, quarter, month, all time).
#include "core/periods.hpp"

#include "core/text.hpp"

#include <cstdio>

namespace jinguo {

// ---------------------------------------------------------------- dates

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return (month == 2 && isLeapYear(year)) ? 29 : days[month - 1];
}

int daysInYear(int year) { return isLeapYear(year) ? 366 : 365; }

std::optional<Date> parseDate(std::string_view text) {
    if (text.size() < 10) return std::nullopt;
    const std::string_view head = text.substr(0, 10);
    if (!isIsoDate(head)) return std::nullopt;
    // A timestamp continues with a time, never with another digit.
    if (text.size() > 10 && text[10] != ' ' && text[10] != 'T') return std::nullopt;
    auto num = [&](int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; ++i) v = v * 10 + (head[i] - '0');
        return v;
    };
    return Date{num(0, 4), num(5, 2), num(8, 2)};
}

std::string formatDate(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

int dayOfYear(const Date& d) {
    int n = d.day;
    for (int m = 1; m < d.month; ++m) n += daysInMonth(d.year, m);
    return n;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
long dayNumber(const Date& d) {
    const long y = d.year - (d.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (d.month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + d.day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date dateFromDayNumber(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    return Date{year, month, day};
}

Date addDays(const Date& date, long days) { return dateFromDayNumber(dayNumber(date) + days); }

Date addYears(const Date& date, int years) {
    Date out{date.year + years, date.month, date.day};
    if (out.day > daysInMonth(out.year, out.month)) out.day = daysInMonth(out.year, out.month);
    return out;
}

int monthIndex(const Date& d) { return d.year * 12 + (d.month - 1); }

// ---------------------------------------------------------------- periods

namespace {

const char* const kQuarterNumerals[] = {"一", "二", "三", "四"};

std::string twoDigits(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

Date firstDate(const Period& p) {
    switch (p.kind) {
    case PeriodKind::All: return {1, 1, 1};
    case PeriodKind::Year: return {p.year, 1, 1};
    case PeriodKind::Quarter: return {p.year, (p.part - 1) * 3 + 1, 1};
    case PeriodKind::Month: return {p.year, p.part, 1};
    }
    return {};
}

Date lastDate(const Period& p) {
    switch (p.kind) {
    case PeriodKind::All: return {9999, 12, 31};
    case PeriodKind::Year: return {p.year, 12, 31};
    case PeriodKind::Quarter: {
        const int m = p.part * 3;
        return {p.year, m, daysInMonth(p.year, m)};
    }
    case PeriodKind::Month: return {p.year, p.part, daysInMonth(p.year, p.part)};
    }
    return {};
}

constexpr int kMinYear = 1000;
constexpr int kMaxYear = 9999;

const char* const kAcceptedForms =
    "可用的写法：2024（全年）、2024Q1～2024Q4（季度）、2024-03（月份）、all（全部时间）。";

PeriodParse refuse(std::string_view text, const std::string& why) {
    PeriodParse r;
    if (text.empty())
        r.message = std::string("未填写时间段。") + kAcceptedForms;
    else
        r.message = "无法识别的时间段“" + std::string(text) + "”" + (why.empty() ? "" : "：" + why) + "。" + kAcceptedForms;
    return r;
}

PeriodParse accept(Period p) {
    PeriodParse r;
    r.period = p;
    return r;
}

bool allDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int toInt(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

bool startsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

} // namespace

std::string Period::code() const {
    switch (kind) {
    case PeriodKind::All: return "all";
    case PeriodKind::Year: return std::to_string(year);
    case PeriodKind::Quarter: return std::to_string(year) + "Q" + std::to_string(part);
    case PeriodKind::Month: return std::to_string(year) + "-" + twoDigits(part);
    }
    return {};
}

std::string Period::label() const {
    switch (kind) {
    case PeriodKind::All: return "全部时间";
    case PeriodKind::Year: return std::to_string(year) + "年";
    case PeriodKind::Quarter:
        if (part < 1 || part > 4) return code();
        return std::to_string(year) + "年第" + kQuarterNumerals[part - 1] + "季度";
    case PeriodKind::Month: return std::to_string(year) + "年" + std::to_string(part) + "月";
    }
    return {};
}

std::string Period::firstDay() const { return formatDate(firstDate(*this)); }
std::string Period::lastDay() const { return formatDate(lastDate(*this)); }

std::string Period::dayAfter() const {
    if (kind == PeriodKind::All) return "9999-99-99";
    return formatDate(addDays(lastDate(*this), 1));
}

bool Period::contains(const Date& d) const { return firstDate(*this) <= d && d <= lastDate(*this); }

bool Period::contains(std::string_view text) const {
    const auto d = parseDate(text);
    return d && contains(*d);
}

std::optional<Period> Period::previous() const {
    switch (kind) {
    case PeriodKind::All: return std::nullopt;
    case PeriodKind::Year:
        if (year - 1 < kMinYear) return std::nullopt;
        return ofYear(year - 1);
    case PeriodKind::Quarter:
        if (part > 1) return ofQuarter(year, part - 1);
        if (year - 1 < kMinYear) return std::nullopt;
        return ofQuarter(year - 1, 4);
    case PeriodKind::Month:
        if (part > 1) return ofMonth(year, part - 1);
        if (year - 1 < kMinYear) return std::nullopt;
        return ofMonth(year - 1, 12);
    }
    return std::nullopt;
}

PeriodParse parsePeriod(std::string_view input) {
    const std::string text = trim(foldFullWidth(input));
    if (text.empty()) return refuse(text, "");

    std::string lower = text;
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (lower == "all" || text == "全部" || text == "全部时间") return accept(Period::allTime());

    if (text.size() < 4 || !allDigits(std::string_view(text).substr(0, 4)))
        return refuse(text, "");
    const int year = toInt(std::string_view(text).substr(0, 4));
    if (year < kMinYear) return refuse(text, "年份应为四位数字");
    std::string_view rest = std::string_view(lower).substr(4);

    if (rest.empty() || rest == "年") return accept(Period::ofYear(year));

    // Quarter: "2024Q1", "2024-Q1", "2024年第一季度".
    std::string_view q = rest;
    if (startsWith(q, "-")) q.remove_prefix(1);
    if (startsWith(q, "q")) {
        q.remove_prefix(1);
        if (allDigits(q) && q.size() == 1) {
            const int quarter = toInt(q);
            if (quarter >= 1 && quarter <= 4) return accept(Period::ofQuarter(year, quarter));
        }
        return refuse(text, "季度应为 Q1 至 Q4");
    }
    if (startsWith(rest, "年第") && rest.size() > 6) {
        std::string_view n = rest.substr(6);
        for (int i = 0; i < 4; ++i)
            if (n == std::string(kQuarterNumerals[i]) + "季度") return accept(Period::ofQuarter(year, i + 1));
        return refuse(text, "季度应为第一至第四季度");
    }

    // Month: "2024-03", "2024-3", "2024年3月".
    std::string_view m;
    if (startsWith(rest, "-")) {
        m = rest.substr(1);
    } else if (startsWith(rest, "年") && rest.size() > 3 && rest.substr(rest.size() - 3) == "月") {
        m = rest.substr(3, rest.size() - 6);
    } else {
        return refuse(text, "");
    }
    if (!allDigits(m) || m.size() > 2) return refuse(text, "");
    const int month = toInt(m);
    if (month < 1 || month > 12) return refuse(text, "月份应在 01 至 12 之间");
    return accept(Period::ofMonth(year, month));
}

Period periodContaining(PeriodKind kind, const Date& d) {
    switch (kind) {
    case PeriodKind::All: return Period::allTime();
    case PeriodKind::Year: return Period::ofYear(d.year);
    case PeriodKind::Quarter: return Period::ofQuarter(d.year, (d.month - 1) / 3 + 1);
    case PeriodKind::Month: return Period::ofMonth(d.year, d.month);
    }
    return {};
}

} // namespace jinguo
