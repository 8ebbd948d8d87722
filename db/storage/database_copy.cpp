// database_copy.cpp — see database_copy.hpp.
#include "storage/database_copy.hpp"

#include "storage/database.hpp"
#include "storage/family_list.hpp"
#include "storage/honour_list.hpp"
#include "storage/pg_connection.hpp"
#include "storage/pg_schema.hpp"
#include "storage/pg_security.hpp"
#include "storage/title_review.hpp"
#include "storage/volunteer_list.hpp"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <unistd.h>

namespace jinguo::storage {

namespace {

namespace fs = std::filesystem;

// Rows between two progress reports, and rows a server cursor fetches at once.
constexpr std::int64_t kProgressEvery = 5000;
constexpr int kFetchRows = 5000;

// Tables one engine keeps that are not part of the data: the server's schema
// record and its users (roles bound to its own units), copied only server to
// server, never into a file.
// The server's pinyin readings are the app's reference data, written by its
// migration (pg_readings), not the district's: never copied, never "data".
bool engineBookkeeping(const std::string& table) {
    return table == "schema_version" || table == "pinyin_reading" || table == "pinyin_reading_version";
}

// The search tables are each engine's own form (FTS5 in a file, plain
// tables under a trigram index on a server): never copied, filled on the
// target from the rows their triggers index.
struct SearchFill {
    const char* table;
    const char* fileSql;
    const char* serverSql;
};
constexpr SearchFill kSearchFills[] = {
    {"person_search",
     "INSERT INTO person_search (rowid, name, pinyin, initials) SELECT person_id, name, pinyin, initials FROM person_list",
     "INSERT INTO person_search (person_id, name, pinyin, initials) SELECT person_id, name, pinyin, initials FROM person_list"},
    {"family_search",
     "INSERT INTO family_search (rowid, head_name, head_spell, address) SELECT id, head_name, head_spell, address FROM family",
     "INSERT INTO family_search (family_id, head_name, head_spell, address) SELECT id, head_name, head_spell, address FROM family"},
};

const SearchFill* searchFillOf(const std::string& table) {
    for (const SearchFill& fill : kSearchFills)
        if (table == fill.table) return &fill;
    return nullptr;
}

// The name keys are each engine's own (README: names on PostgreSQL): the hex
// of the app's ICU key in a file, the name itself under the server's
// jinguo_pinyin collation. Rows copied across engines carry the other
// engine's form, so the target's keys are made again from the copied names
// by the target's own definitions (the server's views here, with its
// triggers off, so family_gram follows family by hand; a file's ICU fills).
constexpr const char* kServerKeyRefills[] = {
    "UPDATE person_list l SET name_key = s.name_key, unit_key = s.unit_key FROM person_list_source s "
    "WHERE s.person_id = l.person_id",
    "UPDATE person_gram g SET name_key = l.name_key FROM person_list l WHERE l.person_id = g.person_id",
    "UPDATE honour_list h SET title_key = s.title_key, holder_key = s.holder_key, unit_key = s.unit_key "
    "FROM honour_list_source s WHERE s.award_id = h.award_id",
    "UPDATE review_title_order SET unit_key = jinguo_sort_key(unit_name), holder_key = jinguo_sort_key(holder)",
    "UPDATE family SET sort_key = jinguo_sort_key(head_name)",
    "UPDATE family_gram g SET sort_key = f.sort_key FROM family f WHERE f.id = g.family_id",
};

std::string quoted(const std::string& identifier) {
    std::string out = "\"";
    for (char c : identifier) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

struct TableShape {
    std::string name;
    std::vector<std::string> columns;   // "rowid" first for an FTS5 table
    std::vector<bool> numeric;
    bool searchIndex = false;           // SQLite virtual (FTS5) table
};

bool numericType(std::string type) {
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return std::tolower(c); });
    for (const char* word : {"int", "real", "floa", "doub", "numeric", "decimal"})
        if (type.find(word) != std::string::npos) return true;
    return false;
}

std::map<std::string, TableShape> tablesOf(Database& db) {
    std::map<std::string, TableShape> tables;
    if (db.isServer()) {
        Statement st = db.prepare(
            "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND a.attnum > 0 "
            "AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY c.relname, a.attnum");
        while (st.step()) {
            TableShape& t = tables[st.columnText(0)];
            t.name = st.columnText(0);
            t.columns.push_back(st.columnText(1));
            t.numeric.push_back(numericType(st.columnText(2)));
        }
        return tables;
    }
    Statement list = db.prepare("SELECT name, type FROM pragma_table_list WHERE schema = 'main' "
                                "AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
    while (list.step()) {
        TableShape t;
        t.name = list.columnText(0);
        t.searchIndex = list.columnText(1) == "virtual";
        if (t.searchIndex) {
            t.columns.push_back("rowid");
            t.numeric.push_back(true);
        }
        Statement cols = db.prepare("SELECT name, type FROM pragma_table_info(?) ORDER BY cid");
        cols.bind(1, t.name);
        while (cols.step()) {
            t.columns.push_back(cols.columnText(0));
            t.numeric.push_back(numericType(cols.columnText(1)));
        }
        tables[t.name] = std::move(t);
    }
    return tables;
}

std::string columnList(const TableShape& t) {
    std::string out;
    for (const std::string& c : t.columns) out += (out.empty() ? "" : ", ") + (c == "rowid" ? c : quoted(c));
    return out;
}

// One value as read: SQLite gives its storage class, a server text.
struct Cell {
    enum Kind { Null, Int, Real, Text } kind = Null;
    std::int64_t i = 0;
    double d = 0;
    std::string text;
};

// A table's rows, read in the source's snapshot.
class RowReader {
public:
    virtual ~RowReader() = default;
    virtual bool next(std::vector<Cell>& row) = 0;
};

class SqliteRowReader : public RowReader {
public:
    SqliteRowReader(Database& db, const TableShape& t) {
        const std::string sql = "SELECT " + columnList(t) + " FROM " + quoted(t.name);
        if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &m_st, nullptr) != SQLITE_OK)
            throw StorageError("读取源数据库的表“" + t.name + "”失败：" + sqlite3_errmsg(db.handle()));
        m_db = db.handle();
    }
    ~SqliteRowReader() override { sqlite3_finalize(m_st); }
    bool next(std::vector<Cell>& row) override {
        const int rc = sqlite3_step(m_st);
        if (rc == SQLITE_DONE) return false;
        if (rc != SQLITE_ROW) throw StorageError(std::string("读取源数据库失败：") + sqlite3_errmsg(m_db));
        const int n = sqlite3_column_count(m_st);
        row.resize(n);
        for (int c = 0; c < n; ++c) {
            Cell& cell = row[c];
            switch (sqlite3_column_type(m_st, c)) {
            case SQLITE_NULL: cell.kind = Cell::Null; break;
            case SQLITE_INTEGER: cell.kind = Cell::Int; cell.i = sqlite3_column_int64(m_st, c); break;
            case SQLITE_FLOAT: cell.kind = Cell::Real; cell.d = sqlite3_column_double(m_st, c); break;
            default: {
                cell.kind = Cell::Text;
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(m_st, c));
                cell.text.assign(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(m_st, c)));
            }
            }
        }
        return true;
    }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_st = nullptr;
};

// A server table through a cursor: a big table is never held whole.
class PgRowReader : public RowReader {
public:
    PgRowReader(PgDatabase& db, const TableShape& t) : m_db(db) {
        db.exec("DECLARE jinguo_copy NO SCROLL CURSOR FOR SELECT " + columnList(t) + " FROM " + quoted(t.name));
    }
    ~PgRowReader() override {
        if (m_result) PQclear(m_result);
        try {
            if (!m_db.transactionFailed()) m_db.exec("CLOSE jinguo_copy");
        } catch (...) {}
    }
    bool next(std::vector<Cell>& row) override {
        if (m_row + 1 >= m_rows) {
            if (m_done) return false;
            if (m_result) PQclear(m_result);
            m_result = PQexec(m_db.handle(), ("FETCH " + std::to_string(kFetchRows) + " FROM jinguo_copy").c_str());
            if (!m_result || PQresultStatus(m_result) != PGRES_TUPLES_OK)
                throw StorageError(std::string("读取服务器上的源数据失败：") + PQerrorMessage(m_db.handle()));
            m_rows = PQntuples(m_result);
            m_row = -1;
            m_done = m_rows < kFetchRows;
            if (m_rows == 0) return false;
        }
        ++m_row;
        const int n = PQnfields(m_result);
        row.resize(n);
        for (int c = 0; c < n; ++c) {
            Cell& cell = row[c];
            if (PQgetisnull(m_result, m_row, c)) {
                cell.kind = Cell::Null;
            } else {
                cell.kind = Cell::Text;
                cell.text.assign(PQgetvalue(m_result, m_row, c), static_cast<std::size_t>(PQgetlength(m_result, m_row, c)));
            }
        }
        return true;
    }

private:
    PgDatabase& m_db;
    pg_result* m_result = nullptr;
    int m_rows = 0, m_row = -1;
    bool m_done = false;
};

std::string numberText(const Cell& cell) {
    char buffer[32];
    const auto end = cell.kind == Cell::Int ? std::to_chars(buffer, buffer + sizeof buffer, cell.i).ptr
                                            : std::to_chars(buffer, buffer + sizeof buffer, cell.d).ptr;
    return std::string(buffer, end);
}

// Writes one table's rows; returns the rows written.
std::int64_t copyRows(RowReader& reader, Database& target, const TableShape& t, const std::function<void(std::int64_t)>& tick) {
    std::vector<Cell> row;
    std::int64_t rows = 0;
    if (target.isServer()) {
        PgCopyIn copy(*target.server(), "COPY " + quoted(t.name) + " (" + columnList(t) + ") FROM STDIN");
        while (reader.next(row)) {
            for (const Cell& cell : row) {
                switch (cell.kind) {
                case Cell::Null: copy.fieldNull(); break;
                case Cell::Text: copy.field(std::string_view(cell.text)); break;
                default: copy.field(numberText(cell));
                }
            }
            copy.endRow();
            if (++rows % kProgressEvery == 0) tick(rows);
        }
        copy.finish();
        return rows;
    }
    std::string placeholders;
    for (std::size_t i = 0; i < t.columns.size(); ++i) placeholders += i ? ", ?" : "?";
    const std::string sql = "INSERT INTO " + quoted(t.name) + " (" + columnList(t) + ") VALUES (" + placeholders + ")";
    sqlite3* db = target.handle();
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK)
        throw StorageError("写入表“" + t.name + "”失败：" + sqlite3_errmsg(db));
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(st, sqlite3_finalize);
    while (reader.next(row)) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            const Cell& cell = row[c];
            const int index = static_cast<int>(c) + 1;
            switch (cell.kind) {
            case Cell::Null: sqlite3_bind_null(st, index); break;
            case Cell::Int: sqlite3_bind_int64(st, index, cell.i); break;
            case Cell::Real: sqlite3_bind_double(st, index, cell.d); break;
            // Text from a server becomes a number where the column says so (affinity).
            case Cell::Text: sqlite3_bind_text(st, index, cell.text.data(), static_cast<int>(cell.text.size()), SQLITE_STATIC); break;
            }
        }
        if (sqlite3_step(st) != SQLITE_DONE)
            throw StorageError("写入表“" + t.name + "”的第" + std::to_string(rows + 1) + "行被拒绝：" + sqlite3_errmsg(db));
        sqlite3_reset(st);
        if (++rows % kProgressEvery == 0) tick(rows);
    }
    return rows;
}

// A table's count and the sums of its number columns: what the two sides
// must agree on after the copy.
struct TableFigures {
    std::int64_t rows = 0;
    std::vector<double> sums;   // one per numeric column of the shape
};

TableFigures figuresOf(Database& db, const TableShape& t) {
    std::string sql = "SELECT count(*)";
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        if (!t.numeric[c]) continue;
        const std::string col = t.columns[c] == "rowid" ? std::string("rowid") : quoted(t.columns[c]);
        sql += db.isServer() ? ", coalesce(sum(" + col + "), 0)::float8" : ", total(" + col + ")";
    }
    sql += " FROM " + quoted(t.name);
    Statement st = db.prepare(sql);
    TableFigures f;
    if (!st.step()) return f;
    f.rows = st.columnInt(0);
    for (int c = 1; c < st.columnCount(); ++c) f.sums.push_back(st.columnDouble(c));
    return f;
}

bool sameSum(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

// Row counts of a freshly migrated database: what "empty" may still hold
// (the seeded catalogue, default settings). Read from a new SQLite file made
// and removed here.
std::map<std::string, std::int64_t> seededCounts() {
    const fs::path file = fs::temp_directory_path() / ("jinguo-seeded-" + std::to_string(::getpid()) + ".db");
    std::map<std::string, std::int64_t> counts;
    {
        auto db = openAndMigrate(file.string());
        for (const auto& [name, shape] : tablesOf(*db)) counts[name] = figuresOf(*db, shape).rows;
    }
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix, ec);
    return counts;
}

const char* tableLabel(const std::string& table) {
    if (table == "person") return "名人员";
    if (table == "family") return "户家庭";
    if (table == "org_unit") return "个单位";
    if (table == "service_record") return "条服务记录";
    if (table == "jinguo_user") return "位用户";
    return nullptr;
}

// A server database that already holds a Jinguo schema may receive the copy
// only when nothing was written since it was made: no table holds more rows
// than a fresh migration leaves.
void refuseUnlessServerEmpty(Database& target, const std::map<std::string, TableShape>& tables) {
    const auto seeded = seededCounts();
    std::vector<std::string> holding;
    std::string named;
    for (const auto& [name, shape] : tables) {
        if (engineBookkeeping(name)) continue;
        const std::int64_t rows = figuresOf(target, shape).rows;
        const auto it = seeded.find(name);
        if (rows > (it == seeded.end() ? 0 : it->second)) {
            holding.push_back(name);
            if (const char* label = tableLabel(name))
                named += (named.empty() ? "" : "、") + std::to_string(rows) + label;
        }
    }
    if (holding.empty()) return;
    std::string tablesText;
    for (std::size_t i = 0; i < holding.size() && i < 5; ++i) tablesText += (i ? "、" : "") + holding[i];
    throw StorageError("服务器上的数据库“" + target.displayName() + "”已经有Jinguo数据（"
                       + (named.empty() ? std::string() : named + "；") + "有数据的表：" + tablesText
                       + (holding.size() > 5 ? "等" : "") + "），不能复制到这里，未做任何修改。"
                         "请用 createdb 新建一个空数据库作为目标（或只做过 jinguo server init 的库）。");
}

// The source, opened only when it is a Jinguo database (a missing file is
// never created, an empty server never migrated).
std::unique_ptr<Database> openSource(const std::string& from) {
    if (isServerConnection(from)) {
        {
            Database probe(from);
            if (pgSchemaVersion(*probe.server()) == 0)
                throw StorageError("服务器上的数据库“" + probe.displayName()
                                   + "”还没有Jinguo数据（没有做过 jinguo server init），没有可复制的内容。请检查 --from 的连接地址。");
        }
        return openAndMigrate(from);
    }
    std::error_code ec;
    if (!fs::is_regular_file(from, ec))
        throw StorageError("找不到要复制的数据库文件“" + from + "”。请检查 --from 的路径。");
    if (fs::file_size(from, ec) == 0 && !ec) throw StorageError(zeroByteFileMessage(from));
    return openAndMigrate(from);
}

class Copier {
public:
    Copier(Database& source, Database& target, const CopyProgressFn& progress)
        : m_source(source), m_target(target), m_progress(progress) {}

    // Reads the source's tables and figures (in its snapshot) and decides what goes.
    void plan(const std::map<std::string, TableShape>& targetTables) {
        const auto sourceTables = tablesOf(m_source);
        for (const auto& [name, shape] : targetTables) {
            if (engineBookkeeping(name)) continue;
            if (const SearchFill* fill = searchFillOf(name)) {
                m_fills.push_back(m_target.isServer() ? fill->serverSql : fill->fileSql);
                continue;
            }
            const auto it = sourceTables.find(name);
            if (it == sourceTables.end()) continue;   // a table only the target's engine keeps (the server's users)
            for (const std::string& column : shape.columns)
                if (std::find(it->second.columns.begin(), it->second.columns.end(), column) == it->second.columns.end())
                    throw StorageError("源数据库与目标的结构不一致：表“" + name + "”在源中没有列“" + column
                                       + "”。请先用新版Jinguo打开源数据库完成升级，再复制。");
            m_tables.push_back(shape);
            m_sourceFigures.push_back(figuresOf(m_source, shape));
            m_total += m_sourceFigures.back().rows;
        }
    }

    void copy() {
        CopyProgress p;
        p.rowsTotal = m_total;
        for (const TableShape& t : m_tables) {
            p.table = t.name;
            const std::int64_t before = p.rowsCopied;
            auto tick = [&](std::int64_t rows) {
                p.rowsCopied = before + rows;
                if (m_progress) m_progress(p);
            };
            const auto tableStart = std::chrono::steady_clock::now();
            std::unique_ptr<RowReader> reader;
            if (m_source.isServer()) reader = std::make_unique<PgRowReader>(*m_source.server(), t);
            else reader = std::make_unique<SqliteRowReader>(m_source, t);
            std::int64_t rows = 0;
            try {
                rows = copyRows(*reader, m_target, t, tick);
            } catch (const CopyCancelled&) {
                throw;
            } catch (const StorageError& e) {
                throw StorageError("复制表“" + t.name + "”时目标拒绝了数据，已全部撤回，目标未做任何修改：" + std::string(e.what()));
            }
            reader.reset();
            tick(rows);
            m_report.tables.push_back({t.name, rows, std::chrono::duration<double>(std::chrono::steady_clock::now() - tableStart).count()});
            m_report.rows += rows;
        }
        for (const char* sql : m_fills) m_target.exec(sql);
    }

    // Counts and number sums of every copied table, target against source.
    void verify() {
        if (m_progress) {
            CopyProgress p;
            p.rowsCopied = p.rowsTotal = m_total;
            p.verifying = true;
            m_progress(p);
        }
        std::vector<std::string> problems;
        for (std::size_t i = 0; i < m_tables.size(); ++i) {
            const TableShape& t = m_tables[i];
            const TableFigures& want = m_sourceFigures[i];
            const TableFigures got = figuresOf(m_target, t);
            if (got.rows != want.rows) {
                problems.push_back("表“" + t.name + "”源有" + std::to_string(want.rows) + "行，目标有" + std::to_string(got.rows) + "行");
                continue;
            }
            std::size_t sum = 0;
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                if (!t.numeric[c]) continue;
                if (sum < want.sums.size() && sum < got.sums.size() && !sameSum(want.sums[sum], got.sums[sum])) {
                    char a[32], b[32];
                    problems.push_back("表“" + t.name + "”列“" + t.columns[c] + "”的合计：源 "
                                       + std::string(a, std::to_chars(a, a + 32, want.sums[sum]).ptr) + "，目标 "
                                       + std::string(b, std::to_chars(b, b + 32, got.sums[sum]).ptr));
                } else {
                    ++m_report.numbersCompared;
                }
                ++sum;
            }
        }
        if (problems.empty()) return;
        std::string text;
        for (std::size_t i = 0; i < problems.size() && i < 10; ++i) text += "\n  " + problems[i];
        if (problems.size() > 10) text += "\n  ……共" + std::to_string(problems.size()) + "处";
        throw StorageError("复制后核对不一致，已全部撤回，目标未做任何修改：" + text);
    }

    const std::vector<TableShape>& tables() const { return m_tables; }
    CopyReport& report() { return m_report; }

private:
    Database& m_source;
    Database& m_target;
    const CopyProgressFn& m_progress;
    std::vector<TableShape> m_tables;
    std::vector<TableFigures> m_sourceFigures;
    std::vector<const char*> m_fills;   // the search tables' fills
    std::int64_t m_total = 0;
    CopyReport m_report;
};

// The source's reads share one snapshot, so a window writing meanwhile
// cannot make the copy's counts disagree with its rows.
class SourceSnapshot {
public:
    explicit SourceSnapshot(Database& db) : m_db(db) {
        db.exec(db.isServer() ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
    }
    ~SourceSnapshot() {
        try { m_db.exec("ROLLBACK"); } catch (...) {}
    }

private:
    Database& m_db;
};

void copyToServer(Database& source, const std::string& to, const CopyProgressFn& progress, CopyReport& report) {
    Database target(to);
    PgDatabase& pg = *target.server();
    report.to = target.displayName();
    PgTransaction tx(pg);   // the schema too: a failure leaves the database as it was
    const int version = pgSchemaVersion(pg);
    if (version > 0) refuseUnlessServerEmpty(target, tablesOf(target));
    migratePgDatabaseSecured(pg);   // nested: savepoints of this transaction
    const auto targetTables = tablesOf(target);
    SourceSnapshot snapshot(source);
    Copier copier(source, target, progress);
    copier.plan(targetTables);
    // Keys are checked at commit (every one is DEFERRABLE): the parent chain
    // of org_unit and any table order are then fine.
    // ALTER TABLE refuses a table with key checks pending: all triggers go
    // off before the first row moves, and the checks run before they come on.
    for (const TableShape& t : copier.tables()) target.exec("ALTER TABLE " + quoted(t.name) + " DISABLE TRIGGER USER");
    target.exec("SET CONSTRAINTS ALL DEFERRED");
    for (const TableShape& t : copier.tables()) target.exec("DELETE FROM " + quoted(t.name));   // what the migration seeded
    // Secondary indexes are built once after the rows are in (a sorted build
    // beats millions of random inserts); those behind a key or a UNIQUE
    // constraint stay, since they check the rows as they come.
    std::vector<std::pair<std::string, std::string>> indexes;
    {
        Statement st = target.prepare(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || "
            "quote_ident(i.indexname))::regclass) AND i.tablename <> 'schema_version'");
        while (st.step()) indexes.emplace_back(st.columnText(0), st.columnText(1));
    }
    for (const auto& [name, definition] : indexes) target.exec("DROP INDEX " + quoted(name));
    copier.copy();
    if (!source.isServer())
        for (const char* sql : kServerKeyRefills) target.exec(sql);
    // Identity columns draw past the copied ids.
    {
        Statement st = target.prepare(
            "SELECT c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "JOIN pg_attribute a ON a.attrelid = c.oid WHERE n.nspname = current_schema() AND c.relkind = 'r' "
            "AND a.attnum > 0 AND NOT a.attisdropped AND pg_get_serial_sequence(quote_ident(c.relname), a.attname) IS NOT NULL");
        std::vector<std::pair<std::string, std::string>> serials;
        while (st.step()) serials.emplace_back(st.columnText(0), st.columnText(1));
        for (const auto& [table, column] : serials) {
            Statement set = target.prepare("SELECT setval(pg_get_serial_sequence(?, ?), coalesce(max(" + quoted(column)
                                           + "), 0) + 1, false) FROM " + quoted(table));
            set.bind(1, quoted(table));
            set.bind(2, column);
            set.step();
        }
    }
    try {
        target.exec("SET CONSTRAINTS ALL IMMEDIATE");
    } catch (const StorageError& e) {
        throw StorageError("复制的数据未通过服务器的外键检查，已全部撤回，目标未做任何修改（源数据库可能已损坏）：" + std::string(e.what()));
    }
    // After the key checks: CREATE INDEX too refuses a table with checks pending.
    try {
        for (const auto& [name, definition] : indexes) target.exec(definition);
    } catch (const StorageError& e) {
        throw StorageError("复制的数据未通过服务器的唯一性检查（重建索引时），已全部撤回，目标未做任何修改：" + std::string(e.what()));
    }
    for (const TableShape& t : copier.tables()) target.exec("ALTER TABLE " + quoted(t.name) + " ENABLE TRIGGER USER");
    copier.verify();
    try {
        tx.commit();
    } catch (const StorageError& e) {
        throw StorageError("复制的数据在提交时未通过服务器的检查（如外键），已全部撤回，目标未做任何修改：" + std::string(e.what()));
    }
    report.tables = std::move(copier.report().tables);
    report.rows = copier.report().rows;
    report.numbersCompared = copier.report().numbersCompared;
}

void removeFileSet(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(path + suffix, ec);
}

void copyToFile(Database& source, const std::string& to, const CopyProgressFn& progress, CopyReport& report) {
    std::error_code ec;
    if (fs::exists(to, ec) || fs::exists(to + "-wal", ec))
        throw StorageError("目标文件“" + to + "”已经存在，不能覆盖，未做任何修改。请换一个新的文件名。");
    const fs::path folder = fs::path(to).parent_path().empty() ? fs::path(".") : fs::path(to).parent_path();
    if (!fs::is_directory(folder, ec))
        throw StorageError("目标文件夹“" + folder.string() + "”不存在，未做任何修改。请先建立文件夹或换一个位置。");
    static std::atomic<int> counter{0};
    const std::string temp = to + ".copying-" + std::to_string(::getpid()) + "-" + std::to_string(++counter);
    report.to = to;
    try {
        {
            auto target = openAndMigrate(temp);
            // Keys checked once at the end (foreign_key_check), not row by row.
            target->exec("PRAGMA foreign_keys = OFF");
            Transaction tx(*target);
            // Triggers off: kept aside and made again after the rows are in.
            std::vector<std::pair<std::string, std::string>> triggers;
            {
                Statement st = target->prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid");
                while (st.step()) triggers.emplace_back(st.columnText(0), st.columnText(1));
            }
            for (const auto& [name, sql] : triggers) target->exec("DROP TRIGGER " + quoted(name));
            const auto targetTables = tablesOf(*target);
            SourceSnapshot snapshot(source);
            Copier copier(source, *target, progress);
            copier.plan(targetTables);
            for (const auto& [name, shape] : targetTables)
                if (!engineBookkeeping(name)) target->exec("DELETE FROM " + quoted(name));
            copier.copy();
            for (const auto& [name, sql] : triggers) target->exec(sql);
            {
                Statement check = target->prepare("SELECT \"table\", parent FROM pragma_foreign_key_check LIMIT 1");
                if (check.step())
                    throw StorageError("复制的数据未通过外键检查（表“" + check.columnText(0) + "”引用的“" + check.columnText(1)
                                       + "”中缺少对应的行），未做任何修改。源数据库可能已损坏。");
            }
            copier.verify();
            tx.commit();
            if (source.isServer()) {
                // The file's keys, as after an ICU upgrade (openAndMigrate's
                // fills). Their writes mark badges for a pass that would find
                // nothing new (badge_earned came with the copy): unmarked.
                std::int64_t lastMark = 0;
                {
                    Statement st = target->prepare("SELECT coalesce(max(seq), 0) FROM badge_dirty");
                    if (st.step()) lastMark = st.columnInt(0);
                }
                fillPersonSortKeys(*target, true);
                fillFamilySortKeys(*target, true);
                fillHonourList(*target);
                fillReviewTitleOrderKeys(*target);
                Statement unmark = target->prepare("DELETE FROM badge_dirty WHERE seq > ?1");
                unmark.bind(1, lastMark);
                unmark.run();
            }
            target->checkpointWal();
            report.tables = std::move(copier.report().tables);
            report.rows = copier.report().rows;
            report.numbersCompared = copier.report().numbersCompared;
        }
        // link() refuses an existing name: a file made meanwhile is never replaced.
        if (::link(temp.c_str(), to.c_str()) != 0)
            throw StorageError("目标文件“" + to + "”无法写入（可能刚被别的程序建立），未做任何修改。请换一个新的文件名。");
        removeFileSet(temp);
    } catch (...) {
        removeFileSet(temp);
        throw;
    }
}

} // namespace

CopyReport copyDatabase(const std::string& from, const std::string& to, const CopyProgressFn& progress) {
    const auto start = std::chrono::steady_clock::now();
    if (from == to) throw StorageError("源和目标是同一个数据库，未做任何修改。请为复制选择另一个目标。");
    auto source = openSource(from);
    CopyReport report;
    report.from = source->displayName();
    if (isServerConnection(to)) copyToServer(*source, to, progress, report);
    else copyToFile(*source, to, progress, report);
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

} // namespace jinguo::storage
