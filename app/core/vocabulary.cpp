// vocabulary.cpp — see vocabulary.hpp.
#include "core/vocabulary.hpp"

namespace jinguo {

std::optional<UnitKind> parseUnitKind(std::string_view stored) {
    for (const UnitKindInfo& k : kUnitKinds)
        if (stored == k.stored) return k.kind;
    return std::nullopt;
}

const UnitKindInfo& info(UnitKind kind) {
    for (const UnitKindInfo& k : kUnitKinds)
        if (k.kind == kind) return k;
    return kUnitKinds.front();
}

std::optional<UnitTier> parentTier(UnitTier tier) {
    switch (tier) {
    case UnitTier::District: return std::nullopt;
    case UnitTier::Street: return UnitTier::District;
    case UnitTier::Community: return UnitTier::Street;
    }
    return std::nullopt;
}

std::string tierKindsText(UnitTier tier, std::string_view separator) {
    std::string out;
    for (const UnitKindInfo& k : kUnitKinds) {
        if (k.tier != tier) continue;
        if (!out.empty()) out += separator;
        out += k.shown;
    }
    return out;
}

std::string allKindsText(std::string_view separator, std::string_view lastSeparator) {
    std::string out;
    for (std::size_t i = 0; i < kUnitKinds.size(); ++i) {
        if (i > 0) out += i + 1 == kUnitKinds.size() ? lastSeparator : separator;
        out += kUnitKinds[i].shown;
    }
    return out;
}

UnitKind firstKindOf(UnitTier tier) {
    for (const UnitKindInfo& k : kUnitKinds)
        if (k.tier == tier) return k.kind;
    return UnitKind::District;
}

UnitKind rootKindFor(std::string_view name) {
    for (const std::string_view end : {"县", "市", "旗"})
        if (name.size() > end.size() && name.substr(name.size() - end.size()) == end) return UnitKind::County;
    return UnitKind::District;
}

int tierDepth(UnitKind kind) {
    const UnitTier tier = tierOf(kind);
    if (tier == UnitTier::District) return 0;
    if (tier == UnitTier::Street) return 1;
    return 2;
}

std::optional<TitleLevel> parseTitleLevel(std::string_view stored) {
    for (std::size_t i = 0; i < kTitleLevelWords.size(); ++i)
        if (stored == kTitleLevelWords[i]) return static_cast<TitleLevel>(i);
    return std::nullopt;
}

int titleLevelRank(std::string_view level) {
    const auto l = parseTitleLevel(level);
    return l ? rankOf(*l) : -1;
}

std::string levelWithSuffix(std::string_view level) {
    std::string out(level);
    if (level != toWord(TitleLevel::Nation)) out += "级";
    return out;
}

std::optional<AwardStatus> parseAwardStatus(std::string_view stored) {
    for (std::size_t i = 0; i < kAwardStatusWords.size(); ++i)
        if (stored == kAwardStatusWords[i]) return static_cast<AwardStatus>(i);
    return std::nullopt;
}

} // namespace jinguo
