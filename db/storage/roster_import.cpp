// roster_import.cpp — reader → SheetFeed → ImportStore in one transaction,
// with progress, cancel, the user's mapping and the JSON report.
#include "storage/roster_import.hpp"

#include "storage/backup_store.hpp"

#include "core/file_hash.hpp"
#include "core/hand_off.hpp"
#include "core/json_writer.hpp"
#include "core/spreadsheet.hpp"
#include "storage/badge_store.hpp"
#include "storage/import_store.hpp"
#include "storage/storage.hpp"

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <new>
#include <thread>

namespace jinguo::storage {

namespace {

bool cancelled(const RosterImportRequest& request) {
    return request.cancel && request.cancel->load(std::memory_order_relaxed);
}

// Progress shared by the reader's byte callback (on the reading thread) and
// the sink's row count (on the importing thread): one lock, so the caller's
// callback is never entered twice at once and always sees a whole state.
struct ProgressState {
    const RosterImportRequest& request;
    std::mutex lock;
    ImportProgress progress;
    void startFile(int index) {
        std::lock_guard guard(lock);
        progress.fileIndex = index;
        progress.bytesDone = progress.bytesTotal = 0;
        report();
    }
    void rowRead() {
        std::lock_guard guard(lock);
        if (++progress.rowsRead % 1000 == 0) report();
    }
    static void onBytes(void* context, std::uint64_t done, std::uint64_t total) {
        auto* self = static_cast<ProgressState*>(context);
        std::lock_guard guard(self->lock);
        self->progress.bytesDone = done;
        self->progress.bytesTotal = total;
        self->report();
    }

private:
    void report() const {
        if (request.progress) request.progress(progress);
    }
};

std::string cellText(const sheet::Cell& cell) {
    return cell.kind == sheet::Cell::Kind::Empty ? std::string() : cell.text;
}

std::vector<std::string> rowTexts(const sheet::Row& row) {
    std::vector<std::string> out;
    out.reserve(row.cells.size());
    for (const sheet::Cell& c : row.cells) out.push_back(cellText(c));
    return out;
}

// One file is imported by three threads in a pipeline: the file is parsed
// on one (readSpreadsheetPipelined), validated on a second (ValidatingSink)
// and written on the calling thread (StoringSide), which alone touches
// SQLite. Each stage hands the next its work in blocks through a HandOff.

// Validated rows on their way to the store, in file order.
struct Validated {
    enum class Kind { BeginSheet, Rows, EndSheet, Done };
    Kind kind = Kind::Rows;
    std::string sheetName;                       // BeginSheet
    std::vector<roster::RowOutcome> outcomes;    // Rows; EndSheet: the rows decided at the end
    std::vector<ProblemRow> problemRows;         // the cells of this message's rejected rows
    // EndSheet:
    std::optional<roster::Mapping> mapping;
    std::vector<roster::Problem> sheetProblems;
};

constexpr std::size_t kOutcomesPerBlock = 512;
constexpr std::size_t kValidatedBlocksQueued = 8;

// Runs the validator over each sheet's rows (on the validating thread) and
// passes the outcomes on. Returns false to the reader once the run is
// cancelled or the storing side has stopped (an error).
class ValidatingSink : public sheet::RowSink {
public:
    ValidatingSink(const RosterImportRequest& request, const sheet::FileInfo& info, HandOff<Validated>& out,
                   std::size_t problemRowsKept, roster::SeenIdNumbers& seenIds, std::string fileName)
        : m_request(request), m_info(info), m_out(out), m_problemRowsKept(problemRowsKept), m_seenIds(seenIds),
          m_fileName(std::move(fileName)) {}

    bool beginSheet(const sheet::SheetInfo& sheet) override {
        if (cancelled(m_request)) return false;
        const bool named = std::find(m_request.sheets.begin(), m_request.sheets.end(), sheet.name)
                        != m_request.sheets.end();
        // Hidden sheets hold drop-down lists, not people, unless asked for by name.
        if (m_request.sheets.empty() ? sheet.hidden : !named) return false;
        roster::ValidatorOptions options;
        if (!m_request.today.empty()) options.today = m_request.today;
        options.date1904 = m_info.date1904;
        options.hoursAsOf = m_request.hours.asOf;
        // xlsx says which cells are numbers; a CSV cell is just text.
        options.typedCells = m_info.format == "xlsx";
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
        if (m_request.keepProblemRows && !m_feed->mapping() && row.number <= roster::kHeaderScanRows)
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
        if (const roster::Mapping* mapping = m_feed->mapping()) end.mapping = *mapping;
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
            const roster::RowOutcome& o = m_block.outcomes[i];
            if (o.status != roster::RowStatus::Rejected || !m_request.keepProblemRows
                || m_problemRowsKept >= kMaxProblemRows)
                continue;
            if (const sheet::Row* source = sourceRow(o.row, current)) {
                m_block.problemRows.push_back({o.row, rowTexts(*source)});
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
    roster::SeenIdNumbers& m_seenIds;
    std::string m_fileName;
    std::optional<roster::SheetFeed> m_feed;
    std::vector<sheet::Row> m_held;
    Validated m_block;   // Rows being filled
};

// Writes validated rows and fills the file's report (on the calling thread).
class StoringSide {
public:
    StoringSide(ImportStore& store, RowId batch, FileImportReport& report, ProgressState& progress,
                std::size_t& problemRowsKept)
        : m_store(store), m_batch(batch), m_report(report), m_progress(progress),
          m_problemRowsKept(problemRowsKept) {}

    void take(Validated& v) {
        switch (v.kind) {
        case Validated::Kind::BeginSheet:
            m_report.sheets.push_back({});
            m_report.sheets.back().name = v.sheetName;
            m_unknownUnitsSaid.clear();
            break;
        case Validated::Kind::Rows:
            handle(v);
            break;
        case Validated::Kind::EndSheet: {
            handle(v);
            SheetImportReport& s = m_report.sheets.back();
            if (v.mapping) {
                s.headerRow = v.mapping->headerRowNumber;
                s.mapping = roster::mappingEntries(*v.mapping);
                for (const roster::Column& c : v.mapping->columns) {
                    if (static_cast<int>(s.headers.size()) <= c.index) s.headers.resize(c.index + 1);
                    s.headers[c.index] = c.header;
                }
            }
            // Sheet-level problems (header not found, unknown columns) come first.
            s.problems.insert(s.problems.begin(), v.sheetProblems.begin(), v.sheetProblems.end());
            break;
        }
        case Validated::Kind::Done:
            break;
        }
    }

private:
    void handle(Validated& v) {
        SheetImportReport& s = m_report.sheets.back();
        m_problemRowsKept += v.problemRows.size();
        for (ProblemRow& r : v.problemRows) s.problemRows.push_back(std::move(r));
        for (roster::RowOutcome& o : v.outcomes) {
            if (o.status == roster::RowStatus::Skipped) continue;
            ++s.rowsRead;
            m_progress.rowRead();
            if (o.status == roster::RowStatus::Rejected) {
                ++s.rowsSkipped;
                for (auto& p : o.problems) s.problems.push_back(std::move(p));
                continue;
            }
            bool inserted = false, updated = false, refused = false;
            auto count = [&](const ImportStore::PutResult& r, const std::string& unit) {
                if (r.nameDiffers) {
                    // Not applied: the user decides (--accept-renames, 按花名册更新姓名).
                    refused = true;
                    s.problems.push_back({o.row, nameHeader(s), roster::code::kNameDiffers,
                                          "本行的身份证号已登记为“" + r.storedName + "”，本行姓名是“"
                                              + (o.volunteer ? o.volunteer->name : std::string())
                                              + "”：本行未导入。若此人确已改名或原来录错了，请选择按花名册更新姓名后再导入；"
                                                "否则请改正表中的姓名或身份证号。"});
                    return;
                }
                inserted = inserted || r.outcome == ImportStore::Outcome::Inserted;
                updated = updated || r.outcome == ImportStore::Outcome::Updated;
                if (r.unitUnknown) {
                    ++m_report.unitsUnknown;
                    m_report.unknownUnitNames.insert(unit);
                    // Said once per name and sheet, at its first row: the row is
                    // imported, and the organizer learns which unit to add.
                    if (m_unknownUnitsSaid.insert(unit).second)
                        s.problems.push_back({o.row, unitHeader(s), roster::code::kUnitUnknown,
                                              "所属社区“" + unit + "”不在“组织”的单位中：写这个名称的行照常导入并记下名称，"
                                              "但暂不归入任何社区。请在“组织”中新增名为“" + unit
                                              + "”的社区/村（新增或改名后会自动归入），或改正表中的名称后重新导入。"});
                }
            };
            if (o.volunteer) count(m_store.putPerson(m_batch, *o.volunteer), o.volunteer->unitName);
            for (const RosterFamily& f : o.families) count(m_store.putFamily(m_batch, f), f.unitName);
            if (refused) {
                ++s.rowsSkipped;
                continue;
            }
            for (auto& w : o.warnings) s.problems.push_back(std::move(w));
            if (inserted) ++s.rowsImported;
            else if (updated) ++s.rowsUpdated;
        }
    }

    // The source header mapped to 所属社区 (for the problem's column).
    static std::string unitHeader(const SheetImportReport& s) { return headerOf(s, "unit", "所属社区"); }
    static std::string nameHeader(const SheetImportReport& s) { return headerOf(s, "name", "姓名"); }
    static std::string headerOf(const SheetImportReport& s, const char* key, const char* fallback) {
        for (const auto& [header, field] : s.mapping)
            if (field == key) return header;
        return fallback;
    }

    ImportStore& m_store;
    RowId m_batch;
    FileImportReport& m_report;
    ProgressState& m_progress;
    std::size_t& m_problemRowsKept;
    std::set<std::string> m_unknownUnitsSaid;   // unknown unit names already reported in this sheet
};

// Reads and validates `path` on two more threads while this one stores.
// A StorageError from the store stops the reading and leaves from here after
// both threads have ended.
sheet::ReadResult importFile(const std::string& path, const RosterImportRequest& request,
                             const sheet::FileInfo& info, StoringSide& storing, std::size_t problemRowsKept,
                             roster::SeenIdNumbers& seenIds, const sheet::ReadOptions& options) {
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
        storing.take(*v);
    }
    validated.close();
    validator.join();
    if (error) std::rethrow_exception(error);
    return result;
}

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
    w.key("sheets").beginArray();
    for (const SheetImportReport& s : f.sheets) {
        w.beginObject().member("name", s.name).member("header_row", s.headerRow);
        w.key("mapping").beginObject();
        for (const auto& [header, field] : s.mapping) w.member(header, field);
        w.endObject();
        w.member("rows_read", s.rowsRead).member("rows_imported", s.rowsImported)
            .member("rows_updated", s.rowsUpdated).member("rows_skipped", s.rowsSkipped);
        w.key("problems").beginArray();
        for (const roster::Problem& p : s.problems)
            w.beginObject().member("row", p.row).member("column", p.column).member("code", p.code)
                .member("message", p.message).endObject();
        w.endArray().endObject();
    }
    w.endArray().endObject();
}

// A big import is one transaction: with SQLite's default 2 MiB page cache its
// pages spill to the WAL and are read back again and again (most of a 1M-row
// import went to pread/pwrite). 192 MiB keeps them in memory and the process
// well under its 500 MiB budget; restored when the import ends.
struct LargeCacheForImport {
    Database& db;
    explicit LargeCacheForImport(Database& d) : db(d) { db.exec("PRAGMA cache_size = -196608"); }
    ~LargeCacheForImport() {
        try { db.exec("PRAGMA cache_size = -2000"); } catch (...) {}
    }
};

RosterImportResult run(Storage& storage, const RosterImportRequest& request) {
    RosterImportResult result;
    auto fail = [&](std::string message, std::string code) {
        result.status = RosterImportResult::Status::Failed;
        result.error = std::move(message) + "（未写入任何数据）";
        result.errorCode = code.empty() ? "unsupported_format" : std::move(code);
        return result;   // the transaction rolls back: nothing written
    };
    auto stop = [&] {
        result.status = RosterImportResult::Status::Cancelled;
        return result;
    };
    const char* kind = roster::kindKey(request.kind);
    LargeCacheForImport cacheSize(storage.db());
    ImportStore store(storage);
    roster::HoursBasis hours = request.hours;
    if (hours.asOf.empty()) hours.asOf = request.today.empty() ? todayIso() : request.today;
    store.setHoursBasis(hours);
    store.setAcceptRenames(request.acceptRenames);
    roster::SeenIdNumbers seenIds;   // the run's ID numbers: a duplicate across sheets and files is caught
    Transaction tx(storage.db());
    ProgressState progress{request, {}, {}};
    progress.progress.fileCount = static_cast<int>(request.files.size());
    std::size_t problemRowsKept = 0;
    bool backedUp = false;
    for (std::size_t i = 0; i < request.files.size(); ++i) {
        const std::string& path = request.files[i];
        if (cancelled(request)) return stop();
        progress.startFile(static_cast<int>(i));
        FileImportReport report;
        report.path = path;
        const auto sha = sha256OfFile(path);
        sheet::ReadResult listed = sheet::listSheets(path);
        if (!sha || listed.status != sheet::ReadStatus::Ok) {
            return fail(listed.message.empty() ? "无法读取“" + path + "”。" : listed.message, listed.errorCode);
        }
        report.format = listed.info.format;
        report.encoding = listed.info.encoding;
        for (const std::string& name : listed.info.unreadableSheets)
            report.notes.push_back("工作表“" + name + "”在文件中没有内容（文件可能不完整），已跳过；其他工作表照常读取。");
        if (request.sheets.empty())
            for (const sheet::SheetInfo& s : listed.info.sheets)
                if (s.hidden)
                    report.notes.push_back("工作表“" + s.name + "”是隐藏的工作表（多半是下拉列表的选项），没有导入；"
                                           "如果其中是名单，请单独选择这个工作表导入。");
        if (auto earlier = store.batchForFile(kind, *sha)) {
            report.alreadyImportedAs = earlier->id;
            report.alreadyImportedAt = earlier->finishedAt;
            result.files.push_back(std::move(report));
            continue;
        }
        // The first file that will write: back up what is committed now (the
        // backup reads through a connection of its own, outside this
        // transaction). No backup, no import.
        if (!request.dryRun && !backedUp) {
            try {
                BackupStore(storage.path()).create(kBackupBeforeImport);
            } catch (const StorageError& e) {
                return fail("导入前的备份没有写成：" + std::string(e.what())
                            + "。请检查数据库所在文件夹是否可写、磁盘是否已满", "backup_failed");
            }
            backedUp = true;
        }
        const RowId batch = store.begin(kind, std::filesystem::path(path).filename().string(), *sha);
        StoringSide storing(store, batch, report, progress, problemRowsKept);
        sheet::ReadOptions options;
        options.progress = &ProgressState::onBytes;
        options.progressContext = &progress;
        const sheet::ReadResult read =
            importFile(path, request, listed.info, storing, problemRowsKept, seenIds, options);
        if (read.status == sheet::ReadStatus::Cancelled || cancelled(request)) return stop();
        if (read.status != sheet::ReadStatus::Ok) {
            return fail(read.message, read.errorCode);
        }
        report.batch = request.dryRun ? 0 : batch;
        store.finish(batch, report.rowsRead(), report.rowsImported(), report.rowsUpdated(), report.rowsSkipped(),
                     fileImportReportJson(report));
        result.files.push_back(std::move(report));
    }
    if (request.beforeCommit) {
        const std::string error = request.beforeCommit(result.files);
        if (!error.empty()) {
            result.status = RosterImportResult::Status::Failed;
            result.error = error;
            result.errorCode = "report_not_written";
            return result;
        }
    }
    if (cancelled(request)) return stop();
    if (request.dryRun) {
        result.status = RosterImportResult::Status::DryRun;
        return result;   // the transaction rolls back
    }
    // The badges this import brings (a roster's history reaching 100 h …) are
    // stored by the next evaluation quietly, dated as far as the data says: a
    // card of 750 "new" badges after an import tells nobody anything. The
    // marker is in the import's transaction, so any evaluation that sees the
    // imported rows sees it too; evaluating here instead cost 5 s of a 16 s
    // 200,000-row import.
    const bool wroteSomething = std::any_of(result.files.begin(), result.files.end(),
                                            [](const FileImportReport& f) { return f.batch != 0; });
    if (wroteSomething) BadgeStore(storage).markBackfillPending();
    tx.commit();
    storage.bump();
    result.status = RosterImportResult::Status::Committed;
    return result;
}

} // namespace

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

RosterImportResult runRosterImport(Storage& storage, const RosterImportRequest& request) {
    try {
        return run(storage, request);
    } catch (const StorageError& e) {
        RosterImportResult result;
        result.status = RosterImportResult::Status::Failed;
        result.error = std::string(e.what()) + "（未写入任何数据）";
        result.errorCode = "storage_error";
        return result;
    } catch (const std::bad_alloc&) {
        RosterImportResult result;
        result.status = RosterImportResult::Status::Failed;
        result.error = "内存不足，导入已停止（未写入任何数据）。请关闭其他程序后重试；如果文件很大，请拆分成几个文件再导入。";
        result.errorCode = "out_of_memory";
        return result;
    }
}

ExportTable problemListTable(const std::vector<FileImportReport>& files) {
    ExportTable table;
    table.sheetName = "问题清单";
    table.headers = {"工作表", "行号", "问题列", "问题说明"};
    table.numericColumns = {false, true, false, false};
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
                columnOf[c] = columnFor(sheet.headers[c].empty() ? roster::columnLetter(static_cast<int>(c)) + "列"
                                                                 : sheet.headers[c]);
            std::map<int, const ProblemRow*> valuesOf;
            for (const ProblemRow& r : sheet.problemRows) valuesOf[r.row] = &r;
            std::vector<std::string>* line = nullptr;
            int lineRow = -1;
            bool sheetProblem = false;
            for (const roster::Problem& p : sheet.problems) {
                if (roster::isWarning(p.code)) continue;
                const bool ofSheet = p.column.empty() && (p.code == roster::code::kHeaderNotFound
                                                          || p.code == roster::code::kColumnMissing);
                if (!line || p.row != lineRow || ofSheet || sheetProblem) {
                    table.rows.push_back({sheet.name, p.row > 0 ? std::to_string(p.row) : std::string(), "", ""});
                    line = &table.rows.back();
                    lineRow = p.row;
                    sheetProblem = ofSheet;
                    const auto values = valuesOf.find(p.row);
                    if (!ofSheet && values != valuesOf.end()) {
                        for (std::size_t c = 0; c < values->second->values.size() && c < columnOf.size(); ++c) {
                            if (line->size() <= columnOf[c]) line->resize(columnOf[c] + 1);
                            (*line)[columnOf[c]] = values->second->values[c];
                        }
                    }
                }
                std::string& columns = (*line)[2];
                if (!p.column.empty() && columns.find(p.column) == std::string::npos)
                    columns += (columns.empty() ? "" : "、") + p.column;
                (*line)[3] += ((*line)[3].empty() ? "" : " ") + p.message;
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

} // namespace jinguo::storage
