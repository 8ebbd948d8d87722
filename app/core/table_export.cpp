// table_export.cpp — .xlsx through libxlsxwriter, CSV with a BOM, both atomic.
#include "core/table_export.hpp"

#include "core/periods.hpp"
#include "core/private_files.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace jinguo {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool parseNumber(const std::string& text, double& out) {
    if (text.empty()) return false;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return *end == '\0';
}

// A plain decimal number ("-3.5", "+12", "42"): Excel reads it as a number,
// never as a formula, so it is written as it is.
bool plainNumber(const std::string& text) {
    std::size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
    std::size_t digits = 0, dots = 0;
    for (; i < text.size(); ++i) {
        if (text[i] >= '0' && text[i] <= '9') ++digits;
        else if (text[i] == '.' && ++dots == 1) continue;
        else return false;
    }
    return digits > 0;
}
} // namespace

std::string neutralizeCsvFormula(const std::string& text) {
    if (text.empty()) return text;
    const char first = text[0];
    const bool risky = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    if (!risky || plainNumber(text)) return text;
    return "'" + text;   // OWASP: a leading quote makes Excel and WPS show the text, never run it
}

namespace {

std::string csvField(const std::string& raw) {
    const std::string text = neutralizeCsvFormula(raw);
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

bool cancelledNow(const std::atomic<bool>* cancel, std::size_t row) {
    return cancel && row % 1024 == 0 && cancel->load(std::memory_order_relaxed);
}

std::string writeCsv(const std::string& path, const ExportTable& t, const std::atomic<bool>* cancel) {
    createPrivateFile(path);
    makeFilePrivate(path);   // a leftover temporary keeps its old mode otherwise
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) return "无法写入“" + path + "”：" + std::strerror(errno) + "。请检查文件夹是否存在、是否有写入权限。";
    out << "\xEF\xBB\xBF";   // BOM: Excel then reads UTF-8 instead of GBK
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csvField(cells[i]);
        out << "\r\n";
    };
    line(t.headers);
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (cancelledNow(cancel, r)) return kExportCancelled;
        line(t.rows[r]);
    }
    out.flush();
    if (!out) return "写入“" + path + "”时出错（磁盘已满？）。";
    return {};
}

// False when cancelled (the sheet is then incomplete: the caller drops the file).
bool addSheet(lxw_workbook* workbook, const ExportTable& t, const std::atomic<bool>* cancel);

std::string writeXlsx(const std::string& path, const std::vector<ExportTable>& tables,
                      const std::atomic<bool>* cancel = nullptr) {
    // libxlsxwriter opens with fopen ("wb" keeps an existing file's mode).
    createPrivateFile(path);
    makeFilePrivate(path);
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (!workbook) return "无法创建“" + path + "”。请检查文件夹是否存在、是否有写入权限。";
    bool whole = true;
    for (const ExportTable& t : tables) whole = whole && addSheet(workbook, t, cancel);
    const lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR)
        return "写入“" + path + "”失败：" + lxw_strerror(error) + "。请检查磁盘空间与写入权限。";
    return whole ? std::string() : std::string(kExportCancelled);
}

std::string writeXlsx(const std::string& path, const ExportTable& t, const std::atomic<bool>* cancel) {
    return writeXlsx(path, std::vector<ExportTable>{t}, cancel);
}

bool addSheet(lxw_workbook* workbook, const ExportTable& t, const std::atomic<bool>* cancel) {
    std::string sheetName = t.sheetName.empty() ? "Sheet1" : t.sheetName;
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheetName.c_str());
    if (!sheet) sheet = workbook_add_worksheet(workbook, nullptr);   // a name Excel would refuse
    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    // Text format ("@") on string cells: if the user retypes an ID number in
    // Excel, it stays text rather than turning into 1.10105E+17.
    lxw_format* text = workbook_add_format(workbook);
    format_set_num_format(text, "@");
    // Dates as real dates (a serial with a date format): Excel and WPS sort,
    // filter and show them as dates, not as 44393.
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy-mm-dd");
    for (std::size_t c = 0; c < t.headers.size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), t.headers[c].c_str(), header);
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             c < t.numericColumns.size() && t.numericColumns[c] ? 12 : 20, nullptr);
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        if (cancelledNow(cancel, r)) return false;
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (std::size_t c = 0; c < t.rows[r].size(); ++c) {
            const std::string& cell = t.rows[r][c];
            const auto col = static_cast<lxw_col_t>(c);
            double number = 0;
            // A cell's own kind when it has one; otherwise its column's.
            ExportCell kind = c < t.numericColumns.size() && t.numericColumns[c] ? ExportCell::Number : ExportCell::Text;
            if (r < t.cellKinds.size() && c < t.cellKinds[r].size() && t.cellKinds[r][c] != ExportCell::Text)
                kind = t.cellKinds[r][c];
            if (kind == ExportCell::Date) {
                if (const std::optional<Date> d = parseDate(cell)) {
                    lxw_datetime when{d->year, d->month, d->day, 0, 0, 0};
                    worksheet_write_datetime(sheet, row, col, &when, date);
                    continue;
                }
            }
            if (kind != ExportCell::Text && parseNumber(cell, number))
                worksheet_write_number(sheet, row, col, number, nullptr);
            else if (!cell.empty())   // a string cell, never a formula, whatever it begins with
                worksheet_write_string(sheet, row, col, cell.c_str(), text);
        }
    }
    worksheet_freeze_panes(sheet, 1, 0);
    return true;
}

} // namespace

std::string exportFormatOf(const std::string& path) {
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    if (ext == ".xlsx") return "xlsx";
    if (ext == ".csv") return "csv";
    return {};
}

std::string writeWorkbook(const std::string& path, const std::vector<ExportTable>& tables) {
    if (exportFormatOf(path) != "xlsx") return "文件名应以 .xlsx 结尾，收到“" + path + "”。";
    const std::string temporary = path + ".jinguo-tmp";
    std::string error = writeXlsx(temporary, tables);
    std::error_code ec;
    if (error.empty()) {
        std::filesystem::rename(temporary, path, ec);
        if (ec) error = "无法保存为“" + path + "”：" + ec.message() + "。";
    }
    if (!error.empty()) std::filesystem::remove(temporary, ec);
    return error;
}

std::string writeExport(const std::string& path, const ExportTable& table, const std::atomic<bool>* cancel) {
    const std::string format = exportFormatOf(path);
    if (format.empty()) return "导出文件名应以 .xlsx 或 .csv 结尾，收到“" + path + "”。";
    // Written beside the target, then renamed: the user's file is whole or untouched.
    const std::string temporary = path + ".jinguo-tmp";
    std::string error = format == "xlsx" ? writeXlsx(temporary, table, cancel) : writeCsv(temporary, table, cancel);
    std::error_code ec;
    if (error.empty()) {
        std::filesystem::rename(temporary, path, ec);
        if (ec) error = "无法保存为“" + path + "”：" + ec.message() + "。";
    }
    if (!error.empty()) std::filesystem::remove(temporary, ec);
    return error;
}

} // namespace jinguo
