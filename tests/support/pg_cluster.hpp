// pg_cluster.hpp — a throw-away PostgreSQL cluster for one test process.
//
// Made in a fresh folder /tmp/jinguo-pg-XXXXXX by Debian's initdb (UTF8,
// C.UTF-8), run by pg_ctl on a Unix socket in that folder only (no TCP), and
// stopped and removed when the process ends, whether its tests passed,
// failed or threw. A folder left by a process that crashed is cleared by the
// next one (its owner's pid is written inside), and a process killed by a
// signal has its cluster stopped at once by a watchdog (startWatchdog). As root (CI), initdb and
// pg_ctl run as the `postgres` user through runuser, which owns the folder.
#pragma once

#include <string>
#include <vector>

namespace test {

class PgCluster {
public:
    PgCluster();    // initdb + start; throws std::runtime_error with the server's log
    ~PgCluster();   // stop + rm -rf
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // One cluster per test process, started on first use.
    static PgCluster& shared();

    // createdb of a fresh, empty database; its connection string (key=value).
    std::string createDatabase();
    // The same, giving the database's name (for conninfo/uri and dropDatabase).
    std::string createDatabaseNamed();
    // A database as the app's first open leaves it (migrated, secured, the
    // pinyin readings written), cloned from a template made once per process
    // (CREATE DATABASE … TEMPLATE): temp_db.hpp's TempDbPath on PostgreSQL.
    // JINGUO_TEST_PG_TEMPLATE=0 gives createDatabaseNamed()'s empty one (to
    // measure the difference).
    std::string createMigratedDatabaseNamed();
    // A new database `name`, a copy of `templateName` (CREATE DATABASE …
    // TEMPLATE: a file copy on the server; nobody may be connected to it).
    void createDatabaseCopy(const std::string& templateName, const std::string& name);
    // dropdb --force: ends its sessions first (a test may leave one behind).
    void dropDatabase(const std::string& dbname);
    // Connection strings for database `dbname` as `user` on the socket:
    // key=value (host=/tmp/jinguo-pg-…/ port=… dbname=… user=…) and URI forms.
    std::string conninfo(const std::string& dbname, const std::string& user = "postgres") const;
    std::string uri(const std::string& dbname, const std::string& user = "postgres") const;

    const std::string& folder() const { return m_folder; }
    int port() const { return m_port; }
    // The one role pg_hba.conf makes give a password (scram-sha-256) on the
    // socket; every other role is trusted. Tests create it when they need it.
    static constexpr const char* kPasswordRole = "jinguo_password_login";

private:
    void stopAndRemove();
    // A process killed by a signal never runs ~PgCluster: a watchdog (its
    // own session, so a kill of the test's process group spares it) waits
    // on a pipe only this process writes to, and at its EOF — this process
    // gone, however — stops the server and removes the folder, when
    // owner.pid still names this process. After a normal exit it finds
    // nothing left to do.
    void startWatchdog();
    // Runs a PostgreSQL program from m_bindir with its output appended to
    // folder/commands.log; `asServer`: as the postgres user when we are root
    // (initdb and pg_ctl refuse to run as root). Throws with the log's tail.
    void run(const std::string& program, const std::vector<std::string>& arguments, bool asServer) const;

    std::string m_folder;     // socket directory, log, owner pid; data/ inside
    std::string m_bindir;     // /usr/lib/postgresql/NN/bin
    int m_port = 0;
    bool m_asPostgresUser = false;
    bool m_started = false;
    int m_databases = 0;
    std::string m_template;   // createMigratedDatabaseNamed's source, once made
};

} // namespace test
