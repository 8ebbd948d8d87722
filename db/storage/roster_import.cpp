// roster_import.cpp — the writing half of an import: core's validated blocks
// (roster::readValidated) → ImportStore in one transaction, with the backup
// before it, the batches, cancel and the badge backfill marker.
#include "storage/roster_import.hpp"

#include "storage/bulk_cache.hpp"
#include "storage/sql_dialect.hpp"

#include "core/file_hash.hpp"
#include "core/record_import.hpp"
#include "core/spreadsheet.hpp"
#include "core/unit_match.hpp"
#include "storage/backup_store.hpp"
#include "storage/phase_clock.hpp"
#include "storage/badge_store.hpp"
#include "storage/import_store.hpp"
#include "storage/record_import.hpp"
#include "storage/storage.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <new>
#include <set>

namespace jinguo::storage {

namespace {

using roster::cancelled;
using roster::Validated;

// Writes validated rows and fills the file's report (on the calling thread).
class StoringSide {
public:
    StoringSide(ImportStore& store, RowId batch, FileImportReport& report, roster::ImportProgressState& progress,
                std::size_t& problemRowsKept)
        : m_store(store), m_batch(batch), m_report(report), m_progress(progress),
          m_problemRowsKept(problemRowsKept) {}

    bool beforeWriting = false;   // a check (dry run): a refused row 不会导入, not 未导入

    void take(Validated& v) {
        switch (v.kind) {
        case Validated::Kind::BeginSheet:
            m_report.sheets.push_back({});
            m_report.sheets.back().name = v.sheetName;
            m_unknownUnitsSaid.clear();
            m_keptUnitsSaid.clear();
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
            std::string unknownInRow;   // counted once per row (a row may hold several families)
            auto count = [&](const ImportStore::PutResult& r, const std::string& unit) {
                if (r.unitRefusal) {
                    // 所属社区 of several streets, or not in the street given: the
                    // row waits for the street (core/unit_match.hpp). Said once a row.
                    if (!refused)
                        s.problems.push_back(
                            {o.row, r.unitRefusal == roster::code::kUnitNotInStreet ? streetHeader(s) : unitHeader(s),
                             r.unitRefusal,
                             r.unitRefusal == roster::code::kUnitNotInStreet
                                 ? roster::unitNotInStreetMessage(r.unitStreet, r.unitCommunity, r.unitStreets,
                                                                  beforeWriting)
                                 : roster::ambiguousUnitMessage(r.unitCommunity, r.unitStreets, beforeWriting)});
                    refused = true;
                    return;
                }
                if (r.streetDiffers && m_keptUnitsSaid.insert(r.unitStreet + "\x1f" + r.unitCommunity).second)
                    s.problems.push_back({o.row, streetHeader(s), roster::code::kUnitStreetDiffers,
                                          roster::streetDiffersMessage(r.unitStreet, r.unitCommunity,
                                                                       r.unitStreets.empty() ? std::string()
                                                                                             : r.unitStreets.front())});
                if (r.unitKept && m_keptUnitsSaid.insert(r.unitCommunity).second)
                    s.problems.push_back({o.row, unitHeader(s), roster::code::kUnitKept,
                                          roster::unitKeptMessage(r.unitCommunity, r.unitStreets, !o.volunteer)});
                if (r.nameDiffers) {
                    // Not applied: the user decides (--accept-renames, 按花名册更新姓名).
                    refused = true;
                    s.problems.push_back({o.row, nameHeader(s), roster::code::kNameDiffers,
                                          "本行的身份证号已登记为“" + r.storedName + "”，本行姓名是“"
                                              + (o.volunteer ? o.volunteer->name : std::string())
                                              + (beforeWriting ? "”：本行不会导入。若此人" : "”：本行未导入。若此人")
                                              + "确已改名或原来录错了，请选择按花名册更新姓名后再导入；"
                                                "否则请改正表中的姓名或身份证号。"});
                    return;
                }
                inserted = inserted || r.outcome == ImportStore::Outcome::Inserted;
                updated = updated || r.outcome == ImportStore::Outcome::Updated;
                if (r.unitUnknown) {
                    ++m_report.unitsUnknown;
                    m_report.unknownUnitNames.insert(unit);
                    if (unknownInRow != unit) {
                        ++m_report.unknownUnitRows[unit];
                        unknownInRow = unit;
                    }
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
    static std::string streetHeader(const SheetImportReport& s) { return headerOf(s, "street", "所属街道"); }
    static std::string headerOf(const SheetImportReport& s, const char* key, const char* fallback) {
        for (const auto& [header, field] : s.mapping)
            if (field == key) return header;
        return fallback;
    }

    ImportStore& m_store;
    RowId m_batch;
    FileImportReport& m_report;
    roster::ImportProgressState& m_progress;
    std::size_t& m_problemRowsKept;
    std::set<std::string> m_unknownUnitsSaid;   // unknown unit names already reported in this sheet
    std::set<std::string> m_keptUnitsSaid;      // ambiguous names whose rows kept their unit, said in this sheet
};

// What must hold before the import commits, each done beside the import on a
// thread of its own: the backup of the database as committed before the
// import, and the integrity check the open left to the import
// (IntegrityCheck::BeforeCommit). Each reads the whole file — a second or
// more at 1M people — through a connection of its own, which sees what was
// committed and never this import's open transaction; done one after the
// other before the first row, they made an import into a big database far
// slower per row than into an empty one. Both are waited for before the
// commit (a future from std::async also waits when destroyed, on every way
// out): no backup, no import; a damaged file, no import.
class BeforeCommit {
public:
    void startCheck(const std::string& path) {
        m_check = std::async([path] {
            PhaseClock clock("quick_check (own thread)");
            return damagedFileProblem(path);
        });
    }
    void startBackup(const std::string& path) {
        if (!m_backup.valid()) m_backup = std::async([path] {
            PhaseClock clock("backup (own thread)");
            return backUpBeforeImport(path);
        });
    }
    // "" when the file was whole (or not checked here), else the refusal.
    std::string damage() { return m_check.valid() ? m_check.get() : std::string(); }
    // "" when written (or none was needed), else the refusal.
    std::string backupRefusal() { return m_backup.valid() ? m_backup.get() : std::string(); }

private:
    std::future<std::string> m_check, m_backup;
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
    PhaseClock writerClock("writer thread, whole import");
    BeforeCommit beforeCommit;
    if (storage.db().integrityCheckDeferred()) beforeCommit.startCheck(storage.path());
    BulkWriteCache cacheSize(storage.db());
    ImportStore store(storage);
    roster::HoursBasis hours = request.hours;
    if (hours.asOf.empty()) hours.asOf = request.today.empty() ? todayIso() : request.today;
    store.setHoursBasis(hours);
    store.setAcceptRenames(request.acceptRenames);
    store.setToday(request.today);
    if (!request.unitAliases.empty()) {
        try {
            store.setUnitAliases(request.unitAliases);
        } catch (const StorageError& e) {
            return fail(e.what(), "unit_alias");
        }
    }
    roster::SeenIdNumbers seenIds;   // the run's ID numbers: a duplicate across sheets and files is caught
    Transaction tx(storage.db());
    roster::ImportProgressState progress(request, static_cast<int>(request.files.size()));
    std::size_t problemRowsKept = 0;
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
        if (request.sheets.empty()) {
            for (const sheet::SheetInfo& s : listed.info.sheets) {
                if (!s.hidden && roster::isInstructionsSheet(s.name))
                    report.notes.push_back("工作表“" + s.name + "”是模板的填写说明，"
                                           + std::string(request.dryRun ? "不会导入。" : "没有导入。"));
                else if (s.hidden)
                    report.notes.push_back("工作表“" + s.name + "”是隐藏的工作表（多半是下拉列表的选项），"
                                           + std::string(request.dryRun ? "不会导入；" : "没有导入；")
                                           + "如果其中是名单，请单独选择这个工作表导入。");
            }
        }
        if (auto earlier = store.batchForFile(kind, *sha)) {
            report.alreadyImportedAs = earlier->id;
            report.alreadyImportedAt = earlier->finishedAt;
            result.files.push_back(std::move(report));
            continue;
        }
        // The first file that will write: back up what is committed now,
        // beside the import (BeforeCommit above).
        if (!request.dryRun) beforeCommit.startBackup(storage.path());
        const RowId batch = store.begin(kind, std::filesystem::path(path).filename().string(), *sha);
        StoringSide storing(store, batch, report, progress, problemRowsKept);
        storing.beforeWriting = request.dryRun;
        sheet::ReadOptions options;
        options.progress = &roster::ImportProgressState::onBytes;
        options.progressContext = &progress;
        const sheet::ReadResult read =
            roster::readValidated(path, request, listed.info, problemRowsKept, seenIds, options,
                                  [&](Validated& v) { storing.take(v); });
        if (read.status == sheet::ReadStatus::Cancelled || cancelled(request)) return stop();
        if (read.status != sheet::ReadStatus::Ok) {
            return fail(read.message, read.errorCode);
        }
        report.batch = request.dryRun ? 0 : batch;
        PhaseClock finishClock("finish (pending people)");
        store.finish(batch, report.rowsRead(), report.rowsImported(), report.rowsUpdated(), report.rowsSkipped(),
                     fileImportReportJson(report));
        result.files.push_back(std::move(report));
    }
    if (const std::string damaged = beforeCommit.damage(); !damaged.empty()) {
        result.status = RosterImportResult::Status::Failed;
        result.error = damaged;   // says the file was not changed
        result.errorCode = "database_damaged";
        return result;
    }
    storage.db().integrityCheckDone();
    if (const std::string refused = beforeCommit.backupRefusal(); !refused.empty()) return fail(refused, "backup_failed");
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
    PhaseClock commitClock("commit");
    tx.commit();
    storage.bump();
    result.status = RosterImportResult::Status::Committed;
    return result;
}

} // namespace

RosterImportResult runRosterImport(Storage& storage, const RosterImportRequest& request) {
    try {
        // Units, targets and indicators: read whole, written through the stores.
        return roster::isRecordKind(request.kind) ? runRecordImport(storage, request) : run(storage, request);
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

} // namespace jinguo::storage
