// medal_design.cpp — see medal_design.hpp.
#include "core/medal_design.hpp"

#include "core/number_format.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>
#include <utility>

namespace jinguo {

namespace {

constexpr float kPi = std::numbers::pi_v<float>;

struct Palette {
    MedalColour rimDark, rimMid, rimLight, face, faceRing, glyph, glyphShadow, ribbonOuter, ribbonInner, laurel;
};

// Colours per tier: metals that read as bronze, silver and gold on a light
// or dark background; 红金 is a red face in a gold rim (the slides' identity).
Palette paletteOf(MedalTier tier) {
    switch (tier) {
    case MedalTier::Bronze:
        return {{110, 62, 28}, {160, 96, 50}, {214, 150, 96}, {184, 116, 62}, {234, 182, 132},
                {255, 244, 228}, {96, 50, 20}, {36, 92, 160}, {232, 236, 242}, {150, 100, 50}};
    case MedalTier::Silver:
        return {{96, 102, 116}, {150, 156, 170}, {216, 220, 228}, {176, 182, 196}, {240, 242, 246},
                {44, 50, 66}, {236, 238, 244}, {20, 118, 96}, {236, 240, 238}, {120, 128, 140}};
    case MedalTier::Gold:
        return {{140, 94, 6}, {204, 150, 18}, {252, 214, 96}, {232, 178, 34}, {255, 234, 150},
                {138, 18, 24}, {255, 236, 160}, {192, 20, 34}, {248, 204, 64}, {196, 150, 30}};
    case MedalTier::RedGold:
        return {{150, 80, 0}, {220, 162, 26}, {255, 226, 112}, {178, 20, 30}, {250, 210, 90},
                {255, 222, 110}, {96, 8, 12}, {248, 204, 64}, {184, 16, 28}, {236, 186, 40}};
    case MedalTier::Plain: break;
    }
    return {{112, 112, 112}, {150, 150, 150}, {204, 204, 204}, {186, 186, 186}, {228, 228, 228},
            {70, 70, 70}, {236, 236, 236}, {140, 140, 140}, {214, 214, 214}, {150, 150, 150}};
}

MedalDesign make(std::string_view code, MedalTier tier, MedalShape shape, std::string glyph, bool laurel = false) {
    const Palette p = paletteOf(tier);
    MedalDesign d;
    d.code = std::string(code);
    d.tier = tier;
    d.shape = shape;
    d.rimDark = p.rimDark;
    d.rimMid = p.rimMid;
    d.rimLight = p.rimLight;
    d.face = p.face;
    d.faceRing = p.faceRing;
    d.glyphColour = p.glyph;
    d.glyphShadow = p.glyphShadow;
    d.ribbonOuter = p.ribbonOuter;
    d.ribbonInner = p.ribbonInner;
    d.laurelColour = p.laurel;
    d.laurel = laurel;
    d.glyph = std::move(glyph);
    return d;
}

// A count as the medal shows it: whole numbers without decimals.
std::string countGlyph(double value) { return fmt::shortest(value); }

// star_N → N (0 when the code is not one).
int starNumber(std::string_view code) {
    if (code.substr(0, 5) != "star_") return 0;
    int n = 0;
    const auto tail = code.substr(5);
    const auto [end, ec] = std::from_chars(tail.data(), tail.data() + tail.size(), n);
    if (ec != std::errc() || end != tail.data() + tail.size() || n < 1 || n > 99) return 0;
    return n;
}

// ★ ratings climb the tiers with the star: of five, ★1 bronze, ★2 silver,
// ★3 gold, ★4 gold with laurel, the top star red-gold with laurel.
MedalDesign starDesign(std::string_view code, int stars, std::size_t starCount) {
    const float of = static_cast<float>(std::max<std::size_t>(starCount, 1));
    const float share = static_cast<float>(stars) / of;
    MedalTier tier = MedalTier::Bronze;
    if (share >= 1.0f) tier = MedalTier::RedGold;
    else if (share >= 0.6f) tier = MedalTier::Gold;
    else if (share >= 0.4f) tier = MedalTier::Silver;
    return make(code, tier, MedalShape::StarBurst, "★" + std::to_string(stars), share >= 0.8f);
}

MedalColour greyOf(MedalColour c) {
    // Luma, lifted towards white so a greyed medal reads as "not yet", not as silver.
    const int luma = (c.r * 299 + c.g * 587 + c.b * 114) / 1000;
    const auto v = static_cast<std::uint8_t>(std::min(255, 90 + luma * 55 / 100));
    return {v, v, v, static_cast<std::uint8_t>(c.a * 55 / 100)};
}

// ---------------------------------------------------------------- shapes

// The face's size inside the rim (a star-burst's rays leave less room).
float faceScaleOf(MedalShape shape) { return shape == MedalShape::StarBurst ? 0.70f : 0.80f; }

std::vector<MedalPoint> circle(float radius, MedalPoint centre = {}, int segments = 64) {
    std::vector<MedalPoint> out;
    out.reserve(static_cast<std::size_t>(segments));
    for (int i = 0; i < segments; ++i) {
        const float a = 2 * kPi * static_cast<float>(i) / static_cast<float>(segments);
        out.push_back({centre.x + radius * std::cos(a), centre.y + radius * std::sin(a)});
    }
    return out;
}

std::vector<MedalPoint> starBurst(float radius) {
    constexpr int rays = 16;
    std::vector<MedalPoint> out;
    for (int i = 0; i < rays * 2; ++i) {
        const float a = -kPi / 2 + kPi * static_cast<float>(i) / rays;
        const float r = radius * (i % 2 == 0 ? 1.0f : 0.84f);
        out.push_back({r * std::cos(a), r * std::sin(a)});
    }
    return out;
}

// A shield: a gently peaked top, straight sides, curving to a point below.
// Convex, so a renderer can fill it directly.
std::vector<MedalPoint> shield(float scale) {
    std::vector<MedalPoint> out;
    const auto add = [&](float x, float y) { out.push_back({x * scale, y * scale}); };
    add(-0.90f, -0.86f);
    add(-0.45f, -0.94f);
    add(0.0f, -1.0f);
    add(0.45f, -0.94f);
    add(0.90f, -0.86f);
    add(0.90f, 0.10f);
    // Right side: a quadratic curve from (0.90, 0.10) through (0.82, 0.72) to (0, 1.06).
    constexpr int steps = 10;
    for (int i = 1; i <= steps; ++i) {
        const float t = static_cast<float>(i) / steps;
        const float u = 1 - t;
        add(u * u * 0.90f + 2 * u * t * 0.82f, u * u * 0.10f + 2 * u * t * 0.72f + t * t * 1.06f);
    }
    for (int i = steps - 1; i >= 0; --i) {   // the left side, mirrored
        const float t = static_cast<float>(i) / steps;
        const float u = 1 - t;
        add(-(u * u * 0.90f + 2 * u * t * 0.82f), u * u * 0.10f + 2 * u * t * 0.72f + t * t * 1.06f);
    }
    return out;
}

std::vector<MedalPoint> outline(MedalShape shape, float scale) {
    switch (shape) {
    case MedalShape::StarBurst: return starBurst(scale);
    case MedalShape::Shield: return shield(scale);
    case MedalShape::Round: break;
    }
    return circle(scale);
}

// One ribbon tail, behind the disc, leaning outwards, with a V notch at its
// end; cut lengthwise into four stripes (outer, inner, inner, outer) so every
// piece is a convex quad.
void addTail(std::vector<MedalLayer>& layers, const MedalDesign& d, float side) {
    const MedalPoint top{side * 0.34f, 0.10f}, bottom{side * 0.66f, 1.46f};
    const float halfWidth = 0.30f, notch = 0.20f;
    // Across the tail: perpendicular to its axis.
    const float ax = bottom.x - top.x, ay = bottom.y - top.y;
    const float len = std::sqrt(ax * ax + ay * ay);
    const float nx = -ay / len, ny = ax / len;
    const auto at = [&](const MedalPoint& base, float u, float back) {
        // u in [-1, 1] across the tail; `back` moves up the axis (the notch).
        return MedalPoint{base.x + nx * u * halfWidth - ax / len * back, base.y + ny * u * halfWidth - ay / len * back};
    };
    const float cuts[] = {-1.0f, -0.5f, 0.0f, 0.5f, 1.0f};
    for (int i = 0; i < 4; ++i) {
        const float u0 = cuts[i], u1 = cuts[i + 1];
        MedalLayer stripe;
        stripe.fill = (i == 0 || i == 3) ? d.ribbonOuter : d.ribbonInner;
        stripe.points = {at(top, u0, 0), at(top, u1, 0), at(bottom, u1, notch * (1 - std::abs(u1))),
                         at(bottom, u0, notch * (1 - std::abs(u0)))};
        layers.push_back(std::move(stripe));
    }
}

// A laurel: leaves along both sides of the rim, from below to the upper side.
void addLaurel(std::vector<MedalLayer>& layers, const MedalDesign& d) {
    constexpr int leaves = 7;
    for (const float side : {-1.0f, 1.0f}) {
        for (int i = 0; i < leaves; ++i) {
            // Angles measured from straight down, towards the side.
            const float a = (0.30f + 0.36f * static_cast<float>(i)) * (kPi / 3.2f);
            const MedalPoint c{side * 1.13f * std::sin(a), 1.13f * std::cos(a)};
            // A leaf lies along the wreath, tilted outwards; its tip points up the wreath.
            const float tx = side * std::cos(a), ty = -std::sin(a);      // along the wreath (upwards)
            const float ox = side * std::sin(a), oy = std::cos(a);       // outwards
            const float length = 0.17f, width = 0.09f, tilt = 0.35f;
            const float dx = tx + ox * tilt, dy = ty + oy * tilt;
            const float n = std::sqrt(dx * dx + dy * dy);
            const float ux = dx / n, uy = dy / n;
            MedalLayer leaf;
            leaf.fill = d.laurelColour;
            leaf.points = {{c.x - ux * length, c.y - uy * length},
                           {c.x - uy * width, c.y + ux * width},
                           {c.x + ux * length, c.y + uy * length},
                           {c.x + uy * width, c.y - ux * width}};
            layers.push_back(std::move(leaf));
        }
    }
}

// ---------------------------------------------------------------- SVG

void appendNumber(std::string& out, float value) {
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::round(value * 100) / 100,
                                         std::chars_format::fixed, 2);
    std::string text(buffer, ec == std::errc() ? end : buffer);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    if (text == "-0") text = "0";
    out += text;
}

std::string colourText(const MedalColour& c) {
    static const char* const hex = "0123456789abcdef";
    std::string out = "#";
    for (const std::uint8_t v : {c.r, c.g, c.b}) {
        out += hex[v >> 4];
        out += hex[v & 15];
    }
    return out;
}

void appendFill(std::string& out, const MedalColour& c) {
    out += " fill=\"" + colourText(c) + "\"";
    if (c.a != 255) {
        out += " fill-opacity=\"";
        appendNumber(out, static_cast<float>(c.a) / 255.0f);
        out += "\"";
    }
}

std::string escapeXml(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

} // namespace

const char* medalTierName(MedalTier tier) {
    switch (tier) {
    case MedalTier::Bronze: return "铜";
    case MedalTier::Silver: return "银";
    case MedalTier::Gold: return "金";
    case MedalTier::RedGold: return "红金";
    case MedalTier::Plain: break;
    }
    return "素";
}

MedalDesign medalDesign(std::string_view code, const BadgeParams& p) {
    using T = MedalTier;
    using S = MedalShape;
    // A person's steps, by how much they ask: first steps bronze, the
    // long road silver, the many gold, the highest with a laurel.
    if (code == "first_service") return make(code, T::Bronze, S::Round, "初");
    if (code == "occasions_few") return make(code, T::Bronze, S::Round, std::to_string(p.occasionsFew));
    if (code == "hours_few") return make(code, T::Silver, S::Round, countGlyph(p.hoursFew));
    if (code == "months_streak") return make(code, T::Silver, S::Round, std::to_string(p.streakMonths) + "月");
    if (code == "still_serving") return make(code, T::Silver, S::Round, std::to_string(p.loyaltyYears) + "年");
    if (code == "first_title") return make(code, T::Silver, S::Round, "荣");
    if (code == "occasions_many") return make(code, T::Gold, S::Round, std::to_string(p.occasionsMany));
    if (code == "hours_many") return make(code, T::Gold, S::Round, countGlyph(p.hoursMany), true);
    if (code == "high_title") return make(code, T::RedGold, S::Round, p.highTitleLevel, true);
    if (const int stars = starNumber(code)) return starDesign(code, stars, p.starThresholds.size());
    // A unit's badges are shields.
    if (code == "team_size") return make(code, T::Silver, S::Shield, std::to_string(p.teamSize));
    if (code == "most_improved") return make(code, T::Silver, S::Shield, "↑");
    if (code == "rate_target") return make(code, T::Gold, S::Shield, "率");
    if (code == "posts_reviewed") return make(code, T::Gold, S::Shield, "岗");
    if (code == "communities_met") return make(code, T::RedGold, S::Shield, "满");
    if (code == "all_targets") return make(code, T::RedGold, S::Shield, "全", true);
    return make(code, T::Plain, S::Round, "?");
}

MedalDesign podiumMedal(int rank) {
    const std::string code = "podium_" + std::to_string(rank);
    switch (rank) {
    case 1: return make(code, MedalTier::Gold, MedalShape::Round, "1", true);
    case 2: return make(code, MedalTier::Silver, MedalShape::Round, "2");
    case 3: return make(code, MedalTier::Bronze, MedalShape::Round, "3");
    default: break;
    }
    return make(code, MedalTier::Plain, MedalShape::Round, std::to_string(rank));
}

BestBadgesFirst::BestBadgesFirst(const BadgeParams& params) {
    const std::vector<BadgeInfo> catalogue = badgeCatalogue(params);
    for (std::size_t i = 0; i < catalogue.size(); ++i)
        m_keys[catalogue[i].code] = {static_cast<int>(medalDesign(catalogue[i].code, params).tier), static_cast<int>(i)};
}

void BestBadgesFirst::sort(std::vector<std::string>& codes) const {
    const auto key = [&](const std::string& code) {
        const auto it = m_keys.find(code);
        return it == m_keys.end() ? std::pair{-1, -1} : it->second;
    };
    std::stable_sort(codes.begin(), codes.end(),
                     [&](const std::string& a, const std::string& b) { return key(a) > key(b); });
}

MedalDesign unearnedLook(const MedalDesign& design) {
    MedalDesign d = design;
    for (MedalColour* c : {&d.rimDark, &d.rimMid, &d.rimLight, &d.face, &d.faceRing, &d.glyphColour,
                           &d.glyphShadow, &d.ribbonOuter, &d.ribbonInner, &d.laurelColour})
        *c = greyOf(*c);
    return d;
}

std::vector<MedalLayer> medalLayers(const MedalDesign& d) {
    std::vector<MedalLayer> layers;
    addTail(layers, d, -1);
    addTail(layers, d, 1);
    if (d.laurel) addLaurel(layers, d);
    const bool convex = d.shape != MedalShape::StarBurst;
    layers.push_back({outline(d.shape, 1.0f), d.rimDark, convex});
    layers.push_back({outline(d.shape, 0.95f), d.rimMid, convex});
    layers.push_back({outline(d.shape, 0.89f), d.rimLight, convex});
    // A star-burst's face is round; the others follow their outline.
    const MedalShape faceShape = d.shape == MedalShape::StarBurst ? MedalShape::Round : d.shape;
    const float faceScale = faceScaleOf(d.shape);
    layers.push_back({outline(faceShape, faceScale), d.rimDark, true});
    layers.push_back({outline(faceShape, faceScale - 0.04f), d.face, true});
    layers.push_back({outline(faceShape, faceScale - 0.09f), d.faceRing, true});
    layers.push_back({outline(faceShape, faceScale - 0.13f), d.face, true});
    // A sheen on the upper left: light from above.
    MedalColour sheen{255, 255, 255, static_cast<std::uint8_t>(d.face.a * 40 / 255)};
    layers.push_back({circle(0.30f, {-0.24f, -0.30f}, 32), sheen, true});
    return layers;
}

MedalGlyphBox medalGlyphBox(const MedalDesign& d) {
    // Count code points: "1000" needs a smaller size than "初".
    const std::size_t chars = codepointCount(d.glyph);
    const float faceScale = faceScaleOf(d.shape);
    const float height = (chars <= 1 ? 0.88f : chars == 2 ? 0.74f : chars == 3 ? 0.62f : 0.52f) * faceScale / 0.80f;
    const float y = d.shape == MedalShape::Shield ? -0.04f : 0.0f;
    return {{0.0f, y}, height, 2 * (faceScale - 0.18f)};
}

std::string medalSvg(const MedalDesign& d, int pixels) {
    // Unit coordinates × 50: whole-ish numbers that read well in the file.
    constexpr float k = 50.0f;
    const MedalExtent e = kMedalExtent;
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    std::string codeInComment = escapeXml(d.code);   // "--" may not appear in a comment
    for (std::size_t at; (at = codeInComment.find("--")) != std::string::npos;) codeInComment.replace(at, 2, "-_");
    out += "<!-- Jinguo badge medal \"" + codeInComment + "\" (" + medalTierName(d.tier)
         + "): written by tools/make_badge_svgs from core/medal_design.cpp; do not edit. -->\n";
    out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(pixels) + "\" height=\"";
    out += std::to_string(static_cast<int>(std::lround(pixels * e.height() / e.width())));
    out += "\" viewBox=\"";
    appendNumber(out, e.left * k);
    out += " ";
    appendNumber(out, e.top * k);
    out += " ";
    appendNumber(out, e.width() * k);
    out += " ";
    appendNumber(out, e.height() * k);
    out += "\">\n";
    for (const MedalLayer& layer : medalLayers(d)) {
        out += "  <polygon points=\"";
        for (std::size_t i = 0; i < layer.points.size(); ++i) {
            if (i) out += " ";
            appendNumber(out, layer.points[i].x * k);
            out += ",";
            appendNumber(out, layer.points[i].y * k);
        }
        out += "\"";
        appendFill(out, layer.fill);
        out += "/>\n";
    }
    if (!d.glyph.empty()) {
        const MedalGlyphBox g = medalGlyphBox(d);
        const auto text = [&](const MedalColour& colour, float offset) {
            out += "  <text x=\"";
            appendNumber(out, (g.centre.x + offset) * k);
            out += "\" y=\"";
            appendNumber(out, (g.centre.y + offset) * k);
            out += "\" font-size=\"";
            appendNumber(out, g.height * k);
            // The nominal heights fit the face (medalGlyphBox); SVG has no "at most this wide".
            out += "\" text-anchor=\"middle\" dominant-baseline=\"central\""
                   " font-family=\"Noto Sans CJK SC, Noto Sans, sans-serif\" font-weight=\"bold\"";
            appendFill(out, colour);
            out += ">" + escapeXml(d.glyph) + "</text>\n";
        };
        text(d.glyphShadow, 0.03f);
        text(d.glyphColour, 0.0f);
    }
    out += "</svg>\n";
    return out;
}

std::string medalGlyphText(const BadgeParams& params) {
    std::string out;
    for (const BadgeInfo& b : badgeCatalogue(params)) out += medalDesign(b.code, params).glyph;
    return out + medalDesign("").glyph;
}

} // namespace jinguo
