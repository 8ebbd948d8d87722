// pg_cluster.cpp — initdb, pg_ctl and createdb for a throw-away cluster.
#include "support/pg_cluster.hpp"

#include "storage/database.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace test {
namespace {

constexpr const char* kFolderPrefix = "jinguo-pg-";
constexpr const char* kSuperuser = "postgres";

std::string readFile(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string tail(const std::string& text, std::size_t length = 3000) {
    return text.size() <= length ? text : "…" + text.substr(text.size() - length);
}

// The newest server Debian installed (/usr/lib/postgresql/NN/bin), or
// $JINGUO_PG_BINDIR.
std::string serverBindir() {
    if (const char* dir = std::getenv("JINGUO_PG_BINDIR"); dir && *dir) return dir;
    int best = -1;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        const std::string name = entry.path().filename().string();
        if (!fs::exists(entry.path() / "bin" / "initdb")) continue;
        best = std::max(best, std::atoi(name.c_str()));
    }
    if (best < 0)
        throw std::runtime_error("PostgreSQL 服务器没有安装（找不到 /usr/lib/postgresql/*/bin/initdb）："
                                 "请运行 scripts/install-deps.sh（postgresql 包）");
    return "/usr/lib/postgresql/" + std::to_string(best) + "/bin";
}

// A TCP port nobody listens on now. The cluster listens on its socket only,
// whose name includes the port, so the number just has to be plausible; a
// free one keeps it so if someone turns TCP on.
int freePort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    int port = 0;
    if (fd >= 0 && ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0
        && ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        port = ntohs(address.sin_port);
    if (fd >= 0) ::close(fd);
    return port > 0 ? port : 40000 + static_cast<int>(::getpid() % 20000);
}

// Runs argv with stdout and stderr appended to `log`, in `cwd`; the exit code.
int spawn(const std::vector<std::string>& argv, const std::string& log, const std::string& cwd) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        if (out >= 0) {
            ::dup2(out, 1);
            ::dup2(out, 2);
        }
        // A folder the postgres user can enter: root's own cwd may not be.
        if (::chdir(cwd.c_str()) != 0) _exit(126);
        ::execvp(args[0], args.data());
        _exit(127);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool isRoot() { return ::geteuid() == 0; }

std::vector<std::string> asServerUser(std::vector<std::string> argv) {
    if (isRoot()) argv.insert(argv.begin(), {"runuser", "-u", kSuperuser, "--"});
    return argv;
}

// Folders of earlier runs whose process is gone (a crash, a kill -9): their
// server is stopped and the folder removed, so nothing piles up in /tmp.
void clearAbandonedClusters(const std::string& bindir) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/tmp", ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind(kFolderPrefix, 0) != 0 || !entry.is_directory()) continue;
        const std::string owner = readFile(entry.path() / "owner.pid");
        const pid_t pid = static_cast<pid_t>(std::atol(owner.c_str()));
        if (pid > 0 && (::kill(pid, 0) == 0 || errno != ESRCH)) continue;   // still running (or not ours to judge)
        if (owner.empty() && fs::last_write_time(entry.path(), ec) > fs::file_time_type::clock::now() - std::chrono::minutes(5))
            continue;   // being set up right now by another process
        if (fs::exists(entry.path() / "data" / "postmaster.pid"))
            spawn(asServerUser({bindir + "/pg_ctl", "stop", "-D", (entry.path() / "data").string(), "-m", "immediate", "-w"}),
                  "/dev/null", "/tmp");
        fs::remove_all(entry.path(), ec);
    }
}

} // namespace

PgCluster::PgCluster() : m_bindir(serverBindir()), m_asPostgresUser(isRoot()) {
    clearAbandonedClusters(m_bindir);
    // Short and unique: the socket's path (folder/.s.PGSQL.PORT) must fit
    // sun_path's 107 bytes, and a crashed run's folder must not be reused.
    std::string pattern = std::string("/tmp/") + kFolderPrefix + "XXXXXX";
    if (!::mkdtemp(pattern.data())) throw std::runtime_error("无法创建临时文件夹 /tmp/jinguo-pg-*：" + std::string(std::strerror(errno)));
    m_folder = pattern;
    m_port = freePort();
    if ((m_folder + "/.s.PGSQL." + std::to_string(m_port)).size() > 107)
        throw std::runtime_error("套接字路径超过107字节：" + m_folder);
    std::ofstream(m_folder + "/owner.pid") << ::getpid() << "\n";
    if (m_asPostgresUser) {
        const passwd* user = ::getpwnam(kSuperuser);
        if (!user) throw std::runtime_error("没有 postgres 用户：请安装 postgresql 包（scripts/install-deps.sh）");
        if (::chown(m_folder.c_str(), user->pw_uid, user->pw_gid) != 0)
            throw std::runtime_error("无法把临时文件夹交给 postgres 用户：" + std::string(std::strerror(errno)));
    }
    try {
        const std::string data = m_folder + "/data";
        // UTF8 with the C.UTF-8 locale (always present on Debian), whatever the
        // environment's LANG: Chinese text must round-trip, and sort order must
        // not depend on the machine. Trust on the socket, which only we can
        // reach (the folder is 0700), except for kPasswordRole.
        run("initdb", {"-D", data, "-U", kSuperuser, "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust",
                       "--auth-host=reject", "--no-sync"}, true);
        std::ofstream(data + "/pg_hba.conf", std::ios::trunc)
            << "local all " << kPasswordRole << " scram-sha-256\n"
            << "local all all trust\n";
        run("pg_ctl", {"start", "-w", "-t", "60", "-D", data, "-l", m_folder + "/server.log", "-o",
                       "-k " + m_folder + " -p " + std::to_string(m_port)
                           + " -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off"},
            true);
        m_started = true;
        startWatchdog();
    } catch (...) {
        stopAndRemove();
        throw;
    }
}

PgCluster::~PgCluster() { stopAndRemove(); }

void PgCluster::startWatchdog() {
    int pipeEnds[2];
    // O_CLOEXEC: no program this process starts (pg_ctl, the postmaster)
    // may hold the write end, or its EOF would wait for them.
    if (::pipe2(pipeEnds, O_CLOEXEC) != 0) return;   // the next run's clearAbandonedClusters remains
    const std::vector<std::string> stop =
        asServerUser({m_bindir + "/pg_ctl", "stop", "-D", m_folder + "/data", "-m", "immediate", "-w"});
    std::vector<std::string> argv{"/bin/sh", "-c",
                                  "read _; folder=$1; owner=$2; shift 2; "
                                  "[ \"$(cat \"$folder/owner.pid\" 2>/dev/null)\" = \"$owner\" ] || exit 0; "
                                  "\"$@\"; rm -rf \"$folder\"",
                                  "jinguo-pg-watchdog", m_folder, std::to_string(::getpid())};
    argv.insert(argv.end(), stop.begin(), stop.end());
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setsid();
        ::dup2(pipeEnds[0], 0);   // dup2 clears O_CLOEXEC on 0
        const int null = ::open("/dev/null", O_WRONLY);
        if (null >= 0) {
            ::dup2(null, 1);
            ::dup2(null, 2);
        }
        if (::chdir("/tmp") != 0) _exit(126);
        ::execv("/bin/sh", args.data());
        _exit(127);
    }
    ::close(pipeEnds[0]);
    if (pid < 0) ::close(pipeEnds[1]);
    // else the write end stays open, unused, until this process ends.
}

void PgCluster::stopAndRemove() {
    if (m_folder.empty()) return;
    if (m_started) {
        try {
            run("pg_ctl", {"stop", "-D", m_folder + "/data", "-m", "immediate", "-w"}, true);
        } catch (...) {
            // Removing the folder below still frees the disk; a server left
            // running is stopped by the next run's clearAbandonedClusters.
        }
        m_started = false;
    }
    std::error_code ec;
    fs::remove_all(m_folder, ec);
    m_folder.clear();
}

PgCluster& PgCluster::shared() {
    static PgCluster cluster;
    return cluster;
}

void PgCluster::run(const std::string& program, const std::vector<std::string>& arguments, bool asServer) const {
    std::vector<std::string> argv{m_bindir + "/" + program};
    argv.insert(argv.end(), arguments.begin(), arguments.end());
    if (asServer) argv = asServerUser(argv);
    const std::string log = m_folder + "/commands.log";
    const int code = spawn(argv, log, m_folder);
    if (code != 0)
        throw std::runtime_error(program + " 失败（退出码 " + std::to_string(code) + "）：\n" + tail(readFile(log))
                                 + "\n服务器日志：\n" + tail(readFile(m_folder + "/server.log")));
}

std::string PgCluster::createDatabase() { return conninfo(createDatabaseNamed()); }

std::string PgCluster::createDatabaseNamed() {
    const std::string name = "jinguo_test_" + std::to_string(++m_databases);
    run("createdb", {"-h", m_folder, "-p", std::to_string(m_port), "-U", kSuperuser, name}, false);
    return name;
}

std::string PgCluster::createMigratedDatabaseNamed() {
    const char* useTemplate = std::getenv("JINGUO_TEST_PG_TEMPLATE");
    if (useTemplate && std::string(useTemplate) == "0") return createDatabaseNamed();
    if (m_template.empty()) {
        // Migrating costs ~1 s a database (the schema, 187 trigger functions,
        // 44,912 pinyin readings); copying a migrated one costs a file copy.
        const std::string name = "jinguo_template";
        run("createdb", {"-h", m_folder, "-p", std::to_string(m_port), "-U", kSuperuser, name}, false);
        jinguo::storage::openAndMigrate(conninfo(name));   // closed again: a template must have no session
        m_template = name;
    }
    const std::string name = "jinguo_test_" + std::to_string(++m_databases);
    run("createdb", {"-h", m_folder, "-p", std::to_string(m_port), "-U", kSuperuser, "-T", m_template, "-S", "FILE_COPY", name}, false);
    return name;
}

void PgCluster::createDatabaseCopy(const std::string& templateName, const std::string& name) {
    run("createdb", {"-h", m_folder, "-p", std::to_string(m_port), "-U", kSuperuser, "-T", templateName, name}, false);
}

void PgCluster::dropDatabase(const std::string& dbname) {
    run("dropdb", {"--force", "-h", m_folder, "-p", std::to_string(m_port), "-U", kSuperuser, dbname}, false);
}

std::string PgCluster::conninfo(const std::string& dbname, const std::string& user) const {
    return "host=" + m_folder + " port=" + std::to_string(m_port) + " dbname=" + dbname + " user=" + user;
}

std::string PgCluster::uri(const std::string& dbname, const std::string& user) const {
    // The socket folder as a query parameter, its slashes percent-encoded.
    std::string host;
    for (char c : m_folder) host += c == '/' ? std::string("%2F") : std::string(1, c);
    return "postgresql://" + user + "@" + host + ":" + std::to_string(m_port) + "/" + dbname;
}

} // namespace test

// temp_db.hpp's databases under JINGUO_TEST_ENGINE=postgresql.
namespace jinguo::test {
std::string createServerDatabase() { return ::test::PgCluster::shared().createMigratedDatabaseNamed(); }
std::string createEmptyServerDatabase() { return ::test::PgCluster::shared().createDatabaseNamed(); }
std::string serverConninfo(const std::string& dbname) { return ::test::PgCluster::shared().conninfo(dbname); }
void dropServerDatabase(const std::string& dbname) { ::test::PgCluster::shared().dropDatabase(dbname); }
void copyServerDatabase(const std::string& from, const std::string& name) {
    ::test::PgCluster::shared().createDatabaseCopy(from, name);
}
} // namespace jinguo::test
