// people_list_bench.cpp — the 志愿者 list at a million people (issue 17),
// before and after, in the same run on the same file.
//
// A benchmark, not a test: it prints figures and asserts nothing about time.
//   fill    opening the file: migration 0020 and fillPersonSortKeys (person_list
//           and person_search for every person), once per file
//   before  what the old screen did on the frame loop: Storage::volunteerRows()
//           (every volunteer), pinyin keys for every row, sorted in memory;
//           time and resident memory it added
//   after   VolunteerList: count, the first page, a deep jump (seek to 90 %),
//           each sort's first page both ways, and search queries (first page
//           = what the list shows after a keystroke; count separately)
// usage: people_list_bench DB           a copy of /work/bench/big.db (never the original: it is migrated)
//        people_list_bench --generate N  a fresh file of N generated people in /tmp
//        people_list_bench DB --after    only the after-part (a copy already filled)
//        people_list_bench DB --search   only the search table: each way of searching
//                                        (1–3+ characters of a surname, pinyin prefixes,
//                                        initials, 1–4 digit tails, a miss), first page and
//                                        count, before (the scan, as before migration 0026)
//                                        and after (person_gram), same run
#include "core/pinyin.hpp"
#include "storage/storage.hpp"
#include "storage/volunteer_list.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace jinguo;
using namespace jinguo::storage;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

long residentKiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
    return 0;
}

long peakKiB() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
    return 0;
}

struct Stats {
    double median = 0, worst = 0;
};
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v.empty() ? 0 : v[v.size() / 2], v.empty() ? 0 : v.back()};
}

template <class F>
Stats timed(int runs, F&& f) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto start = Clock::now();
        f();
        ms.push_back(msSince(start));
    }
    return stats(ms);
}

void generate(const std::string& path, int people) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    Storage s(path);
    const auto start = Clock::now();
    s.db().exec("BEGIN");
    s.db().exec("INSERT INTO org_unit (name, kind, households) VALUES ('临江区', '区', 0)");
    s.db().exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)"
                " INSERT INTO org_unit (parent_id, name, kind, households) SELECT 1, '社区' || i, '社区', 2000 FROM n");
    s.db().exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(people) + ")"
        " INSERT INTO person (name, gender, id_number, phone, unit_id, joined_on, roster_hours)"
        " SELECT substr('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧', abs(random()) % 30 + 1, 1)"
        "     || substr('芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红', abs(random()) % 28 + 1, 1)"
        "     || CASE WHEN random() % 2 = 0 THEN substr('华英玲红梅兰凤云犇淼', abs(random()) % 10 + 1, 1) ELSE '' END,"
        "   CASE i % 2 WHEN 0 THEN '女' ELSE '男' END, printf('110105%012d', i), printf('1%010d', abs(random()) % 10000000000),"
        "   2 + i % 600, printf('20%02d-%02d-%02d', 10 + i % 16, 1 + i % 12, 1 + i % 28), (i % 7) * 1.5 FROM n");
    s.db().exec("INSERT INTO service_record (person_id, served_on, hours, verified)"
                " SELECT id, '2026-03-08', 1 + id % 9, id % 4 <> 0 FROM person WHERE id % 2 = 0");
    s.db().exec("COMMIT");
    std::printf("generate: %d people (triggers keeping person_list) in %.0f ms\n", people, msSince(start));
}

// Each way of searching, before (the scan) and after (person_gram), same
// file, same run: the first page of 240 and the count line, the name sort
// (the list's default) and the hours sort (a sort the grams do not follow).
void searchTable(Storage& storage) {
    VolunteerList after(storage), before(storage);
    before.setShortSearchIndexed(false);
    std::string tail4;
    {
        Statement st = storage.db().prepare("SELECT substr(phone, -4) FROM person WHERE phone IS NOT NULL ORDER BY id DESC LIMIT 1");
        if (st.step()) tail4 = st.columnText(0);
    }
    struct Way {
        const char* what;
        std::string text;
    };
    const std::vector<Way> ways = {
        {"surname, 1 char", "张"}, {"surname, 1 char", "王"}, {"surname, 1 char", "李"},
        {"surname, 2 chars", "张伟"}, {"surname, 2 chars", "王芳"}, {"surname, 2 chars", "李娜"},
        {"surname, 3 chars", "张秀英"}, {"surname, 3 chars", "王建国"},
        {"pinyin", "z"}, {"pinyin", "zh"}, {"pinyin", "zhang"}, {"pinyin", "wangf"},
        {"initials", "zs"}, {"initials", "wf"}, {"initials", "lxy"},
        {"tail 1 digit", tail4.substr(3)}, {"tail 2 digits", tail4.substr(2)}, {"tail 3 digits", tail4.substr(1)},
        {"tail 4 digits", tail4}, {"miss", "犇"}, {"miss", "qq"}, {"unit name", "社区"}, {"unit name", "社"},
    };
    std::printf("\n| way | query | matches | plan before → after | page before | page after | count before | count after |"
                " hours-sort page before | after |\n|---|---|---|---|---|---|---|---|---|---|\n");
    for (const Way& way : ways) {
        VolunteerListQuery q;
        q.search = way.text;
        std::int64_t matchesBefore = 0, matchesAfter = 0;
        const Stats pageBefore = timed(3, [&] { before.page(q, nullptr, 240); });
        const Stats pageAfter = timed(5, [&] { after.page(q, nullptr, 240); });
        const Stats countBefore = timed(2, [&] { matchesBefore = before.count(q); });
        const Stats countAfter = timed(5, [&] { matchesAfter = after.count(q); });
        VolunteerListQuery byHours = q;
        byHours.sort = VolunteerSort::Hours;
        byHours.ascending = false;
        const Stats hoursBefore = timed(2, [&] { before.page(byHours, nullptr, 240); });
        const Stats hoursAfter = timed(5, [&] { after.page(byHours, nullptr, 240); });
        std::printf("| %s | %s | %lld%s | %s → %s / %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms |\n",
                    way.what, way.text.c_str(), static_cast<long long>(matchesAfter),
                    matchesBefore == matchesAfter ? "" : " (DIFFERS)", before.planName(q).c_str(),
                    after.planName(q).c_str(), after.planName(byHours).c_str(), pageBefore.median, pageAfter.median,
                    countBefore.median, countAfter.median, hoursBefore.median, hoursAfter.median);
        std::fflush(stdout);
    }
    std::printf("(medians; worst of the after-pages and counts are within a few ms unless noted)\n");
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: people_list_bench DB | --generate N\n");
        return 2;
    }
    std::string path = argv[1];
    // --after: only the after-part (no forced refill, no old load), for a second run on a filled copy.
    auto flag = [&](const char* name) {
        for (int i = 2; i < argc; ++i)
            if (std::string(argv[i]) == name) return true;
        return false;
    };
    const bool searchOnly = flag("--search");   // also after --generate N
    const bool afterOnly = searchOnly || flag("--after");
    if (path == "--generate") {
        path = (std::filesystem::temp_directory_path() / "jinguo_people_bench.db").string();
        generate(path, argc > 2 ? std::atoi(argv[2]) : 1000000);
    }

    // ---- fill: migrations + the list's keys (a big.db at schema 19 does both)
    auto start = Clock::now();
    Storage storage(path);
    std::printf("open (migrate + fill when needed): %.0f ms\n", msSince(start));
    start = Clock::now();
    const std::int64_t refilled = afterOnly ? 0 : fillPersonSortKeys(storage, true);
    std::printf("fillPersonSortKeys (forced): %lld people in %.0f ms\n", static_cast<long long>(refilled), msSince(start));

    VolunteerList list(storage);
    const VolunteerListQuery all;
    if (searchOnly) {
        searchTable(storage);
        return 0;
    }

    // ---- before: the old screen's load (volunteerRows + keys + sort), same file
    if (!afterOnly) {
        const long rssBefore = residentKiB();
        start = Clock::now();
        std::vector<VolunteerRow> rows = storage.volunteerRows();
        const double loadMs = msSince(start);
        PinyinIndex pinyin;
        std::vector<std::string> keys(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) keys[i] = pinyin.keysFor(rows[i].name).collation;
        std::vector<int> order(rows.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys[static_cast<std::size_t>(a)] < keys[static_cast<std::size_t>(b)]; });
        std::printf("before: volunteerRows %zu rows %.0f ms; with pinyin keys and sort %.0f ms; +%ld MiB resident\n",
                    rows.size(), loadMs, msSince(start), (residentKiB() - rssBefore) / 1024);
    }

    // ---- after
    const long rssAfterStart = residentKiB();
    std::int64_t count = 0;
    const Stats countAll = timed(5, [&] { count = list.count(all); });
    const Stats firstPage = timed(5, [&] { list.page(all, nullptr, 240); });
    std::printf("after: count %lld: median %.1f ms (worst %.1f); first page of 240: median %.2f ms (worst %.2f)\n",
                static_cast<long long>(count), countAll.median, countAll.worst, firstPage.median, firstPage.worst);
    const Stats deep = timed(5, [&] { list.seek(all, count * 9 / 10, 240); });
    std::printf("after: deep jump (seek to 90 %%): median %.1f ms (worst %.1f)\n", deep.median, deep.worst);
    {
        const auto first = list.page(all, nullptr, 240);
        const Stats next = timed(20, [&] { list.page(all, &first.back().key, 240); });
        std::printf("after: next page by keyset: median %.2f ms (worst %.2f)\n", next.median, next.worst);
    }
    const char* sortNames[] = {"name", "gender", "unit", "hours", "records", "joined"};
    for (int sort = 0; sort < 6; ++sort) {
        for (const bool ascending : {true, false}) {
            VolunteerListQuery q;
            q.sort = static_cast<VolunteerSort>(sort);
            q.ascending = ascending;
            const Stats page = timed(3, [&] { list.page(q, nullptr, 240); });
            const Stats jump = timed(3, [&] { list.seek(q, count / 2, 240); });
            std::printf("after: sort %-7s %s first page median %.2f ms (worst %.2f), jump to middle median %.1f ms\n",
                        sortNames[sort], ascending ? "asc " : "desc", page.median, page.worst, jump.median);
        }
    }

    // Search: realistic queries, each as typed (the list's default sort).
    std::vector<std::string> queries = {"张", "王芳", "李娜", "zs", "wf", "zhang", "wangfang", "zhangmin", "0123", "5678",
                                        "1234", "00042", "犇", "犇淼", "萧犇", "xiaoben", "zz", "qx", "社区12", "x"};
    {   // a full name and an ID tail that exist
        Statement st = storage.db().prepare("SELECT name, substr(id_number, -4), substr(phone, -4) FROM person"
                                            " WHERE id_number IS NOT NULL AND phone IS NOT NULL ORDER BY id DESC LIMIT 1");
        if (st.step()) {
            queries.push_back(st.columnText(0));
            queries.push_back(st.columnText(1));
            queries.push_back(st.columnText(2));
        }
    }
    std::vector<double> pageWorsts, pageMedians;
    std::printf("search (first page of 240 = the list after a keystroke; count separately):\n");
    for (const std::string& text : queries) {
        VolunteerListQuery q;
        q.search = text;
        std::int64_t matches = 0;
        const Stats page = timed(5, [&] { list.page(q, nullptr, 240); });
        const Stats counted = timed(3, [&] { matches = list.count(q); });
        pageWorsts.push_back(page.worst);
        pageMedians.push_back(page.median);
        std::printf("  %-12s %-5s %8lld matches: page median %6.1f ms (worst %6.1f), count median %6.1f ms\n",
                    text.c_str(), list.planName(q).c_str(), static_cast<long long>(matches), page.median, page.worst,
                    counted.median);
    }
    std::printf("search summary: first page median over queries %.1f ms, worst %.1f ms\n", stats(pageMedians).median,
                stats(pageWorsts).worst);
    std::printf("after: resident memory grew %ld MiB during the after-part; peak resident %ld MiB\n",
                (residentKiB() - rssAfterStart) / 1024, peakKiB() / 1024);
    return 0;
}
