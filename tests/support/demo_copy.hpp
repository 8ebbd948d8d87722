// demo_copy.hpp — the demo district written once per test process and copied
// for every test that reads it. Writing it costs ~25 s of CPU (tens of
// thousands of households through every summary trigger, then the badges);
// copying the file costs milliseconds (on PostgreSQL the template database
// is copied by CREATE DATABASE … TEMPLATE, ~1 s). Tests of the writing itself
// (storage_demo_test) keep calling demo::writeDemoData.
//
//   test::DemoDbPath path;                 a temporary file holding the demo
//   storage::Storage s(path.str());
//   test::DemoDbPath maybe(withDemo);      empty (like TempDbPath) when false
#pragma once

#include "demo/demo.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"

#include <filesystem>

namespace jinguo::test {

// support/pg_cluster.cpp: a new database `name` copied from `from` (CREATE
// DATABASE … TEMPLATE; nobody may be connected to `from`).
void copyServerDatabase(const std::string& from, const std::string& name);

namespace detail {

// The dbname= of temp_db's key=value connection string.
inline std::string serverDatabaseName(const std::string& conninfo) {
    const std::size_t at = conninfo.find("dbname=") + 7;
    return conninfo.substr(at, conninfo.find(' ', at) - at);
}

struct DemoTemplate {
    TempDbPath path;
    demo::DemoSummary summary;
    DemoTemplate() {
        storage::Storage s(path.str());
        summary = demo::writeDemoData(s);
    }   // closing the last connection checkpoints the WAL into the file
};

inline const DemoTemplate& demoTemplate() {
    static const DemoTemplate once;
    return once;
}

} // namespace detail

class DemoDbPath : public TempDbPath {
public:
    explicit DemoDbPath(bool withDemo = true) {
        if (!withDemo) return;
        if (onPostgresql()) {
            // This path's own (empty) database, dropped and made again as a
            // copy of the template's: TempDbPath drops it by that name.
            const std::string name = detail::serverDatabaseName(str());
            dropServerDatabase(name);
            copyServerDatabase(detail::serverDatabaseName(detail::demoTemplate().path.str()), name);
            return;
        }
        const std::string from = detail::demoTemplate().path.str();
        namespace fs = std::filesystem;
        fs::copy_file(from, str(), fs::copy_options::overwrite_existing);
        // A -wal left beside the template (another connection still open) is part of it.
        if (fs::exists(from + "-wal")) fs::copy_file(from + "-wal", str() + "-wal", fs::copy_options::overwrite_existing);
    }
    // What writeDemoData reported when it wrote the template.
    static const demo::DemoSummary& summary() { return detail::demoTemplate().summary; }
};

} // namespace jinguo::test
