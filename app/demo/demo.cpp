// demo.cpp — the demo district behind `jinguo demo --db FILE`.
//
// Everything is planned in memory from one std::mt19937 (no clock, no
// std::*_distribution, whose output differs between standard libraries), then
// written through Storage in one transaction. The data tell a consistent
// story: households of a street are the sum of its communities, a volunteer
// serves only after joining and never more than 24 h a day, a post named at
// 市 level held the 区 title two years earlier, a revoked post failed a
// re-review first, and 2026 targets are within reach but not yet met.
//
// [SECTION] Random numbers and dates
// [SECTION] Names, ID numbers and phones
// [SECTION] The district: streets and communities
// [SECTION] Volunteers, activities and service records
// [SECTION] Families
// [SECTION] Individuals and collectives
// [SECTION] 巾帼文明岗
// [SECTION] Targets and indicators
// [SECTION] writeDemoData
#include "demo/demo.hpp"

#include "core/id_number.hpp"
#include "core/periods.hpp"
#include "storage/badge_store.hpp"
#include "storage/bulk_cache.hpp"
#include "storage/bulk_seed.hpp"
#include "storage/storage.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <random>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace jinguo::demo {

namespace {

// ============================================================ [SECTION] Random numbers and dates

// Uniform draws from raw mt19937 output: the same seed gives the same demo
// with any standard library (the <random> distributions are not portable).
class Rng {
public:
    explicit Rng(std::uint32_t seed) : m_engine(seed) {}

    int between(int lo, int hi) {   // inclusive
        return lo + static_cast<int>(m_engine() % static_cast<std::uint32_t>(hi - lo + 1));
    }
    double unit() { return m_engine() / 4294967296.0; }
    bool chance(double p) { return unit() < p; }
    double halfHours(double lo, double hi) {   // a multiple of 0.5 in [lo, hi]
        return between(static_cast<int>(lo * 2), static_cast<int>(hi * 2)) / 2.0;
    }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))]; }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i)
            std::swap(v[i - 1], v[static_cast<std::size_t>(between(0, static_cast<int>(i) - 1))]);
    }

private:
    std::mt19937 m_engine;
};

// Days since 1970-01-01 (H. Hinnant's civil calendar algorithms).
int daysFromCivil(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string isoFromDays(int z) {
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    const int y = yoe + era * 400 + (m <= 2);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::string isoDate(int y, int m, int d) { return isoFromDays(daysFromCivil(y, m, d)); }

// The demo covers 2025-01-01 .. 2026-11-28; "today" is 2026-11-29.
const char* const kDemoToday = "2026-11-29";
const int kFirstDay = daysFromCivil(2025, 1, 1);
const int kLastDay = daysFromCivil(2026, 11, 28);
constexpr int kCurrentYear = 2026;
const std::string kRosterAsOf = "2024-12-31";
const std::string kVerifyLagFrom = "2026-11-07";   // the last three weeks are mostly not yet verified

std::string yearText(int year) { return std::to_string(year); }

// 文号 of the issuing federations: 临江区妇联, 江州市妇联, the province's.
std::string districtDoc(int year, int n) { return "临妇字〔" + yearText(year) + "〕" + std::to_string(n) + "号"; }
std::string cityDoc(int year, int n) { return "江妇字〔" + yearText(year) + "〕" + std::to_string(n) + "号"; }
std::string provinceDoc(int year, int n) { return "浙妇字〔" + yearText(year) + "〕" + std::to_string(n) + "号"; }

// ============================================================ [SECTION] Names, ID numbers and phones

// Surnames weighted roughly by frequency (the common ones appear more often).
const std::vector<std::string> kSurnames = {
    "王", "王", "王", "李", "李", "李", "张", "张", "张", "刘", "刘", "陈", "陈", "杨", "杨", "黄", "赵",
    "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐",
    "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶",
    "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
    "石", "廖", "贾", "夏", "方", "邹", "孟", "熊", "秦", "江", "薛", "顾", "毛", "邵", "钱", "严", "戴",
    "俞", "楼", "应", "童", "虞", "章", "屠", "诸葛", "欧阳"};

// Given names by generation: born before 1970, 1970–1989, 1990 and later.
const std::vector<std::string> kWomenOld = {
    "秀英", "桂英", "玉兰", "秀兰", "凤英", "淑珍", "春梅", "爱华", "红梅", "桂芳", "玉珍", "秀珍", "美华",
    "月英", "素芬", "金凤", "丽华", "建英", "慧珍", "彩霞", "菊香", "美娟", "雪芬", "素娥"};
const std::vector<std::string> kWomenMiddle = {
    "丽", "静", "敏", "燕", "艳", "娟", "霞", "玲", "丹", "萍", "红", "慧", "晓燕", "丽华", "海燕", "丽娟",
    "雪梅", "晓红", "春燕", "美玲", "芳", "琴", "颖", "英", "蓉", "莉", "晓丽", "文静", "红霞", "亚萍", "利平"};
const std::vector<std::string> kWomenYoung = {
    "婷", "雪", "琳", "晶", "洁", "倩", "颖", "佳怡", "欣怡", "梓涵", "诗涵", "雨欣", "思琪", "可馨", "梦瑶",
    "晓雯", "雨婷", "静怡", "佳琪", "欣然", "若曦", "嘉欣", "一诺", "梦婷", "雅琪", "思雨", "心怡"};
const std::vector<std::string> kMenOld = {
    "建国", "国强", "建华", "志刚", "卫东", "德明", "国庆", "建军", "永明", "福生", "长林", "根宝", "金龙"};
const std::vector<std::string> kMenMiddle = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "鹏", "辉", "刚", "华", "平", "海波", "志强",
    "建平", "文斌", "晓东", "立新"};
const std::vector<std::string> kMenYoung = {
    "浩", "宇", "俊杰", "子轩", "浩然", "宇航", "博文", "子豪", "皓轩", "一鸣", "晨阳", "天佑", "思远"};

std::string makeName(Rng& rng, bool female, int birthYear) {
    const std::vector<std::string>& given =
        female ? (birthYear < 1970 ? kWomenOld : birthYear < 1990 ? kWomenMiddle : kWomenYoung)
               : (birthYear < 1970 ? kMenOld : birthYear < 1990 ? kMenMiddle : kMenYoung);
    return rng.pick(kSurnames) + rng.pick(given);
}

// Real administrative-division codes: mostly the city's own districts, some
// from elsewhere (people who moved here).
const std::vector<std::string> kLocalPrefixes = {"330102", "330105", "330106", "330108", "330109", "330110"};
const std::vector<std::string> kOtherPrefixes = {"330183", "330122", "340104", "341202", "362502",
                                                 "410105", "421127", "432503", "510106", "522101"};

struct Birth {
    int year = 1970, month = 1, day = 1;
};

int daysInMonth(int y, int m) {
    static constexpr int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : days[m - 1];
}

// Volunteers' ages: many retirees, many in mid-life, fewer young people.
Birth randomBirth(Rng& rng) {
    Birth b;
    const double u = rng.unit();
    b.year = u < 0.38 ? rng.between(1952, 1969) : u < 0.80 ? rng.between(1970, 1989) : rng.between(1990, 2006);
    b.month = rng.between(1, 12);
    b.day = rng.between(1, daysInMonth(b.year, b.month));
    return b;
}

// 6-digit region + YYYYMMDD + 3-digit sequence (its last digit odd for men,
// even for women) + the MOD 11-2 check character. Unique within the demo.
std::string makeIdNumber(Rng& rng, const std::string& prefix, const Birth& b, bool female,
                         std::unordered_set<std::string>& used) {
    for (;;) {
        int seq = rng.between(0, 999);
        if ((seq % 2 == 1) == female) seq ^= 1;   // women even, men odd
        char first17[18];
        std::snprintf(first17, sizeof first17, "%s%04d%02d%02d%03d", prefix.c_str(), b.year, b.month, b.day, seq);
        std::string id(first17, 17);
        id.push_back(idCheckCharacter(id));
        if (used.insert(id).second) return id;
    }
}

const std::vector<std::string> kPhonePrefixes = {
    "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
    "157", "158", "159", "173", "177", "180", "181", "182", "183", "186", "187", "188", "189", "191", "199"};

std::string makePhone(Rng& rng, std::unordered_set<std::string>& used) {
    for (;;) {
        char rest[9];
        std::snprintf(rest, sizeof rest, "%08d", rng.between(0, 99999999));
        std::string phone = rng.pick(kPhonePrefixes) + rest;
        if (used.insert(phone).second) return phone;
    }
}

// ============================================================ [SECTION] The district: streets and communities

struct StreetSpec {
    const char* name;
    UnitKind kind;                          // 街道 or 镇
    double baseRate;                        // the street's typical 平安家庭 rate (2026)
    std::vector<const char*> communities;   // names ending in 社区 or 村
};

// 江滨 reaches the 90 % goal; the others are on their way (南湖 lags behind).
const std::vector<StreetSpec> kStreets = {
    {"江滨街道", UnitKind::Street, 0.915, {"滨江社区", "望月社区", "金沙社区", "春晖社区", "临波社区", "观澜社区", "锦绣社区"}},
    {"文昌街道", UnitKind::Street, 0.875, {"文昌社区", "书院社区", "青莲社区", "学府社区", "桂花社区", "翠苑社区", "华庭社区"}},
    {"新塘街道", UnitKind::Street, 0.805, {"新塘社区", "东湖社区", "枫林社区", "景芳社区", "和平社区", "明珠社区"}},
    {"朝晖街道", UnitKind::Street, 0.885, {"朝阳社区", "紫荆社区", "长庆社区", "红星社区", "德胜社区", "万松社区", "玉泉社区"}},
    {"南湖街道", UnitKind::Street, 0.760, {"南湖社区", "荷花社区", "柳营社区", "阳光社区", "海棠社区", "东园社区"}},
    {"临浦镇", UnitKind::Town, 0.830, {"临浦社区", "横溪村", "凤凰村", "石桥村", "杨梅村", "双溪村", "桃源村"}},
};

// Each community lies along the road it is named after and one main road.
const std::vector<std::string> kMainRoads = {
    "人民路", "解放路", "建设路", "中山路", "凤起路", "延安路", "体育场路", "庆春路", "环城北路", "滨河路",
    "学院路", "文化路", "新华路", "江南大道", "秋涛路"};

struct CommunityPlan {
    std::string name;
    UnitKind kind = UnitKind::Community;   // 社区 or 村
    int street = 0;
    std::int64_t households = 0;
    double rate2026 = 0;           // households holding 平安家庭 ÷ households
    double share2025 = 0;          // of those, the share named in 2025
    RowId id = 0;
};

struct StreetPlan {
    std::string name;
    UnitKind kind = UnitKind::Street;
    std::vector<int> communities;
    std::int64_t households = 0;
    RowId id = 0;
};

struct District {
    std::string name = "临江区";
    RowId id = 0;
    std::int64_t households = 0;
    std::vector<StreetPlan> streets;
    std::vector<CommunityPlan> communities;
};

int communityIndex(const District& d, const std::string& name) {
    for (std::size_t i = 0; i < d.communities.size(); ++i)
        if (d.communities[i].name == name) return static_cast<int>(i);
    throw std::logic_error("demo: no community " + name);
}

District planDistrict(Rng& rng) {
    District d;
    for (std::size_t s = 0; s < kStreets.size(); ++s) {
        const StreetSpec& spec = kStreets[s];
        StreetPlan street;
        street.name = spec.name;
        street.kind = spec.kind;
        for (const char* name : spec.communities) {
            CommunityPlan c;
            c.name = name;
            c.kind = std::string(name).ends_with("村") ? UnitKind::Village : UnitKind::Community;
            c.street = static_cast<int>(s);
            c.households = c.kind == UnitKind::Village ? rng.between(800, 1450) : rng.between(900, 2500);
            c.rate2026 = std::clamp(spec.baseRate + rng.between(-35, 35) / 1000.0, 0.70, 0.95);
            c.share2025 = rng.between(15, 25) / 100.0;
            street.households += c.households;
            street.communities.push_back(static_cast<int>(d.communities.size()));
            d.communities.push_back(std::move(c));
        }
        d.households += street.households;
        d.streets.push_back(std::move(street));
    }
    return d;
}

void insertDistrict(storage::Storage& storage, District& d) {
    OrgUnit root;
    root.name = d.name;
    root.kind = UnitKind::District;
    root.households = d.households;
    d.id = storage.insertUnit(root);
    for (std::size_t s = 0; s < d.streets.size(); ++s) {
        StreetPlan& street = d.streets[s];
        OrgUnit u;
        u.parentId = d.id;
        u.name = street.name;
        u.kind = street.kind;
        u.households = street.households;
        u.sortOrder = static_cast<int>(s) + 1;
        street.id = storage.insertUnit(u);
        for (std::size_t i = 0; i < street.communities.size(); ++i) {
            CommunityPlan& c = d.communities[static_cast<std::size_t>(street.communities[i])];
            OrgUnit cu;
            cu.parentId = street.id;
            cu.name = c.name;
            cu.kind = c.kind;
            cu.households = c.households;
            cu.sortOrder = static_cast<int>(i) + 1;
            c.id = storage.insertUnit(cu);
        }
    }
}

// ============================================================ [SECTION] Volunteers, activities and service records

// How much a volunteer serves: a few carry the load, most help now and then.
enum Tier { Light, Medium, Strong, Heavy, Super };

struct VolunteerPlan {
    Person person;
    int community = 0;
    Tier tier = Light;
    double targetHours = 0;   // recorded hours 2025-01-01 .. 2026-11-28 to reach
    int startDay = 0;         // first day the volunteer may serve
    double recordedHours = 0;
};

struct SpecialVolunteer {
    const char* name;
    bool female;
    const char* prefix;
    const char* community;
    Tier tier;
    double targetHours;   // 0: drawn for the tier
};

// Names the UI must get right: rare characters, a middle dot, a character
// beyond U+FFFF, and two different people called 王芳.
const std::vector<SpecialVolunteer> kSpecialVolunteers = {
    {"陈喆", true, "330102", "春晖社区", Super, 1580},
    {"刘犇", false, "330110", "紫荆社区", Heavy, 0},
    {"王瑀", true, "330105", "青莲社区", Strong, 0},
    {"迪丽娜尔·艾买提", true, "650102", "阳光社区", Strong, 0},
    {"李淼", true, "330106", "望月社区", Medium, 0},
    {"张堃", false, "330108", "东湖社区", Medium, 0},
    {"高𠮷", true, "330109", "华庭社区", Medium, 0},
    {"王芳", true, "330106", "观澜社区", Light, 0},
    {"王芳", true, "330183", "横溪村", Medium, 0},
};

double targetHoursFor(Rng& rng, Tier tier) {
    switch (tier) {
    case Super: return rng.between(1050, 1350);
    case Heavy: return rng.between(620, 980);
    case Strong: return rng.between(310, 590);
    case Medium: return rng.between(105, 290);
    case Light: {
        const double u = rng.unit();
        return 4 + u * u * 86;   // most light volunteers serve a few dozen hours
    }
    }
    return 0;
}

struct HoursRange {
    double lo, hi;
};

HoursRange freeHoursFor(Tier tier) {
    switch (tier) {
    case Super: return {4, 8};
    case Heavy: return {3, 7};
    case Strong: return {2, 6};
    case Medium: return {1.5, 5};
    case Light: return {1, 4};
    }
    return {1, 3};
}

double attendChance(Tier tier) {
    switch (tier) {
    case Super: return 0.85;
    case Heavy: return 0.75;
    case Strong: return 0.6;
    case Medium: return 0.5;
    case Light: return 0.3;
    }
    return 0.3;
}

std::vector<VolunteerPlan> planVolunteers(Rng& rng, const District& d, std::unordered_set<std::string>& ids,
                                          std::unordered_set<std::string>& phones) {
    std::vector<VolunteerPlan> out;
    auto finish = [&](VolunteerPlan& v, const Birth& b, bool female, const std::string& prefix, bool veteran) {
        v.person.gender = female ? "女" : "男";
        v.person.idNumber = makeIdNumber(rng, prefix, b, female, ids);
        v.person.phone = makePhone(rng, phones);
        v.person.isVolunteer = true;
        // Joined: most before the demo period (2016–2024), the rest during it.
        int joined = veteran || rng.chance(0.72) ? rng.between(daysFromCivil(2016, 3, 1), daysFromCivil(2024, 12, 20))
                                                 : rng.between(kFirstDay, daysFromCivil(2026, 11, 15));
        // Nobody joins before turning 16.
        joined = std::max(joined, daysFromCivil(b.year + 16, b.month, std::min(b.day, 28)));
        v.person.joinedOn = isoFromDays(joined);
        v.startDay = std::max(joined, kFirstDay);
    };

    for (std::size_t ci = 0; ci < d.communities.size(); ++ci) {
        const int count = rng.between(8, 12);
        for (int k = 0; k < count; ++k) {
            VolunteerPlan v;
            v.community = static_cast<int>(ci);
            const Birth b = randomBirth(rng);
            const bool female = rng.chance(0.82);
            v.person.name = makeName(rng, female, b.year);
            const std::string& prefix = rng.chance(0.85) ? rng.pick(kLocalPrefixes) : rng.pick(kOtherPrefixes);
            finish(v, b, female, prefix, false);
            out.push_back(std::move(v));
        }
    }

    // Who carries the load: among those who joined before 2025, 2 super, 7
    // heavy, 23 strong and 48 medium volunteers; newcomers serve lightly.
    std::vector<std::size_t> veterans;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (out[i].startDay == kFirstDay) veterans.push_back(i);
    rng.shuffle(veterans);
    const int quotas[] = {2, 7, 23, 48};
    const Tier tiers[] = {Super, Heavy, Strong, Medium};
    std::size_t next = 0;
    for (int q = 0; q < 4; ++q)
        for (int k = 0; k < quotas[q] && next < veterans.size(); ++k) out[veterans[next++]].tier = tiers[q];
    for (auto& v : out) {
        if (v.startDay > kFirstDay && rng.chance(0.1)) v.tier = Medium;
        v.targetHours = targetHoursFor(rng, v.tier);
    }

    for (const SpecialVolunteer& s : kSpecialVolunteers) {
        VolunteerPlan v;
        v.community = communityIndex(d, s.community);
        Birth b = randomBirth(rng);
        if (s.name == std::string("迪丽娜尔·艾买提")) b.year = 1986;   // a mid-career name, not a retiree's
        v.person.name = s.name;
        finish(v, b, s.female, s.prefix, true);
        v.tier = s.tier;
        v.targetHours = s.targetHours > 0 ? s.targetHours : targetHoursFor(rng, s.tier);
        if (s.tier == Super) v.person.note = "巾帼平安护卫队队长";
        out.push_back(std::move(v));
    }

    // Rosters from before 2025 reported cumulative hours for some veterans.
    for (auto& v : out) {
        if (v.startDay != kFirstDay) continue;
        const double p = v.tier >= Heavy ? 0.6 : v.tier == Strong ? 0.3 : 0.15;
        if (!rng.chance(p)) continue;
        v.person.rosterHours = v.tier >= Heavy ? rng.between(300, 900) : rng.halfHours(10, 260);
        v.person.rosterHoursAsOf = kRosterAsOf;
    }
    // Sort by community so that the list reads like a roster.
    std::stable_sort(out.begin(), out.end(),
                     [](const VolunteerPlan& a, const VolunteerPlan& b) { return a.community < b.community; });
    return out;
}

struct ActivityTemplate {
    const char* kind;
    const char* name;
    int fromMonth, fromDay, toMonth, toDay;   // 0: any day of the year
    bool yearInName;
    int minPeople, maxPeople;
    double minHours, maxHours;
};

const std::vector<ActivityTemplate> kActivityTemplates = {
    {"宣传", "三八妇女节普法宣传", 3, 1, 3, 8, true, 60, 300, 2, 3},
    {"宣传", "反家庭暴力法宣传进社区", 0, 0, 0, 0, false, 40, 200, 1.5, 3},
    {"宣传", "防范电信网络诈骗宣传", 0, 0, 0, 0, false, 40, 250, 1.5, 3},
    {"宣传", "垃圾分类入户宣传", 0, 0, 0, 0, false, 30, 150, 1.5, 3},
    {"宣传", "民法典宣传月·婚姻家庭编宣讲", 5, 6, 5, 28, true, 40, 160, 1.5, 2.5},
    {"宣传", "国际家庭日“好家风”主题宣传", 5, 10, 5, 18, true, 50, 200, 2, 3},
    {"帮扶", "困难妇女入户走访帮扶", 0, 0, 0, 0, false, 8, 40, 2, 4},
    {"帮扶", "留守儿童结对帮扶", 0, 0, 0, 0, false, 10, 40, 2, 4},
    {"帮扶", "春节慰问困难家庭", 1, 10, 2, 10, true, 10, 50, 2, 4},
    {"帮扶", "妇女就业帮扶对接会", 0, 0, 0, 0, false, 15, 60, 2, 3.5},
    {"巡逻", "巾帼平安护卫队夜间巡逻", 0, 0, 0, 0, false, 6, 20, 2, 4},
    {"巡逻", "节前安全隐患排查", 0, 0, 0, 0, false, 6, 20, 2, 4},
    {"巡逻", "汛期防汛安全巡查", 6, 1, 8, 31, false, 6, 25, 2, 4},
    {"巡逻", "开学季校园周边护学岗", 9, 1, 9, 20, true, 6, 20, 1, 2},
    {"培训", "家庭教育公益讲座", 0, 0, 0, 0, false, 20, 120, 1.5, 3},
    {"培训", "巾帼创业技能培训", 0, 0, 0, 0, false, 20, 80, 2, 4},
    {"培训", "应急救护知识培训", 0, 0, 0, 0, false, 20, 60, 2, 3},
    {"培训", "“两癌”防治知识讲座", 0, 0, 0, 0, false, 30, 120, 1.5, 2.5},
    {"培训", "志愿者服务技能培训", 0, 0, 0, 0, false, 15, 60, 2, 3},
    {"关爱", "关爱空巢老人上门服务", 0, 0, 0, 0, false, 10, 40, 2, 4},
    {"关爱", "重阳节敬老慰问", 10, 8, 10, 31, true, 20, 80, 2, 4},
    {"关爱", "“两癌”免费筛查服务", 0, 0, 0, 0, false, 30, 150, 2, 4},
    {"关爱", "四点半课堂", 0, 0, 0, 0, false, 15, 50, 1.5, 2.5},
    {"关爱", "暑期儿童关爱托管", 7, 5, 8, 25, true, 20, 60, 3, 4},
    {"文体", "广场舞展演", 0, 0, 0, 0, false, 50, 300, 2, 3},
    {"文体", "亲子趣味运动会", 0, 0, 0, 0, false, 50, 250, 2, 4},
    {"文体", "巾帼健步走", 3, 1, 4, 30, false, 50, 400, 2, 3},
    {"文体", "迎新春写春联送福字", 1, 10, 2, 10, true, 50, 200, 2, 3},
    {"文体", "“最美家庭”故事分享会", 0, 0, 0, 0, false, 30, 120, 1.5, 2.5},
};

struct ActivityPlan {
    Activity activity;
    int day = 0;
    int community = -1;        // -1: held by a street or the district
    int street = -1;           // for street-level activities; -1 with community -1: district
    double minHours = 0, maxHours = 0;
    int drawnPeople = 0;       // participants before counting the volunteers who served
    int volunteers = 0;
    RowId id = 0;
};

int dayFor(Rng& rng, const ActivityTemplate& t) {
    int from, to;
    for (;;) {
        const int year = rng.chance(0.5) ? 2025 : 2026;
        if (t.fromMonth == 0) {
            from = daysFromCivil(year, 1, 1);
            to = daysFromCivil(year, 12, 31);
        } else {
            from = daysFromCivil(year, t.fromMonth, t.fromDay);
            to = daysFromCivil(year, t.toMonth, t.toDay);
        }
        to = std::min(to, kLastDay);
        if (from <= to) break;
    }
    return rng.between(from, to);
}

std::vector<ActivityPlan> planActivities(Rng& rng, const District& d) {
    std::vector<ActivityPlan> out;
    auto make = [&](const ActivityTemplate& t, const std::string& prefix) {
        ActivityPlan a;
        a.day = dayFor(rng, t);
        const std::string date = isoFromDays(a.day);
        a.activity.name = prefix + (t.yearInName ? date.substr(0, 4) + "年" : std::string()) + t.name;
        a.activity.heldOn = date;
        a.activity.kind = t.kind;
        a.minHours = t.minHours;
        a.maxHours = t.maxHours;
        a.drawnPeople = rng.between(t.minPeople, t.maxPeople);
        return a;
    };
    for (std::size_t ci = 0; ci < d.communities.size(); ++ci) {
        const int count = rng.between(13, 18);
        for (int k = 0; k < count; ++k) {
            ActivityPlan a = make(rng.pick(kActivityTemplates), "");
            a.community = static_cast<int>(ci);
            out.push_back(std::move(a));
        }
    }
    // Street- and district-wide events, larger and with volunteers from all over.
    static const std::vector<ActivityTemplate> wide = {
        {"宣传", "“巾帼心向党”主题宣讲", 0, 0, 0, 0, true, 150, 600, 2, 3},
        {"文体", "三八节“巾帼风采”文艺汇演", 3, 3, 3, 8, true, 300, 900, 3, 4},
        {"培训", "巾帼志愿者骨干培训班", 0, 0, 0, 0, true, 60, 150, 3, 6},
        {"关爱", "“春蕾”助学金发放", 8, 15, 9, 10, true, 80, 200, 2, 3},
    };
    for (std::size_t s = 0; s < d.streets.size(); ++s) {
        for (int k = 0; k < 2; ++k) {
            ActivityPlan a = make(wide[static_cast<std::size_t>(rng.between(0, 3))], d.streets[s].name);
            a.street = static_cast<int>(s);
            out.push_back(std::move(a));
        }
    }
    for (int year : {2025, 2026}) {
        for (const ActivityTemplate& t : wide) {
            ActivityPlan a = make(t, d.name);
            // Keep the district's own events in the year they are named for.
            const std::string date = a.activity.heldOn;
            if (date.substr(0, 4) != yearText(year)) {
                const int shifted = a.day + (year == 2025 ? -365 : 365);
                a.day = std::min(shifted, kLastDay);
                a.activity.heldOn = isoFromDays(a.day);
                if (t.yearInName)
                    a.activity.name = d.name + yearText(year) + "年" + t.name;
            }
            out.push_back(std::move(a));
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const ActivityPlan& a, const ActivityPlan& b) { return a.day < b.day; });
    return out;
}

struct RecordPlan {
    int day = 0;
    double hours = 0;
    int activity = -1;   // index into the activity plans
    const std::string* description = nullptr;
};

const std::vector<std::string> kFreeServices = {
    "社区巡逻值守", "入户走访困难妇女", "便民服务站值班", "垃圾分类督导", "关爱空巢老人上门服务",
    "四点半课堂辅导", "反诈宣传入户", "交通文明劝导", "巾帼调解室值班", "心理疏导热线值班",
    "妇女儿童之家值班", "网格走访排查", "文明创建劝导", "助老送餐", "家庭教育咨询服务"};

// Every record of one volunteer: the activities of their community (and
// street and district) they took part in, then everyday service until the
// planned hours are reached. At most two records a day, never more than 24 h.
std::vector<RecordPlan> planRecords(Rng& rng, VolunteerPlan& v, const District& d,
                                    std::vector<ActivityPlan>& activities,
                                    const std::vector<std::vector<int>>& activitiesOfCommunity,
                                    const std::vector<int>& wideActivities) {
    std::vector<RecordPlan> out;
    const int span = kLastDay - kFirstDay + 1;
    std::vector<double> dayHours(static_cast<std::size_t>(span), 0.0);
    std::vector<int> dayRecords(static_cast<std::size_t>(span), 0);
    double total = 0;
    auto add = [&](int day, double hours, int activity, const std::string* description) {
        const auto i = static_cast<std::size_t>(day - kFirstDay);
        if (dayRecords[i] >= 2 || dayHours[i] + hours > 24.0) return false;
        dayRecords[i] += 1;
        dayHours[i] += hours;
        total += hours;
        out.push_back({day, hours, activity, description});
        return true;
    };

    const double attend = attendChance(v.tier);
    for (int ai : activitiesOfCommunity[static_cast<std::size_t>(v.community)]) {
        ActivityPlan& a = activities[static_cast<std::size_t>(ai)];
        if (a.day < v.startDay || !rng.chance(attend)) continue;
        if (add(a.day, rng.halfHours(a.minHours, a.maxHours), ai, nullptr)) a.volunteers += 1;
    }
    const int street = d.communities[static_cast<std::size_t>(v.community)].street;
    for (int ai : wideActivities) {
        ActivityPlan& a = activities[static_cast<std::size_t>(ai)];
        if (a.day < v.startDay || (a.street >= 0 && a.street != street)) continue;
        if (!rng.chance(v.tier >= Strong ? 0.5 : 0.12)) continue;
        if (add(a.day, rng.halfHours(a.minHours, a.maxHours), ai, nullptr)) a.volunteers += 1;
    }

    const HoursRange range = freeHoursFor(v.tier);
    int misses = 0;
    while (total < v.targetHours && v.startDay <= kLastDay && misses < 200) {
        const int day = rng.between(v.startDay, kLastDay);
        if (!add(day, rng.halfHours(range.lo, range.hi), -1, &rng.pick(kFreeServices))) ++misses;
    }
    v.recordedHours = total;
    std::sort(out.begin(), out.end(), [](const RecordPlan& a, const RecordPlan& b) {
        return std::tie(a.day, a.activity) < std::tie(b.day, b.activity);
    });
    return out;
}

// ============================================================ [SECTION] Families

struct FamilyRef {
    RowId id = 0;
    int community = 0;
};

// Addresses of a community: compounds on its roads (XX路NN号N栋NNN室), or
// village groups (横溪村3组27号). Enough distinct addresses for every household.
std::vector<std::string> addressesFor(Rng& rng, const CommunityPlan& c, std::size_t index) {
    std::vector<std::string> out;
    const auto need = static_cast<std::size_t>(c.households);
    if (c.kind == UnitKind::Village) {
        const std::string village = c.name;
        const int groups = rng.between(8, 14);
        const int perGroup = static_cast<int>(need) / groups + 25;
        for (int g = 1; g <= groups; ++g)
            for (int n = 1; n <= perGroup; ++n)
                out.push_back(village + std::to_string(g) + "组" + std::to_string(n) + "号");
        return out;
    }
    const std::string roadA = c.name.substr(0, c.name.size() - std::string("社区").size()) + "路";
    const std::string& roadB = kMainRoads[index % kMainRoads.size()];
    std::set<std::pair<int, int>> compounds;   // (road, number) already used
    while (out.size() < need + need / 3) {
        const int road = rng.between(0, 1);
        const int number = rng.between(1, 60) * 2 + rng.between(0, 1);
        if (!compounds.insert({road, number}).second) continue;
        const std::string base = (road == 0 ? roadA : roadB) + std::to_string(number) + "号";
        const int buildings = rng.between(6, 24);
        const int floors = rng.chance(0.5) ? 6 : rng.chance(0.5) ? 11 : 18;
        const int doors = rng.between(2, 4);
        for (int b = 1; b <= buildings; ++b)
            for (int f = 1; f <= floors; ++f)
                for (int door = 1; door <= doors; ++door)
                    out.push_back(base + std::to_string(b) + "栋" + std::to_string(f * 100 + door) + "室");
    }
    return out;
}

int familyMembers(Rng& rng) {
    const int u = rng.between(1, 100);
    return u <= 8 ? 1 : u <= 33 ? 2 : u <= 68 ? 3 : u <= 88 ? 4 : u <= 97 ? 5 : 6;
}

// ============================================================ [SECTION] Writing awards with their history

struct EventPlan {
    std::string status;
    std::string date;
    std::string doc;
    std::optional<double> score;
    std::string fixBy;
    std::string note;
};

// Storage::insertAward writes the award row only; each step of its history is
// an award_event, and the last one leaves the award in its current state.
RowId writeAward(storage::Storage& storage, Award award, const std::vector<EventPlan>& events) {
    if (!events.empty()) {
        award.status = events.front().status;
        for (const EventPlan& e : events)
            if (!e.doc.empty() && e.status == "命名") award.docNumber = e.doc;
    }
    const RowId id = storage.insertAward(award);
    for (const EventPlan& e : events) {
        AwardEvent ev;
        ev.awardId = id;
        ev.status = e.status;
        ev.happenedOn = e.date;
        ev.docNumber = e.doc;
        ev.score = e.score;
        ev.fixBy = e.fixBy;
        ev.note = e.note;
        storage.insertAwardEvent(ev);
    }
    return id;
}

class Titles {
public:
    explicit Titles(storage::Storage& storage) : m_storage(storage) {}
    RowId id(const std::string& name, const std::string& kind, const std::string& level) {
        const auto key = std::make_tuple(name, kind, level);
        auto it = m_ids.find(key);
        if (it != m_ids.end()) return it->second;
        const RowId id = m_storage.awardTitleId(name, kind, level);
        if (id == 0) throw std::runtime_error("荣誉目录中缺少“" + level + "级" + name + "”，无法写入演示数据。");
        m_ids.emplace(key, id);
        return id;
    }

private:
    storage::Storage& m_storage;
    std::map<std::tuple<std::string, std::string, std::string>, RowId> m_ids;
};

// ============================================================ [SECTION] 巾帼文明岗

enum class PostPlanKind { Applied, Creating, Assessed, NamedDistrict, NamedCity, NamedProvince,
                          ReviewPassed, ReviewFailed, Revoked };

struct PostSpec {
    const char* workUnit;
    const char* name;
    int street;
    int members, women, leaders;
    PostPlanKind plan;
    int districtYear;   // the year named (or applied) at 区 level
    int laterYear;      // 市 naming, or the re-review
    int provinceYear;
    double score;       // the assessment score of the latest step
};

using PK = PostPlanKind;
// Two posts fail a public condition on purpose: 交警文昌中队 has too few women
// (5 of 12), the 119 指挥中心 no woman among its leaders.
const std::vector<PostSpec> kPosts = {
    {"临江区人民医院", "护理部", 0, 46, 44, 4, PK::NamedProvince, 2021, 2023, 2026, 95},
    {"临江区妇幼保健院", "产科", 1, 38, 36, 3, PK::NamedProvince, 2021, 2023, 2026, 94},
    {"国家税务总局临江区税务局", "第一税务所", 0, 24, 17, 2, PK::NamedCity, 2022, 2025, 0, 92},
    {"中国工商银行临江支行", "营业部", 1, 18, 14, 2, PK::NamedCity, 2021, 2024, 0, 91},
    {"临江区政务服务中心", "综合受理窗口", 3, 30, 23, 3, PK::NamedCity, 2022, 2025, 0, 90},
    {"临江区实验小学", "低段语文教研组", 1, 15, 14, 2, PK::NamedCity, 2023, 2026, 0, 93},
    {"江州公交集团临江分公司", "28路公交线", 2, 42, 27, 2, PK::NamedDistrict, 2025, 0, 0, 88},
    {"临江区公安分局江滨派出所", "户籍室", 0, 8, 7, 1, PK::NamedDistrict, 2024, 0, 0, 87},
    {"中国邮政临江区分公司", "文昌路邮政支局", 1, 12, 9, 1, PK::NamedDistrict, 2025, 0, 0, 85},
    {"临江区第一中学", "高三年级组", 3, 36, 24, 3, PK::NamedDistrict, 2026, 0, 0, 89},
    {"临江区疾病预防控制中心", "免疫规划科", 4, 14, 12, 2, PK::NamedDistrict, 2025, 0, 0, 90},
    {"临江区市场监督管理局", "南湖市场监管所", 4, 16, 10, 1, PK::NamedDistrict, 2026, 0, 0, 84},
    {"国网江州供电公司临江供电中心", "客户服务班", 2, 12, 8, 1, PK::NamedDistrict, 2024, 0, 0, 86},
    {"临江区图书馆", "少儿借阅部", 1, 9, 8, 1, PK::NamedDistrict, 2025, 0, 0, 88},
    {"临江区人民检察院", "第二检察部", 3, 11, 7, 2, PK::NamedDistrict, 2026, 0, 0, 87},
    {"江州银行临江支行", "营业部", 0, 15, 12, 2, PK::NamedDistrict, 2022, 0, 0, 85},
    {"临江区中医院", "儿科", 3, 20, 17, 2, PK::NamedDistrict, 2026, 0, 0, 91},
    {"临江区妇女儿童活动中心", "家庭教育指导服务站", 0, 7, 7, 2, PK::NamedDistrict, 2024, 0, 0, 92},
    {"临江区人民法院", "立案庭", 3, 13, 9, 1, PK::ReviewPassed, 2023, 2025, 0, 88},
    {"中国农业银行临江支行", "新塘分理处", 2, 10, 7, 1, PK::ReviewFailed, 2023, 2026, 0, 58},
    {"临江区社会保险服务中心", "待遇核定窗口", 4, 12, 8, 1, PK::Revoked, 2021, 2024, 0, 55},
    {"临江区档案馆", "查档服务窗口", 1, 8, 7, 1, PK::Assessed, 2026, 0, 0, 91},
    {"南湖街道社区卫生服务中心", "预防保健科", 4, 12, 10, 2, PK::Assessed, 2026, 0, 0, 86},
    {"中国建设银行临江支行", "个人金融部", 3, 14, 11, 2, PK::Assessed, 2026, 0, 0, 82},
    {"临江区婚姻登记处", "登记大厅", 2, 9, 7, 1, PK::Assessed, 2026, 0, 0, 76},
    {"国家税务总局临江区税务局", "第二税务所", 2, 22, 15, 2, PK::Creating, 2026, 0, 0, 0},
    {"临江区朝晖小学", "英语教研组", 3, 10, 9, 1, PK::Creating, 2026, 0, 0, 0},
    {"临江区人民医院", "门诊部", 0, 28, 21, 2, PK::Creating, 2026, 0, 0, 0},
    {"临江区消防救援大队", "119指挥中心", 0, 9, 6, 0, PK::Creating, 2026, 0, 0, 0},
    {"临江区不动产登记中心", "登记窗口", 1, 16, 11, 2, PK::Creating, 2026, 0, 0, 0},
    {"临江区文昌幼儿园", "大班教研组", 1, 8, 8, 1, PK::Applied, 2026, 0, 0, 0},
    {"临浦镇卫生院", "家庭医生签约团队", 5, 11, 8, 1, PK::Applied, 2026, 0, 0, 0},
    {"中国移动临江分公司", "江滨营业厅", 0, 10, 8, 1, PK::Applied, 2026, 0, 0, 0},
    {"临江区公安分局交警大队", "文昌中队", 1, 12, 5, 1, PK::Applied, 2026, 0, 0, 0},
    {"临浦镇便民服务中心", "综合窗口", 5, 6, 5, 1, PK::Applied, 2026, 0, 0, 0},
};

// The document that named a year's posts, per level.
std::string postNamingDoc(const std::string& level, int year) {
    static const std::map<int, int> district = {{2021, 27}, {2022, 30}, {2023, 29}, {2024, 32}, {2025, 33}, {2026, 30}};
    static const std::map<int, int> city = {{2023, 22}, {2024, 25}, {2025, 24}, {2026, 21}};
    if (level == "区") return districtDoc(year, district.at(year));
    if (level == "市") return cityDoc(year, city.at(year));
    return provinceDoc(year, 16);
}

std::string postNamingDate(const std::string& level, int year) {
    if (year == kCurrentYear) return level == "区" ? "2026-11-16" : level == "市" ? "2026-11-10" : "2026-11-20";
    return isoDate(year, level == "区" ? 12 : 11, level == "区" ? 18 : 26);
}

// 申报 → 创建 → 考核验收 → 命名 within one year, at one level.
std::vector<EventPlan> namingChain(Rng& rng, const std::string& level, int year, double score, bool named) {
    std::vector<EventPlan> ev;
    ev.push_back({"申报", isoDate(year, 3, rng.between(5, 28)), "", std::nullopt, "", "单位提交创建申报表"});
    ev.push_back({"创建", isoDate(year, 4, rng.between(8, 28)), "", std::nullopt, "", "列入" + level + "级创建名单"});
    if (score > 0) {
        const std::string verdict = score >= 80 ? "考核合格" : score >= 60 ? "考核基本合格，需补充台账" : "考核不合格";
        ev.push_back({"考核验收", isoDate(year, level == "区" ? 10 : 9, rng.between(10, 28)), "", score, "",
                      verdict + "（百分制）"});
    }
    if (named)
        ev.push_back({"命名", postNamingDate(level, year), postNamingDoc(level, year), std::nullopt, "",
                      "命名为" + level + "级" + (level == "区" ? "巾帼文明岗" : level == "市" ? "巾帼文明标兵岗" : "巾帼示范岗")});
    return ev;
}

int writePosts(storage::Storage& storage, Rng& rng, const District& d, Titles& titles,
               std::unordered_set<std::string>& phones) {
    const RowId districtTitle = titles.id("巾帼文明岗", "post", "区");
    const RowId cityTitle = titles.id("巾帼文明标兵岗", "post", "市");
    const RowId provinceTitle = titles.id("巾帼示范岗", "post", "省");
    int count = 0;
    for (const PostSpec& s : kPosts) {
        Post p;
        p.workUnit = s.workUnit;
        p.name = s.name;
        p.unitId = d.streets[static_cast<std::size_t>(s.street)].id;
        p.members = s.members;
        p.womenMembers = s.women;
        p.womenLeaders = s.leaders;
        const Birth b = randomBirth(rng);
        p.contactName = makeName(rng, true, std::max(b.year, 1965));
        p.contactPhone = makePhone(rng, phones);
        if (s.women * 10 < s.members * 6) p.note = "女职工占比未达60%，申报材料待补充说明";
        if (s.leaders == 0) p.note = "班子中暂无女性负责人";
        const RowId postId = storage.insertPost(p);
        ++count;

        Award a;
        a.postId = postId;
        a.unitId = p.unitId;
        auto districtAward = [&](int year, double score, bool named) {
            a.titleId = districtTitle;
            a.year = year;
            return namingChain(rng, "区", year, score, named);
        };
        switch (s.plan) {
        case PK::Applied:
            a.titleId = districtTitle;
            a.year = s.districtYear;
            writeAward(storage, a, {{"申报", isoDate(2026, rng.between(9, 11), rng.between(1, 20)), "", std::nullopt, "",
                                     "单位提交2026年度区级巾帼文明岗创建申报表"}});
            break;
        case PK::Creating:
            writeAward(storage, a, districtAward(s.districtYear, 0, false));
            break;
        case PK::Assessed:
            writeAward(storage, a, districtAward(s.districtYear, s.score, false));
            break;
        case PK::NamedDistrict:
            writeAward(storage, a, districtAward(s.districtYear, s.score, true));
            break;
        case PK::NamedCity:
        case PK::NamedProvince: {
            writeAward(storage, a, districtAward(s.districtYear, rng.between(86, 93), true));
            a.titleId = cityTitle;
            a.year = s.laterYear;
            auto city = namingChain(rng, "市", s.laterYear, s.plan == PK::NamedCity ? s.score : rng.between(89, 94), true);
            city.front().note = "已获区级巾帼文明岗满两年，申报市级巾帼文明标兵岗";
            writeAward(storage, a, city);
            if (s.plan == PK::NamedProvince) {
                a.titleId = provinceTitle;
                a.year = s.provinceYear;
                auto province = namingChain(rng, "省", s.provinceYear, s.score, true);
                province.front().note = "已获市级巾帼文明标兵岗满两年，申报省级巾帼示范岗";
                writeAward(storage, a, province);
            }
            break;
        }
        case PK::ReviewPassed: {
            auto ev = districtAward(s.districtYear, rng.between(85, 92), true);
            ev.push_back({"复核", isoDate(s.laterYear, 9, 20), "", s.score, "", "动态管理复核合格，保留称号"});
            writeAward(storage, a, ev);
            break;
        }
        case PK::ReviewFailed: {
            auto ev = districtAward(s.districtYear, rng.between(82, 88), true);
            ev.push_back({"复核", isoDate(s.laterYear, 10, 15), "", s.score, "2027-03-31",
                          "复核不合格：服务台账缺失、群众投诉未整改；限期整改"});
            writeAward(storage, a, ev);
            break;
        }
        case PK::Revoked: {
            auto ev = districtAward(s.districtYear, rng.between(82, 88), true);
            ev.push_back({"复核", isoDate(s.laterYear, 9, 26), "", s.score, isoDate(s.laterYear + 1, 3, 31),
                          "复核不合格：女职工占比降至未达标，窗口服务投诉多；限期整改"});
            ev.push_back({"撤销", isoDate(s.laterYear + 1, 4, 10), districtDoc(s.laterYear + 1, 9), std::nullopt, "",
                          "整改期满复查仍不合格，撤销区级巾帼文明岗称号"});
            writeAward(storage, a, ev);
            break;
        }
        }
    }
    return count;
}

} // namespace

// ============================================================ [SECTION] writeDemoData

namespace {

// Switches per-record auditing off for the bulk load and on again however it ends.
class AuditOff {
public:
    explicit AuditOff(storage::Storage& storage) : m_storage(storage) { m_storage.setAuditEnabled(false); }
    ~AuditOff() { m_storage.setAuditEnabled(true); }

private:
    storage::Storage& m_storage;
};

struct PersonRef {
    RowId id = 0;
    int community = 0;
    bool female = true;
    Tier tier = Light;
};

} // namespace

DemoSummary writeDemoData(storage::Storage& storage, std::uint32_t seed) {
    if (storage.count("org_unit") > 0)
        throw std::runtime_error("这个数据库里已有组织机构等数据，演示数据只能写入新建的空数据库；"
                                 "为免与真实数据混在一起，未做任何修改。请换一个新文件名再生成演示数据。");

    Rng rng(seed);
    DemoSummary summary;
    AuditOff auditOff(storage);
    storage::BulkWriteCache cache(storage.db());  // one transaction of 130 MB
    storage::Transaction tx(storage.db());
    Titles titles(storage);

    // ---- the district
    District d = planDistrict(rng);
    insertDistrict(storage, d);
    summary.streets = static_cast<int>(d.streets.size());
    summary.communities = static_cast<int>(d.communities.size());
    summary.households = static_cast<double>(d.households);

    // ---- volunteers, activities and their service records
    std::unordered_set<std::string> ids, phones;
    std::vector<VolunteerPlan> volunteers = planVolunteers(rng, d, ids, phones);
    std::vector<ActivityPlan> activities = planActivities(rng, d);
    std::vector<std::vector<int>> activitiesOfCommunity(d.communities.size());
    std::vector<int> wideActivities;
    for (std::size_t i = 0; i < activities.size(); ++i) {
        if (activities[i].community >= 0)
            activitiesOfCommunity[static_cast<std::size_t>(activities[i].community)].push_back(static_cast<int>(i));
        else
            wideActivities.push_back(static_cast<int>(i));
    }
    std::vector<std::vector<RecordPlan>> records;
    records.reserve(volunteers.size());
    for (VolunteerPlan& v : volunteers)
        records.push_back(planRecords(rng, v, d, activities, activitiesOfCommunity, wideActivities));

    std::map<int, int> participantsByYear, trainingsByYear;
    for (ActivityPlan& a : activities) {
        a.activity.unitId = a.community >= 0 ? d.communities[static_cast<std::size_t>(a.community)].id
                          : a.street >= 0    ? d.streets[static_cast<std::size_t>(a.street)].id
                                             : d.id;
        a.activity.participants = std::max(a.drawnPeople, a.volunteers + rng.between(2, 12));
        a.id = storage.insertActivity(a.activity);
        const int year = std::stoi(a.activity.heldOn.substr(0, 4));
        participantsByYear[year] += a.activity.participants;
        if (a.activity.kind == "培训") trainingsByYear[year] += 1;
    }
    summary.activities = static_cast<int>(activities.size());

    std::vector<PersonRef> people;
    std::map<int, double> hoursByYear;
    // Every record in multi-row INSERTs after the people (same ids, same
    // order): on a server the summaries' statement triggers then run per
    // list, not per record.
    std::vector<ServiceRecord> serviceRecords;
    for (std::size_t i = 0; i < volunteers.size(); ++i) {
        VolunteerPlan& v = volunteers[i];
        const CommunityPlan& c = d.communities[static_cast<std::size_t>(v.community)];
        v.person.unitId = c.id;
        const RowId personId = storage.insertPerson(v.person);
        people.push_back({personId, v.community, v.person.gender == "女", v.tier});
        const std::string recordedBy = c.name + "妇联";
        for (const RecordPlan& r : records[i]) {
            ServiceRecord sr;
            sr.personId = personId;
            sr.servedOn = isoFromDays(r.day);
            sr.hours = r.hours;
            if (r.activity >= 0) {
                const ActivityPlan& a = activities[static_cast<std::size_t>(r.activity)];
                sr.activityId = a.id;
                sr.description = a.activity.name;
            } else {
                sr.description = *r.description;
            }
            sr.verified = sr.servedOn < kVerifyLagFrom ? rng.chance(0.95) : rng.chance(0.4);
            sr.recordedBy = recordedBy;
            serviceRecords.push_back(std::move(sr));
            hoursByYear[r.day < daysFromCivil(2026, 1, 1) ? 2025 : 2026] += r.hours;
            ++summary.serviceRecords;
        }
    }
    storage::insertServiceRecords(storage, serviceRecords);
    summary.volunteers = static_cast<int>(volunteers.size());

    // ---- families: 平安家庭 for most households of every community
    const RowId safeFamily = titles.id("平安家庭", "family", "社区");
    std::vector<FamilyRef> families;
    for (std::size_t ci = 0; ci < d.communities.size(); ++ci) {
        const CommunityPlan& c = d.communities[ci];
        std::vector<std::string> addresses = addressesFor(rng, c, ci);
        const auto holders = static_cast<std::size_t>(std::llround(c.rate2026 * static_cast<double>(c.households)));
        // A partial shuffle picks the holders' addresses; sorting them keeps
        // the family list in a walkable order.
        for (std::size_t k = 0; k < holders; ++k)
            std::swap(addresses[k], addresses[k + static_cast<std::size_t>(rng.between(0, static_cast<int>(addresses.size() - k) - 1))]);
        addresses.resize(holders);
        std::sort(addresses.begin(), addresses.end());
        for (std::size_t k = 0; k < addresses.size(); ++k) {
            const std::string& address = addresses[k];
            Family f;
            f.headName = makeName(rng, rng.chance(0.45), rng.between(1945, 1996));   // heads are adults
            f.address = address;
            f.members = familyMembers(rng);
            f.unitId = c.id;
            const RowId familyId = storage.insertFamily(f);
            families.push_back({familyId, static_cast<int>(ci)});
            Award a;
            a.titleId = safeFamily;
            a.year = rng.chance(c.share2025) ? 2025 : 2026;
            a.familyId = familyId;
            a.unitId = c.id;
            // Each community names its 平安家庭 in two batches a year, in
            // spring and in autumn, so quarter and month boards (which count
            // by the date named) differ from the year's. No draw from rng:
            // the rest of the demo stays as it was.
            const int month = (k % 2 == 0 ? 3 : 8) + static_cast<int>(ci % 3);
            writeAward(storage, a, {{"命名", isoDate(a.year, month, 10 + static_cast<int>(ci % 15)), "", std::nullopt, "", ""}});
            ++summary.familyAwards;
        }
    }
    summary.families = static_cast<int>(families.size());

    // ---- model families: a few hundred titles at 社区 … 省 level, some
    // households climbing from one level to the next over the two years.
    {
        static const std::vector<std::string> familyTitles = {"五好文明家庭", "文明家庭", "最美家庭", "和谐家庭", "学习型家庭"};
        struct LevelQuota { const char* level; int perYear; };
        static const LevelQuota quotas[] = {{"社区", 70}, {"街道", 35}, {"区", 20}, {"市", 6}, {"省", 2}};
        std::map<std::string, std::vector<std::size_t>> holdersByLevel2025;   // level -> family index
        std::set<std::pair<std::size_t, int>> usedFamilyYear;
        for (int year : {2025, 2026}) {
            for (const LevelQuota& q : quotas) {
                const std::string level = q.level;
                for (int k = 0; k < q.perYear; ++k) {
                    // In 2026 the higher levels go mostly to households named a level lower in 2025.
                    std::size_t fi = 0;
                    const char* lower = level == "街道" ? "社区" : level == "区" ? "街道" : level == "市" ? "区" : level == "省" ? "市" : nullptr;
                    const auto& pool = lower ? holdersByLevel2025[lower] : std::vector<std::size_t>();
                    if (year == 2026 && lower && !pool.empty() && rng.chance(level == "省" || level == "市" ? 0.9 : 0.45))
                        fi = pool[static_cast<std::size_t>(rng.between(0, static_cast<int>(pool.size()) - 1))];
                    else
                        fi = static_cast<std::size_t>(rng.between(0, static_cast<int>(families.size()) - 1));
                    if (!usedFamilyYear.insert({fi, year}).second) { --k; continue; }
                    const std::string& titleName = level == "省" || level == "市" ? (rng.chance(0.5) ? familyTitles[0] : familyTitles[2])
                                                                                 : rng.pick(familyTitles);
                    const RowId titleId = titles.id(titleName, "family", level);
                    const FamilyRef& f = families[fi];
                    const CommunityPlan& c = d.communities[static_cast<std::size_t>(f.community)];
                    std::string doc, date;
                    if (level == "社区") date = isoDate(year, 5, 12);
                    else if (level == "街道") {
                        const std::string& street = d.streets[static_cast<std::size_t>(c.street)].name;
                        doc = street.substr(0, street.size() - (street.ends_with("街道") ? 6 : 3)) + "妇〔" + yearText(year) + "〕2号";
                        date = isoDate(year, 5, 14);
                    } else if (level == "区") { doc = districtDoc(year, year == 2025 ? 14 : 15); date = isoDate(year, 5, 15); }
                    else if (level == "市") { doc = cityDoc(year, 11); date = isoDate(year, 6, 10); }
                    else { doc = provinceDoc(year, year == 2025 ? 9 : 10); date = isoDate(year, 8, 20); }
                    Award a;
                    a.titleId = titleId;
                    a.year = year;
                    a.familyId = f.id;
                    a.unitId = c.id;
                    std::vector<EventPlan> ev;
                    if (level != "社区")
                        ev.push_back({"申报", isoDate(year, 3, rng.between(10, 31)), "", std::nullopt, "", "由下一级妇联推荐"});
                    ev.push_back({"命名", date, doc, std::nullopt, "", ""});
                    writeAward(storage, a, ev);
                    ++summary.familyAwards;
                    if (year == 2025) holdersByLevel2025[level].push_back(fi);
                }
            }
        }
    }

    // ---- individuals and collectives
    {
        std::vector<std::size_t> women, everyone;
        for (std::size_t i = 0; i < people.size(); ++i) {
            if (people[i].tier < Medium) continue;
            everyone.push_back(i);
            if (people[i].female && people[i].tier >= Strong) women.push_back(i);
        }
        std::set<std::pair<std::size_t, int>> honoured;   // (person, year): one title a year each
        auto award = [&](const std::vector<std::size_t>& pool, const std::string& title, const std::string& level,
                         int year, const std::string& doc, const std::string& date, std::size_t forced = SIZE_MAX) {
            std::size_t pi = forced;
            for (int tries = 0; pi == SIZE_MAX || !honoured.insert({pi, year}).second; ++tries) {
                if (tries > 500) return SIZE_MAX;
                pi = pool[static_cast<std::size_t>(rng.between(0, static_cast<int>(pool.size()) - 1))];
                forced = SIZE_MAX;
            }
            Award a;
            a.titleId = titles.id(title, "person", level);
            a.year = year;
            a.personId = people[pi].id;
            a.unitId = d.communities[static_cast<std::size_t>(people[pi].community)].id;
            writeAward(storage, a, {{"申报", isoDate(year, 1, rng.between(8, 25)), "", std::nullopt, "", "所在社区妇联推荐"},
                                    {"命名", date, doc, std::nullopt, "", ""}});
            return pi;
        };
        std::vector<std::size_t> cityRedFlag2025, districtRedFlag2025;
        for (int year : {2025, 2026}) {
            const std::string march = isoDate(year, 3, 3);
            for (int k = 0; k < 8; ++k) {
                const std::size_t pi = award(women, "三八红旗手", "区", year, districtDoc(year, 3), march);
                if (year == 2025 && pi != SIZE_MAX) districtRedFlag2025.push_back(pi);
            }
            for (int k = 0; k < 6; ++k) award(women, "巾帼建功标兵", "区", year, districtDoc(year, 3), march);
            for (int k = 0; k < 10; ++k)
                award(everyone, "十佳好邻居", "区", year, districtDoc(year, year == 2025 ? 31 : 29), isoDate(year, 11, 18));
            for (int k = 0; k < 2; ++k) {
                // The city's honour goes to someone the district named the year before, when there is one.
                std::size_t forced = SIZE_MAX;
                if (year == 2026 && k < static_cast<int>(districtRedFlag2025.size())) forced = districtRedFlag2025[static_cast<std::size_t>(k)];
                const std::size_t pi = award(women, "三八红旗手", "市", year, cityDoc(year, 5), isoDate(year, 3, 2), forced);
                if (year == 2025 && pi != SIZE_MAX) cityRedFlag2025.push_back(pi);
            }
            award(women, "巾帼建功标兵", "市", year, cityDoc(year, 5), isoDate(year, 3, 2));
        }
        if (!cityRedFlag2025.empty())
            award(women, "三八红旗手", "省", 2026, provinceDoc(2026, 4), "2026-03-01", cityRedFlag2025.front());

        struct CollectiveSpec { const char* name; const char* community; const char* level; int year; };
        static const CollectiveSpec collectives[] = {   // community nullptr: counts for the district
            {"临江区人民医院护理部", nullptr, "区", 2025},
            {"江滨街道望月社区妇联", "望月社区", "区", 2025},
            {"临江区实验小学教师团队", nullptr, "区", 2025},
            {"临浦镇横溪村妇联", "横溪村", "区", 2025},
            {"南湖街道荷花社区巾帼志愿服务队", "荷花社区", "区", 2026},
            {"国家税务总局临江区税务局纳税服务科", nullptr, "区", 2026},
            {"文昌街道书院社区居委会", "书院社区", "区", 2026},
            {"临江区市场监督管理局消费者权益保护科", nullptr, "区", 2026},
            {"临江区妇幼保健院产科", nullptr, "市", 2025},
            {"江滨街道望月社区妇联", "望月社区", "市", 2026},
            {"临江区政务服务中心综合受理窗口", nullptr, "市", 2026},
            {"临江区人民医院护理部", nullptr, "省", 2026},
        };
        for (const CollectiveSpec& c : collectives) {
            Award a;
            a.titleId = titles.id("三八红旗集体", "collective", c.level);
            a.year = c.year;
            a.collectiveName = c.name;
            a.unitId = c.community ? d.communities[static_cast<std::size_t>(communityIndex(d, c.community))].id : d.id;
            const std::string level = c.level;
            const std::string doc = level == "区" ? districtDoc(c.year, 3) : level == "市" ? cityDoc(c.year, 5) : provinceDoc(c.year, 4);
            writeAward(storage, a, {{"命名", isoDate(c.year, 3, level == "省" ? 1 : level == "市" ? 2 : 3), doc, std::nullopt, "", ""}});
        }
    }

    // ---- 巾帼文明岗
    summary.posts = writePosts(storage, rng, d, titles, phones);

    // ---- targets for the current year and the manual indicators of two summaries
    {
        auto target = [&](RowId unit, const std::string& metric, RowId title, const std::string& indicator, double goal,
                          const std::string& note) {
            Target t;
            t.unitId = unit;
            t.year = kCurrentYear;
            t.metric = metric;
            t.titleId = title;
            t.indicator = indicator;
            t.goal = goal;
            t.note = note;
            storage.insertTarget(t);
        };
        target(d.id, "title_rate", safeFamily, "", 0.90, "2026年平安家庭创建率达到90%");
        for (const StreetPlan& s : d.streets)
            target(s.id, "title_rate", safeFamily, "", 0.90, "2026年平安家庭创建率达到90%");
        // A 创建目标 is the year's work (DESIGN: "48 units applying"), and
        // post_count counts posts named in the target's year, not all held:
        // the goal is the year's new 区级 namings, all done on 2026-11-16.
        const auto namedThisYear = std::count_if(kPosts.begin(), kPosts.end(), [](const PostSpec& p) {
            return p.plan == PK::NamedDistrict && p.districtYear == kCurrentYear;
        });
        target(d.id, "post_count", titles.id("巾帼文明岗", "post", "区"), "", static_cast<double>(namedThisYear),
               "2026年新命名区级巾帼文明岗" + std::to_string(namedThisYear) + "个");
        // Within reach at the end of November, but not yet met.
        const double hoursGoal = std::ceil(hoursByYear[2026] * 1.18 / 1000.0) * 1000.0;
        target(d.id, "volunteer_hours", 0, "", hoursGoal, "全年志愿服务时长");
        const double activitiesGoal = std::ceil(static_cast<double>(std::count_if(activities.begin(), activities.end(),
                                          [](const ActivityPlan& a) { return a.activity.heldOn >= "2026"; })) * 1.15 / 10.0) * 10.0;
        target(d.id, "activities", 0, "", activitiesGoal, "全年开展巾帼志愿服务活动");
        target(d.id, "volunteers", 0, "", std::ceil(static_cast<double>(volunteers.size()) * 1.12 / 10.0) * 10.0,
               "注册巾帼志愿者人数");
        const double participation2026 = participantsByYear[2026] + 5200;
        target(d.id, "indicator", 0, "活动参与人次", std::ceil(participation2026 * 1.12 / 1000.0) * 1000.0,
               "全年活动参与人次");

        auto indicator = [&](int year, const std::string& name, double value, const std::string& unit, const std::string& note) {
            ManualIndicator m;
            m.unitId = d.id;
            m.year = year;
            m.name = name;
            m.value = value;
            m.unit = unit;
            m.note = note;
            storage.insertIndicator(m);
        };
        // Participation includes district-wide events the records do not list (lectures online, 宣讲 in schools).
        indicator(2025, "活动参与人次", participantsByYear[2025] + 4800, "人次", "2025年度工作总结");
        indicator(2026, "活动参与人次", participation2026, "人次", "截至11月底");
        indicator(2025, "投入经费", 126.5, "万元", "含区财政专项及社会捐赠");
        indicator(2026, "投入经费", 138.2, "万元", "截至11月底");
        indicator(2025, "培训场次", trainingsByYear[2025] + 12, "场", "含区妇联组织的骨干培训");
        indicator(2026, "培训场次", trainingsByYear[2026] + 14, "场", "截至11月底");
    }

    // ---- the badges its two years earned, as the app would have found them
    // along the way: stored as announced, so a fresh demo opens on its boards
    // and badges, not on a card of 1,700 "new" ones.
    {
        const auto start = std::chrono::steady_clock::now();
        const storage::BadgeEvaluation badges = storage::BadgeStore(storage).evaluate(
            *parseDate(kDemoToday), storage::NewBadges::StoreAsAnnounced);
        summary.badges = static_cast<int>(badges.newlyStored);
        summary.badgeSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }

    char note[320];
    std::snprintf(note, sizeof note,
                  "写入演示数据（种子%u）：%s，%d个街道/镇，%d个社区/村，%d名志愿者，%d条服务记录，%d场活动，"
                  "%d户家庭，%d项家庭荣誉，%d个巾帼文明岗，%d枚徽章",
                  seed, d.name.c_str(), summary.streets, summary.communities, summary.volunteers, summary.serviceRecords,
                  summary.activities, summary.families, summary.familyAwards, summary.posts, summary.badges);
    storage.auditSummary("insert", "demo", note);
    tx.commit();
    return summary;
}

int runDemoCommand(const std::string& dbPath, std::ostream& out, std::ostream& err, std::uint32_t seed) {
    std::error_code ec;
    const bool existed = std::filesystem::exists(dbPath, ec);
    try {
        const auto start = std::chrono::steady_clock::now();
        storage::Storage storage(dbPath);
        const DemoSummary s = writeDemoData(storage, seed);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        char line[512];
        std::snprintf(line, sizeof line,
                      "已写入演示数据：%s\n  %d个街道/镇，%d个社区/村，共%.0f户\n  志愿者%d名，服务记录%d条，活动%d场\n"
                      "  家庭%d户，家庭荣誉%d项，巾帼文明岗%d个\n  徽章%d枚（已评定，记为已提示；用时%.2f秒）\n"
                      "  用时%.2f秒\n",
                      dbPath.c_str(), s.streets, s.communities, s.households, s.volunteers, s.serviceRecords,
                      s.activities, s.families, s.familyAwards, s.posts, s.badges, s.badgeSeconds, seconds);
        out << line;
        return 0;
    } catch (const std::exception& e) {
        err << "无法生成演示数据：" << e.what() << "\n";
        // A failed demo leaves no empty database behind.
        if (!existed)
            for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(dbPath + suffix, ec);
        return 1;
    }
}

} // namespace jinguo::demo
