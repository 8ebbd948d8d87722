// pg_figures_bench.cpp — boards, targets and the big lists on the same data in
// SQLite and on a PostgreSQL server (issue 18's goal: the server within 2× of
// SQLite), through the storage functions the screens call, in the same run.
//
// A benchmark, not a test: it prints figures and ratios and asserts nothing.
// Every operation runs on every engine in turn, RUNS rounds interleaved (the
// machine is shared: ratios, not absolute times); the median is printed.
//   cold   the first call on a connection just opened (SQLite: an empty page
//          cache, the OS cache warm; server: a new backend, nothing prepared,
//          shared buffers as the earlier rounds left them)
//   warm   the median of RUNS calls on one open connection
//   cpu    this process + (server) the backend's utime+stime from /proc
//   same   the result's fingerprint (counts, first/last ids, values) equals
//          SQLite's — only meaningful for a user who sees everything
// Peak memory: each engine's operations once in a child process of their own
// (ru_maxrss) and the server backend's VmHWM (shared buffers it touched count).
//
// usage: pg_figures_bench COPY.db CONNINFO [CONNINFO …] [--runs N] [--only SUBSTRING]
//   COPY.db: a copy of the benchmark database (it is opened, never pass
//   /work/bench/big.db itself); CONNINFO: the same data on a server (jinguo
//   copy), e.g. as the owner and as users made by jinguo server add-user.
#include "storage/activity_list.hpp"
#include "storage/aggregates.hpp"
#include "storage/family_list.hpp"
#include "storage/honour_list.hpp"
#include "storage/pg_connection.hpp"
#include "storage/storage.hpp"
#include "storage/volunteer_list.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

double processCpuMs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

// A server backend's CPU (utime + stime, /proc/PID/stat fields 14–15), ms.
double backendCpuMs(int pid) {
    if (pid <= 0) return 0.0;
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) return 0.0;
    std::istringstream fields(text.substr(close + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i)
        if (i == 14 || i == 15) ticks += std::atof(field.c_str());
    return ticks * 1000.0 / static_cast<double>(sysconf(_SC_CLK_TCK));
}

long statusKiB(int pid, const char* field) {
    std::ifstream status("/proc/" + (pid > 0 ? std::to_string(pid) : std::string("self")) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0) return std::atol(line.c_str() + std::string(field).size());
    return 0;
}

// The data's landmarks, read once from SQLite (a copy keeps ids, so they name
// the same rows on the server).
struct Landmarks {
    int year = 2026;
    RowId street = 0, community = 0;
    std::string fullName;      // a volunteer's whole name: a 3-character search
    std::string surname;       // a 1-character search
    std::string headName;      // a household head: the families search
};

Landmarks readLandmarks(Database& db) {
    Landmarks l;
    auto one = [&](const char* sql) {
        Statement st = db.prepare(sql);
        return st.step() ? st.columnText(0) : std::string();
    };
    l.year = std::atoi(one("SELECT substr(max(served_on), 1, 4) FROM service_record").c_str());
    l.street = std::atoll(one("SELECT id FROM org_unit WHERE kind = '街道' ORDER BY id LIMIT 1").c_str());
    l.community = std::atoll(
        one("SELECT c.id FROM org_unit c JOIN org_unit s ON s.id = c.parent_id WHERE s.kind = '街道' "
            "ORDER BY s.id, c.id LIMIT 1").c_str());
    l.fullName = one("SELECT name FROM person WHERE is_volunteer = 1 AND length(name) = 3 ORDER BY id LIMIT 1 OFFSET 500000");
    l.surname = l.fullName.substr(0, l.fullName.size() / 3);   // the generator's names are 3-byte characters
    l.headName = one("SELECT head_name FROM family ORDER BY id LIMIT 1 OFFSET 250000");
    return l;
}

// One engine's connection and the readers the screens use.
struct Engine {
    std::string label;
    std::string path;
    std::unique_ptr<Storage> storage;
    std::unique_ptr<Aggregates> aggregates;
    std::unique_ptr<VolunteerList> volunteers;
    std::map<std::string, std::int64_t> counts;   // per engine: what it sees (row security)

    void open() {
        aggregates.reset();
        volunteers.reset();
        storage = std::make_unique<Storage>(path, IntegrityCheck::BeforeCommit);
        aggregates = std::make_unique<Aggregates>(*storage);
        volunteers = std::make_unique<VolunteerList>(*storage);
    }
    int backendPid() { return storage->db().server() ? storage->db().server()->serverPid() : 0; }
};

struct Op {
    std::string name;
    std::function<std::string(Engine&)> run;   // returns the result's fingerprint
};

std::string fingerprint(std::int64_t total, std::int64_t size, std::int64_t first, std::int64_t last) {
    return std::to_string(total) + "/" + std::to_string(size) + "/" + std::to_string(first) + "-" + std::to_string(last);
}

template <class Rows, class Id>
std::string pageFingerprint(const Rows& rows, Id id) {
    return fingerprint(0, static_cast<std::int64_t>(rows.size()), rows.empty() ? 0 : id(rows.front()),
                       rows.empty() ? 0 : id(rows.back()));
}

std::vector<Op> makeOps(const Landmarks& l) {
    const Date today{l.year, 12, 5};
    const Period year = Period::ofYear(l.year);
    auto board = [today](Board b, BoardMetric m, Period p, RowId scope, std::size_t limit) {
        return [=](Engine& e) {
            BoardQuery q;
            q.board = b;
            q.metric = m;
            q.period = p;
            q.today = today;
            q.scopeUnitId = scope;
            q.rowLimit = limit;
            const BoardResult r = e.aggregates->board(q);
            char value[32];
            std::snprintf(value, sizeof value, "@%.2f", r.rows.empty() ? 0.0 : r.rows.front().value);
            return fingerprint(static_cast<std::int64_t>(r.totalRows), static_cast<std::int64_t>(r.rows.size()),
                               r.rows.empty() ? 0 : r.rows.front().id, r.rows.empty() ? 0 : r.rows.back().id) + value;
        };
    };
    constexpr int kPage = 64;          // PagedWindow::kPageRows
    constexpr int kVolunteerRows = 240;   // the 志愿者 screen's window
    const auto volunteerId = [](const VolunteerListRow& r) { return r.row.id; };
    const auto familyId = [](const FamilyListRow& r) { return r.row.id; };
    const auto honourId = [](const HonourListRow& r) { return r.row.awardId; };
    const auto activityId = [](const ActivityRow& r) { return r.activity.id; };
    const auto far = [](Engine& e, const std::string& key) { return e.counts[key] * 9 / 10; };
    VolunteerListQuery byName;
    VolunteerListQuery inCommunity;
    inCommunity.unitId = l.community;
    VolunteerListQuery byHours;
    byHours.sort = VolunteerSort::Hours;
    byHours.ascending = false;
    VolunteerListQuery fullName;
    fullName.search = l.fullName;
    VolunteerListQuery surname;
    surname.search = l.surname;
    FamilyQuery families;
    families.today = std::to_string(l.year) + "-12-05";
    FamilyQuery safeFamilies = families;
    safeFamilies.title = kRateTitleName;
    FamilyQuery familySearch = families;
    familySearch.search = l.headName;
    HonourQuery honours;
    HonourQuery honoursOfYear;
    honoursOfYear.year = l.year;
    HonourQuery honoursByHolder;
    honoursByHolder.sort = HonourSort::Holder;
    honoursByHolder.ascending = true;
    ActivityQuery activities;
    ActivityQuery activitiesOfStreet;
    activitiesOfStreet.unitId = l.street;

    std::vector<Op> ops = {
        {"board 志愿者 积分 year p1", board(Board::Volunteers, BoardMetric::Points, year, 0, 200)},
        {"board 志愿者 积分 year p5", board(Board::Volunteers, BoardMetric::Points, year, 0, 1000)},
        {"board 志愿者 时长 month p1", board(Board::Volunteers, BoardMetric::Hours, Period::ofMonth(l.year, 11), 0, 200)},
        {"board 志愿者 积分 all p1", board(Board::Volunteers, BoardMetric::Points, Period::allTime(), 0, 200)},
        {"board 志愿者 积分 street p1", board(Board::Volunteers, BoardMetric::Points, year, l.street, 200)},
        {"board 社区 积分 year", board(Board::Communities, BoardMetric::Points, year, 0, 0)},
        {"board 社区 创建率 year", board(Board::Communities, BoardMetric::Rate, year, 0, 0)},
        {"board 街道 时长 year", board(Board::Streets, BoardMetric::Hours, year, 0, 0)},
        {"board 岗位 default year", board(Board::Posts, defaultMetric(Board::Posts), year, 0, 200)},
        {"targets year", [l, today](Engine& e) {
             const TargetsReport r = e.aggregates->targets(l.year, today);
             double sum = 0;
             for (const TargetLine& line : r.lines) sum += line.facts.numerator + line.facts.denominator;
             return std::to_string(r.lines.size()) + " lines, sum " + std::to_string(static_cast<long long>(sum));
         }},
        {"targets year, street's children", [l, today](Engine& e) {
             const TargetsReport r = e.aggregates->targets(l.year, today, l.street);
             std::size_t children = 0;
             for (const TargetLine& line : r.lines) children += line.children.size();
             return std::to_string(r.lines.size()) + " lines, " + std::to_string(children) + " children";
         }},
        {"志愿者 count", [byName](Engine& e) { return std::to_string(e.volunteers->count(byName)); }},
        {"志愿者 first page", [=](Engine& e) { return pageFingerprint(e.volunteers->page(byName, nullptr, kVolunteerRows), volunteerId); }},
        {"志愿者 seek 90%", [=](Engine& e) {
             return pageFingerprint(e.volunteers->seek(byName, far(e, "volunteers"), kVolunteerRows), volunteerId);
         }},
        {"志愿者 by hours first page", [=](Engine& e) { return pageFingerprint(e.volunteers->page(byHours, nullptr, kVolunteerRows), volunteerId); }},
        {"志愿者 community count", [=](Engine& e) { return std::to_string(e.volunteers->count(inCommunity)); }},
        {"志愿者 search 3 chars page", [=](Engine& e) { return pageFingerprint(e.volunteers->page(fullName, nullptr, kVolunteerRows), volunteerId); }},
        {"志愿者 search 3 chars count", [=](Engine& e) { return std::to_string(e.volunteers->count(fullName)); }},
        {"志愿者 search surname page", [=](Engine& e) { return pageFingerprint(e.volunteers->page(surname, nullptr, kVolunteerRows), volunteerId); }},
        {"志愿者 search surname count", [=](Engine& e) { return std::to_string(e.volunteers->count(surname)); }},
        {"家庭 counts", [=](Engine& e) {
             const FamilyCounts c = familyCounts(*e.storage, families);
             return fingerprint(c.households, c.shown, c.shownTitles, 0);
         }},
        {"家庭 first page", [=](Engine& e) { return pageFingerprint(familyPage(*e.storage, families, std::nullopt, kPage), familyId); }},
        {"家庭 page at 90%", [=](Engine& e) {
             return pageFingerprint(familyPageAt(*e.storage, families, far(e, "families"), kPage), familyId);
         }},
        {"家庭 平安家庭 counts", [=](Engine& e) {
             const FamilyCounts c = familyCounts(*e.storage, safeFamilies);
             return fingerprint(c.households, c.shown, c.shownTitles, 0);
         }},
        {"家庭 search head", [=](Engine& e) { return pageFingerprint(familyPage(*e.storage, familySearch, std::nullopt, kPage), familyId); }},
        {"荣誉 counts", [=](Engine& e) {
             const HonourCounts c = honourCounts(*e.storage, honours);
             return fingerprint(c.all, c.shown, c.people, c.collectives);
         }},
        {"荣誉 first page", [=](Engine& e) { return pageFingerprint(honourPage(*e.storage, honours, std::nullopt, kPage), honourId); }},
        {"荣誉 page at 90%", [=](Engine& e) {
             return pageFingerprint(honourPageAt(*e.storage, honours, far(e, "honours"), kPage), honourId);
         }},
        {"荣誉 by holder first page", [=](Engine& e) { return pageFingerprint(honourPage(*e.storage, honoursByHolder, std::nullopt, kPage), honourId); }},
        {"荣誉 year counts", [=](Engine& e) {
             const HonourCounts c = honourCounts(*e.storage, honoursOfYear);
             return fingerprint(c.all, c.shown, c.people, c.collectives);
         }},
        {"活动 counts", [=](Engine& e) {
             const ActivityCounts c = activityCounts(*e.storage, activities);
             return fingerprint(c.all, c.shown, 0, 0);
         }},
        {"活动 first page", [=](Engine& e) { return pageFingerprint(activityPage(*e.storage, activities, std::nullopt, kPage), activityId); }},
        {"活动 page at 90%", [=](Engine& e) {
             return pageFingerprint(activityPageAt(*e.storage, activities, far(e, "activities"), kPage), activityId);
         }},
        {"活动 street counts", [=](Engine& e) {
             const ActivityCounts c = activityCounts(*e.storage, activitiesOfStreet);
             return fingerprint(c.all, c.shown, 0, 0);
         }},
    };
    return ops;
}

// What each engine sees, for the far pages (not timed).
void countRows(Engine& e, const Landmarks& l) {
    e.counts["volunteers"] = e.volunteers->count({});
    FamilyQuery families;
    families.today = std::to_string(l.year) + "-12-05";
    e.counts["families"] = familyCounts(*e.storage, families).shown;
    e.counts["honours"] = honourCounts(*e.storage, {}).shown;
    e.counts["activities"] = activityCounts(*e.storage, {}).shown;
}

struct Measure {
    double wall = 0, cpu = 0;
    std::string result;
};

Measure measure(Engine& e, const Op& op) {
    Measure m;
    const int pid = e.backendPid();
    const double cpu0 = processCpuMs() + backendCpuMs(pid);
    const auto start = Clock::now();
    try {
        m.result = op.run(e);
    } catch (const std::exception& error) {
        m.result = std::string("error: ") + error.what();
    }
    m.wall = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    m.cpu = processCpuMs() + backendCpuMs(pid) - cpu0;
    return m;
}

} // namespace

int main(int argc, char** argv) {
    std::setvbuf(stdout, nullptr, _IOLBF, 0);   // a log shows each line as it comes (runs take many minutes)
    std::vector<std::string> paths;
    int runs = 5;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--only" && i + 1 < argc) only = argv[++i];
        else paths.push_back(a);
    }
    if (paths.size() < 2 || isServerConnection(paths[0])) {
        std::fprintf(stderr, "usage: pg_figures_bench COPY.db CONNINFO [CONNINFO …] [--runs N] [--only SUBSTRING]\n");
        return 2;
    }
    std::vector<Engine> engines;
    for (const std::string& p : paths) {
        Engine e;
        e.path = p;
        const auto user = p.find("user=");
        e.label = !isServerConnection(p) ? "sqlite" : user == std::string::npos ? "pg" : "pg:" + p.substr(user + 5, p.find(' ', user) - user - 5);
        engines.push_back(std::move(e));
    }
    Landmarks landmarks;
    {
        Storage sqlite(paths[0], IntegrityCheck::BeforeCommit);
        landmarks = readLandmarks(sqlite.db());
    }
    std::vector<Op> ops;
    for (Op& op : makeOps(landmarks))
        if (only.empty() || op.name.find(only) != std::string::npos) ops.push_back(std::move(op));
    std::printf("year %d, street %lld, community %lld, searches “%s” “%s” “%s”; %d warm rounds; load %s",
                landmarks.year, static_cast<long long>(landmarks.street), static_cast<long long>(landmarks.community),
                landmarks.fullName.c_str(), landmarks.surname.c_str(), landmarks.headName.c_str(), runs,
                [] { std::ifstream in("/proc/loadavg"); std::string s; std::getline(in, s); return s + "\n"; }().c_str());

    // Cold: each operation first on a connection just opened, engines in turn.
    std::map<std::pair<std::size_t, std::size_t>, Measure> cold;
    for (std::size_t o = 0; o < ops.size(); ++o)
        for (std::size_t e = 0; e < engines.size(); ++e) {
            engines[e].open();
            if (engines[e].counts.empty()) countRows(engines[e], landmarks), engines[e].open();
            cold[{o, e}] = measure(engines[e], ops[o]);
        }
    // Warm: RUNS rounds on one connection each, engines interleaved per operation.
    std::map<std::pair<std::size_t, std::size_t>, std::vector<double>> wall, cpu;
    std::map<std::pair<std::size_t, std::size_t>, std::string> result;
    for (int run = 0; run < runs; ++run)
        for (std::size_t o = 0; o < ops.size(); ++o)
            for (std::size_t e = 0; e < engines.size(); ++e) {
                const Measure m = measure(engines[e], ops[o]);
                wall[{o, e}].push_back(m.wall);
                cpu[{o, e}].push_back(m.cpu);
                result[{o, e}] = m.result;
            }

    std::printf("\nms (median of %d warm calls; cold = first call on a new connection); ×: engine / sqlite\n", runs);
    std::printf("%-34s", "operation");
    for (const Engine& e : engines)
        std::printf(" | %-14s %8s %8s %8s%s", e.label.c_str(), "warm", "cpu", "cold",
                    &e == &engines.front() ? "" : "  ×warm   ×cpu  ×cold same");
    std::printf(" | sqlite's result\n");
    for (std::size_t o = 0; o < ops.size(); ++o) {
        std::printf("%-34s", ops[o].name.c_str());
        const double baseWall = median(wall[{o, 0}]), baseCpu = median(cpu[{o, 0}]), baseCold = cold[{o, 0}].wall;
        for (std::size_t e = 0; e < engines.size(); ++e) {
            const double w = median(wall[{o, e}]), c = median(cpu[{o, e}]), k = cold[{o, e}].wall;
            std::printf(" | %-14s %8.1f %8.1f %8.1f", "", w, c, k);
            if (e > 0)
                std::printf(" %6.2f %6.2f %6.2f %4s", w / std::max(0.01, baseWall), c / std::max(0.01, baseCpu),
                            k / std::max(0.01, baseCold), result[{o, e}] == result[{o, 0}] ? "yes" : "no");
        }
        std::printf(" | %s\n", result[{o, 0}].c_str());
        for (std::size_t e = 1; e < engines.size(); ++e)
            if (result[{o, e}] != result[{o, 0}] && result[{o, e}].rfind("error", 0) == 0)
                std::printf("    %s: %s\n", engines[e].label.c_str(), result[{o, e}].c_str());
    }
    // Results that differ from SQLite's (expected for a user row security limits).
    for (std::size_t o = 0; o < ops.size(); ++o)
        for (std::size_t e = 1; e < engines.size(); ++e)
            if (result[{o, e}] != result[{o, 0}] && result[{o, e}].rfind("error", 0) != 0)
                std::printf("  differs: %-34s %-14s %s\n", ops[o].name.c_str(), engines[e].label.c_str(), result[{o, e}].c_str());

    // Peak memory: each engine's operations once, in a child process of its own.
    std::printf("\npeak memory, every operation once in a child process (MiB)\n");
    std::fflush(stdout);
    for (const Engine& parent : engines) {
        const pid_t child = fork();
        if (child == 0) {
            Engine e;
            e.path = parent.path;
            e.counts = parent.counts;
            e.open();
            for (const Op& op : ops) measure(e, op);
            const int pid = e.backendPid();
            std::printf("%-16s client peak %7.1f", parent.label.c_str(), statusKiB(0, "VmHWM:") / 1024.0);
            if (pid > 0) std::printf("   server backend peak %7.1f (VmHWM, shared buffers touched included)", statusKiB(pid, "VmHWM:") / 1024.0);
            std::printf("\n");
            std::fflush(stdout);
            _exit(0);
        }
        int status = 0;
        waitpid(child, &status, 0);
    }
    return 0;
}
