// spreadsheet.hpp — rows of a roster file (.xlsx, .csv, .tsv), streamed.
//
// The reader never holds a whole file: it hands each sheet's rows, in order,
// to a RowSink, so a 1,000,000-row CSV costs the memory of one row. Cells keep
// what the file said (text, or a number with whether its format was a date)
// and leave meaning to the importer: an ID number stored as a number is a
// number here, and the importer explains why that is a problem.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::sheet {

struct Cell {
    enum class Kind : std::uint8_t { Empty, Text, Number, Boolean, Error };
    Kind kind = Kind::Empty;
    std::string text;          // Text: the string (shared, inline or rich text joined);
                               // Number: the value as the file wrote it ("110105194912310000", "3.5");
                               // Boolean: "TRUE"/"FALSE"; Error: "#N/A" …
    double number = 0;         // Number: the value
    bool dateFormatted = false;// Number with a date/time number format (Excel serial date)

    bool empty() const { return kind == Kind::Empty || (kind == Kind::Text && text.empty()); }
};

struct Row {
    int number = 0;            // the row number the user sees: Excel's row (1-based);
                               // CSV: the record number, the first record is 1
    std::vector<Cell> cells;   // column A is cells[0]; trailing empty cells may be absent
};

struct SheetInfo {
    std::string name;          // the sheet's name; CSV: the file name
    int index = 0;             // 0-based position in the workbook
    bool hidden = false;       // xlsx: hidden in Excel/WPS (often the choices of a drop-down list)
};

// Receives a file's content. Return false from any call to stop reading
// (cancel): the reader then returns ReadStatus::Cancelled.
class RowSink {
public:
    virtual ~RowSink() = default;
    // Called before a sheet's rows; return false to skip this sheet (its rows
    // are not read) without stopping.
    virtual bool beginSheet(const SheetInfo& sheet) = 0;
    virtual bool row(const Row& row) = 0;
    virtual void endSheet() {}
};

enum class ReadStatus { Ok, Cancelled, Failed };

struct FileInfo {
    std::string format;        // "xlsx" or "csv"
    std::string encoding;      // CSV: "UTF-8", "UTF-8-BOM", "GB18030"; xlsx: "UTF-8"
    bool date1904 = false;     // xlsx workbookPr date1904: serial dates count from 1904-01-01
    char delimiter = ',';      // CSV/TSV
    std::vector<SheetInfo> sheets;
    // xlsx: sheets the workbook names whose content is missing from the file
    // (an empty relationship id, a part not in the archive): skipped, not in
    // `sheets`, to be named to the user.
    std::vector<std::string> unreadableSheets;
};

struct ReadResult {
    ReadStatus status = ReadStatus::Ok;
    FileInfo info;
    std::string errorCode;     // "unsupported_format" when the file cannot be read at all
    std::string message;       // Chinese: what is wrong and how to fix it
    std::uint64_t bytesRead = 0;
};

// Progress: bytes consumed so far of the total, for a progress bar. May be
// called from inside readSpreadsheet on the reading thread.
using ProgressFn = void (*)(void* context, std::uint64_t done, std::uint64_t total);

struct ReadOptions {
    std::uint64_t maxUncompressedBytes = 2ull << 30;  // refuse a zip bomb beyond this (xlsx)
    int maxXmlDepth = 64;                             // refuse pathological nesting (xlsx)
    ProgressFn progress = nullptr;
    void* progressContext = nullptr;
};

// Reads `path`, choosing the reader by content (zip signature) and extension.
// .xls, .et, .ods and anything unreadable give status Failed with errorCode
// "unsupported_format" and a message saying to save the file as .xlsx in
// Excel or WPS; nothing is passed to the sink then.
ReadResult readSpreadsheet(const std::string& path, RowSink& sink, const ReadOptions& options = {});

// The same, with the reading (unzip, XML, CSV parsing) on a second thread
// while the sink works on the calling thread: the file's rows reach the sink
// in the same order, through the same calls, and the result is the same. For
// a sink that does real work per row (the import: validation and SQLite,
// which stays on the caller's thread), the two overlap. The progress
// callback is called on the reading thread. An exception thrown by the sink
// or the reader leaves here after the reading thread has stopped.
ReadResult readSpreadsheetPipelined(const std::string& path, RowSink& sink, const ReadOptions& options = {});

// For a file that must first be saved as .xlsx (.xls, .et, .ods by its
// extension): the same Chinese advice readSpreadsheet refuses it with, for the
// file picker to show before anything is read; "" for any other file.
std::string needsSaveAsXlsx(const std::string& path);

// The sheets of a file without reading their rows (for the sheet picker).
ReadResult listSheets(const std::string& path, const ReadOptions& options = {});

} // namespace jinguo::sheet
