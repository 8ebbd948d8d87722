// spreadsheet_detail.hpp — private to spreadsheet*.cpp: the readers and the
// wording of refusals, shared between the dispatcher and the two readers.
#pragma once

#include "core/spreadsheet.hpp"

#include <exception>
#include <string>
#include <vector>

namespace jinguo::sheet::detail {

enum class Refusal {
    Missing, NoAccess, Directory, Xls, Et, Ods, Numbers, Xlsb, OleXlsx,
    NotSpreadsheet, Corrupt, TooLarge, TooDeep, NotText, BadEncoding, CsvField, CsvColumns,
    TextBomb, Encrypted, OutOfMemory,
};

// What an OLE compound file (D0 CF 11 E0 …) holds, from its directory's
// stream names: EncryptionInfo + EncryptedPackage is an encrypted OOXML file
// (.xlsx/.xlsb with a password, or with Excel's built-in default one);
// Workbook/Book is an old .xls (BIFF).
enum class OleKind { Unknown, Encrypted, OldExcel };
OleKind oleKind(const std::string& path);

// A Failed result with errorCode "unsupported_format" and the Chinese message.
ReadResult refuse(Refusal why, const std::string& name, const std::string& detail = {});

// `sink` null: only the file's info (listSheets).
ReadResult readXlsx(const std::string& path, const std::string& name, const std::string& ext,
                    RowSink* sink, const ReadOptions& options);
ReadResult readCsv(const std::string& path, const std::string& name, const std::string& ext,
                   RowSink* sink, const ReadOptions& options);

// Row reuse without per-row allocations (see spreadsheet.cpp).
Cell& appendCell(Row& row, std::vector<Cell>& spare);
void finishRow(Row& row, std::size_t used, std::vector<Cell>& spare);

// What the sink threw, carried past the readers' own error handling (and past
// expat's C frames) to the caller.
struct SinkThrew {
    std::exception_ptr error;
};

} // namespace jinguo::sheet::detail
