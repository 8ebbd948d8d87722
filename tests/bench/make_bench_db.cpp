// make_bench_db.cpp — a deterministic city-sized database for benchmarks.
//
// usage: make_bench_db OUT.db [--volunteers 1000000] [--records 5000000]
//                             [--households 500000] [--activities 2000] [--seed 1]
//
// One 区 (临江区) with ~30 streets (a few 镇) and ~600 communities (社区/村);
// volunteers with realistic names (common surnames, 2–3 characters, so the
// pinyin sort is realistic), valid ID numbers (core/id_number.hpp's check
// character, the sex digit matching the gender), phones, joined dates, some
// roster hours and roster credits; service records 2024-01-01 .. 2026-11-30,
// skewed (most people few, some many), ~90 % verified, most linked to an
// activity on its date; households with family titles and their history as
// the app writes it (db/storage/title_events.hpp: a 命名 event, then 复核 or
// 撤销, award.status = the latest event's); person and collective titles;
// 巾帼文明岗 in every lifecycle state; 2026 targets.
//
// The same seed gives the same rows (created_at included). The rows are
// written at schema 19 (kLoadSchema) and the normal migrations take the file
// to the latest, filling every summary table set-based as they do for a
// user's old file (its time is printed); the app opens the file normally.
// Speed: raw INSERTs on cached statements in one transaction, no audit, the
// big tables' indexes dropped during the load and rebuilt from their own SQL
// (a sorted build beats millions of random B-tree inserts), then ANALYZE and
// a WAL checkpoint so the .db alone is complete.
#include "core/id_number.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "storage/storage.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

using namespace jinguo;
using storage::Database;

namespace {

// ---------------------------------------------------------------- randomness and dates

struct Rng {   // splitmix64: tiny, fast, the same sequence on every platform
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<std::uint64_t>(hi - lo + 1)); }
    double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    template <class T> const T& pick(const std::vector<T>& v) { return v[next() % v.size()]; }
    // Geometric count with the given mean (0, 1, 2 …).
    int geometric(double mean) { return static_cast<int>(std::floor(std::log(1.0 - unit()) / std::log(mean / (mean + 1.0)))); }
};

// Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms).
int daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}
void civilFromDays(int z, int& y, int& m, int& d) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp + (mp < 10 ? 3 : -9);
    y = yoe + era * 400 + (m <= 2);
}
std::string isoDay(int days) {
    int y, m, d;
    civilFromDays(days, y, m, d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}
int yearOf(int days) {
    int y, m, d;
    civilFromDays(days, y, m, d);
    return y;
}

const int kFirstServiceDay = daysFromCivil(2024, 1, 1);
const int kLastServiceDay = daysFromCivil(2026, 11, 30);   // "today" of the data: nothing after it

// ---------------------------------------------------------------- names

std::vector<std::string> split(const char* text) {   // UTF-8 characters of a string (CJK: 3 bytes each)
    std::vector<std::string> out;
    for (const char* p = text; *p;) {
        const auto c = static_cast<unsigned char>(*p);
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        out.emplace_back(p, static_cast<std::size_t>(len));
        p += len;
    }
    return out;
}

// The commonest surnames, most frequent first (a share falls with the rank, as in the census).
const std::vector<std::string> kSurnames = split(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
    "石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳"
    "翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝");
const std::vector<std::string> kCompoundSurnames = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "慕容"};
const std::vector<std::string> kFemaleChars = split(
    "秀英华玉兰芳丽敏静燕红霞娟艳梅琳莉娜婷雪慧淑珍凤洁颖琴云萍玲桂芬丹宁晶倩佳欣怡雯璐瑶蕾薇菲婉悦馨彤蓉荣爱春月翠美凤霜巧冬梦雅珊"
    "琪蓓青晓露妍琦晴岚嘉钰璇玥菁凌");
const std::vector<std::string> kMaleChars = split(
    "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林洋成建国志峰亮松海东文胜军伦德清荣昌");

std::string surname(Rng& rng) {
    if (rng.chance(0.004)) return rng.pick(kCompoundSurnames);
    // Zipf-like: rank r with weight ~ 1/(r+8).
    const double u = rng.unit();
    const double n = static_cast<double>(kSurnames.size());
    const auto r = static_cast<std::size_t>(std::floor(8.0 * (std::pow((n + 8.0) / 8.0, u) - 1.0)));
    return kSurnames[std::min(r, kSurnames.size() - 1)];
}

std::string personName(Rng& rng, bool female) {
    const auto& chars = female ? kFemaleChars : kMaleChars;
    std::string name = surname(rng) + rng.pick(chars);
    if (rng.chance(0.72)) name += rng.pick(chars);   // most given names have two characters
    return name;
}

// ---------------------------------------------------------------- the district tree

const std::vector<std::string> kStreetStems = {
    "文昌", "江滨", "南湖", "新塘", "朝晖", "临浦", "西溪", "东岳", "北山", "城南", "湖墅", "凤起", "望江", "翠苑",
    "古荡", "蒋村", "留下", "转塘", "闻堰", "义桥", "瓜沥", "衙前", "靖江", "河庄", "义蓬", "新街", "宁围", "盈丰",
    "城厢", "北干", "蜀山", "戴村", "所前", "益农", "党湾", "浦阳"};
const std::vector<std::string> kCommunityStems = {
    "和平", "幸福", "阳光", "锦绣", "桂花", "紫荆", "春晖", "金桥", "银湖", "清河", "杏林", "枫林", "兰亭", "荷花",
    "龙井", "梅园", "竹苑", "松涛", "明珠", "星光", "翠竹", "丹桂", "秋水", "天水", "双桥", "长庆", "潮鸣", "小营",
    "景芳", "采荷", "四季", "府苑", "玉泉", "求是", "彩虹", "长寿", "永安", "德胜", "雄镇", "中河"};
const std::vector<std::string> kRoadStems = {"解放", "人民", "建设", "中山", "延安", "庆春", "体育场", "文一", "文二",
                                             "学院", "教工", "保俶", "天目山", "莫干山", "环城", "凤凰", "江南", "滨江"};

struct Unit {
    std::int64_t id;
    int street;          // index of its street (-1 for the district and streets)
    std::string name;
    std::int64_t households = 0;
    int families = 0;
    std::vector<std::int64_t> people;   // persons living there (for heads of households)
};

// ---------------------------------------------------------------- options

struct Options {
    std::string out;
    int volunteers = 1000000;
    int records = 5000000;
    int households = 500000;
    int activities = 2000;
    std::uint64_t seed = 1;
};

bool parseInt(const char* text, long long lo, long long hi, long long& out) {
    char* end = nullptr;
    errno = 0;
    const long long v = std::strtoll(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < lo || v > hi) return false;
    out = v;
    return true;
}

// The schema the rows are written at (the one this generator was written
// for); the open's migrations take the file from there to the latest.
constexpr int kLoadSchema = 19;

int usage(const char* message) {
    std::fprintf(stderr, "%s\n用法：make_bench_db OUT.db [--volunteers N] [--records N] [--households N] "
                         "[--activities N] [--seed N]\n", message);
    return 2;
}

double secondsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The indexes of the big tables, dropped for the load and rebuilt from their own SQL.
std::vector<std::pair<std::string, std::string>> dropIndexes(Database& db) {
    std::vector<std::pair<std::string, std::string>> dropped;
    {
        auto st = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN"
                             " ('person', 'service_record', 'family', 'award', 'award_event', 'roster_credit', 'activity')");
        while (st.step()) dropped.emplace_back(st.columnText(0), st.columnText(1));
    }
    for (const auto& [name, sql] : dropped) db.exec("DROP INDEX \"" + name + "\"");
    return dropped;
}

struct Record {   // a service record before it is written (sorted by date first)
    std::int32_t person;
    std::int32_t day;
    std::int16_t activity;   // index into activities, -1 for none
    std::uint8_t halfHours;
    std::uint8_t flags;      // bit 0 verified, bits 1.. description index
};

} // namespace

int main(int argc, char** argv) {
    Options o;
    if (argc < 2 || argv[1][0] == '-') return usage("缺少输出文件名。");
    o.out = argv[1];
    for (int i = 2; i < argc; ++i) {
        const std::string flag = argv[i];
        long long v = 0;
        if (i + 1 >= argc) return usage(("选项 " + flag + " 缺少数值。").c_str());
        const char* value = argv[++i];
        if (flag == "--volunteers" && parseInt(value, 1, 20000000, v)) o.volunteers = static_cast<int>(v);
        else if (flag == "--records" && parseInt(value, 0, 100000000, v)) o.records = static_cast<int>(v);
        else if (flag == "--households" && parseInt(value, 0, 20000000, v)) o.households = static_cast<int>(v);
        else if (flag == "--activities" && parseInt(value, 1, 30000, v)) o.activities = static_cast<int>(v);
        else if (flag == "--seed" && parseInt(value, 0, 1LL << 62, v)) o.seed = static_cast<std::uint64_t>(v);
        else return usage(("选项 " + flag + " " + value + " 无效。").c_str());
    }
    if (std::filesystem::exists(o.out)) return usage(("输出文件已存在：" + o.out + "（为免覆盖，请先删除或换个名字）").c_str());

    const auto start = std::chrono::steady_clock::now();
    {   // the connection and its statements close before the size is read
    Rng rng{o.seed * 0x2545F4914F6CDD1DULL + 12345};
    const std::string createdAt = "2026-12-01T08:00:00Z";   // fixed: the same seed gives the same file

    // The rows are written into a file at schema kLoadSchema, which the
    // normal open then upgrades: its migrations and fills build every summary
    // table set-based (person_list and its search keys, board summaries, held
    // ranges, honour_list, person_gram …). Written at the latest schema, each
    // row fired those tables' triggers: 1M volunteers took over an hour.
    // The upgrade's time is printed: it is what a user's old file costs.
    std::optional<Database> load;
    load.emplace(o.out);
    Database& db = *load;
    storage::migrateDatabaseTo(db, kLoadSchema);
    // The load is rebuilt from scratch if it fails: no rollback journal needed.
    db.exec("PRAGMA journal_mode = OFF");
    db.exec("PRAGMA synchronous = OFF");
    db.exec("PRAGMA cache_size = -1000000");
    db.exec("PRAGMA temp_store = MEMORY");
    db.exec("PRAGMA foreign_keys = OFF");   // every reference is written valid; checked at the end
    const auto indexes = dropIndexes(db);
    db.exec("BEGIN");
    // The migrations' own rows carry the time of the run: fixed too, for a byte-identical dump.
    db.prepare("UPDATE creation_kind SET created_at = ?").bind(1, createdAt).run();

    auto titleId = [&](const char* name, const char* kind, const char* level) {
        auto st = db.prepare("SELECT id FROM award_title WHERE name = ? AND subject_kind = ? AND level = ?");
        st.bind(1, name).bind(2, kind).bind(3, level);
        const RowId id = st.step() ? st.columnInt(0) : 0;
        if (id == 0) { std::fprintf(stderr, "荣誉目录中缺少 %s %s\n", level, name); std::exit(1); }
        return id;
    };

    // ---- units: 1 区, ~30 streets (every sixth a 镇), ~600 communities (社区, or 村 under a 镇)
    std::vector<Unit> units;   // [0] district, then streets, then communities
    std::vector<std::size_t> streetIndex, communityIndex;
    {
        auto ins = db.prepare("INSERT INTO org_unit (id, parent_id, name, kind, households, sort_order, created_at)"
                              " VALUES (?, ?, ?, ?, 0, ?, ?)");
        auto add = [&](std::int64_t id, std::int64_t parent, const std::string& name, const char* kind, int order) {
            ins.reset();
            ins.bindIdOrNull(2, parent).bind(1, id).bind(3, name).bind(4, kind).bind(5, order).bind(6, createdAt);
            ins.run();
        };
        std::int64_t nextId = 1;
        units.push_back({nextId, -1, "临江区", 0, 0, {}});
        add(nextId++, 0, "临江区", "区", 0);
        // 30 streets of 20 communities for a city; fewer, smaller ones for a small file.
        const int streetsWanted = o.households >= 400000 ? 30 : std::clamp(o.households / 16000, 3, 30);
        const int communitiesPerStreet = o.households >= 400000 ? 20 : std::clamp(o.households / 800 / streetsWanted, 2, 20);
        for (int s = 0; s < streetsWanted; ++s) {
            const bool town = s % 6 == 5;
            const std::string name = kStreetStems[static_cast<std::size_t>(s)] + (town ? "镇" : "街道");
            streetIndex.push_back(units.size());
            units.push_back({nextId, -1, name, 0, 0, {}});
            add(nextId++, 1, name, town ? "镇" : "街道", s);
            const std::int64_t streetId = units.back().id;
            for (int c = 0; c < communitiesPerStreet; ++c) {
                const std::string stem = kCommunityStems[static_cast<std::size_t>((s * 7 + c) % kCommunityStems.size())];
                const std::string cname = town ? stem + "村" : stem + "社区";
                communityIndex.push_back(units.size());
                units.push_back({nextId, s, cname, 0, 0, {}});
                add(nextId++, streetId, cname, town ? "村" : "社区", c);
            }
        }
    }
    const std::size_t nCommunities = communityIndex.size();

    // ---- activities, in date order (ids follow held_on)
    struct Activity { int day; std::int64_t id; int participants = 0; std::string name; };
    std::vector<Activity> activities;
    {
        const std::vector<std::string> themes = {"反家暴宣传", "平安巡逻", "关爱空巢老人", "家庭教育讲座", "巾帼护河",
                                                 "垃圾分类宣传", "义诊服务", "四点半课堂", "防诈骗宣传", "邻里节",
                                                 "困难家庭帮扶", "文明家风分享会", "妇女健康讲座", "禁毒宣传", "消防演练"};
        const std::vector<std::string> kinds = {"宣传", "巡逻", "帮扶", "宣传", "培训", "宣传", "帮扶", "帮扶", "宣传", "文体",
                                                "帮扶", "宣传", "培训", "宣传", "培训"};
        std::vector<int> days;
        for (int i = 0; i < o.activities; ++i) days.push_back(rng.between(kFirstServiceDay, kLastServiceDay));
        std::sort(days.begin(), days.end());
        auto ins = db.prepare("INSERT INTO activity (id, name, held_on, unit_id, kind, participants, note, created_at)"
                              " VALUES (?, ?, ?, ?, ?, 0, '', ?)");
        for (int i = 0; i < o.activities; ++i) {
            const auto theme = static_cast<std::size_t>(rng.next() % themes.size());
            const bool streetWide = rng.chance(0.25);
            const Unit& u = streetWide ? units[streetIndex[rng.next() % streetIndex.size()]]
                                       : units[communityIndex[rng.next() % nCommunities]];
            int y, m, d;
            civilFromDays(days[static_cast<std::size_t>(i)], y, m, d);
            Activity a{days[static_cast<std::size_t>(i)], i + 1, 0,
                       u.name + themes[theme] + "活动（" + std::to_string(m) + "月）"};
            ins.reset();
            ins.bind(1, a.id).bind(2, a.name).bind(3, isoDay(a.day)).bind(4, u.id).bind(5, kinds[theme]).bind(6, createdAt);
            ins.run();
            activities.push_back(std::move(a));
        }
    }

    // ---- volunteers
    struct PersonInfo { int joinedDay; std::uint8_t tier; };
    std::vector<PersonInfo> people(static_cast<std::size_t>(o.volunteers));
    std::vector<std::string> names(static_cast<std::size_t>(o.volunteers));
    {
        const std::vector<std::string> regions = {"330109", "330102", "330104", "330105", "330106", "330108", "330110",
                                                  "330122", "330181", "330182", "340104", "360102", "410105", "420106"};
        const std::vector<std::string> phonePrefixes = {"130", "131", "132", "133", "135", "136", "137", "138", "139",
                                                        "150", "151", "152", "155", "157", "158", "159", "177", "180",
                                                        "181", "182", "186", "187", "188", "189", "199"};
        // (birth day, region, sex) -> the next sequence number: 499 per key, unique ID numbers.
        std::vector<std::uint16_t> seqUsed(static_cast<std::size_t>(daysFromCivil(2010, 1, 1) - daysFromCivil(1945, 1, 1)) *
                                           regions.size() * 2, 0);
        const int birthFirst = daysFromCivil(1946, 1, 1), birthLast = daysFromCivil(2006, 12, 31);
        const int joinFirst = daysFromCivil(2012, 1, 1), joinLast = daysFromCivil(2026, 10, 31);
        auto ins = db.prepare(
            "INSERT INTO person (id, name, gender, id_number, phone, unit_id, is_volunteer, joined_on, roster_hours,"
            " roster_hours_as_of, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, '', ?, ?)");
        auto credit = db.prepare("INSERT INTO roster_credit (person_id, credited_on, hours, period, reported, created_at)"
                                 " VALUES (?, ?, ?, NULL, ?, ?)");
        const std::uint64_t phoneMul = 48271;   // odd and coprime to 10^8: distinct suffixes for distinct ids
        for (int i = 0; i < o.volunteers; ++i) {
            const std::int64_t id = i + 1;
            const bool female = rng.chance(0.86);
            names[static_cast<std::size_t>(i)] = personName(rng, female);
            // Birth: mostly 1955–1995.
            int birth = std::clamp(rng.between(birthFirst, birthLast) / 2 + rng.between(birthFirst, birthLast) / 2,
                                   birthFirst, birthLast);
            const std::size_t region = rng.chance(0.8) ? 0 : static_cast<std::size_t>(rng.next() % regions.size());
            std::string idNumber;
            for (;;) {
                const std::size_t key = (static_cast<std::size_t>(birth - daysFromCivil(1945, 1, 1)) * regions.size() + region) * 2
                                        + (female ? 0 : 1);
                if (seqUsed[key] < 499) {
                    const int seq = seqUsed[key]++ * 2 + (female ? 2 : 1);   // 17th digit: odd for men, even for women; never 000
                    int y, m, d;
                    civilFromDays(birth, y, m, d);
                    char first17[18];
                    std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03d", regions[region].c_str(), y, m, d, seq);
                    idNumber = std::string(first17) + idCheckCharacter(first17);
                    break;
                }
                birth = birth < birthLast ? birth + 1 : birthFirst;
            }
            const std::uint64_t suffix = (static_cast<std::uint64_t>(id) * phoneMul + o.seed * 7919) % 100000000ULL;
            char phone[16];
            std::snprintf(phone, sizeof phone, "%s%08llu", phonePrefixes[static_cast<std::size_t>(id) % phonePrefixes.size()].c_str(),
                          static_cast<unsigned long long>(suffix));
            // Community: skewed a little, so some communities are much bigger than others.
            const std::size_t c = static_cast<std::size_t>(std::floor(std::pow(rng.unit(), 1.15) * static_cast<double>(nCommunities)));
            Unit& u = units[communityIndex[std::min(c, nCommunities - 1)]];
            u.people.push_back(id);
            // Joined: more recently joined than long ago.
            const int joined = joinLast - static_cast<int>(std::pow(rng.unit(), 1.6) * (joinLast - joinFirst));
            const double tierDraw = rng.unit();
            people[static_cast<std::size_t>(i)] = {joined, static_cast<std::uint8_t>(tierDraw < 0.55 ? 0 : tierDraw < 0.90 ? 1 : 2)};
            double rosterHours = 0;
            std::string asOf;
            if (rng.chance(0.10)) {
                rosterHours = rng.between(4, 400) * 0.5;
                asOf = "2023-12-31";
            }
            ins.reset();
            ins.bind(1, id).bind(2, names[static_cast<std::size_t>(i)]).bind(3, female ? "女" : "男").bind(4, idNumber)
                .bind(5, phone).bind(6, u.id).bind(7, isoDay(joined)).bind(8, rosterHours).bindTextOrNull(9, asOf)
                .bind(10, createdAt).bind(11, createdAt);
            ins.run();
            if (rng.chance(0.03)) {   // a later roster added hours
                const int day = rng.between(std::max(joined, kFirstServiceDay), kLastServiceDay);
                const double hours = rng.between(4, 80) * 0.5;
                credit.reset();
                credit.bind(1, id).bind(2, isoDay(day)).bind(3, hours).bind(4, rosterHours + hours).bind(5, createdAt);
                credit.run();
            }
        }
    }
    std::printf("units %zu, activities %d, volunteers %d: %.1f s\n", units.size(), o.activities, o.volunteers,
                secondsSince(start));
    std::fflush(stdout);

    // ---- service records: counts per person (skewed), made to total exactly o.records, then sorted by date
    {
        std::vector<int> counts(people.size());
        long long total = 0;
        for (std::size_t i = 0; i < people.size(); ++i) {
            const double mean = people[i].tier == 0 ? 2.0 : people[i].tier == 1 ? 6.0 : 20.0;
            // Who joined late had less time to serve.
            const int start = std::max(people[i].joinedDay, kFirstServiceDay);
            const double share = static_cast<double>(kLastServiceDay - start + 1) / (kLastServiceDay - kFirstServiceDay + 1);
            counts[i] = std::min(300, rng.geometric(mean * share * 1.02));
            total += counts[i];
        }
        while (total < o.records) {
            const std::size_t i = rng.next() % counts.size();
            if (counts[i] < 300) { ++counts[i]; ++total; }
        }
        while (total > o.records) {
            const std::size_t i = rng.next() % counts.size();
            if (counts[i] > 0) { --counts[i]; --total; }
        }
        std::vector<Record> records;
        records.reserve(static_cast<std::size_t>(o.records));
        std::vector<int> activityDays;
        for (const auto& a : activities) activityDays.push_back(a.day);
        for (std::size_t i = 0; i < people.size(); ++i) {
            const int first = std::max(people[i].joinedDay, kFirstServiceDay);
            const auto firstActivity = static_cast<std::size_t>(
                std::lower_bound(activityDays.begin(), activityDays.end(), first) - activityDays.begin());
            for (int r = 0; r < counts[i]; ++r) {
                Record rec{static_cast<std::int32_t>(i + 1), 0, -1, 0, 0};
                if (firstActivity < activities.size() && rng.chance(0.75)) {
                    const std::size_t a = firstActivity + rng.next() % (activities.size() - firstActivity);
                    rec.activity = static_cast<std::int16_t>(a);
                    rec.day = activities[a].day;
                    ++activities[a].participants;
                } else {
                    rec.day = rng.between(first, kLastServiceDay);
                }
                rec.halfHours = static_cast<std::uint8_t>(rng.chance(0.6) ? rng.between(2, 8) : rng.between(1, 16));
                const bool recent = rec.day > kLastServiceDay - 30;
                const bool verified = rng.chance(recent ? 0.6 : 0.92);
                rec.flags = static_cast<std::uint8_t>((verified ? 1 : 0) | (rng.between(0, 7) << 1));
                records.push_back(rec);
            }
        }
        std::sort(records.begin(), records.end(), [](const Record& a, const Record& b) {
            return a.day != b.day ? a.day < b.day : a.person < b.person;
        });
        const std::vector<std::string> descriptions = {"入户走访", "政策宣传", "环境整治", "陪伴老人", "值守巡逻",
                                                       "课后辅导", "帮扶慰问", "活动保障"};
        const std::vector<std::string> recorders = {"", "", "社区妇联", "街道妇联", "巾帼志愿服务队"};
        auto ins = db.prepare("INSERT INTO service_record (person_id, activity_id, served_on, hours, description, verified,"
                              " recorded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        std::vector<std::string> dayText(static_cast<std::size_t>(kLastServiceDay + 2));
        std::vector<std::string> dayCreated(dayText.size());
        for (int d = kFirstServiceDay - 4000; d <= kLastServiceDay; ++d) {
            dayText[static_cast<std::size_t>(d)] = isoDay(d);
            dayCreated[static_cast<std::size_t>(d)] = isoDay(std::min(d + 1, kLastServiceDay)) + "T09:30:00Z";
        }
        for (const Record& rec : records) {
            ins.reset();
            ins.bind(1, static_cast<std::int64_t>(rec.person));
            if (rec.activity >= 0) ins.bind(2, activities[static_cast<std::size_t>(rec.activity)].id); else ins.bindNull(2);
            const auto day = static_cast<std::size_t>(rec.day);
            ins.bindUncopied(3, dayText[day]).bind(4, rec.halfHours * 0.5)
                .bindUncopied(5, rec.activity >= 0 ? std::string_view("参加活动") : std::string_view(descriptions[rec.flags >> 1]))
                .bind(6, rec.flags & 1).bindUncopied(7, recorders[(rec.flags >> 1) % recorders.size()])
                .bindUncopied(8, dayCreated[day]);
            ins.run();
        }
        auto setParticipants = db.prepare("UPDATE activity SET participants = ? WHERE id = ?");
        for (const auto& a : activities) {
            setParticipants.reset();
            setParticipants.bind(1, a.participants).bind(2, a.id);
            setParticipants.run();
        }
    }
    std::printf("service records %d: %.1f s\n", o.records, secondsSince(start));
    std::fflush(stdout);

    // ---- households and family titles
    long long familyAwards = 0;
    const std::int64_t safeCommunity = titleId("平安家庭", "family", "社区");
    const std::int64_t safeStreet = titleId("平安家庭", "family", "街道");
    const std::int64_t safeDistrict = titleId("平安家庭", "family", "区");
    const std::int64_t fiveGoodCommunity = titleId("五好文明家庭", "family", "社区");
    const std::int64_t fiveGoodStreet = titleId("五好文明家庭", "family", "街道");
    const std::int64_t fiveGoodDistrict = titleId("五好文明家庭", "family", "区");
    const std::int64_t fiveGoodCity = titleId("五好文明家庭", "family", "市");
    const std::int64_t loveliest = titleId("最美家庭", "family", "区");
    const std::int64_t civilised = titleId("文明家庭", "family", "街道");

    auto insAward = db.prepare("INSERT INTO award (id, title_id, year, family_id, person_id, post_id, collective_name, unit_id,"
                               " status, doc_number, fix_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    auto insEvent = db.prepare("INSERT INTO award_event (award_id, status, happened_on, doc_number, score, fix_by, note,"
                               " recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    std::int64_t nextAwardId = 1;
    struct Event { const char* status; int day; std::string doc; double score; std::string fixBy; std::string note; };
    // An award and its history; the award carries the latest event's status and fix_by, the 命名 文号.
    auto writeAward = [&](std::int64_t title, int year, std::int64_t family, std::int64_t person, std::int64_t post,
                          const std::string& collective, std::int64_t unit, const std::vector<Event>& events) {
        const std::int64_t id = nextAwardId++;
        std::string doc;
        for (const Event& e : events)
            if (std::strcmp(e.status, "命名") == 0) doc = e.doc;
        insAward.reset();
        insAward.bind(1, id).bind(2, title).bind(3, year).bindIdOrNull(4, family).bindIdOrNull(5, person)
            .bindIdOrNull(6, post).bindTextOrNull(7, collective).bindIdOrNull(8, unit).bind(9, events.back().status)
            .bind(10, doc).bindTextOrNull(11, events.back().fixBy).bind(12, createdAt);
        insAward.run();
        for (const Event& e : events) {
            insEvent.reset();
            insEvent.bind(1, id).bind(2, e.status).bind(3, isoDay(e.day)).bind(4, e.doc);
            if (e.score > 0) insEvent.bind(5, e.score); else insEvent.bindNull(5);
            insEvent.bindTextOrNull(6, e.fixBy).bind(7, e.note).bind(8, createdAt);
            insEvent.run();
        }
        ++familyAwards;
        return id;
    };
    auto doc = [](const char* prefix, int year, int n) {
        return std::string(prefix) + "〔" + std::to_string(year) + "〕" + std::to_string(n) + "号";
    };
    // A title named in `year` (on the level's naming day, never after the data's today), kept, confirmed
    // by a 复核 a year or more later, or revoked.
    auto familyTitle = [&](std::int64_t title, int year, std::int64_t family, std::int64_t unit, const char* prefix,
                           int namingMonth, double reviewShare, double revokeShare) {
        const int named = std::min(daysFromCivil(year, namingMonth, 8 + static_cast<int>(title % 15)), kLastServiceDay - 2);
        std::vector<Event> ev{{"命名", named, doc(prefix, year, 10 + static_cast<int>(title % 30)), 0, "", "年度评选命名"}};
        const double draw = rng.unit();
        if (draw < reviewShare && named + 400 <= kLastServiceDay)
            ev.push_back({"复核", rng.between(named + 365, std::min(named + 700, kLastServiceDay)), "", 0, "", "动态管理复核合格，保留称号"});
        else if (draw < reviewShare + revokeShare && named + 60 <= kLastServiceDay)
            ev.push_back({"撤销", rng.between(named + 60, kLastServiceDay),
                          doc(prefix, yearOf(std::min(named + 200, kLastServiceDay)), 90), 0, "", "家庭成员出现违法违纪情况，撤销称号"});
        writeAward(title, year, family, 0, 0, "", unit, ev);
    };
    long long familiesWritten = 0;
    {
        // Families per community: in proportion to its residents, at least one each.
        long long residents = 0;
        for (std::size_t c : communityIndex) residents += static_cast<long long>(units[c].people.size()) + 50;
        long long assigned = 0;
        for (std::size_t k = 0; k < nCommunities; ++k) {
            Unit& u = units[communityIndex[k]];
            u.families = static_cast<int>(static_cast<long long>(o.households) * (static_cast<long long>(u.people.size()) + 50) / residents);
            assigned += u.families;
        }
        for (std::size_t k = 0; assigned < o.households; k = (k + 1) % nCommunities, ++assigned) ++units[communityIndex[k]].families;
        auto ins = db.prepare("INSERT INTO family (id, head_name, head_person_id, address, members, unit_id, note, created_at)"
                              " VALUES (?, ?, ?, ?, ?, ?, '', ?)");
        std::int64_t familyId = 1;
        for (std::size_t k = 0; k < nCommunities; ++k) {
            Unit& u = units[communityIndex[k]];
            u.households = u.families + u.families * rng.between(8, 20) / 100;   // not every household is on file
            const std::string& road = kRoadStems[k % kRoadStems.size()];
            for (int f = 0; f < u.families; ++f, ++familyId) {
                std::string head;
                std::int64_t headPerson = 0;
                if (!u.people.empty() && rng.chance(0.2)) {
                    headPerson = u.people[rng.next() % u.people.size()];
                    head = names[static_cast<std::size_t>(headPerson - 1)];
                } else {
                    head = personName(rng, rng.chance(0.5));
                }
                // Unique within the community: building, unit, room from the counter.
                const std::string address = road + "路" + std::to_string(f / 48 + 1) + "号" + std::to_string(f / 16 % 3 + 1) +
                                            "单元" + std::to_string((f % 16) / 2 + 1) + "0" + std::to_string(f % 2 + 1) + "室";
                ins.reset();
                ins.bind(1, familyId).bind(2, head).bindIdOrNull(3, headPerson).bind(4, address)
                    .bind(5, std::min(7, 1 + rng.geometric(1.8))).bind(6, u.id).bind(7, createdAt);
                ins.run();
                ++familiesWritten;
                // 平安家庭: most households, named 2024–2026 at community level; some rise a level.
                if (rng.chance(0.88)) {
                    const int year = 2024 + static_cast<int>(rng.next() % 3);
                    familyTitle(safeCommunity, year, familyId, u.id, "临妇字", 6, 0.08, 0.03);
                    if (year < 2026 && rng.chance(0.08)) {
                        familyTitle(safeStreet, year + 1, familyId, u.id, "临妇字", 9, 0.05, 0.02);
                        if (rng.chance(0.1)) familyTitle(safeDistrict, 2026, familyId, u.id, "临妇字", 11, 0, 0.01);
                    }
                }
                if (rng.chance(0.10)) {
                    const int year = 2024 + static_cast<int>(rng.next() % 3);
                    familyTitle(fiveGoodCommunity, year, familyId, u.id, "临妇字", 3, 0.1, 0.02);
                    if (year < 2026 && rng.chance(0.3)) {
                        familyTitle(fiveGoodStreet, year + 1, familyId, u.id, "临妇字", 3, 0.05, 0.01);
                        if (rng.chance(0.15)) {
                            familyTitle(fiveGoodDistrict, 2026, familyId, u.id, "临妇字", 5, 0, 0);
                            if (rng.chance(0.1)) familyTitle(fiveGoodCity, 2026, familyId, u.id, "江妇字", 10, 0, 0);
                        }
                    }
                }
                if (rng.chance(0.01)) familyTitle(loveliest, 2024 + static_cast<int>(rng.next() % 3), familyId, u.id, "临妇字", 5, 0, 0);
                if (rng.chance(0.02)) familyTitle(civilised, 2024 + static_cast<int>(rng.next() % 3), familyId, u.id, "临妇字", 12, 0.05, 0.01);
            }
        }
        // Households of the tree: a street's are its communities', the district's its streets'.
        auto setHouseholds = db.prepare("UPDATE org_unit SET households = ? WHERE id = ?");
        for (std::size_t s : streetIndex) units[s].households = 0;
        for (std::size_t c : communityIndex) units[streetIndex[static_cast<std::size_t>(units[c].street)]].households += units[c].households;
        units[0].households = 0;
        for (std::size_t s : streetIndex) units[0].households += units[s].households;
        for (const Unit& u : units) {
            setHouseholds.reset();
            setHouseholds.bind(1, u.households).bind(2, u.id);
            setHouseholds.run();
        }
    }
    std::printf("households %lld, family titles %lld: %.1f s\n", familiesWritten, familyAwards, secondsSince(start));
    std::fflush(stdout);

    // ---- person and collective titles
    {
        struct PersonTitle { const char* name; const char* level; int perYear; };
        const PersonTitle titles[] = {{"三八红旗手", "区", 120}, {"三八红旗手", "市", 15}, {"巾帼建功标兵", "区", 150},
                                      {"巾帼建功标兵", "市", 20}, {"十佳好邻居", "区", 300}, {"三八红旗手", "省", 2}};
        for (const PersonTitle& t : titles) {
            const std::int64_t title = titleId(t.name, "person", t.level);
            for (int year = 2024; year <= 2026; ++year) {
                const int n = std::min(t.perYear * o.volunteers / 1000000 + 1, o.volunteers);
                std::vector<std::int64_t> chosen;
                for (int k = 0; k < n; ++k) chosen.push_back(1 + static_cast<std::int64_t>(rng.next() % static_cast<std::uint64_t>(o.volunteers)));
                std::sort(chosen.begin(), chosen.end());
                chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
                const int named = std::min(daysFromCivil(year, 3, 6), kLastServiceDay);
                for (std::int64_t person : chosen)
                    writeAward(title, year, 0, person, 0, "", 0,
                               {{"命名", named, doc(std::strcmp(t.level, "区") == 0 ? "临妇字" : "江妇字", year, 5), 0, "", "三八节表彰"}});
            }
        }
        const std::int64_t collective = titleId("三八红旗集体", "collective", "区");
        for (int year = 2024; year <= 2026; ++year)
            for (std::size_t k = 0; k < std::min<std::size_t>(40, nCommunities); ++k) {
                const Unit& u = units[communityIndex[(k * 13 + static_cast<std::size_t>(year)) % nCommunities]];
                writeAward(collective, year, 0, 0, 0, u.name + "妇联", u.id,
                           {{"命名", daysFromCivil(year, 3, 6), doc("临妇字", year, 6), 0, "", "三八节表彰"}});
            }
    }

    // ---- 巾帼文明岗 in every lifecycle state
    int posts = 0;
    {
        const std::vector<std::string> orgs = {"人民医院", "妇幼保健院", "税务局", "工商银行支行", "政务服务中心", "实验小学",
                                               "公交分公司", "派出所", "邮政支局", "第一中学", "疾控中心", "市场监管所",
                                               "供电中心", "图书馆", "检察院", "农商银行支行", "中医院", "社保中心",
                                               "档案馆", "婚姻登记处", "不动产登记中心", "幼儿园", "卫生院", "移动营业厅"};
        const std::vector<std::string> depts = {"护理部", "综合窗口", "营业部", "教研组", "服务台", "客服班", "门诊部", "户籍室"};
        const std::int64_t district = titleId("巾帼文明岗", "post", "区");
        const std::int64_t city = titleId("巾帼文明标兵岗", "post", "市");
        const std::int64_t province = titleId("巾帼示范岗", "post", "省");
        auto ins = db.prepare("INSERT INTO post (id, work_unit, name, unit_id, members, women_members, women_leaders,"
                              " contact_name, contact_phone, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)");
        auto chain = [&](int year, const char* level, double score, bool named) {
            std::vector<Event> ev{{"申报", daysFromCivil(year, 3, rng.between(5, 28)), "", 0, "", "单位提交创建申报表"},
                                  {"创建", daysFromCivil(year, 4, rng.between(8, 28)), "", 0, "", std::string("列入") + level + "级创建名单"}};
            if (score > 0) ev.push_back({"考核验收", daysFromCivil(year, 9, rng.between(10, 28)), "", score, "", "考核验收（百分制）"});
            if (named) ev.push_back({"命名", std::min(daysFromCivil(year, 11, 16), kLastServiceDay), doc(std::strcmp(level, "区") == 0 ? "临妇字" : std::strcmp(level, "市") == 0 ? "江妇字" : "浙妇字", year, 30), 0, "", "命名"});
            return ev;
        };
        const int nPosts = std::max(18, 240 * o.households / 500000);
        for (int i = 0; i < nPosts; ++i) {
            const std::int64_t id = i + 1;
            const Unit& street = units[streetIndex[static_cast<std::size_t>(i) % streetIndex.size()]];
            const std::string workUnit = street.name + orgs[static_cast<std::size_t>(i / 3) % orgs.size()];
            const int members = rng.between(6, 48);
            const int women = std::max(1, members * rng.between(50, 95) / 100);
            ins.reset();
            ins.bind(1, id).bind(2, workUnit).bind(3, depts[static_cast<std::size_t>(i) % depts.size()]).bind(4, street.id)
                .bind(5, members).bind(6, women).bind(7, rng.between(0, 3)).bind(8, personName(rng, true))
                .bind(9, "139" + std::to_string(10000000 + i * 7)).bind(10, createdAt);
            ins.run();
            ++posts;
            const double score = rng.between(76, 96);
            switch (i % 9) {
            case 0: writeAward(district, 2026, 0, 0, id, "", street.id,
                               {{"申报", daysFromCivil(2026, 10, rng.between(1, 20)), "", 0, "", "单位提交创建申报表"}}); break;
            case 1: writeAward(district, 2026, 0, 0, id, "", street.id, chain(2026, "区", 0, false)); break;
            case 2: writeAward(district, 2026, 0, 0, id, "", street.id, chain(2026, "区", score, false)); break;
            case 3: case 4: writeAward(district, 2024 + i % 3, 0, 0, id, "", street.id, chain(2024 + i % 3, "区", score, true)); break;
            case 5: {
                writeAward(district, 2022, 0, 0, id, "", street.id, chain(2022, "区", 88, true));
                writeAward(city, 2024, 0, 0, id, "", street.id, chain(2024, "市", score, true));
                if (i % 2 == 1) writeAward(province, 2026, 0, 0, id, "", street.id, chain(2026, "省", 93, true));
                break;
            }
            case 6: {
                auto ev = chain(2023, "区", 88, true);
                ev.push_back({"复核", daysFromCivil(2025, 9, 20), "", score, "", "动态管理复核合格，保留称号"});
                writeAward(district, 2023, 0, 0, id, "", street.id, ev);
                break;
            }
            case 7: {
                auto ev = chain(2023, "区", 84, true);
                ev.push_back({"复核", daysFromCivil(2026, 10, 15), "", 58, "2027-03-31", "复核不合格：服务台账缺失；限期整改"});
                writeAward(district, 2023, 0, 0, id, "", street.id, ev);
                break;
            }
            default: {
                auto ev = chain(2021, "区", 84, true);
                ev.push_back({"复核", daysFromCivil(2024, 9, 26), "", 55, "2025-03-31", "复核不合格：女职工占比未达标；限期整改"});
                ev.push_back({"撤销", daysFromCivil(2025, 4, 10), doc("临妇字", 2025, 9), 0, "", "整改期满复查仍不合格，撤销称号"});
                writeAward(district, 2021, 0, 0, id, "", street.id, ev);
                break;
            }
            }
        }
    }

    // ---- 2026 targets
    {
        auto ins = db.prepare("INSERT INTO target (unit_id, year, metric, title_id, at_level, indicator, goal, note)"
                              " VALUES (?, 2026, ?, ?, 0, NULL, ?, ?)");
        auto target = [&](std::int64_t unit, const char* metric, std::int64_t title, double goal, const char* note) {
            ins.reset();
            ins.bind(1, unit).bind(2, metric).bindIdOrNull(3, title).bind(4, goal).bind(5, note);
            ins.run();
        };
        target(units[0].id, "title_rate", safeCommunity, 0.90, "2026年平安家庭创建率达到90%");
        for (std::size_t s : streetIndex) {
            target(units[s].id, "title_rate", safeCommunity, 0.90, "2026年平安家庭创建率达到90%");
            target(units[s].id, "volunteer_hours", 0, std::ceil(o.records * 2.2 / 3.0 / static_cast<double>(streetIndex.size()) / 100.0) * 100.0,
                   "全年志愿服务时长");
        }
        target(units[0].id, "volunteer_hours", 0, std::ceil(o.records * 2.2 / 3.0 / 1000.0) * 1000.0, "全年志愿服务时长");
        target(units[0].id, "activities", 0, std::ceil(o.activities / 3.0 * 1.15 / 10.0) * 10.0, "全年开展巾帼志愿服务活动");
        target(units[0].id, "volunteers", 0, std::ceil(o.volunteers * 1.05 / 1000.0) * 1000.0, "注册巾帼志愿者人数");
        target(units[0].id, "post_count", titleId("巾帼文明岗", "post", "区"), std::max(1, posts / 9 + 5), "2026年新命名区级巾帼文明岗");
    }

    db.exec("COMMIT");
    std::printf("titles, posts and targets written: %.1f s\n", secondsSince(start));
    std::fflush(stdout);
    for (const auto& [name, sql] : indexes) db.exec(sql);
    std::printf("indexes rebuilt: %.1f s\n", secondsSince(start));
    std::fflush(stdout);
    {
        auto check = db.prepare("PRAGMA foreign_key_check");
        if (check.step()) { std::fprintf(stderr, "foreign_key_check failed on table %s\n", check.columnText(0).c_str()); return 1; }
    }
    db.exec("PRAGMA foreign_keys = ON");
    db.exec("PRAGMA journal_mode = WAL");   // as the app keeps it
    load.reset();
    // The upgrade, as openAndMigrate upgrades an old file (less its 升级前
    // backup and its damage check, which cost what copying and reading the file cost).
    const auto upgradeStart = std::chrono::steady_clock::now();
    {
        Database upgraded(o.out);
        storage::migrateDatabase(upgraded);
        std::printf("upgraded from schema %d to %d (migrations and fills): %.1f s\n", kLoadSchema,
                    upgraded.userVersion(), secondsSince(upgradeStart));
        std::fflush(stdout);
        upgraded.exec("ANALYZE");
        upgraded.checkpointWal();
    }
    std::printf("analyzed: %.1f s\n", secondsSince(start));
    }
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(o.out, ec);
    std::printf("%s: %.1f MiB in %.1f s (volunteers %d, records %d, households %d, activities %d, seed %llu)\n",
                o.out.c_str(), static_cast<double>(bytes) / 1048576.0, secondsSince(start), o.volunteers, o.records,
                o.households, o.activities, static_cast<unsigned long long>(o.seed));
    return 0;
}
