// storage_demo_test.cpp — the demo district, checked on a real SQLite file.
//
// The checks use their own SQL (tests may) and their own ID-number check, so
// they do not trust the code that wrote the data.
#include "demo/demo.hpp"
#include "storage/aggregates.hpp"
#include "storage/badge_store.hpp"
#include "storage/storage.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using jinguo::demo::DemoSummary;
using jinguo::storage::Storage;

class TempDb {
public:
    TempDb() {
        static int counter = 0;
        m_path = fs::temp_directory_path()
               / ("jinguo_demo_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + "_"
                  + std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()) + ".db");
    }
    ~TempDb() {
        std::error_code ec;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(m_path.string() + suffix, ec);
    }
    std::string path() const { return m_path.string(); }

private:
    fs::path m_path;
};

double scalar(Storage& s, const char* sql) {
    auto st = s.db().prepare(sql);
    REQUIRE(st.step());
    return st.columnDouble(0);
}

std::int64_t count(Storage& s, const char* sql) { return static_cast<std::int64_t>(scalar(s, sql)); }

std::vector<std::string> column(Storage& s, const char* sql) {
    auto st = s.db().prepare(sql);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.columnText(0));
    return out;
}

// ISO 7064 MOD 11-2, written out from the standard: weight of position i
// (1-based from the left of 18) is 2^(18-i) mod 11; the check character makes
// the weighted sum of all 18 congruent to 1 mod 11 (X stands for 10).
char expectedCheck(const std::string& first17) {
    int sum = 0;
    int weight = 1;   // 2^0 for the check position
    for (int i = 16; i >= 0; --i) {
        weight = weight * 2 % 11;
        sum += (first17[static_cast<std::size_t>(i)] - '0') * weight;
    }
    for (int c = 0; c <= 10; ++c)
        if ((sum + c) % 11 == 1) return c == 10 ? 'X' : static_cast<char>('0' + c);
    return '?';
}

bool realDate(int y, int m, int d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= (m == 2 && leap ? 29 : days[m - 1]);
}

struct Snapshot {
    std::map<std::string, std::int64_t> counts;
    bool operator==(const Snapshot&) const = default;
};

Snapshot snapshot(Storage& s) {
    Snapshot snap;
    for (const char* t : {"org_unit", "person", "activity", "service_record", "family", "post", "award",
                          "award_event", "target", "manual_indicator", "audit_log"})
        snap.counts[t] = s.count(t);
    return snap;
}

} // namespace

TEST_CASE("demo data: a realistic district, true on every screen") {
    TempDb file;
    Storage storage(file.path());
    const auto start = std::chrono::steady_clock::now();
    const DemoSummary s = jinguo::demo::writeDemoData(storage);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("writeDemoData took " << seconds << " s: " << s.streets << " streets, " << s.communities
            << " communities, " << s.households << " households, " << s.volunteers << " volunteers, "
            << s.serviceRecords << " service records, " << s.activities << " activities, " << s.families
            << " families, " << s.familyAwards << " family awards, " << s.posts << " posts");

    // ---- sizes, and the summary tells the truth
    CHECK(s.streets == 6);
    CHECK(s.communities >= 35);
    CHECK(s.communities <= 45);
    CHECK(s.volunteers >= 350);
    CHECK(s.volunteers <= 450);
    CHECK(s.serviceRecords >= 8000);
    CHECK(s.serviceRecords <= 15000);
    CHECK(s.activities >= 550);
    CHECK(s.activities <= 700);
    CHECK(s.families >= 20000);
    CHECK(s.familyAwards > s.families);
    CHECK(s.posts >= 30);
    CHECK(s.posts <= 40);
    CHECK(count(storage, "SELECT count(*) FROM org_unit WHERE kind IN ('街道', '镇')") == s.streets);
    CHECK(count(storage, "SELECT count(*) FROM org_unit WHERE kind = '镇'") == 1);
    CHECK(count(storage, "SELECT count(*) FROM org_unit WHERE kind IN ('社区', '村')") == s.communities);
    CHECK(count(storage, "SELECT count(*) FROM org_unit WHERE kind = '村'") >= 3);
    CHECK(count(storage, "SELECT count(*) FROM person WHERE is_volunteer = 1") == s.volunteers);
    CHECK(count(storage, "SELECT count(*) FROM service_record") == s.serviceRecords);
    CHECK(count(storage, "SELECT count(*) FROM activity") == s.activities);
    CHECK(count(storage, "SELECT count(*) FROM family") == s.families);
    CHECK(count(storage, "SELECT count(*) FROM award WHERE family_id IS NOT NULL") == s.familyAwards);
    CHECK(count(storage, "SELECT count(*) FROM post") == s.posts);

    // ---- households: communities 800–2500, parents hold the sum of their children
    CHECK(count(storage, "SELECT count(*) FROM org_unit WHERE kind IN ('社区', '村') AND households NOT BETWEEN 800 AND 2500") == 0);
    CHECK(count(storage, "SELECT households FROM org_unit WHERE kind = '区'") == static_cast<std::int64_t>(s.households));
    CHECK(count(storage, "SELECT count(*) FROM org_unit p WHERE kind IN ('区', '街道', '镇') AND households <> "
                         "(SELECT sum(households) FROM org_unit c WHERE c.parent_id = p.id)") == 0);
    CHECK(count(storage, "SELECT sum(households) FROM org_unit WHERE kind IN ('社区', '村')") == static_cast<std::int64_t>(s.households));

    // ---- people: valid ID numbers (own MOD 11-2), gender from the 17th digit, mobiles
    {
        auto st = storage.db().prepare("SELECT name, gender, id_number, ifnull(phone, '') FROM person");
        int people = 0, withX = 0, women = 0, badId = 0, badGender = 0, badPhone = 0, badBirth = 0;
        while (st.step()) {
            ++people;
            const std::string name = st.columnText(0), gender = st.columnText(1), id = st.columnText(2),
                              phone = st.columnText(3);
            bool digits17 = id.size() == 18;
            for (std::size_t i = 0; digits17 && i < 17; ++i) digits17 = id[i] >= '0' && id[i] <= '9';
            if (!digits17 || id[17] != expectedCheck(id.substr(0, 17))) {
                ++badId;
                MESSAGE("bad ID " << id << " of " << name);
                continue;
            }
            withX += id[17] == 'X';
            const int y = std::stoi(id.substr(6, 4)), m = std::stoi(id.substr(10, 2)), d = std::stoi(id.substr(12, 2));
            if (!realDate(y, m, d) || y < 1950 || y > 2006) ++badBirth;
            const bool odd = (id[16] - '0') % 2 == 1;
            if (gender != (odd ? "男" : "女")) ++badGender;
            women += gender == "女";
            bool phoneOk = phone.size() == 11 && phone[0] == '1' && std::string("35789").find(phone[1]) != std::string::npos;
            for (char c : phone) phoneOk = phoneOk && c >= '0' && c <= '9';
            if (!phoneOk) ++badPhone;
        }
        CHECK(people == s.volunteers);
        CHECK(badId == 0);
        CHECK(badBirth == 0);
        CHECK(badGender == 0);
        CHECK(badPhone == 0);
        CHECK(withX >= 3);
        CHECK(women > people * 7 / 10);   // mostly women
        CHECK(women < people);            // some men
    }
    CHECK(count(storage, "SELECT count(DISTINCT id_number) FROM person") == s.volunteers);
    for (const char* name : {"李淼", "王瑀", "张堃", "陈喆", "刘犇", "迪丽娜尔·艾买提", "高𠮷"}) {
        auto st = storage.db().prepare("SELECT count(*) FROM person WHERE name = ?");
        st.bind(1, name);
        REQUIRE(st.step());
        CHECK_MESSAGE(st.columnInt(0) == 1, name);
    }
    CHECK(count(storage, "SELECT count(DISTINCT id_number) FROM person WHERE name = '王芳'") >= 2);
    CHECK(count(storage, "SELECT count(*) FROM person WHERE roster_hours > 0 AND roster_hours_as_of IS NOT NULL") >= 20);
    CHECK(count(storage, "SELECT count(*) FROM person WHERE joined_on IS NULL OR unit_id IS NULL") == 0);
    CHECK(count(storage, "SELECT count(*) FROM person p JOIN org_unit u ON u.id = p.unit_id WHERE u.kind NOT IN ('社区', '村')") == 0);

    // ---- service: 0.5–8 h a record, ≤ 24 h a person a day, inside the period, after joining
    CHECK(count(storage, "SELECT count(*) FROM service_record WHERE hours < 0.5 OR hours > 8") == 0);
    CHECK(count(storage, "SELECT count(*) FROM (SELECT person_id, served_on FROM service_record "
                         "GROUP BY person_id, served_on HAVING sum(hours) > 24)") == 0);
    CHECK(count(storage, "SELECT count(*) FROM service_record WHERE served_on NOT BETWEEN '2025-01-01' AND '2026-11-28'") == 0);
    CHECK(count(storage, "SELECT count(*) FROM service_record r JOIN person p ON p.id = r.person_id "
                         "WHERE r.served_on < p.joined_on") == 0);
    CHECK(count(storage, "SELECT count(*) FROM service_record WHERE verified = 1") > s.serviceRecords * 8 / 10);
    CHECK(count(storage, "SELECT count(*) FROM service_record WHERE activity_id IS NOT NULL") > s.serviceRecords / 6);
    // Records tied to an activity happen on its day, and it counts at least its volunteers.
    CHECK(count(storage, "SELECT count(*) FROM service_record r JOIN activity a ON a.id = r.activity_id "
                         "WHERE r.served_on <> a.held_on") == 0);
    CHECK(count(storage, "SELECT count(*) FROM activity a WHERE participants < "
                         "(SELECT count(*) FROM service_record r WHERE r.activity_id = a.id)") == 0);
    {
        // Star bands from recorded hours alone: someone in every one of ★1–★5.
        const char* sql = "SELECT count(*) FROM (SELECT person_id, sum(hours) AS h FROM service_record GROUP BY person_id) "
                          "WHERE h >= ? AND h < ?";
        const double bands[][2] = {{100, 300}, {300, 600}, {600, 1000}, {1000, 1500}, {1500, 1e9}};
        for (const auto& band : bands) {
            auto st = storage.db().prepare(sql);
            st.bind(1, band[0]).bind(2, band[1]);
            REQUIRE(st.step());
            CHECK_MESSAGE(st.columnInt(0) >= 1, "no volunteer with " << band[0] << " h");
        }
        CHECK(count(storage, "SELECT count(*) FROM (SELECT person_id, sum(hours) AS h FROM service_record GROUP BY person_id) "
                             "WHERE h < 100") > s.volunteers / 2);   // many light volunteers
    }
    CHECK(column(storage, "SELECT DISTINCT kind FROM activity ORDER BY kind").size() == 6);
    CHECK(count(storage, "SELECT count(*) FROM activity WHERE held_on BETWEEN '2025-01-01' AND '2025-12-31'") > 200);
    CHECK(count(storage, "SELECT count(*) FROM activity WHERE held_on BETWEEN '2026-01-01' AND '2026-11-28'") > 200);
    CHECK(count(storage, "SELECT count(*) FROM activity WHERE held_on > '2026-11-28' OR held_on < '2025-01-01'") == 0);

    // ---- families: 平安家庭 rate (households holding it by 2026) varies 70–95 % by community
    {
        auto st = storage.db().prepare(R"(
            SELECT u.households, (SELECT count(DISTINCT a.family_id) FROM award a
                                  JOIN award_title t ON t.id = a.title_id
                                  WHERE t.name = '平安家庭' AND a.unit_id = u.id AND a.year <= 2026 AND a.status = '命名')
            FROM org_unit u WHERE u.kind IN ('社区', '村'))");
        double lo = 1, hi = 0;
        while (st.step()) {
            const double rate = st.columnDouble(1) / st.columnDouble(0);
            lo = std::min(lo, rate);
            hi = std::max(hi, rate);
        }
        MESSAGE("平安家庭 2026 rate by community: " << lo << " .. " << hi);
        CHECK(lo >= 0.695);
        CHECK(hi <= 0.955);
        CHECK(hi - lo > 0.1);
        CHECK(count(storage, "SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id "
                             "WHERE t.name = '平安家庭' AND a.year NOT IN (2025, 2026)") == 0);
        CHECK(count(storage, "SELECT count(*) FROM family f WHERE NOT EXISTS (SELECT 1 FROM award a JOIN award_title t "
                             "ON t.id = a.title_id WHERE a.family_id = f.id AND t.name = '平安家庭' AND t.level = '社区')") == 0);
        // Other family titles at every level from 社区 to 省, in both years; some households hold several.
        CHECK(column(storage, "SELECT DISTINCT t.level FROM award a JOIN award_title t ON t.id = a.title_id "
                              "WHERE a.family_id IS NOT NULL AND t.name <> '平安家庭'").size() == 5);
        CHECK(count(storage, "SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id "
                             "WHERE a.family_id IS NOT NULL AND t.name <> '平安家庭'") >= 200);
        CHECK(count(storage, "SELECT count(*) FROM (SELECT family_id FROM award GROUP BY family_id HAVING count(*) >= 3)") >= 10);
        CHECK(count(storage, "SELECT count(*) FROM family WHERE address NOT LIKE '%号%'") == 0);
    }

    // ---- individuals and collectives
    CHECK(count(storage, "SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id "
                         "WHERE t.subject_kind = 'person' AND a.person_id IS NOT NULL") >= 40);
    CHECK(column(storage, "SELECT DISTINCT t.name FROM award a JOIN award_title t ON t.id = a.title_id "
                          "WHERE a.person_id IS NOT NULL").size() == 3);
    CHECK(column(storage, "SELECT DISTINCT t.level FROM award a JOIN award_title t ON t.id = a.title_id "
                          "WHERE a.person_id IS NOT NULL OR a.collective_name IS NOT NULL").size() == 3);
    CHECK(count(storage, "SELECT count(*) FROM award WHERE collective_name IS NOT NULL") >= 6);
    CHECK(count(storage, "SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id JOIN person p ON p.id = a.person_id "
                         "WHERE t.name IN ('三八红旗手', '巾帼建功标兵') AND p.gender <> '女'") == 0);

    // ---- 巾帼文明岗: every lifecycle state, dated history, the 2-year rule, conditions
    {
        const auto states = column(storage, "SELECT DISTINCT status FROM award WHERE post_id IS NOT NULL");
        const std::set<std::string> got(states.begin(), states.end());
        for (const char* state : {"申报", "创建", "考核验收", "命名", "复核", "撤销"})
            CHECK_MESSAGE(got.count(state) == 1, "no post award in state " << state);
        for (const char* level : {"区", "市", "省"}) {
            auto st = storage.db().prepare("SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id "
                                           "WHERE a.post_id IS NOT NULL AND a.status = '命名' AND t.level = ?");
            st.bind(1, level);
            REQUIRE(st.step());
            CHECK_MESSAGE(st.columnInt(0) >= 1, "no post named at " << level);
        }
        // The award's status is its latest event, and every award has a history.
        CHECK(count(storage, "SELECT count(*) FROM award a WHERE a.post_id IS NOT NULL AND a.status <> "
                             "(SELECT e.status FROM award_event e WHERE e.award_id = a.id ORDER BY e.happened_on DESC, e.id DESC LIMIT 1)") == 0);
        CHECK(count(storage, "SELECT count(*) FROM award a WHERE a.post_id IS NOT NULL AND a.status = '命名' "
                             "AND (SELECT count(*) FROM award_event e WHERE e.award_id = a.id) < 3") == 0);
        CHECK(count(storage, "SELECT count(*) FROM award_event WHERE status = '考核验收' AND score IS NULL") == 0);
        CHECK(count(storage, "SELECT count(*) FROM award_event WHERE happened_on > '2026-11-28'") == 0);
        CHECK(count(storage, "SELECT count(*) FROM award WHERE status = '复核' AND post_id IS NOT NULL AND fix_by IS NOT NULL") >= 1);
        CHECK(count(storage, "SELECT count(*) FROM award WHERE status = '复核' AND post_id IS NOT NULL AND fix_by IS NULL") >= 1);
        CHECK(count(storage, "SELECT count(*) FROM award_event e JOIN award a ON a.id = e.award_id WHERE a.post_id IS NOT NULL "
                             "AND e.status = '命名' AND e.doc_number NOT LIKE '%妇%〔20__〕%号'") == 0);
        // A post named at 市 level held the 区 title at least two years earlier; 省 likewise after 市.
        CHECK(count(storage, R"(
            SELECT count(*) FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE a.post_id IS NOT NULL AND t.level IN ('市', '省') AND NOT EXISTS (
                SELECT 1 FROM award b JOIN award_title tb ON tb.id = b.title_id
                WHERE b.post_id = a.post_id AND b.status IN ('命名', '复核')
                  AND tb.level = CASE t.level WHEN '市' THEN '区' ELSE '市' END AND b.year <= a.year - 2))") == 0);
        const std::int64_t failing = count(storage, "SELECT count(*) FROM post WHERE members < 3 OR women_members * 10 < members * 6 "
                                                    "OR women_leaders < 1");
        CHECK(failing >= 1);
        CHECK(failing <= 4);
    }

    // ---- targets for 2026 and the manual indicators
    CHECK(scalar(storage, "SELECT goal FROM target t JOIN org_unit u ON u.id = t.unit_id "
                          "WHERE u.kind = '区' AND t.metric = 'title_rate' AND t.year = 2026") == doctest::Approx(0.90));
    CHECK(count(storage, "SELECT count(*) FROM target t JOIN org_unit u ON u.id = t.unit_id "
                         "WHERE u.kind IN ('街道', '镇') AND t.metric = 'title_rate' AND t.goal = 0.9") == 6);
    {
        // The posts target counts what post_count measures: 区级巾帼文明岗 named
        // in 2026 (the test's own count), and its note says so — a yearly goal,
        // not a cumulative one — so the 目标 screen shows it met, not 4/27.
        const double goal = scalar(storage, "SELECT goal FROM target WHERE metric = 'post_count'");
        const double namedIn2026 = scalar(storage,
            "SELECT count(DISTINCT a.post_id) FROM award a JOIN award_title t ON t.id = a.title_id"
            " WHERE t.subject_kind = 'post' AND t.level = '区' AND t.name = '巾帼文明岗' AND a.year = 2026"
            " AND a.status IN ('命名', '复核')");
        CHECK(namedIn2026 >= 3);
        CHECK(goal == namedIn2026);
        const std::vector<std::string> note = column(storage, "SELECT note FROM target WHERE metric = 'post_count'");
        REQUIRE(note.size() == 1);
        CHECK(note[0] == "2026年新命名区级巾帼文明岗" + std::to_string(static_cast<int>(namedIn2026)) + "个");
        CHECK(note[0].find("累计") == std::string::npos);
        const jinguo::storage::TargetsReport report = jinguo::storage::Aggregates(storage).targets(2026, {2026, 11, 29});
        bool seen = false;
        for (const auto& line : report.lines) {
            if (line.target.metric != "post_count") continue;
            seen = true;
            CHECK(line.facts.numerator == goal);
            CHECK(line.progress.goalMet);
        }
        CHECK(seen);
    }
    for (const char* metric : {"volunteer_hours", "activities", "volunteers"}) {
        auto st = storage.db().prepare("SELECT count(*) FROM target WHERE metric = ? AND year = 2026 AND goal > 0");
        st.bind(1, metric);
        REQUIRE(st.step());
        CHECK_MESSAGE(st.columnInt(0) == 1, metric);
    }
    {
        // Progress is meaningful but the goals are not met yet.
        const double hours = scalar(storage, "SELECT sum(hours) FROM service_record WHERE served_on >= '2026-01-01'");
        const double hoursGoal = scalar(storage, "SELECT goal FROM target WHERE metric = 'volunteer_hours'");
        MESSAGE("2026 volunteer hours " << hours << " of goal " << hoursGoal);
        CHECK(hours < hoursGoal);
        CHECK(hours > hoursGoal * 0.6);
        const double held = scalar(storage, "SELECT count(*) FROM activity WHERE held_on >= '2026-01-01'");
        const double heldGoal = scalar(storage, "SELECT goal FROM target WHERE metric = 'activities'");
        MESSAGE("2026 activities " << held << " of goal " << heldGoal);
        CHECK(held < heldGoal);
        CHECK(held > heldGoal * 0.6);
    }
    CHECK(count(storage, "SELECT count(*) FROM target WHERE metric = 'indicator' AND indicator = '活动参与人次'") == 1);
    CHECK(count(storage, "SELECT count(*) FROM manual_indicator WHERE year IN (2025, 2026) "
                         "AND name IN ('活动参与人次', '投入经费', '培训场次')") == 6);

    // ---- the badges of its history, stored as announced, dated by 2026-11-29
    const std::int64_t badges = count(storage, "SELECT count(*) FROM badge_earned");
    CHECK(badges == s.badges);
    CHECK(badges > 1000);
    CHECK(count(storage, "SELECT count(*) FROM badge_earned WHERE announced = 0") == 0);
    CHECK(count(storage, "SELECT count(*) FROM badge_earned WHERE earned_on > '2026-11-29'") == 0);
    CHECK(count(storage, "SELECT count(DISTINCT badge_code) FROM badge_earned") >= 10);
    CHECK(storage.setting(jinguo::storage::kBadgesFirstEvaluatedKey, "") == "2026-11-29");
    // Evaluating again on the demo's today finds nothing new to announce.
    CHECK(jinguo::storage::BadgeStore(storage).evaluate({2026, 11, 29}).newlyStored == 0);

    // ---- one audit entry for the whole load
    CHECK(count(storage, "SELECT count(*) FROM audit_log") == 1);
    CHECK(count(storage, "SELECT count(*) FROM audit_log WHERE table_name = 'demo' AND action = 'insert'") == 1);

    // ---- the file is sound
    CHECK(column(storage, "PRAGMA integrity_check") == std::vector<std::string>{"ok"});
    CHECK(column(storage, "PRAGMA foreign_key_check").empty());

    // ---- a second call refuses and leaves everything as it was
    const Snapshot before = snapshot(storage);
    CHECK_THROWS_WITH_AS(jinguo::demo::writeDemoData(storage), doctest::Contains("演示数据只能写入"), std::runtime_error);
    CHECK(snapshot(storage) == before);
    std::ostringstream out, err;
    CHECK(jinguo::demo::runDemoCommand(file.path(), out, err) == 1);
    CHECK(err.str().find("未做任何修改") != std::string::npos);
    CHECK(snapshot(storage) == before);
}

TEST_CASE("demo data: the same seed gives the same district") {
    auto fingerprint = [](Storage& storage) {
        std::vector<std::string> f = column(storage, "SELECT name || id_number || phone || joined_on FROM person ORDER BY id LIMIT 50");
        for (const char* sql : {"SELECT group_concat(address) FROM (SELECT address FROM family ORDER BY id LIMIT 50)",
                                "SELECT group_concat(name || held_on || participants) FROM (SELECT * FROM activity ORDER BY id LIMIT 50)",
                                "SELECT sum(hours) || '/' || count(*) FROM service_record",
                                "SELECT count(*) || '/' || sum(year) FROM award",
                                "SELECT group_concat(households) FROM org_unit"})
            f.push_back(column(storage, sql).at(0));
        return f;
    };
    TempDb a, b, c;
    DemoSummary sa;
    std::vector<std::string> printA, printB;
    {
        Storage storage(a.path());
        sa = jinguo::demo::writeDemoData(storage);
        printA = fingerprint(storage);
    }
    {
        // The second one through the command, as `jinguo demo --db FILE` runs it.
        std::ostringstream out, err;
        REQUIRE(jinguo::demo::runDemoCommand(b.path(), out, err) == 0);
        CHECK(out.str().find("已写入演示数据") != std::string::npos);
        CHECK(err.str().empty());
        Storage storage(b.path());
        printB = fingerprint(storage);
        CHECK(storage.count("person") == sa.volunteers);
        CHECK(storage.count("service_record") == sa.serviceRecords);
        CHECK(storage.count("activity") == sa.activities);
        CHECK(storage.count("family") == sa.families);
        CHECK(storage.count("post") == sa.posts);
    }
    CHECK(printA == printB);

    Storage other(c.path());
    const DemoSummary sc = jinguo::demo::writeDemoData(other, 7);
    CHECK(sc.streets == 6);
    CHECK(fingerprint(other) != printA);
}
