// table_export.hpp — writes a list as .xlsx (libxlsxwriter) or as CSV.
//
// Excel must not corrupt what it opens: ID numbers and phones are written as
// text cells (Excel would keep only 15 digits of a number), and CSV is UTF-8
// with a BOM, which is how Excel in China recognizes UTF-8. A file is written
// beside its target and renamed into place, so a failure never leaves a
// half-written file under the user's name.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

namespace jinguo {

// What a cell is written as in .xlsx. CSV writes the text either way.
enum class ExportCell : std::uint8_t {
    Text,     // a string cell (text format "@")
    Number,   // a number cell when the text parses ("12.5"), else text
    Date,     // "YYYY-MM-DD" → a date cell with a date format, else text
};

struct ExportTable {
    std::string sheetName;                        // xlsx sheet name (≤ 31 characters)
    std::vector<std::string> headers;
    std::vector<std::vector<std::string>> rows;   // display text, one cell per header
    std::vector<bool> numericColumns;             // columns written as numbers when they parse
    // Per row, per cell (may be shorter than the row; missing and Text cells
    // follow numericColumns): what the cell is, for a table whose columns mix kinds
    // (the problem list carries each source cell as the file typed it).
    std::vector<std::vector<ExportCell>> cellKinds;
};

// The format from the file name: ".xlsx" or ".csv" (case-insensitive); empty
// when neither.
std::string exportFormatOf(const std::string& path);

// A CSV cell as written: text beginning with = + - @, a tab or a carriage
// return gets a leading ' so Excel and WPS cannot run it as a formula; a plain
// number ("-3.5") stays as it is. (.xlsx cells are string cells, never
// formulas, and need nothing.)
std::string neutralizeCsvFormula(const std::string& text);

// Writes `table` to `path` (.xlsx or .csv), readable by its owner only (0600). Returns an empty string on
// success, else a Chinese message saying what went wrong and what to do.
// `cancel` (may be null) is polled between rows: once set, the temporary is
// removed, nothing is renamed and kExportCancelled is returned.
std::string writeExport(const std::string& path, const ExportTable& table,
                        const std::atomic<bool>* cancel = nullptr);
inline constexpr const char* kExportCancelled = "已取消导出，没有写入文件。";

// Several sheets in one .xlsx (the import templates: the table and its
// 填写说明), written like writeExport.
std::string writeWorkbook(const std::string& path, const std::vector<ExportTable>& tables);

} // namespace jinguo
