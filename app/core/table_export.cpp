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

bool cancelledNow(const std::atomic<bool>* cancel, std::int64_t row) {
    return cancel && row % 1024 == 0 && cancel->load(std::memory_order_relaxed);
}

void writeCsvLine(std::ofstream& out, const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << csvField(cells[i]);
    out << "\r\n";
}

std::string csvOpenError(const std::string& path) {
    return "无法写入“" + path + "”：" + std::strerror(errno) + "。请检查文件夹是否存在、是否有写入权限。";
}

struct SheetFormats {
    lxw_format* text = nullptr;
    lxw_format* date = nullptr;
};

// A sheet with `t`'s header row, column widths and frozen header.
lxw_worksheet* startSheet(lxw_workbook* workbook, const ExportTable& t, SheetFormats& formats) {
    std::string sheetName = t.sheetName.empty() ? "Sheet1" : t.sheetName;
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheetName.c_str());
    if (!sheet) sheet = workbook_add_worksheet(workbook, nullptr);   // a name Excel would refuse
    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    // Text format ("@") on string cells: if the user retypes an ID number in
    // Excel, it stays text rather than turning into 1.10105E+17.
    formats.text = workbook_add_format(workbook);
    format_set_num_format(formats.text, "@");
    // Dates as real dates (a serial with a date format): Excel and WPS sort,
    // filter and show them as dates, not as 44393.
    formats.date = workbook_add_format(workbook);
    format_set_num_format(formats.date, "yyyy-mm-dd");
    for (std::size_t c = 0; c < t.headers.size(); ++c) {
        worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), t.headers[c].c_str(), header);
        worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                             c < t.numericColumns.size() && t.numericColumns[c] ? 12 : 20, nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    return sheet;
}

void writeXlsxRow(lxw_worksheet* sheet, lxw_row_t row, const SheetFormats& formats,
                  const std::vector<bool>& numericColumns, const std::vector<std::string>& cells,
                  const std::vector<ExportCell>& kinds) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const std::string& cell = cells[c];
        const auto col = static_cast<lxw_col_t>(c);
        double number = 0;
        // A cell's own kind when it has one; otherwise its column's.
        ExportCell kind = c < numericColumns.size() && numericColumns[c] ? ExportCell::Number : ExportCell::Text;
        if (c < kinds.size() && kinds[c] != ExportCell::Text) kind = kinds[c];
        if (kind == ExportCell::Date) {
            if (const std::optional<Date> d = parseDate(cell)) {
                lxw_datetime when{d->year, d->month, d->day, 0, 0, 0};
                worksheet_write_datetime(sheet, row, col, &when, formats.date);
                continue;
            }
        }
        if (kind != ExportCell::Text && parseNumber(cell, number))
            worksheet_write_number(sheet, row, col, number, nullptr);
        else if (!cell.empty())   // a string cell, never a formula, whatever it begins with
            worksheet_write_string(sheet, row, col, cell.c_str(), formats.text);
    }
}

const std::vector<ExportCell>& kindsOfRow(const ExportTable& t, std::size_t r) {
    static const std::vector<ExportCell> none;
    return r < t.cellKinds.size() ? t.cellKinds[r] : none;
}

// Several small sheets (the templates): libxlsxwriter's ordinary mode.
std::string writeXlsx(const std::string& path, const std::vector<ExportTable>& tables) {
    // libxlsxwriter opens with fopen ("wb" keeps an existing file's mode).
    createPrivateFile(path);
    makeFilePrivate(path);
    lxw_workbook* workbook = workbook_new(path.c_str());
    if (!workbook) return "无法创建“" + path + "”。请检查文件夹是否存在、是否有写入权限。";
    for (const ExportTable& t : tables) {
        SheetFormats formats;
        lxw_worksheet* sheet = startSheet(workbook, t, formats);
        for (std::size_t r = 0; r < t.rows.size(); ++r)
            writeXlsxRow(sheet, static_cast<lxw_row_t>(r + 1), formats, t.numericColumns, t.rows[r], kindsOfRow(t, r));
    }
    const lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR)
        return "写入“" + path + "”失败：" + lxw_strerror(error) + "。请检查磁盘空间与写入权限。";
    return {};
}

} // namespace

void ExportTableCollector::begin(const ExportTable& shape) {
    table = shape;
    table.rows.clear();
    table.cellKinds.clear();
}

void ExportTableCollector::row(const std::vector<std::string>& cells, const std::vector<ExportCell>& kinds) {
    if (!kinds.empty()) {
        table.cellKinds.resize(table.rows.size());
        table.cellKinds.push_back(kinds);
    }
    table.rows.push_back(cells);
}

struct ExportFileWriter::Impl {
    std::ofstream csv;
    lxw_workbook* workbook = nullptr;
    lxw_worksheet* sheet = nullptr;
    SheetFormats formats;
    std::vector<bool> numericColumns;
};

ExportFileWriter::ExportFileWriter(std::string path, const std::atomic<bool>* cancel)
    : m_path(std::move(path)), m_format(exportFormatOf(m_path)), m_cancel(cancel) {
    if (m_format.empty()) throw ExportWriteFailed("导出文件名应以 .xlsx 或 .csv 结尾，收到“" + m_path + "”。");
    // Written beside the target, then renamed: the user's file is whole or untouched.
    m_temporary = m_path + ".jinguo-tmp";
}

ExportFileWriter::~ExportFileWriter() { abandon(); }

void ExportFileWriter::begin(const ExportTable& shape) {
    abandon();
    m_impl = std::make_unique<Impl>();
    m_rows = 0;
    m_cancelled = false;
    createPrivateFile(m_temporary);
    makeFilePrivate(m_temporary);   // a leftover temporary keeps its old mode otherwise
    if (m_format == "csv") {
        m_impl->csv.open(m_temporary, std::ios::binary | std::ios::trunc);
        if (!m_impl->csv) {
            const std::string error = csvOpenError(m_temporary);
            abandon();
            throw ExportWriteFailed(error);
        }
        m_impl->csv << "\xEF\xBB\xBF";   // BOM: Excel then reads UTF-8 instead of GBK
        writeCsvLine(m_impl->csv, shape.headers);
    } else {
        // constant_memory: a row is written out when the next one begins, so
        // rows must come in order (they do) and strings are inline cells.
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE;
        m_impl->workbook = workbook_new_opt(m_temporary.c_str(), &options);
        if (!m_impl->workbook) {
            abandon();
            throw ExportWriteFailed("无法创建“" + m_temporary + "”。请检查文件夹是否存在、是否有写入权限。");
        }
        m_impl->sheet = startSheet(m_impl->workbook, shape, m_impl->formats);
        m_impl->numericColumns = shape.numericColumns;
    }
    for (std::size_t r = 0; r < shape.rows.size(); ++r) row(shape.rows[r], kindsOfRow(shape, r));
}

void ExportFileWriter::row(const std::vector<std::string>& cells, const std::vector<ExportCell>& kinds) {
    if (!m_impl || m_cancelled) return;
    if (cancelledNow(m_cancel, m_rows)) {
        m_cancelled = true;
        return;
    }
    if (m_impl->workbook)
        writeXlsxRow(m_impl->sheet, static_cast<lxw_row_t>(m_rows + 1), m_impl->formats, m_impl->numericColumns, cells,
                     kinds);
    else
        writeCsvLine(m_impl->csv, cells);
    ++m_rows;
}

std::string ExportFileWriter::finish() {
    if (!m_impl) return "没有可写入的内容。";
    std::string error;
    if (m_impl->workbook) {
        const lxw_error closed = workbook_close(m_impl->workbook);
        m_impl->workbook = nullptr;
        if (closed != LXW_NO_ERROR)
            error = "写入“" + m_temporary + "”失败：" + lxw_strerror(closed) + "。请检查磁盘空间与写入权限。";
    } else {
        m_impl->csv.flush();
        if (!m_impl->csv) error = "写入“" + m_temporary + "”时出错（磁盘已满？）。";
        m_impl->csv.close();
    }
    if (m_cancelled) error = kExportCancelled;
    std::error_code ec;
    if (error.empty()) {
        std::filesystem::rename(m_temporary, m_path, ec);
        if (ec) error = "无法保存为“" + m_path + "”：" + ec.message() + "。";
    }
    if (!error.empty()) std::filesystem::remove(m_temporary, ec);
    m_impl.reset();
    return error;
}

void ExportFileWriter::abandon() {
    if (!m_impl) return;
    if (m_impl->workbook) workbook_close(m_impl->workbook);   // frees it; the file is dropped below
    m_impl.reset();
    std::error_code ec;
    std::filesystem::remove(m_temporary, ec);
}

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
    try {
        ExportFileWriter writer(path, cancel);
        writer.begin(table);
        return writer.finish();
    } catch (const ExportWriteFailed& e) {
        return e.what();
    }
}

} // namespace jinguo
