// roster_import.cpp (core) — the import's validating stage, its progress and
// its reports (JSON, problem list); the writing is storage/roster_import.cpp.
#include "core/roster_import.hpp"

#include "core/hand_off.hpp"
#include "core/json_writer.hpp"
#include "core/record_import.hpp"

#include <algorithm>
#include <exception>
#include <filesystem>
#include <thread>

namespace jinguo::roster {

namespace {

std::string cellText(const sheet::Cell& cell) {
    return cell.kind == sheet::Cell::Kind::Empty ? std::string() : cell.text;
}

} // namespace

ProblemRow problemRowOf(const sheet::Row& row, bool date1904) {
    ProblemRow out;
    out.row = row.number;
    out.values.reserve(row.cells.size());
    out.kinds.reserve(row.cells.size());
    for (const sheet::Cell& c : row.cells) {
        if (c.kind == sheet::Cell::Kind::Number && c.dateFormatted) {
            if (const std::optional<Date> d = excelSerialToDate(c.number, date1904)) {
                out.values.push_back(formatDate(*d));
                out.kinds.push_back(ExportCell::Date);
                continue;
            }
        }
        out.values.push_back(cellText(c));
        out.kinds.push_back(c.kind == sheet::Cell::Kind::Number ? ExportCell::Number : ExportCell::Text);
    }
    return out;
}

namespace {

// One file is imported by three threads in a pipeline: the file is parsed
// on one (readSpreadsheetPipelined), validated on a second (ValidatingSink)
// and written on the calling thread (storage's StoringSide), which alone
// touches SQLite. Each stage hands the next its work in blocks through a HandOff.

constexpr std::size_t kOutcomesPerBlock = 512;
constexpr std::size_t kValidatedBlocksQueued = 8;

// Runs the validator over each sheet's rows (on the validating thread) and
// passes the outcomes on. Returns false to the reader once the run is
// cancelled or the storing side has stopped (an error).
class ValidatingSink : public sheet::RowSink {
public:
    ValidatingSink(const RosterImportRequest& request, const sheet::FileInfo& info, HandOff<Validated>& out,
                   std::size_t problemRowsKept, SeenIdNumbers& seenIds, std::string fileName)
        : m_request(request), m_info(info), m_out(out), m_problemRowsKept(problemRowsKept), m_seenIds(seenIds),
          m_fileName(std::move(fileName)) {}

    bool beginSheet(const sheet::SheetInfo& sheet) override {
        if (cancelled(m_request)) return false;
        const bool named = std::find(m_request.sheets.begin(), m_request.sheets.end(), sheet.name)
                        != m_request.sheets.end();
        // Hidden sheets hold drop-down lists, not people, unless asked for by name.
        if (m_request.sheets.empty() ? sheet.hidden : !named) return false;
        // A template's 填写说明 sheet holds instructions, not people (a note says so).
        if (m_request.sheets.empty() && isInstructionsSheet(sheet.name)) return false;
        ValidatorOptions options;
        if (!m_request.today.empty()) options.today = m_request.today;
        options.date1904 = m_info.date1904;
        options.hoursAsOf = m_request.hours.asOf;
        // xlsx says which cells are numbers; a CSV cell is just text.
        options.typedCells = m_info.format == "xlsx";
        options.beforeWriting = m_request.dryRun;   // the check: a row 将导入, not 已导入
        // One ID number is one person in the whole run: every sheet of every file.
        options.seenIds = &m_seenIds;
        const bool csv = m_info.format != "xlsx";
        if (m_request.files.size() > 1)
            m_seenIds.beginSheet("文件“" + m_fileName + "”" + (csv ? std::string() : "的工作表“" + sheet.name + "”"));
        else
            m_seenIds.beginSheet(csv ? "文件“" + m_fileName + "”" : "工作表“" + sheet.name + "”");
        const auto chosen = m_request.mappings.find(sheet.name);
        if (chosen != m_request.mappings.end()) m_feed.emplace(chosen->second, options);
        else m_feed.emplace(m_request.kind, options);
        m_held.clear();
        Validated begin;
        begin.kind = Validated::Kind::BeginSheet;
        begin.sheetName = sheet.name;
        return m_out.push(std::move(begin));
    }

    bool row(const sheet::Row& row) override {
        if (cancelled(m_request)) return false;
        // Rows the feed holds while it looks for the header: kept so that a
        // rejected one still has its values for the problem list.
        if (m_request.keepProblemRows && !m_feed->mapping() && row.number <= kHeaderScanRows)
            m_held.push_back(row);
        const std::size_t before = m_block.outcomes.size();
        m_feed->feed(row, m_block.outcomes);
        keepProblemRows(before, &row);
        if (m_block.outcomes.size() >= kOutcomesPerBlock) return send();
        return true;
    }

    void endSheet() override {
        if (!m_feed || !send()) return;
        Validated end;
        end.kind = Validated::Kind::EndSheet;
        m_feed->finish(m_block.outcomes);
        keepProblemRows(0, nullptr);
        end.outcomes = std::move(m_block.outcomes);
        end.problemRows = std::move(m_block.problemRows);
        m_block = {};
        if (const Mapping* mapping = m_feed->mapping()) end.mapping = *mapping;
        end.sheetProblems = m_feed->sheetProblems();
        m_feed.reset();
        m_held.clear();
        m_out.push(std::move(end));
    }

private:
    const sheet::Row* sourceRow(int number, const sheet::Row* current) const {
        if (current && current->number == number) return current;
        for (const sheet::Row& r : m_held)
            if (r.number == number) return &r;
        return nullptr;
    }
    // The cells of the rejected rows among outcomes [from, end), while the
    // run's allowance lasts; the held rows are dropped once decided.
    void keepProblemRows(std::size_t from, const sheet::Row* current) {
        const std::size_t end = m_block.outcomes.size();
        for (std::size_t i = from; i < end; ++i) {
            const RowOutcome& o = m_block.outcomes[i];
            // Rejected rows, and accepted rows with a warning (提醒 in the problem list).
            if ((o.status != RowStatus::Rejected && o.warnings.empty()) || !m_request.keepProblemRows
                || m_problemRowsKept >= kMaxProblemRows)
                continue;
            if (const sheet::Row* source = sourceRow(o.row, current)) {
                m_block.problemRows.push_back(problemRowOf(*source, m_info.date1904));
                ++m_problemRowsKept;
            }
        }
        if (end > from && !m_held.empty()) m_held.clear();
    }
    bool send() {
        if (m_block.outcomes.empty()) return !m_out.closed();
        const bool sent = m_out.push(std::move(m_block));
        m_block = {};
        return sent;
    }

    const RosterImportRequest& m_request;
    const sheet::FileInfo& m_info;
    HandOff<Validated>& m_out;
    std::size_t m_problemRowsKept;
    SeenIdNumbers& m_seenIds;
    std::string m_fileName;
    std::optional<SheetFeed> m_feed;
    std::vector<sheet::Row> m_held;
    Validated m_block;   // Rows being filled
};

void writeFileReport(JsonWriter& w, const FileImportReport& f) {
    w.beginObject().member("path", f.path).member("format", f.format).member("encoding", f.encoding);
    if (f.alreadyImportedAs) w.member("already_imported_as_batch", static_cast<std::int64_t>(f.alreadyImportedAs));
    if (!f.notes.empty()) {
        w.key("notes").beginArray();
        for (const std::string& note : f.notes) w.value(note);
        w.endArray();
    }
    if (!f.unknownUnitNames.empty()) {
        w.key("unknown_units").beginArray();
        for (const std::string& name : f.unknownUnitNames) w.value(name);
        w.endArray();
    }
    if (!f.unknownUnitRows.empty()) {   // the same names with their rows
        w.key("unknown_unit_rows").beginObject();
        for (const auto& [name, rows] : f.unknownUnitRows) w.member(name, rows);
        w.endObject();
    }
    w.key("sheets").beginArray();
    for (const SheetImportReport& s : f.sheets) {
        w.beginObject().member("name", s.name).member("header_row", s.headerRow);
        w.key("mapping").beginObject();
        for (const auto& [header, field] : s.mapping) w.member(header, field);
        w.endObject();
        w.member("rows_read", s.rowsRead).member("rows_imported", s.rowsImported)
            .member("rows_updated", s.rowsUpdated).member("rows_skipped", s.rowsSkipped);
        w.key("problems").beginArray();
        for (const Problem& p : s.problems)
            w.beginObject().member("row", p.row).member("column", p.column).member("code", p.code)
                .member("message", p.message).endObject();
        w.endArray().endObject();
    }
    w.endArray().endObject();
}

} // namespace

bool cancelled(const RosterImportRequest& request) {
    return request.cancel && request.cancel->load(std::memory_order_relaxed);
}

ImportProgressState::ImportProgressState(const RosterImportRequest& request, int fileCount) : m_request(request) {
    m_progress.fileCount = fileCount;
}

void ImportProgressState::startFile(int index) {
    std::lock_guard guard(m_lock);
    m_progress.fileIndex = index;
    m_progress.bytesDone = m_progress.bytesTotal = 0;
    report();
}

void ImportProgressState::rowRead() {
    std::lock_guard guard(m_lock);
    if (++m_progress.rowsRead % 1000 == 0) report();
}

void ImportProgressState::onBytes(void* context, std::uint64_t done, std::uint64_t total) {
    auto* self = static_cast<ImportProgressState*>(context);
    std::lock_guard guard(self->m_lock);
    self->m_progress.bytesDone = done;
    self->m_progress.bytesTotal = total;
    self->report();
}

void ImportProgressState::report() const {
    if (m_request.progress) m_request.progress(m_progress);
}

// Reads and validates `path` on two more threads while this one takes the blocks.
sheet::ReadResult readValidated(const std::string& path, const RosterImportRequest& request,
                                const sheet::FileInfo& info, std::size_t problemRowsKept, SeenIdNumbers& seenIds,
                                const sheet::ReadOptions& options, const std::function<void(Validated&)>& take) {
    HandOff<Validated> validated(kValidatedBlocksQueued);
    ValidatingSink validating(request, info, validated, problemRowsKept, seenIds,
                              std::filesystem::path(path).filename().string());
    sheet::ReadResult result;   // written by the validating thread, read after join()
    std::exception_ptr error;
    std::thread validator([&] {
        try {
            result = sheet::readSpreadsheetPipelined(path, validating, options);
        } catch (...) {
            error = std::current_exception();
        }
        try {
            Validated done;
            done.kind = Validated::Kind::Done;
            validated.push(std::move(done));
        } catch (...) {   // bad_alloc: nothing may leave the thread; the closed queue ends the loop
            if (!error) error = std::current_exception();
            validated.close();
        }
    });
    // Closing the queue makes the validator's next push fail: it stops reading.
    const JoinOnExit join(validator, [&] { validated.close(); });
    while (std::optional<Validated> v = validated.pop()) {
        if (v->kind == Validated::Kind::Done) break;
        take(*v);
    }
    validated.close();
    validator.join();
    if (error) std::rethrow_exception(error);
    return result;
}

int FileImportReport::rowsRead() const {
    int n = 0;
    for (const auto& s : sheets) n += s.rowsRead;
    return n;
}
int FileImportReport::rowsImported() const {
    int n = 0;
    for (const auto& s : sheets) n += s.rowsImported;
    return n;
}
int FileImportReport::rowsUpdated() const {
    int n = 0;
    for (const auto& s : sheets) n += s.rowsUpdated;
    return n;
}
int FileImportReport::rowsSkipped() const {
    int n = 0;
    for (const auto& s : sheets) n += s.rowsSkipped;
    return n;
}

double ImportProgress::fraction() const {
    if (fileCount <= 0) return 0;
    const double inFile = bytesTotal > 0 ? std::min(1.0, static_cast<double>(bytesDone) / bytesTotal) : 0.0;
    return std::min(1.0, (fileIndex + inFile) / fileCount);
}

ExportTable problemListTable(const std::vector<FileImportReport>& files) {
    ExportTable table;
    table.sheetName = "问题清单";
    // Errors (the row was not imported) and warnings (imported, worth a look), each said so.
    table.headers = {"工作表", "行号", "类别", "问题列", "问题说明"};
    table.numericColumns = {false, true, false, false, false};
    std::map<std::string, std::size_t> headerColumn;   // source header → export column
    auto columnFor = [&](const std::string& header) {
        auto [it, added] = headerColumn.emplace(header, table.headers.size());
        if (added) table.headers.push_back(header);
        return it->second;
    };
    for (const FileImportReport& file : files) {
        for (const SheetImportReport& sheet : file.sheets) {
            std::vector<std::size_t> columnOf(sheet.headers.size());
            for (std::size_t c = 0; c < sheet.headers.size(); ++c)
                columnOf[c] = columnFor(sheet.headers[c].empty() ? columnLetter(static_cast<int>(c)) + "列"
                                                                 : sheet.headers[c]);
            std::map<int, const ProblemRow*> valuesOf;
            for (const ProblemRow& r : sheet.problemRows) valuesOf[r.row] = &r;
            std::size_t line = 0;
            bool haveLine = false;
            int lineRow = -1;
            bool lineWarning = false;
            bool sheetProblem = false;
            for (const Problem& p : sheet.problems) {
                const bool warning = isWarning(p.code);
                const bool ofSheet = p.column.empty() && (p.code == code::kHeaderNotFound
                                                          || p.code == code::kColumnMissing);
                if (!haveLine || p.row != lineRow || warning != lineWarning || ofSheet || sheetProblem) {
                    table.rows.push_back({sheet.name, p.row > 0 ? std::to_string(p.row) : std::string(),
                                          warning ? "提醒" : "错误", "", ""});
                    table.cellKinds.emplace_back();
                    line = table.rows.size() - 1;
                    haveLine = true;
                    lineRow = p.row;
                    lineWarning = warning;
                    sheetProblem = ofSheet;
                    const auto values = valuesOf.find(p.row);
                    if (!ofSheet && values != valuesOf.end()) {
                        std::vector<std::string>& cells = table.rows[line];
                        std::vector<ExportCell>& kinds = table.cellKinds[line];
                        const ProblemRow& source = *values->second;
                        for (std::size_t c = 0; c < source.values.size() && c < columnOf.size(); ++c) {
                            if (cells.size() <= columnOf[c]) cells.resize(columnOf[c] + 1);
                            cells[columnOf[c]] = source.values[c];
                            if (c < source.kinds.size() && source.kinds[c] != ExportCell::Text) {
                                if (kinds.size() <= columnOf[c]) kinds.resize(columnOf[c] + 1, ExportCell::Text);
                                kinds[columnOf[c]] = source.kinds[c];
                            }
                        }
                    }
                }
                std::vector<std::string>& cells = table.rows[line];
                std::string& columns = cells[3];
                if (!p.column.empty() && columns.find(p.column) == std::string::npos)
                    columns += (columns.empty() ? "" : "、") + p.column;
                cells[4] += (cells[4].empty() ? "" : " ") + p.message;
            }
        }
    }
    for (auto& row : table.rows) row.resize(table.headers.size());
    return table;
}

std::string importReportJson(const std::vector<FileImportReport>& files) {
    JsonWriter w(2);
    w.beginObject().key("files").beginArray();
    for (const FileImportReport& f : files) writeFileReport(w, f);
    w.endArray().endObject();
    return w.str();
}

std::string importReportJson(const std::vector<FileImportReport>& files, const std::string& errorCode,
                             const std::string& errorMessage) {
    JsonWriter w(2);
    w.beginObject().key("files").beginArray();
    for (const FileImportReport& f : files) writeFileReport(w, f);
    w.endArray();
    w.key("error").beginObject().member("code", errorCode).member("message", errorMessage).endObject();
    w.endObject();
    return w.str();
}

std::string fileImportReportJson(const FileImportReport& file) {
    JsonWriter w;
    writeFileReport(w, file);
    return w.str();
}

} // namespace jinguo::roster
