// core_medal_design_test.cpp — every badge has a medal; tiers look different
// (a 1000-hour medal is not a first-service one); unknown codes get a plain
// medal; the geometry stays inside its extent and its "convex" layers are;
// the committed assets/badges/*.svg are what the generator writes now, and
// each is well-formed XML.
#include <doctest/doctest.h>

#include "core/badges.hpp"
#include "core/medal_design.hpp"
#include "test_files.hpp"

#include <expat.h>

#include <cmath>

#include <filesystem>
#include <set>

using namespace jinguo;

namespace {

bool sameColours(const MedalDesign& a, const MedalDesign& b) {
    return a.rimDark == b.rimDark && a.rimMid == b.rimMid && a.rimLight == b.rimLight && a.face == b.face
        && a.ribbonOuter == b.ribbonOuter && a.ribbonInner == b.ribbonInner;
}

// Every turn of a closed polygon goes the same way (collinear points allowed).
bool isConvex(const std::vector<MedalPoint>& p) {
    int sign = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
        const MedalPoint& a = p[i];
        const MedalPoint& b = p[(i + 1) % p.size()];
        const MedalPoint& c = p[(i + 2) % p.size()];
        const float cross = (b.x - a.x) * (c.y - b.y) - (b.y - a.y) * (c.x - b.x);
        if (std::abs(cross) < 1e-6f) continue;
        const int s = cross > 0 ? 1 : -1;
        if (sign != 0 && s != sign) return false;
        sign = s;
    }
    return true;
}

std::string badgeSvgPath(const std::string& code) {
    return (std::filesystem::path(test::testDataDir()).parent_path().parent_path() / "assets" / "badges" / (code + ".svg"))
        .string();
}

// expat's verdict: "" when well-formed, else its error and line.
std::string xmlError(const std::string& text) {
    XML_Parser parser = XML_ParserCreate("UTF-8");
    std::string error;
    if (XML_Parse(parser, text.data(), static_cast<int>(text.size()), 1) == XML_STATUS_ERROR)
        error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line "
              + std::to_string(XML_GetCurrentLineNumber(parser));
    XML_ParserFree(parser);
    return error;
}

} // namespace

TEST_CASE("every badge of the catalogue has a medal with a glyph, whatever the thresholds") {
    BadgeParams seven;
    seven.starThresholds = {100, 200, 500, 800, 1000, 2000, 3000};
    for (const BadgeParams& params : {BadgeParams{}, seven}) {
        const auto catalogue = badgeCatalogue(params);
        CHECK(catalogue.size() >= 20);
        for (const BadgeInfo& b : catalogue) {
            CAPTURE(b.code);
            const MedalDesign d = medalDesign(b.code, params);
            CHECK(d.code == b.code);
            CHECK(d.tier != MedalTier::Plain);
            CHECK_FALSE(d.glyph.empty());
            // A unit's badge is a shield, a ★ a star-burst, a person's step round.
            if (b.subject == BadgeSubject::Unit) CHECK(d.shape == MedalShape::Shield);
            else if (b.code.rfind("star_", 0) == 0) CHECK(d.shape == MedalShape::StarBurst);
            else CHECK(d.shape == MedalShape::Round);
        }
    }
}

TEST_CASE("a 1000-hour medal looks unlike a first-service one; the tiers differ in their colours") {
    const MedalDesign first = medalDesign("first_service");
    const MedalDesign thousand = medalDesign("hours_many");
    CHECK(first.tier == MedalTier::Bronze);
    CHECK(thousand.tier == MedalTier::Gold);
    CHECK(thousand.laurel);
    CHECK_FALSE(first.laurel);
    CHECK(thousand.glyph == "1000");
    CHECK_FALSE(sameColours(first, thousand));

    // One design per tier: no two tiers share their metal, face or ribbon.
    const std::vector<MedalDesign> tiers = {medalDesign("first_service"), medalDesign("hours_few"),
                                            medalDesign("occasions_many"), medalDesign("high_title"),
                                            medalDesign("no_such_badge")};
    std::set<MedalTier> seen;
    for (const MedalDesign& d : tiers) seen.insert(d.tier);
    CHECK(seen.size() == 5);
    for (std::size_t i = 0; i < tiers.size(); ++i)
        for (std::size_t j = i + 1; j < tiers.size(); ++j) {
            CAPTURE(tiers[i].code);
            CAPTURE(tiers[j].code);
            CHECK_FALSE(tiers[i].face == tiers[j].face);
            CHECK_FALSE(tiers[i].rimMid == tiers[j].rimMid);
            CHECK_FALSE(tiers[i].ribbonOuter == tiers[j].ribbonOuter);
        }
    CHECK(std::string(medalTierName(MedalTier::Gold)) == "金");
    CHECK(std::string(medalTierName(MedalTier::RedGold)) == "红金");
}

TEST_CASE("★ medals climb the tiers with the star; the top star is red-gold with a laurel") {
    int previous = -1;
    for (int n = 1; n <= 5; ++n) {
        const MedalDesign d = medalDesign("star_" + std::to_string(n));
        CAPTURE(n);
        CHECK(d.glyph == "★" + std::to_string(n));
        CHECK(static_cast<int>(d.tier) >= previous);
        previous = static_cast<int>(d.tier);
    }
    CHECK(medalDesign("star_1").tier == MedalTier::Bronze);
    CHECK(medalDesign("star_5").tier == MedalTier::RedGold);
    CHECK(medalDesign("star_5").laurel);
    // With seven stars, ★5 is no longer the top.
    BadgeParams seven;
    seven.starThresholds = {100, 200, 500, 800, 1000, 2000, 3000};
    CHECK(medalDesign("star_5", seven).tier == MedalTier::Gold);
    CHECK(medalDesign("star_7", seven).tier == MedalTier::RedGold);
}

TEST_CASE("glyphs follow the thresholds in force") {
    BadgeParams p;
    p.occasionsFew = 20;
    p.hoursMany = 2000;
    p.teamSize = 30;
    p.highTitleLevel = "省";
    CHECK(medalDesign("occasions_few", p).glyph == "20");
    CHECK(medalDesign("hours_many", p).glyph == "2000");
    CHECK(medalDesign("team_size", p).glyph == "30");
    CHECK(medalDesign("high_title", p).glyph == "省");
    // Every glyph is in the text the font loader is given.
    const std::string glyphs = medalGlyphText(p);
    for (const BadgeInfo& b : badgeCatalogue(p)) CHECK(glyphs.find(medalDesign(b.code, p).glyph) != std::string::npos);
}

TEST_CASE("unknown codes get a plain medal, never an error") {
    for (const char* code : {"", "star_", "star_0", "star_x", "star_1x", "star_-1", "no_such_badge", "STAR_1"}) {
        CAPTURE(code);
        const MedalDesign d = medalDesign(code);
        CHECK(d.tier == MedalTier::Plain);
        CHECK(d.code == code);
        CHECK_FALSE(medalLayers(d).empty());
    }
    // A star beyond the thresholds (they were lowered after it was earned) is still a star.
    CHECK(medalDesign("star_9").shape == MedalShape::StarBurst);
    CHECK(medalDesign("star_9").tier == MedalTier::RedGold);
}

TEST_CASE("the geometry stays inside the extent, and layers marked convex are") {
    for (const char* code : {"first_service", "hours_many", "star_3", "star_5", "all_targets", "team_size", "?"}) {
        CAPTURE(code);
        const MedalDesign d = medalDesign(code);
        const auto layers = medalLayers(d);
        CHECK(layers.size() >= 10);
        bool someFan = false;
        for (const MedalLayer& layer : layers) {
            REQUIRE(layer.points.size() >= 3);
            for (const MedalPoint& p : layer.points) {
                CHECK(p.x >= kMedalExtent.left);
                CHECK(p.x <= kMedalExtent.right);
                CHECK(p.y >= kMedalExtent.top);
                CHECK(p.y <= kMedalExtent.bottom);
            }
            if (layer.convex) CHECK(isConvex(layer.points));
            someFan = someFan || !layer.convex;
        }
        CHECK(someFan == (d.shape == MedalShape::StarBurst));
        const MedalGlyphBox g = medalGlyphBox(d);
        CHECK(g.height > 0.3f);
        CHECK(g.maxWidth > 0.8f);
    }
    // A laurel adds leaves.
    CHECK(medalLayers(medalDesign("hours_many")).size() > medalLayers(medalDesign("occasions_many")).size());
}

TEST_CASE("an unearned medal is the same medal in grey") {
    const MedalDesign gold = medalDesign("hours_many");
    const MedalDesign grey = unearnedLook(gold);
    CHECK(grey.glyph == gold.glyph);
    CHECK(grey.shape == gold.shape);
    CHECK_FALSE(grey.face == gold.face);
    for (const MedalColour& c : {grey.rimDark, grey.face, grey.ribbonOuter, grey.glyphColour}) {
        CHECK(c.r == c.g);
        CHECK(c.g == c.b);
        CHECK(c.a < 255);
    }
}

TEST_CASE("podium medals are gold, silver and bronze; badges sort best first") {
    CHECK(podiumMedal(1).tier == MedalTier::Gold);
    CHECK(podiumMedal(1).laurel);
    CHECK(podiumMedal(2).tier == MedalTier::Silver);
    CHECK(podiumMedal(3).tier == MedalTier::Bronze);
    CHECK(podiumMedal(4).tier == MedalTier::Plain);
    CHECK(podiumMedal(2).glyph == "2");

    std::vector<std::string> codes = {"first_service", "nonsense", "star_1", "hours_many", "star_2", "high_title"};
    BestBadgesFirst(BadgeParams{}).sort(codes);
    CHECK(codes == std::vector<std::string>{"high_title", "hours_many", "star_2", "star_1", "first_service", "nonsense"});
}

TEST_CASE("SVG: the committed assets/badges files are what the generator writes now, and well-formed") {
    const auto catalogue = badgeCatalogue();
    for (const BadgeInfo& b : catalogue) {
        CAPTURE(b.code);
        const std::string written = medalSvg(medalDesign(b.code));
        CHECK(xmlError(written).empty());
        CHECK(written.find("<svg ") != std::string::npos);
        CHECK(written.find("</svg>") != std::string::npos);
        CHECK(written.find(">" + medalDesign(b.code).glyph + "</text>") != std::string::npos);
        const std::string path = badgeSvgPath(b.code);
        REQUIRE_MESSAGE(std::filesystem::exists(path),
                        path << " is missing: cmake --build build --target make_badge_svgs && "
                                "build/assets/make_badge_svgs assets/badges");
        const std::string committed = test::readFile(path);
        CHECK_MESSAGE(committed == written, path << " differs from the design: regenerate it (make_badge_svgs)");
        CHECK(xmlError(committed).empty());
    }
    // Nothing else in the folder: a badge removed from the catalogue takes its file with it.
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(badgeSvgPath("x")).parent_path()))
        files += entry.path().extension() == ".svg";
    CHECK(files == catalogue.size());
    // Escaping: a code with XML characters still gives a well-formed file.
    CHECK(xmlError(medalSvg(medalDesign("a<b>&\"c--d"))).empty());
    CHECK(xmlError("<svg><polygon></svg>") != "");   // the checker itself can fail
}
