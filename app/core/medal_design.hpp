// medal_design.hpp — what each badge looks like as a medal, drawn by our own
// code: the app draws it with ImGui (ui/medal.hpp) and the same geometry is
// written as SVG for assets/badges/ (tools/make_badge_svgs.cpp), so the
// picture on screen and the file never disagree.
//
// A design has a tier (铜/银/金/红金, by how hard the badge is to earn), a
// shape (round for a person's steps, a star-burst for the ★ ratings, a
// shield for a unit's badges), metal and ribbon colours, an optional laurel
// and a short glyph ("1000", "★3", "初"). medalLayers() turns it into filled
// polygons in unit coordinates: the disc's centre at (0, 0), its radius 1,
// y pointing down; everything fits in kMedalExtent.
#pragma once

#include "core/badges.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jinguo {

struct MedalColour {
    std::uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator==(const MedalColour&) const = default;
};

enum class MedalTier { Plain, Bronze, Silver, Gold, RedGold };
enum class MedalShape { Round, StarBurst, Shield };

struct MedalDesign {
    std::string code;
    MedalTier tier = MedalTier::Plain;
    MedalShape shape = MedalShape::Round;
    MedalColour rimDark, rimMid, rimLight;   // the rim, outside in (a gradient in three steps)
    MedalColour face, faceRing;              // the face and the thin ring on it
    MedalColour glyphColour, glyphShadow;
    MedalColour ribbonOuter, ribbonInner;    // the two tails' stripes
    MedalColour laurelColour;
    bool laurel = false;                     // a wreath for the hardest badges
    std::string glyph;                       // short: a number, "★3" or one character
    bool operator==(const MedalDesign&) const = default;
};

// "铜", "银", "金", "红金", "素".
const char* medalTierName(MedalTier tier);

// The design of a badge code, with the thresholds in force for its glyph
// ("20" when the region counts 20 occasions). Any code is accepted: an
// unknown one gets a plain grey medal, never an error.
MedalDesign medalDesign(std::string_view code, const BadgeParams& params = {});

// The medal of a podium place: 1 gold with laurel, 2 silver, 3 bronze (the
// rank as its glyph); any other rank plain.
MedalDesign podiumMedal(int rank);

// Orders badge codes best first: higher tier first, then the one later in
// the catalogue (a higher ★ before a lower one); unknown codes last. Built
// once per params, then cheap per person.
class BestBadgesFirst {
public:
    explicit BestBadgesFirst(const BadgeParams& params = {});
    void sort(std::vector<std::string>& codes) const;

private:
    std::map<std::string, std::pair<int, int>, std::less<>> m_keys;   // code → (tier, catalogue place)
};

// The same medal for a badge not (yet) earned: greys, half transparent.
MedalDesign unearnedLook(const MedalDesign& design);

// ---------------------------------------------------------------- geometry

struct MedalPoint {
    float x = 0, y = 0;
};

struct MedalLayer {
    std::vector<MedalPoint> points;   // a closed polygon
    MedalColour fill;
    // False for the star-burst's rim: fill it as a fan from (0, 0) (every
    // point of it can see the centre), not as a convex polygon.
    bool convex = true;
};

// How far a medal reaches from its disc's centre, in radii (laurel and
// ribbon tails included). The same for every design, so medals line up.
struct MedalExtent {
    float left, top, right, bottom;
    float width() const { return right - left; }
    float height() const { return bottom - top; }
};
inline constexpr MedalExtent kMedalExtent{-1.32f, -1.04f, 1.32f, 1.62f};

// The polygons, back to front: ribbon tails, laurel, rim, face, sheen.
std::vector<MedalLayer> medalLayers(const MedalDesign& design);

// Where the glyph goes: its centre and its nominal height, in radii; it
// must also fit in glyphMaxWidth (a renderer shrinks a wider one).
struct MedalGlyphBox {
    MedalPoint centre;
    float height = 0;
    float maxWidth = 0;
};
MedalGlyphBox medalGlyphBox(const MedalDesign& design);

// The medal as a standalone SVG document (plain text, UTF-8), drawn from
// medalLayers() and medalGlyphBox(); `pixels` is its nominal width.
std::string medalSvg(const MedalDesign& design, int pixels = 128);

// Every glyph of the catalogue's designs, for the font loader.
std::string medalGlyphText(const BadgeParams& params = {});

} // namespace jinguo
