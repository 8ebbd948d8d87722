// family_list_bench.cpp — the 家庭 list at a city's size (issue 17), the old
// path (every household and title read, then filtered and sorted in memory,
// as the screen's loader did) beside the new one (storage/family_list.hpp:
// count + one page by keyset), in the same run. Not run by CTest; no timed
// assertions anywhere.
//
//   build/tests/family_list_bench [HOUSEHOLDS]   generates a database (default 500,000)
//   build/tests/family_list_bench --db FILE      a copy of /work/bench/big.db (migrated and filled here:
//                                                never pass the shared file itself)
#include "core/pinyin.hpp"
#include "storage/family_list.hpp"
#include "storage/record_store.hpp"
#include "storage/settings_store.hpp"
#include "storage/storage.hpp"
#include "storage/title_standings.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>

using namespace jinguo;
using namespace jinguo::storage;

namespace {

double seconds(const std::function<void()>& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

long peakMiB() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024;
}

// Households with names from a pool of 400, 4 communities, every third with
// a 平安家庭 (2020 / 2023-06-15 / 2025), validity 3 years: some 已过期. The
// sort keys are left '' so the fill step (what opening an older file does)
// is measured too.
void generate(Storage& storage, int households) {
    const char* surnames[] = {"张", "王", "李", "赵", "单", "曾", "欧阳", "钱", "孙", "周", "吴", "郑", "冯", "陈", "褚",
                              "卫", "蒋", "沈", "韩", "杨"};
    const char* given[] = {"芳", "丽", "淼", "建国", "秀英", "娜", "三", "田芳", "堃", "红",
                           "伟", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟"};
    const RowId district = storage.insertUnit({0, 0, "临江区", UnitKind::District, 0, 0});
    RowId communities[4];
    for (int i = 0; i < 4; ++i) {
        const RowId street = storage.insertUnit({0, district, "街道" + std::to_string(i), UnitKind::Street, 0, i});
        communities[i] = storage.insertUnit({0, street, "社区" + std::to_string(i), UnitKind::Community, 200000, 0});
    }
    const RowId title = storage.awardTitleId("平安家庭", "family", "社区");
    Database& db = storage.db();
    Transaction tx(db);
    db.exec("CREATE TEMP TABLE pool (n INTEGER PRIMARY KEY, name TEXT)");
    Statement st = db.prepare("INSERT INTO pool VALUES (?, ?)");
    for (int n = 0; n < 400; ++n) {
        st.bind(1, n).bind(2, std::string(surnames[n / 20]) + given[n % 20]);
        st.run();
        st.reset();
    }
    Statement families = db.prepare(
        "WITH RECURSIVE x(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM x WHERE i < ?1)"
        " INSERT INTO family (id, head_name, address, members, unit_id)"
        " SELECT i, p.name, '幸福路' || i || '号', 1 + i % 5,"
        "        CASE i % 4 WHEN 0 THEN ?2 WHEN 1 THEN ?3 WHEN 2 THEN ?4 ELSE ?5 END"
        " FROM x JOIN pool p ON p.n = (i * 7919) % 400");
    families.bind(1, households).bind(2, communities[0]).bind(3, communities[1]).bind(4, communities[2])
        .bind(5, communities[3]);
    families.run();
    Statement awards = db.prepare(
        "INSERT INTO award (id, title_id, year, family_id, unit_id, status)"
        " SELECT f.id, ?1, CASE f.id % 9 WHEN 0 THEN 2020 WHEN 3 THEN 2023 ELSE 2025 END, f.id, f.unit_id, '命名'"
        " FROM family f WHERE f.id % 3 = 0");
    awards.bind(1, title);
    awards.run();
    db.exec("INSERT INTO award_event (award_id, status, happened_on)"
            " SELECT a.id, '命名', CASE a.year WHEN 2023 THEN '2023-06-15' ELSE a.year || '-03-01' END FROM award a");
    tx.commit();
    SettingsStore(storage).setTitleValidity(title, 3);
}

} // namespace

int main(int argc, char** argv) {
    std::string path;
    int households = 500000;
    bool own = false;
    bool searchesOnly = false;   // --searches: only the search table (before/after), no old path
    if (argc >= 3 && std::string(argv[1]) == "--db") {
        path = argv[2];
        searchesOnly = argc >= 4 && std::string(argv[3]) == "--searches";
    } else {
        if (argc >= 2) households = std::atoi(argv[1]);
        path = (std::filesystem::temp_directory_path() / ("family_list_bench_" + std::to_string(getpid()) + ".db")).string();
        own = true;
    }
    const std::string today = "2026-11-29";
    {
        double opened = 0;
        std::unique_ptr<Storage> storage;
        if (own) {
            Storage seed(path);
            std::printf("generating %d households…\n", households);
            std::printf("  generated in %.2f s\n", seconds([&] { generate(seed, households); }));
            std::printf("fill step (sort keys of an older file): %.2f s for %lld rows\n",
                        seconds([&] { fillFamilySortKeys(seed); }), static_cast<long long>(seed.count("family")));
        }
        opened = seconds([&] { storage = std::make_unique<Storage>(path); });
        std::printf("open (migrate + fill when needed): %.2f s, %lld households\n", opened,
                    static_cast<long long>(storage->count("family")));
        Storage& s = *storage;

        FamilyQuery q;
        q.today = today;
        FamilyCounts counts;
        std::vector<FamilyListRow> page;
        if (!searchesOnly) {
        std::printf("\nnew path (count + a page of 64 by keyset), peak so far %ld MiB\n", peakMiB());
        auto measure = [&](const std::string& label, const FamilyQuery& fq) {
            const double counted = seconds([&] { counts = familyCounts(s, fq); });
            const double paged = seconds([&] { page = familyPage(s, fq, std::nullopt, 64); });
            std::printf("  %s: count %.3f s + first page %.3f s  (%lld shown)\n", label.c_str(), counted, paged,
                        static_cast<long long>(counts.shown));
        };
        measure("open to first page", q);
        std::printf("  next page by keyset: %.3f s\n", seconds([&] { page = familyPage(s, q, page.back().key, 64); }));
        std::printf("  deep jump (OFFSET 90%%): %.3f s\n",
                    seconds([&] { page = familyPageAt(s, q, counts.shown * 9 / 10, 64); }));
        for (int sort = 1; sort < 5; ++sort) {
            FamilyQuery sorted = q;
            sorted.sort = static_cast<FamilySort>(sort);
            sorted.ascending = sort % 2 == 0;
            std::printf("  sort %d first page: %.3f s, deep jump %.3f s\n", sort,
                        seconds([&] { page = familyPage(s, sorted, std::nullopt, 64); }),
                        seconds([&] { page = familyPageAt(s, sorted, counts.shown / 2, 64); }));
        }
        FamilyQuery expired = q;
        expired.standing = "已过期";
        measure("standing 已过期", expired);
        FamilyQuery title = q;
        title.title = "平安家庭";
        title.year = 2023;
        measure("title 平安家庭 + year 2023", title);
        FamilyQuery unit = q;
        unit.unitId = 9;   // a community of the generated tree (its fourth unit)
        measure("unit filter", unit);
        for (const char* text : {"zhang", "田芳", "幸福路4242号"}) {
            FamilyQuery search = q;
            search.search = text;
            measure(std::string("search ") + text, search);
        }
        }
        // Each way of searching, before (every household tested) and after
        // (family_search candidates, 0026; family_gram, 0035), same file, same run.
        // "count 0040" is a gram's count as a range of family_gram (keptGramCounts
        // = false), "count" the kept row of family_gram_count (0042) — or, for a
        // title's text, the candidates of kTitleCandidates. "count 0042" is
        // main before 0044 (keptTitleGramCounts = false): a 1–2 character
        // search titles' texts hold (2, 20, 5, 区级) counted by candidates or
        // the scan; "count" then reads family_gram_count + family_title_gram_count.
        std::printf("\n| search | shown | count scan | count 0040 | count 0042 | count | page scan | page |\n|---|---|---|---|---|---|---|---|\n");
        // 张 … 号: 1–2 non-ASCII characters, from family_gram (0035) in the head's order.
        // zh, z, 5, 12, 3号 (0040): ASCII and mixed 1–2 characters from family_gram too.
        // 5, 202, 2024, 平安家庭, 五好, 区级: titles' texts (years, levels, names).
        for (const char* text : {"张", "王芳", "芳", "解放", "室", "号", "江", "zh", "z", "5", "12", "3号", "zhang", "wangf", "张秀英", "王建国", "zhangxiuying", "和平路", "路12号",
                                 "单元10", "1单元101", "社区", "2", "20", "202", "2024", "平安家庭", "五好", "区级", "市级五好", "没有这个人"}) {
            FamilyQuery after = q;
            after.search = text;
            FamilyQuery before = after;
            before.searchIndexed = false;
            FamilyQuery ranged = after;
            ranged.keptGramCounts = false;
            ranged.keptTitleGramCounts = false;
            FamilyQuery main42 = after;
            main42.keptTitleGramCounts = false;
            FamilyCounts a, b, r, m;
            const double countBefore = seconds([&] { b = familyCounts(s, before); });
            const double countRanged = seconds([&] { r = familyCounts(s, ranged); });
            const double countMain42 = seconds([&] { m = familyCounts(s, main42); });
            const double countAfter = seconds([&] { a = familyCounts(s, after); });
            const double pageBefore = seconds([&] { page = familyPage(s, before, std::nullopt, 64); });
            const double pageAfter = seconds([&] { page = familyPage(s, after, std::nullopt, 64); });
            const bool same = a.shown == b.shown && a.shownTitles == b.shownTitles && r.shown == a.shown &&
                              r.shownTitles == a.shownTitles && m.shown == a.shown && m.shownTitles == a.shownTitles;
            std::printf("| %s | %lld%s | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %.0f ms |\n", text,
                        static_cast<long long>(a.shown), same ? "" : " (DIFFERS)", countBefore * 1000,
                        countRanged * 1000, countMain42 * 1000, countAfter * 1000, pageBefore * 1000, pageAfter * 1000);
            std::fflush(stdout);
        }
        if (searchesOnly) return 0;
        std::printf("  filter choices: %.3f s\n", seconds([&] { (void)familyFilterChoices(s); }));
        std::printf("  peak memory after the new path: %ld MiB\n", peakMiB());

        std::printf("\nold path (every household and title, standings, pinyin keys, sort in memory)\n");
        FamilyList list;
        const double read = seconds([&] { list = RecordStore(s).familyList(); });
        std::unordered_map<RowId, TitleStandingDetail> standings;
        const double judged = seconds([&] { standings = familyTitleStandings(s, today); });
        PinyinIndex pinyin;
        std::vector<std::string> keys;
        const double keyed = seconds([&] {
            keys.reserve(list.rows.size());
            for (const FamilyRow& r : list.rows) keys.push_back(pinyin.keysFor(r.headName).collation);
        });
        std::vector<int> order(list.rows.size());
        const double sorted = seconds([&] {
            for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
            std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return keys[a] < keys[b]; });
        });
        std::printf("  read %.2f s + standings %.2f s + pinyin keys %.2f s + sort %.2f s = %.2f s to the first page\n",
                    read, judged, keyed, sorted, read + judged + keyed + sorted);
        std::printf("  peak memory after the old path: %ld MiB\n", peakMiB());
    }
    if (own) {
        std::filesystem::remove(path);
        std::filesystem::remove(path + "-wal");
        std::filesystem::remove(path + "-shm");
    }
    return 0;
}
