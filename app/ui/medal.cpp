// medal.cpp — see medal.hpp.
#include "ui/medal.hpp"

#include "core/text.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <map>
#include <vector>

namespace jinguo::ui {

namespace {

long long g_medalsDrawn = 0;

ImU32 colourOf(const MedalColour& c) { return IM_COL32(c.r, c.g, c.b, c.a); }

// The design's polygons in unit coordinates, computed once per design.
struct MedalPicture {
    MedalDesign design;
    std::vector<MedalLayer> layers;
    MedalGlyphBox glyph;
};

MedalPicture pictureOf(const MedalDesign& design) { return {design, medalLayers(design), medalGlyphBox(design)}; }

struct CachedMedal {
    MedalPicture earned, unearned;
    std::string name, rule;
};

// Every field of BadgeParams (add a new one here too: a stale cache would show old glyphs).
// Per code, for the params in force: screens draw dozens of medals a frame.
const CachedMedal& cached(const std::string& code, const BadgeParams& params) {
    static BadgeParams cachedParams;
    static std::map<std::string, CachedMedal, std::less<>> medals;
    if (params != cachedParams) {
        medals.clear();
        cachedParams = params;
    }
    auto it = medals.find(code);
    if (it == medals.end()) {
        CachedMedal m;
        const MedalDesign design = medalDesign(code, params);
        m.earned = pictureOf(design);
        m.unearned = pictureOf(unearnedLook(design));
        if (const auto info = findBadge(code, params)) {
            m.name = info->name;
            m.rule = info->rule;
        } else {
            m.name = code;
        }
        it = medals.emplace(code, std::move(m)).first;
    }
    return it->second;
}

// The loaded font that holds every character of `text` and is closest to
// `pixels` (by ratio): the glyph is drawn near its own size, so it stays sharp. Falls back to the current font.
ImFont* fontFor(const std::string& text, float pixels) {
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    ImFont* best = nullptr;
    const std::u32string characters = utf8ToCodepoints(text);
    for (ImFont* font : atlas->Fonts) {
        bool hasAll = font->IsLoaded();
        for (const char32_t c : characters)
            hasAll = hasAll && c <= 0xFFFF && font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr;
        if (!hasAll) continue;
        const auto distance = [pixels](const ImFont* f) { return std::abs(std::log(f->FontSize / pixels)); };
        if (!best || distance(font) < distance(best)) best = font;
    }
    return best ? best : ImGui::GetFont();
}

void drawPicture(ImDrawList* list, ImVec2 centre, float radius, const MedalPicture& p) {
    ++g_medalsDrawn;
    std::vector<ImVec2> points;
    for (const MedalLayer& layer : p.layers) {
        points.clear();
        for (const MedalPoint& q : layer.points) points.push_back({centre.x + q.x * radius, centre.y + q.y * radius});
        const ImU32 colour = colourOf(layer.fill);
        if (layer.convex) {
            list->AddConvexPolyFilled(points.data(), static_cast<int>(points.size()), colour);
        } else {
            // A star-burst: a fan from the centre, then its edge again for anti-aliasing.
            for (std::size_t i = 0; i < points.size(); ++i)
                list->AddTriangleFilled(centre, points[i], points[(i + 1) % points.size()], colour);
            list->AddPolyline(points.data(), static_cast<int>(points.size()), colour, ImDrawFlags_Closed, 1.0f);
        }
    }
    const std::string& glyph = p.design.glyph;
    if (glyph.empty() || radius < 5) return;   // too small to read: the colours speak
    float pixels = p.glyph.height * radius;
    ImFont* font = fontFor(glyph, pixels);
    ImVec2 size = font->CalcTextSizeA(pixels, FLT_MAX, 0, glyph.c_str());
    if (size.x > p.glyph.maxWidth * radius) {
        pixels *= p.glyph.maxWidth * radius / size.x;
        size = font->CalcTextSizeA(pixels, FLT_MAX, 0, glyph.c_str());
    }
    const ImVec2 at{centre.x + p.glyph.centre.x * radius - size.x * 0.5f,
                    centre.y + p.glyph.centre.y * radius - size.y * 0.5f};
    const float shadow = std::max(1.0f, radius * 0.03f);
    list->AddText(font, pixels, {at.x + shadow, at.y + shadow}, colourOf(p.design.glyphShadow), glyph.c_str());
    list->AddText(font, pixels, at, colourOf(p.design.glyphColour), glyph.c_str());
}

} // namespace

void drawMedal(ImDrawList* list, ImVec2 centre, float radius, const MedalDesign& design, bool earned) {
    drawPicture(list, centre, radius, pictureOf(earned ? design : unearnedLook(design)));
}

float medalWidth(float size) { return size * kMedalExtent.width() / kMedalExtent.height(); }

void medalWidget(const std::string& code, float size, const BadgeParams& params, bool earned, const std::string& note) {
    const CachedMedal& m = cached(code, params);
    const ImVec2 corner = ImGui::GetCursorScreenPos();
    const float radius = size / kMedalExtent.height();
    const ImVec2 box{medalWidth(size), size};
    ImGui::Dummy(box);
    if (!ImGui::IsItemVisible()) return;
    const ImVec2 centre{corner.x - kMedalExtent.left * radius, corner.y - kMedalExtent.top * radius};
    drawPicture(ImGui::GetWindowDrawList(), centre, radius, earned ? m.earned : m.unearned);
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22);
        ImGui::TextColored(ImVec4(0.72f, 0.09f, 0.12f, 1.0f), "%s", m.name.c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s%s", medalTierName(m.earned.design.tier), str::kMedalTierSuffix);
        if (!m.rule.empty()) ImGui::TextUnformatted(m.rule.c_str());
        if (!note.empty()) ImGui::TextDisabled("%s", note.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

const std::string& medalName(const std::string& code, const BadgeParams& params) { return cached(code, params).name; }

long long medalsDrawn() { return g_medalsDrawn; }

} // namespace jinguo::ui
