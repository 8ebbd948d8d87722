// list_export.cpp — export tables from the storage's export rows.
#include "storage/list_export.hpp"

#include "core/masking.hpp"
#include "storage/hours_sql.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/storage.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <new>

namespace jinguo::storage {

namespace {

// SQLite's round(x, 2) as SQLite prints it ("12.5", "3.0", "0.0"), made
// here for both engines so an export is byte-identical from a file and from
// a server: PostgreSQL has no round(double precision, integer), and neither
// its numeric ("12.50") nor its float text ("3") is SQLite's. The same two
// steps as SQLite's round() and its text of a REAL, with SQLite's own
// formatter (its "%.2f" rounds the binary value, not the decimal one).
std::string roundedHoursText(double hours) {
    auto formatted = [](const char* format, auto... args) {
        char* text = sqlite3_mprintf(format, args...);
        if (!text) throw std::bad_alloc();
        std::string out(text);
        sqlite3_free(text);
        return out;
    };
    const std::string fixed = formatted("%.2f", hours);
    double rounded = hours;
    std::from_chars(fixed.data(), fixed.data() + fixed.size(), rounded);
    return formatted("%!.15g", rounded);
}

// Each row's cells as text; the columns in `hoursColumns` are read as
// numbers and printed by roundedHoursText.
void eachRow(Database& db, std::string_view sql, const std::function<void(std::vector<std::string>&)>& row,
             std::initializer_list<int> hoursColumns = {}) {
    Statement st = db.prepare(sql);
    std::vector<std::string> cells;
    while (st.step()) {
        cells.resize(static_cast<std::size_t>(st.columnCount()));
        for (int c = 0; c < st.columnCount(); ++c)
            cells[static_cast<std::size_t>(c)] = std::find(hoursColumns.begin(), hoursColumns.end(), c) != hoursColumns.end()
                                                     ? roundedHoursText(st.columnDouble(c))
                                                     : st.columnText(c);
        row(cells);
    }
}

} // namespace

void eachVolunteerExportRow(Storage& storage, const std::function<void(std::vector<std::string>&)>& row) {
    eachRow(storage.db(), R"(
        SELECT p.name, coalesce(p.gender, ''), coalesce(p.id_number, ''), coalesce(p.phone, ''),
               coalesce(u.name, p.unit_text, ''), p.roster_hours + coalesce(s.hours, 0),
               coalesce(n.hours, 0), coalesce(p.joined_on, '')
        FROM person p
        LEFT JOIN org_unit u ON u.id = p.unit_id
        LEFT JOIN )" JINGUO_SQL_DATED_HOURS_BY_PERSON R"( s
               ON s.person_id = p.id
        LEFT JOIN (SELECT person_id, coalesce(sum(hours), 0.0) AS hours FROM service_record WHERE verified = 0 GROUP BY person_id) n
               ON n.person_id = p.id
        WHERE p.is_volunteer = 1 ORDER BY p.id)", row, /*hoursColumns=*/{5, 6});
}

void eachFamilyExportRow(Storage& storage, const std::function<void(std::vector<std::string>&)>& row) {
    eachRow(storage.db(), withWords(R"(
        SELECT f.head_name, f.address, f.members, coalesce(u.name, f.unit_text, ''), coalesce(t.name, ''), coalesce(CAST(a.year AS text), ''),
               coalesce(t.level, '')
        FROM family f
        LEFT JOIN org_unit u ON u.id = f.unit_id
        LEFT JOIN award a ON a.family_id = f.id AND a.status <> {revoked}
        LEFT JOIN award_title t ON t.id = a.title_id
        ORDER BY f.id, a.year, t.id)"), row);
}

ExportTable volunteersExportShape() {
    ExportTable table;
    table.sheetName = "志愿者";
    // Verified and unverified hours in separate, named columns: importing
    // the file elsewhere must never turn unverified hours into verified ones
    // (the importer reads the first as each person's total, ignores the second).
    table.headers = {"姓名", "性别", "身份证号", "手机号", "所属社区", kExportVerifiedHours, kExportUnverifiedHours, "加入日期"};
    table.numericColumns = {false, false, false, false, false, true, true, false};
    return table;
}

ExportTable familiesExportShape() {
    ExportTable table;
    table.sheetName = "家庭";
    table.headers = {"户主姓名", "家庭住址", "家庭人口", "所属社区", "荣誉称号", "获评年度", "级别"};
    table.numericColumns = {false, false, true, false, false, true, false};
    return table;
}

void writeVolunteersExport(Storage& storage, bool unmasked, ExportRowSink& out) {
    out.begin(volunteersExportShape());
    eachVolunteerExportRow(storage, [&](std::vector<std::string>& cells) {
        if (!unmasked) maskIdAndPhoneCells(cells, 2, 3);
        out.row(cells);
    });
}

void writeFamiliesExport(Storage& storage, ExportRowSink& out) {
    out.begin(familiesExportShape());
    eachFamilyExportRow(storage, [&](std::vector<std::string>& cells) { out.row(cells); });
}

ExportTable volunteersExportTable(Storage& storage, bool unmasked) {
    ExportTableCollector collector;
    writeVolunteersExport(storage, unmasked, collector);
    return std::move(collector.table);
}

ExportTable familiesExportTable(Storage& storage) {
    ExportTableCollector collector;
    writeFamiliesExport(storage, collector);
    return std::move(collector.table);
}

} // namespace jinguo::storage
