// section_icons.cpp — see section_icons.hpp. Every icon is drawn in unit
// coordinates (0…1 across and down); P() maps them into the icon's square.
#include "ui/section_icons.hpp"

#include "ui/theme.hpp"

#include <algorithm>
#include <cmath>

namespace jinguo::ui {

namespace {

constexpr float kPi = 3.14159265f;

struct Pen {
    ImDrawList* dl;
    ImVec2 origin;
    float size;
    ImU32 colour;
    float stroke;

    ImVec2 P(float x, float y) const { return ImVec2(origin.x + x * size, origin.y + y * size); }
    float R(float r) const { return r * size; }

    void line(float x0, float y0, float x1, float y1, float widthFactor = 1.0f) const {
        dl->AddLine(P(x0, y0), P(x1, y1), colour, stroke * widthFactor);
    }
    void polyline(std::initializer_list<ImVec2> points, bool closed = false) const {
        for (const ImVec2& p : points) dl->PathLineTo(P(p.x, p.y));
        dl->PathStroke(colour, closed ? ImDrawFlags_Closed : ImDrawFlags_None, stroke);
    }
    void rect(float x0, float y0, float x1, float y1, float rounding = 0.0f) const {
        dl->AddRect(P(x0, y0), P(x1, y1), colour, R(rounding), 0, stroke);
    }
    void fillRect(float x0, float y0, float x1, float y1, float rounding = 0.0f) const {
        dl->AddRectFilled(P(x0, y0), P(x1, y1), colour, R(rounding));
    }
    void circle(float x, float y, float r) const { dl->AddCircle(P(x, y), R(r), colour, 0, stroke); }
    void fillCircle(float x, float y, float r) const { dl->AddCircleFilled(P(x, y), R(r), colour); }
    void fillTriangle(float x0, float y0, float x1, float y1, float x2, float y2) const {
        dl->AddTriangleFilled(P(x0, y0), P(x1, y1), P(x2, y2), colour);
    }
    // A filled upper half-disc (a person's shoulders), its flat side at y.
    void shoulders(float x, float y, float r) const {
        dl->PathArcTo(P(x, y), R(r), kPi, 2.0f * kPi);
        dl->PathFillConvex(colour);
    }
    // A five-pointed star: the inner pentagon and its five points.
    void fillStar(float x, float y, float outer) const {
        const float inner = outer * 0.42f;
        ImVec2 in[5], out[5];
        for (int i = 0; i < 5; ++i) {
            const float a = -kPi / 2 + static_cast<float>(i) * 2 * kPi / 5;
            out[i] = P(x + outer * std::cos(a), y + outer * std::sin(a));
            in[i] = P(x + inner * std::cos(a + kPi / 5), y + inner * std::sin(a + kPi / 5));
        }
        dl->AddConvexPolyFilled(in, 5, colour);
        for (int i = 0; i < 5; ++i) dl->AddTriangleFilled(in[(i + 4) % 5], out[i], in[i], colour);
    }
};

void house(const Pen& p) {
    p.polyline({{0.08f, 0.50f}, {0.50f, 0.12f}, {0.92f, 0.50f}});
    p.polyline({{0.22f, 0.40f}, {0.22f, 0.88f}, {0.78f, 0.88f}, {0.78f, 0.40f}});
    p.fillRect(0.42f, 0.60f, 0.58f, 0.88f);
}

void people(const Pen& p) {
    // One behind (outlined), one in front (filled).
    p.circle(0.68f, 0.32f, 0.12f);
    p.dl->PathArcTo(p.P(0.68f, 0.86f), p.R(0.22f), kPi * 1.15f, 2.0f * kPi);
    p.dl->PathStroke(p.colour, ImDrawFlags_None, p.stroke);
    p.fillCircle(0.38f, 0.34f, 0.15f);
    p.shoulders(0.38f, 0.90f, 0.28f);
}

void familyHome(const Pen& p) {
    p.polyline({{0.06f, 0.46f}, {0.50f, 0.10f}, {0.94f, 0.46f}});
    // A heart under the roof: two discs and a point.
    p.fillCircle(0.385f, 0.54f, 0.125f);
    p.fillCircle(0.615f, 0.54f, 0.125f);
    p.fillTriangle(0.27f, 0.59f, 0.73f, 0.59f, 0.50f, 0.88f);
}

void flag(const Pen& p) {
    p.line(0.24f, 0.08f, 0.24f, 0.94f);
    // The swallow-tailed cloth: a rectangle and the two tails.
    p.fillRect(0.24f, 0.14f, 0.66f, 0.54f);
    p.fillTriangle(0.66f, 0.14f, 0.86f, 0.14f, 0.66f, 0.34f);
    p.fillTriangle(0.66f, 0.34f, 0.86f, 0.54f, 0.66f, 0.54f);
}

void medal(const Pen& p) {
    p.line(0.30f, 0.06f, 0.43f, 0.40f, 1.3f);
    p.line(0.70f, 0.06f, 0.57f, 0.40f, 1.3f);
    p.circle(0.50f, 0.65f, 0.27f);
    p.fillStar(0.50f, 0.66f, 0.17f);
}

void checklist(const Pen& p) {
    for (float y : {0.22f, 0.50f, 0.78f}) {
        p.polyline({{0.08f, y}, {0.17f, y + 0.08f}, {0.32f, y - 0.09f}});
        p.line(0.44f, y, 0.92f, y);
    }
}

void orgTree(const Pen& p) {
    p.fillRect(0.36f, 0.08f, 0.64f, 0.30f, 0.04f);
    p.line(0.50f, 0.30f, 0.50f, 0.62f);
    p.polyline({{0.18f, 0.62f}, {0.18f, 0.47f}, {0.82f, 0.47f}, {0.82f, 0.62f}});
    p.fillRect(0.06f, 0.64f, 0.30f, 0.88f, 0.04f);
    p.fillRect(0.38f, 0.64f, 0.62f, 0.88f, 0.04f);
    p.fillRect(0.70f, 0.64f, 0.94f, 0.88f, 0.04f);
}

void target(const Pen& p) {
    p.circle(0.50f, 0.50f, 0.40f);
    p.circle(0.50f, 0.50f, 0.24f);
    p.fillCircle(0.50f, 0.50f, 0.09f);
}

void podium(const Pen& p) {
    p.fillRect(0.06f, 0.52f, 0.34f, 0.90f);
    p.fillRect(0.37f, 0.32f, 0.63f, 0.90f);
    p.fillRect(0.66f, 0.64f, 0.94f, 0.90f);
    p.fillStar(0.50f, 0.15f, 0.12f);
}

void importTray(const Pen& p) {
    p.polyline({{0.10f, 0.56f}, {0.10f, 0.88f}, {0.90f, 0.88f}, {0.90f, 0.56f}});
    p.line(0.50f, 0.08f, 0.50f, 0.52f);
    p.fillTriangle(0.31f, 0.46f, 0.69f, 0.46f, 0.50f, 0.70f);
}

void screen(const Pen& p) {
    p.rect(0.06f, 0.12f, 0.94f, 0.70f, 0.04f);
    p.fillTriangle(0.42f, 0.27f, 0.42f, 0.55f, 0.64f, 0.41f);
    p.line(0.50f, 0.70f, 0.50f, 0.86f);
    p.line(0.28f, 0.88f, 0.72f, 0.88f);
}

void gear(const Pen& p) {
    for (int i = 0; i < 8; ++i) {
        const float a = static_cast<float>(i) * kPi / 4;
        p.line(0.50f + 0.26f * std::cos(a), 0.50f + 0.26f * std::sin(a), 0.50f + 0.42f * std::cos(a),
               0.50f + 0.42f * std::sin(a), 1.9f);
    }
    p.circle(0.50f, 0.50f, 0.27f);
    p.circle(0.50f, 0.50f, 0.10f);
}

void question(const Pen& p) {
    p.circle(0.50f, 0.50f, 0.44f);
    // The hook: from its left end over the top, round and down to the stem.
    p.dl->PathArcTo(p.P(0.50f, 0.39f), p.R(0.14f), kPi, 2.5f * kPi);
    p.dl->PathLineTo(p.P(0.50f, 0.62f));
    p.dl->PathStroke(p.colour, ImDrawFlags_None, p.stroke);
    p.fillCircle(0.50f, 0.75f, 0.055f);
}

} // namespace

void drawSectionIcon(ImDrawList* drawList, Section section, ImVec2 topLeft, float size, ImU32 colour) {
    // Whole pixels: the same icon lands on the same pixel grid at every position.
    const ImVec2 origin(std::floor(topLeft.x), std::floor(topLeft.y));
    const Pen pen{drawList, origin, std::round(size), colour, std::max(1.0f, std::round(size / 12.0f * 2.0f) / 2.0f)};
    switch (section) {
    case Section::Overview: house(pen); break;
    case Section::Volunteers: people(pen); break;
    case Section::Families: familyHome(pen); break;
    case Section::Posts: flag(pen); break;
    case Section::Honours: medal(pen); break;
    case Section::Review: checklist(pen); break;
    case Section::Units: orgTree(pen); break;
    case Section::Targets: target(pen); break;
    case Section::Leaderboards: podium(pen); break;
    case Section::Import: importTray(pen); break;
    case Section::Presentation: screen(pen); break;
    case Section::Settings: gear(pen); break;
    case Section::Help: question(pen); break;
    }
}

void drawSectionRowContent(Section section, const char* label, bool selected) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 max = ImGui::GetItemRectMax();
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fontSize = ImGui::GetFontSize();
    const float bar = std::max(3.0f, std::round(fontSize * 0.18f));
    if (selected) dl->AddRectFilled(min, ImVec2(min.x + bar, max.y), ImGui::GetColorU32(theme::kAccent));
    const float iconSize = std::round(fontSize * 1.05f);
    const float centreY = (min.y + max.y) * 0.5f;
    const ImVec2 iconAt(min.x + bar + fontSize * 0.55f, centreY - iconSize * 0.5f);
    const ImVec4 iconColour = selected ? theme::kAccent : hovered ? theme::kText : theme::kTextMuted;
    drawSectionIcon(dl, section, iconAt, iconSize, ImGui::GetColorU32(iconColour));
    const ImVec2 textAt(iconAt.x + iconSize + fontSize * 0.6f, std::round(centreY - fontSize * 0.5f));
    dl->AddText(textAt, ImGui::GetColorU32(selected ? theme::kAccent : theme::kText), label);
}

} // namespace jinguo::ui
