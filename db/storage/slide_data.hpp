// slide_data.hpp — the live figures behind the meeting slides (演示).
//
// One call gathers everything the slides of a year and a scope (the whole
// district, or one street) show, so the presentation queries once per
// storage revision and then only draws. Leaderboards and target progress come
// from Aggregates (the same numbers as the 排行榜 and 创建目标 screens); the
// post grid, the award wall and the badges are read here.
//
// Nothing here carries an ID number or a phone: the big screen never shows
// them. Names come unmasked; the slides mask them when the setting says so.
#pragma once

#include "core/model.hpp"
#include "core/targets.hpp"
#include "core/vocabulary.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace jinguo::storage {

class Storage;

struct HeadlineFigure {
    std::string label;          // 志愿者, 服务时长 …
    double value = 0;
    std::string unit;           // 人, 小时, % …
    int decimals = 0;
};

// The figures slide holds at most this many cards (3 × 3): the computed
// figures first, then the year's manual indicators (工作指标) that still fit.
inline constexpr std::size_t kMaxFigures = 9;

struct LeaderEntry {
    int rank = 0;
    std::string name;
    std::string unit;
    double points = 0;
    double hours = 0;
    int stars = 0;
    int movementDelta = 0;      // previous rank − rank
    bool isNew = false;
    std::vector<std::string> badges;   // names of badges earned (badge_earned), newest first
};

// A unit with its own 平安家庭 rate target is judged as 创建目标 judges it
// (pace through the year); one without borrows its nearest ancestor's goal and
// is judged by rate ÷ goal (≥ 100 % 正常, ≥ 90 % 预警, else 滞后), since its
// own rate at the year's start is not known here.
struct RaceEntry {
    std::string name;
    double rate = 0;            // 0–1
    double goal = 0;            // 0–1; 0 when neither the unit nor an ancestor has a target
    double expected = 0;        // expected by today at a linear pace (0 without a target)
    TargetStatus status = TargetStatus::Red;
    bool hasTarget = false;
};

// The 巾帼文明岗 slide: the posts named in the year, and the standing totals
// around them. Only the 巾帼文明岗 kind (kPostKindId) counts, as on the posts
// board; the other creation kinds have their own lists.
//
// A naming belongs to the year of its date: an award's named date is its
// latest 命名 event (the one source, title_events.hpp). An award revoked
// since — its 撤销 event dated in or before the year — is no naming to
// celebrate and is left out; one revoked later still counts for its year.
struct PostNaming {
    std::string post;           // 护理部
    std::string workUnit;       // 临江区人民医院
    std::string level;          // 区, 市, 省, 全国 (award_title.level)
    std::string title;          // 巾帼示范岗: the level's title
    std::string namedOn;        // YYYY-MM-DD
};
struct PostsOfYear {
    std::vector<PostNaming> namings;   // highest level first, then by date (then post id)
    // Up to the slide's year (awards of that year or before), each post once:
    int creating = 0;           // with an open award: 申报, 创建 or 考核验收
    int held = 0;               // holding a title: 命名 or 复核 (the 在册巾帼文明岗 figure)
    int reviewsPassed = 0;      // posts whose 复核 dated in the year passed (the kind's rubric; no score: kept)
    bool empty() const { return namings.empty() && creating == 0 && held == 0 && reviewsPassed == 0; }
};

struct WallEntry {
    std::string name;           // household head or person
    std::string title;          // 最美家庭 …
    std::string level;          // 区, 市, 省, 全国
    std::string unit;
    bool family = false;
};

struct TargetEntry {
    std::string unit;
    std::string subject;        // 平安家庭创建率, 区级巾帼文明岗 …
    TargetKind kind = TargetKind::Count;
    double actual = 0;
    double goal = 0;
    double progress = 0;        // actual ÷ goal
    TargetStatus status = TargetStatus::Red;
};

struct SlideData {
    int year = 0;
    RowId scopeUnitId = 0;
    std::string scopeName;      // 临江区, 江滨街道 …
    std::vector<HeadlineFigure> figures;
    std::vector<LeaderEntry> leaders;        // top 10 by points
    UnitKind raceLeague = UnitKind::Street;  // 街道 or 社区
    std::vector<RaceEntry> race;             // by rate, best first
    PostsOfYear posts;
    std::vector<WallEntry> wall;             // highest level first
    int wallTotal = 0;                       // entries before the wall's cut
    std::vector<TargetEntry> targets;
    std::vector<std::string> problems;       // Chinese: what could not be read
};

// The scopes a presenter can pick: the district (id 0) and each street/town.
struct SlideScopeOption {
    RowId unitId = 0;
    std::string name;
};

class SlideDataStore {
public:
    explicit SlideDataStore(Storage& storage);

    std::vector<SlideScopeOption> scopes();
    // `today` is YYYY-MM-DD (pace of the targets). A scope id that no longer
    // exists falls back to the district.
    SlideData load(int year, RowId scopeUnitId, const std::string& today, std::size_t wallLimit = 24);

private:
    Storage& m_storage;
};

} // namespace jinguo::storage
