// float_cast_test.cpp — roster_rows.cpp compiled with UBSan's
// float-cast-overflow check (see tests/CMakeLists.txt): a huge or non-finite
// number in a date or year cell must be refused without converting it to an
// integer type it cannot fit (undefined behaviour; the sanitizer aborts).
#include "core/roster_rows.hpp"
#include "core/spreadsheet.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

using namespace jinguo;

int main() {
    int failures = 0;
    auto expect = [&](bool ok, const char* what) {
        if (!ok) {
            std::printf("FAILED: %s\n", what);
            ++failures;
        }
    };
    for (double v : {1e300, -1e300, 1e19, -1e19, 9.3e18, std::numeric_limits<double>::infinity(),
                     std::numeric_limits<double>::quiet_NaN(), 3e6, -2.0}) {
        expect(!roster::excelSerialToDate(v, false), "serial out of range gives no date (1900)");
        expect(!roster::excelSerialToDate(v, true), "serial out of range gives no date (1904)");
        sheet::Cell cell;
        cell.kind = sheet::Cell::Kind::Number;
        cell.number = v;
        cell.text = "1e300";
        for (bool dateFormatted : {false, true}) {
            cell.dateFormatted = dateFormatted;
            const auto date = roster::readDateCell(cell, false, 2026);
            expect(!date.value && !date.message.empty(), "a huge number in 加入日期 is refused with a message");
        }
    }
    expect(roster::excelSerialToDate(45359, false).has_value(), "a real serial still reads");
    std::printf("%s\n", failures ? "float_cast_test failed" : "float_cast_test passed");
    return failures ? 1 : 0;
}
