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
#include <memory>
#include <stdexcept>
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

// Where an export's rows go, one by one in order (issue 17: a million rows are
// never held in memory): `begin` once with the table's shape (sheet name,
// headers, number columns; its rows, if any, follow as rows), then `row`.
class ExportRowSink {
public:
    virtual ~ExportRowSink() = default;
    virtual void begin(const ExportTable& shape) = 0;
    virtual void row(const std::vector<std::string>& cells, const std::vector<ExportCell>& kinds = {}) = 0;
};

// Collects the rows into a table (tests, and lists small enough to hold).
class ExportTableCollector final : public ExportRowSink {
public:
    ExportTable table;
    void begin(const ExportTable& shape) override;
    void row(const std::vector<std::string>& cells, const std::vector<ExportCell>& kinds = {}) override;
};

// Thrown by ExportFileWriter when the file cannot be written; what() is the
// Chinese message (a reader stops at once instead of reading on for nothing).
struct ExportWriteFailed : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writes rows to `path` as they come (.xlsx or .csv, as writeExport does and
// byte for byte the same CSV): into a temporary beside `path`, renamed by
// finish(). .xlsx uses libxlsxwriter's constant_memory mode (each row goes to
// its temporary file when the next begins; strings are inline cells, not a
// shared-string table). Destroyed unfinished, it removes the temporary.
class ExportFileWriter final : public ExportRowSink {
public:
    // Throws ExportWriteFailed for a name that is neither .xlsx nor .csv.
    // `cancel` (may be null) is polled between rows: once set, rows are
    // dropped and finish() returns kExportCancelled.
    explicit ExportFileWriter(std::string path, const std::atomic<bool>* cancel = nullptr);
    ~ExportFileWriter() override;
    ExportFileWriter(const ExportFileWriter&) = delete;
    ExportFileWriter& operator=(const ExportFileWriter&) = delete;

    void begin(const ExportTable& shape) override;   // throws ExportWriteFailed
    void row(const std::vector<std::string>& cells, const std::vector<ExportCell>& kinds = {}) override;
    std::int64_t rows() const { return m_rows; }
    // Closes and renames into place; "" on success, else the Chinese message
    // (or kExportCancelled). Nothing is left under `path` on failure.
    std::string finish();
    // Drops the temporary (a read failed or was cancelled).
    void abandon();

private:
    struct Impl;
    std::string m_path, m_temporary, m_format;
    const std::atomic<bool>* m_cancel;
    std::unique_ptr<Impl> m_impl;
    std::int64_t m_rows = 0;
    bool m_cancelled = false;
};

// Several sheets in one .xlsx (the import templates: the table and its
// 填写说明), written like writeExport.
std::string writeWorkbook(const std::string& path, const std::vector<ExportTable>& tables);

} // namespace jinguo
