// table_export.hpp — writes a list as .xlsx (libxlsxwriter) or as CSV.
//
// Excel must not corrupt what it opens: ID numbers and phones are written as
// text cells (Excel would keep only 15 digits of a number), and CSV is UTF-8
// with a BOM, which is how Excel in China recognizes UTF-8. A file is written
// beside its target and renamed into place, so a failure never leaves a
// half-written file under the user's name.
#pragma once

#include <string>
#include <vector>

namespace jinguo {

struct ExportTable {
    std::string sheetName;                        // xlsx sheet name (≤ 31 characters)
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;   // display text, one cell per header
    std::vector<bool> numericColumns;             // columns written as numbers when they parse
};

// The format from the file name: ".xlsx" or ".csv" (case-insensitive); empty
// when neither.
std::string exportFormatOf(const std::string& path);

// Writes `table` to `path` (.xlsx or .csv). Returns an empty string on
// success, else a Chinese message saying what went wrong and what to do.
std::string writeExport(const std::string& path, const ExportTable& table);

} // namespace jinguo
