// fuzz_fields.cpp — the field parsers of app/core. The first byte's low four
// bits pick the parser ('0'…'9', ':'…'?' in the seeds); the rest is its text.
//   0 ID numbers (checkIdNumber, idCheckCharacter, plausibleDivisionCode)
//   1 mobile phones (checkMobilePhone)
//   2 dates (parseDate, parseDateText, date arithmetic on what parsed)
//   3 periods (parsePeriod and every method of the period)
//   4 masking (maskIdNumber, maskPhone, maskName, maskIdAndPhoneColumns)
//   5 pinyin (PinyinIndex::keysFor, matchesPinyin, isPinyinQuery)
//   6 roster hours basis (parseHoursBasis: fields split at '|')
//   7 roster cell readers on a text cell (roster_rows.hpp)
//   8 the same readers on a number cell (strtod of the text, and the text kept)
//   9 Excel serial dates (excelSerialToDate) from the text, and from 8 raw bytes
//  10 text helpers (text.hpp)
//  other: all of the above, one after another
#include "core/id_number.hpp"
#include "core/masking.hpp"
#include "core/periods.hpp"
#include "core/pinyin.hpp"
#include "core/roster_hours.hpp"
#include "core/roster_rows.hpp"
#include "core/spreadsheet.hpp"
#include "core/text.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

using namespace jinguo;

namespace {

constexpr std::string_view kToday = "2026-06-30";
std::size_t g_sink = 0;
void keep(std::size_t n) { g_sink += n; }
void keep(const std::string& s) { g_sink += s.size(); }

void idNumbers(std::string_view text) {
    for (std::string_view gender : {"", "男", "女", "x"}) {
        auto check = checkIdNumber(text, kToday, gender);
        keep(check.message);
        keep(check.normalized);
        keep(std::strlen(check.code()));
    }
    if (text.size() >= 17) {
        bool digits = true;
        for (char c : text.substr(0, 17)) digits = digits && c >= '0' && c <= '9';
        if (digits) keep(static_cast<std::size_t>(idCheckCharacter(text.substr(0, 17))));
    }
    if (text.size() >= 6) keep(plausibleDivisionCode(text.substr(0, 6)));
}

void phones(std::string_view text) {
    auto check = checkMobilePhone(text);
    keep(check.normalized);
    keep(check.message);
}

void useDate(const Date& d) {
    keep(formatDate(d));
    keep(static_cast<std::size_t>(dayOfYear(d)));
    const long n = dayNumber(d);
    const Date back = dateFromDayNumber(n);
    if (back != d) std::abort();   // a parsed date must survive the round trip
    keep(formatDate(addDays(d, 400)));
    keep(formatDate(addDays(d, -400)));
    keep(formatDate(addYears(d, 1)));
    keep(static_cast<std::size_t>(monthIndex(d)));
    for (auto kind : {PeriodKind::All, PeriodKind::Year, PeriodKind::Quarter, PeriodKind::Month})
        keep(periodContaining(kind, d).code());
}

void dates(std::string_view text) {
    if (auto d = parseDate(text)) useDate(*d);
    if (auto d = roster::parseDateText(text)) useDate(*d);
    keep(isIsoDate(text));
}

void periods(std::string_view text) {
    auto parsed = parsePeriod(text);
    keep(parsed.message);
    if (!parsed.period) return;
    const Period p = *parsed.period;
    keep(p.code());
    keep(p.label());
    keep(p.firstDay());
    keep(p.lastDay());
    keep(p.dayAfter());
    keep(p.contains(text));
    keep(p.contains(std::string_view("2024-03-31 23:59")));
    if (auto again = parsePeriod(p.code()); !again.period || *again.period != p) std::abort();   // documented round trip
    if (auto prev = p.previous()) keep(prev->code());
}

void masking(std::string_view text) {
    keep(maskIdNumber(text));
    keep(maskPhone(text));
    keep(maskName(text));
    std::vector<std::vector<std::string>> rows{{std::string(text), std::string(text), "x"}, {"a"}, {}};
    maskIdAndPhoneColumns(rows, 0, 1);
    maskIdAndPhoneColumns(rows, 2, -1);
    for (auto& r : rows)
        for (auto& c : r) keep(c);
}

void pinyin(std::string_view text) {
    static PinyinIndex index;   // the app keeps one, with its cache, for the whole session
    const auto keys = index.keysFor(text);
    keep(keys.pinyin);
    keep(keys.collation);
    keep(matchesPinyin(keys, text));
    keep(matchesPinyin(keys, keys.initials));
    keep(isPinyinQuery(text));
}

void hoursBasis(std::string_view text) {
    std::string_view fields[4];
    for (int i = 0; i < 3; ++i) {
        const auto bar = text.find('|');
        fields[i] = text.substr(0, bar);
        text = bar == std::string_view::npos ? std::string_view() : text.substr(bar + 1);
    }
    fields[3] = text.empty() ? kToday : text;
    auto parsed = roster::parseHoursBasis(fields[0], fields[1], fields[2], fields[3]);
    keep(parsed.message);
    if (parsed.basis) {
        roster::HoursHeld held;
        held.totalSeenBefore = fields[0].size() % 2;
        held.history = 10;
        held.dated = 3;
        auto change = roster::applyRosterHours(*parsed.basis, 12.5, held);
        keep(change.creditedOn);
        if (parsed.basis->period) keep(roster::creditDateFor(*parsed.basis->period, parsed.basis->asOf));
    }
}

void cellReaders(const sheet::Cell& cell) {
    for (bool date1904 : {false, true}) {
        auto d = roster::readDateCell(cell, date1904, 2026);
        keep(d.message);
        auto y = roster::readYearCell(cell, date1904, 2026);
        keep(y.message);
    }
    keep(roster::readHoursCell(cell).message);
    keep(roster::readMembersCell(cell).message);
    keep(roster::readLevelCell(cell).message);
    keep(roster::readPhoneCell(cell).message);
    for (bool numbersSeen : {false, true})
        for (bool typed : {false, true}) {
            auto id = roster::readIdCell(cell, kToday, "女", numbersSeen, typed);
            keep(id.message);
            keep(id.warning);
        }
    keep(roster::normalizeLevel(cell.text));
    keep(roster::normalizeGender(cell.text));
}

void textCells(std::string_view text) {
    sheet::Cell cell;
    cell.kind = sheet::Cell::Kind::Text;
    cell.text = std::string(text);
    cellReaders(cell);
}

void numberCells(std::string_view text) {
    sheet::Cell cell;
    cell.kind = sheet::Cell::Kind::Number;
    cell.text = std::string(text);
    cell.number = std::strtod(cell.text.c_str(), nullptr);
    for (bool dateFormatted : {false, true}) {
        cell.dateFormatted = dateFormatted;
        cellReaders(cell);
    }
}

void serials(std::string_view text) {
    const std::string s(text);
    const double fromText = std::strtod(s.c_str(), nullptr);
    for (bool date1904 : {false, true})
        if (auto d = roster::excelSerialToDate(fromText, date1904)) keep(formatDate(*d));
    if (text.size() >= 8) {
        double raw;
        std::memcpy(&raw, text.data(), 8);   // NaN, infinities, denormals, 1e308
        for (bool date1904 : {false, true})
            if (auto d = roster::excelSerialToDate(raw, date1904)) keep(formatDate(*d));
    }
}

void textHelpers(std::string_view text) {
    const auto cps = utf8ToCodepoints(text);
    keep(codepointsToUtf8(cps));
    keep(foldFullWidth(text));
    keep(trim(text));
    keep(normalizeName(text));
    keep(hasCodepointsBeyondBmp(text));
    keep(codepointCount(text));
    const auto half = text.substr(text.size() / 2);
    keep(containsFolded(text, half));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (data[0] & 15) {
    case 0: idNumbers(text); break;
    case 1: phones(text); break;
    case 2: dates(text); break;
    case 3: periods(text); break;
    case 4: masking(text); break;
    case 5: pinyin(text); break;
    case 6: hoursBasis(text); break;
    case 7: textCells(text); break;
    case 8: numberCells(text); break;
    case 9: serials(text); break;
    case 10: textHelpers(text); break;
    default:
        idNumbers(text);
        phones(text);
        dates(text);
        periods(text);
        masking(text);
        pinyin(text);
        hoursBasis(text);
        textCells(text);
        numberCells(text);
        serials(text);
        textHelpers(text);
    }
    return 0;
}
