// import_command.cpp — reader -> SheetFeed -> ImportStore, and the JSON report.
#include "cli/import_command.hpp"

#include "core/file_hash.hpp"
#include "core/id_number.hpp"
#include "core/json_writer.hpp"
#include "core/roster_mapping.hpp"
#include "core/roster_rows.hpp"
#include "core/spreadsheet.hpp"
#include "storage/import_store.hpp"
#include "storage/storage.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>

namespace jinguo::cli {

namespace {

struct SheetReport {
    std::string name;
    int headerRow = 0;
    std::vector<std::pair<std::string, std::string>> mapping;
    int rowsRead = 0, rowsImported = 0, rowsUpdated = 0, rowsSkipped = 0;
    std::vector<roster::Problem> problems;
};

struct FileReport {
    std::string path;
    std::string format;
    std::string encoding;
    std::vector<SheetReport> sheets;
    RowId alreadyImportedAs = 0;   // the standing batch of the same file
    int unitsUnknown = 0;                   // rows whose 所属社区 is not in the tree
    std::set<std::string> unknownUnitNames;
};

// Streams one file's sheets through the validator into the store.
class ImportSink : public sheet::RowSink {
public:
    ImportSink(roster::RosterKind kind, const ImportRequest& request, const sheet::FileInfo& info,
               storage::ImportStore& store, RowId batch, FileReport& report)
        : m_kind(kind), m_request(request), m_info(info), m_store(store), m_batch(batch), m_report(report) {}

    bool beginSheet(const sheet::SheetInfo& sheet) override {
        const bool named = std::find(m_request.sheets.begin(), m_request.sheets.end(), sheet.name)
                        != m_request.sheets.end();
        // Hidden sheets hold drop-down lists, not people, unless asked for by name.
        if (m_request.sheets.empty() ? sheet.hidden : !named) return false;
        roster::ValidatorOptions options;
        if (!m_request.today.empty()) options.today = m_request.today;
        options.date1904 = m_info.date1904;
        m_feed.emplace(m_kind, options);
        m_report.sheets.push_back({});
        m_report.sheets.back().name = sheet.name;
        return true;
    }

    bool row(const sheet::Row& row) override {
        m_outcomes.clear();
        m_feed->feed(row, m_outcomes);
        handle();
        return true;
    }

    void endSheet() override {
        m_outcomes.clear();
        m_feed->finish(m_outcomes);
        handle();
        SheetReport& s = m_report.sheets.back();
        if (const roster::Mapping* mapping = m_feed->mapping()) {
            s.headerRow = mapping->headerRowNumber;
            s.mapping = roster::mappingEntries(*mapping);
        }
        // Sheet-level problems (header not found, unknown columns) come first.
        s.problems.insert(s.problems.begin(), m_feed->sheetProblems().begin(), m_feed->sheetProblems().end());
        m_feed.reset();
    }

private:
    void handle() {
        SheetReport& s = m_report.sheets.back();
        for (roster::RowOutcome& o : m_outcomes) {
            if (o.status == roster::RowStatus::Skipped) continue;
            ++s.rowsRead;
            if (o.status == roster::RowStatus::Rejected) {
                ++s.rowsSkipped;
                for (auto& p : o.problems) s.problems.push_back(std::move(p));
                continue;
            }
            bool inserted = false, updated = false;
            auto count = [&](const storage::ImportStore::PutResult& r, const std::string& unit) {
                inserted = inserted || r.outcome == storage::ImportStore::Outcome::Inserted;
                updated = updated || r.outcome == storage::ImportStore::Outcome::Updated;
                if (r.unitUnknown) {
                    ++m_report.unitsUnknown;
                    if (m_report.unknownUnitNames.size() < 10) m_report.unknownUnitNames.insert(unit);
                }
            };
            if (o.volunteer) count(m_store.putPerson(m_batch, *o.volunteer), o.volunteer->unitName);
            for (const RosterFamily& f : o.families) count(m_store.putFamily(m_batch, f), f.unitName);
            if (inserted) ++s.rowsImported;
            else if (updated) ++s.rowsUpdated;
        }
    }

    roster::RosterKind m_kind;
    const ImportRequest& m_request;
    const sheet::FileInfo& m_info;
    storage::ImportStore& m_store;
    RowId m_batch;
    FileReport& m_report;
    std::optional<roster::SheetFeed> m_feed;
    std::vector<roster::RowOutcome> m_outcomes;
};

std::string fileReportJson(JsonWriter& w, const FileReport& f) {
    w.beginObject().member("path", f.path).member("format", f.format).member("encoding", f.encoding);
    if (f.alreadyImportedAs) w.member("already_imported_as_batch", static_cast<std::int64_t>(f.alreadyImportedAs));
    w.key("sheets").beginArray();
    for (const SheetReport& s : f.sheets) {
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
    return w.str();
}

std::string reportJson(const std::vector<FileReport>& files) {
    JsonWriter w(2);
    w.beginObject().key("files").beginArray();
    for (const FileReport& f : files) fileReportJson(w, f);
    w.endArray().endObject();
    return w.str();
}

bool writeTextAtomically(const std::string& path, const std::string& text) {
    const std::string temporary = path + ".jinguo-tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out << text << "\n";
        if (!out.flush()) return false;
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) std::filesystem::remove(temporary, ec);
    return !ec;
}

} // namespace

int runImport(storage::Storage& storage, const ImportRequest& request, std::ostream& out, std::ostream& err) {
    const auto kind = roster::kindFromKey(request.kind);
    if (!kind) {
        err << "--kind 只能是 volunteers（志愿者花名册）或 families（家庭名单），收到“" << request.kind << "”。\n";
        return 2;
    }
    if (request.files.empty()) {
        err << "请给出要导入的文件，例如：jinguo import --db 数据.db --kind volunteers 名册.xlsx\n";
        return 2;
    }

    // A big import is one transaction: with SQLite's default 2 MiB page cache
    // its pages spill to the WAL and are read back again and again (most of a
    // 1M-row import went to pread/pwrite). 192 MiB keeps them in memory and the
    // process well under its 500 MiB budget; restored when the import ends.
    struct CacheSize {
        storage::Database& db;
        explicit CacheSize(storage::Database& d) : db(d) { db.exec("PRAGMA cache_size = -196608"); }
        ~CacheSize() { try { db.exec("PRAGMA cache_size = -2000"); } catch (...) {} }
    } cacheSize(storage.db());

    storage::ImportStore store(storage);
    std::vector<FileReport> reports;
    storage::Transaction tx(storage.db());
    for (const std::string& path : request.files) {
        FileReport report;
        report.path = path;
        const auto sha = sha256OfFile(path);
        sheet::ReadResult listed = sheet::listSheets(path);
        if (!sha || listed.status != sheet::ReadStatus::Ok) {
            err << (listed.message.empty() ? "无法读取“" + path + "”。" : listed.message) << "（未写入任何数据）\n";
            return 1;   // the transaction rolls back: nothing written
        }
        report.format = listed.info.format;
        report.encoding = listed.info.encoding;
        if (auto earlier = store.batchForFile(request.kind, *sha)) {
            report.alreadyImportedAs = earlier->id;
            out << "“" << path << "”已于 " << earlier->finishedAt << " 导入（批次" << earlier->id
                << "），这次不再重复导入。如需重新导入，请先在“导入”中撤销该批次。\n";
            reports.push_back(std::move(report));
            continue;
        }
        const RowId batch = store.begin(request.kind, std::filesystem::path(path).filename().string(), *sha);
        ImportSink sink(*kind, request, listed.info, store, batch, report);
        const sheet::ReadResult read = sheet::readSpreadsheet(path, sink);
        if (read.status != sheet::ReadStatus::Ok) {
            err << read.message << "（未写入任何数据）\n";
            return 1;
        }
        int rowsRead = 0, imported = 0, updated = 0, skipped = 0;
        for (const SheetReport& s : report.sheets) {
            rowsRead += s.rowsRead;
            imported += s.rowsImported;
            updated += s.rowsUpdated;
            skipped += s.rowsSkipped;
        }
        JsonWriter one;
        store.finish(batch, rowsRead, imported, updated, skipped, fileReportJson(one, report));
        out << "“" << path << "”：读取" << rowsRead << "行，新增" << imported << "行，更新" << updated << "行，"
            << "有问题未导入" << skipped << "行。\n";
        if (report.unitsUnknown > 0) {
            out << "  注意：" << report.unitsUnknown << "行的所属社区在组织机构中找不到（";
            bool first = true;
            for (const std::string& name : report.unknownUnitNames) {
                out << (first ? "" : "、") << name;
                first = false;
            }
            out << "），已导入但暂未归属社区；请在“组织”中添加这些社区后重新导入。\n";
        }
        reports.push_back(std::move(report));
    }
    if (!request.reportJsonPath.empty() && !writeTextAtomically(request.reportJsonPath, reportJson(reports))) {
        err << "无法写入报告文件“" << request.reportJsonPath << "”；导入已取消，未写入任何数据。\n";
        return 1;
    }
    if (request.dryRun) {
        out << "试运行（--dry-run）：以上为检查结果，数据库未做任何修改。\n";
        return 0;   // the transaction rolls back
    }
    tx.commit();
    return 0;
}

} // namespace jinguo::cli
