// vocabulary.hpp — the domain words, once: unit kinds with their tier, title
// levels in order, and the award lifecycle. Every layer asks here instead of
// comparing Chinese literals; the schema's CHECKs (db/migrations) hold the
// same stored words. Adding a unit kind meant one row in kUnitKinds plus a
// migration widening org_unit.kind's CHECK (县(市) and 乡 came that way: 0014).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace jinguo {

// ---- unit kinds (org_unit.kind)

// The tiers of the tree: 区 at the root, 街道/镇 below it, 社区/村 below those.
// Leagues, scopes and pickers work by tier, never by kind.
enum class UnitTier { District, Street, Community };

enum class UnitKind { District, County, Street, Town, Township, Community, Village };

struct UnitKindInfo {
    UnitKind kind;
    UnitTier tier;
    const char* stored;   // the word in org_unit.kind
    const char* shown;    // the word on screen
};

// In tree order (tier, then the usual order within a tier).
// 县(市) is a county or a county-level city: the root of a tree like 区.
inline constexpr std::array<UnitKindInfo, 7> kUnitKinds = {{
    {UnitKind::District, UnitTier::District, "区", "区"},
    {UnitKind::County, UnitTier::District, "县(市)", "县(市)"},
    {UnitKind::Street, UnitTier::Street, "街道", "街道"},
    {UnitKind::Town, UnitTier::Street, "镇", "镇"},
    {UnitKind::Township, UnitTier::Street, "乡", "乡"},
    {UnitKind::Community, UnitTier::Community, "社区", "社区"},
    {UnitKind::Village, UnitTier::Community, "村", "村"},
}};

std::optional<UnitKind> parseUnitKind(std::string_view stored);
const UnitKindInfo& info(UnitKind kind);
inline const char* toWord(UnitKind kind) { return info(kind).stored; }
inline const char* shownWord(UnitKind kind) { return info(kind).shown; }
inline UnitTier tierOf(UnitKind kind) { return info(kind).tier; }

inline bool isDistrictKind(UnitKind kind) { return tierOf(kind) == UnitTier::District; }
inline bool isStreetKind(UnitKind kind) { return tierOf(kind) == UnitTier::Street; }
inline bool isCommunityKind(UnitKind kind) { return tierOf(kind) == UnitTier::Community; }
// The tier a unit of `tier` sits under (nothing for the district).
std::optional<UnitTier> parentTier(UnitTier tier);
// The kinds of a tier joined: "街道/镇" with "/", "街道、镇" with "、".
std::string tierKindsText(UnitTier tier, std::string_view separator = "/");
// Every kind: "区、街道、镇、社区 或 村" style lists are built from this.
std::string allKindsText(std::string_view separator, std::string_view lastSeparator);
// The first (usual) kind of a tier: 区, 街道, 社区.
UnitKind firstKindOf(UnitTier tier);
// The kind of a tree's root from its name: 县(市) for "安吉县", "义乌市",
// "科尔沁右翼前旗"; 区 otherwise (a new database asks only for the name).
UnitKind rootKindFor(std::string_view name);
// Depth in the tree by tier: 0 区, 1 街道/镇, 2 社区/村.
int tierDepth(UnitKind kind);
// The index of a kind in kUnitKinds (a combo's item) and back.
inline int indexOf(UnitKind kind) { return static_cast<int>(kind); }

// ---- title levels (award_title.level), lowest first

// 县(市) (a county or county-level city) names at the tier of 区; 行业/系统 (a
// trade or system such as 教育系统) sits between those and 市. Adding a level is
// one word here plus a migration widening award_title.level's CHECK (0017),
// and its default points in core/points.cpp.
enum class TitleLevel { Community, Street, District, County, TradeOrSystem, City, Province, Nation };

inline constexpr std::array<const char*, 8> kTitleLevelWords = {"社区", "街道", "区", "县(市)", "行业/系统",
                                                                "市", "省", "全国"};

// The main ladder 社区 → 街道 → 区 → 市 → 省 → 全国, where each step is worth at
// least the one below; 县(市) and 行业/系统 name beside it (a county at 区's
// tier, a trade or system on its own path), so they are not compared as steps.
inline constexpr std::array<bool, 8> kTitleLevelOnLadder = {true, true, true, false, false, true, true, true};

std::optional<TitleLevel> parseTitleLevel(std::string_view stored);
inline const char* toWord(TitleLevel level) { return kTitleLevelWords[static_cast<std::size_t>(level)]; }
// 0 for 社区 … 7 for 全国.
inline int rankOf(TitleLevel level) { return static_cast<int>(level); }
// The rank of a stored level word; -1 for an unknown one.
int titleLevelRank(std::string_view level);
// The levels a 巾帼文明岗 is named at: 区 → 市 → 省 → 全国 (lowest first); the
// levels of a creation award kind are its titles (PostStore::kinds).
inline constexpr std::array<const char*, 4> kPostLevelWords = {"区", "市", "省", "全国"};
// "区级", "市级", but "全国" as it is said.
std::string levelWithSuffix(std::string_view level);

// ---- creation award kinds: the creation_kind row of 巾帼文明岗 (made first by
// migration 0017). Counting places (boards, targets, slides, year figures,
// 概览) means this kind; the other kinds have their own lists.
inline constexpr long long kPostKindId = 1;

// ---- award statuses (award.status): the lifecycle 申报 → 创建 → 考核验收 → 命名 → 复核 / 撤销

enum class AwardStatus { Apply, Create, Assess, Name, Review, Revoke };

inline constexpr std::array<const char*, 6> kAwardStatusWords = {"申报", "创建", "考核验收", "命名", "复核", "撤销"};

std::optional<AwardStatus> parseAwardStatus(std::string_view stored);
inline const char* toWord(AwardStatus status) { return kAwardStatusWords[static_cast<std::size_t>(status)]; }
// 命名 and 复核 are a title held; 申报/创建/考核验收 not yet, 撤销 no longer.
inline bool isHeld(AwardStatus status) { return status == AwardStatus::Name || status == AwardStatus::Review; }

} // namespace jinguo
