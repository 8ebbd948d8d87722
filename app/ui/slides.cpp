// slides.cpp — drawing the meeting slides with an ImGui draw list.
#include "ui/slides.hpp"

#include "core/masking.hpp"
#include "core/number_format.hpp"
#include "core/vocabulary.hpp"
#include "ui/ui_strings.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace jinguo::ui {

namespace {

// A red-and-gold palette that keeps its contrast when a projector washes it
// out: light text on a deep red, gold only for what matters most.
constexpr ImU32 rgb(int r, int g, int b, int a = 255) { return IM_COL32(r, g, b, a); }
const ImU32 kBackTop = rgb(150, 12, 18);
const ImU32 kBackBottom = rgb(96, 4, 10);
const ImU32 kGold = rgb(255, 214, 90);
const ImU32 kCream = rgb(255, 240, 214);
const ImU32 kDim = rgb(246, 206, 170);
const ImU32 kWhite = rgb(255, 255, 255);
const ImU32 kPanel = rgb(60, 0, 4, 110);
const ImU32 kDarkText = rgb(60, 0, 4);
const ImU32 kGreen = rgb(70, 205, 110);
const ImU32 kAmber = rgb(255, 183, 43);
const ImU32 kRed = rgb(255, 92, 80);
const ImU32 kDeepRed = rgb(185, 10, 16);
const ImU32 kMovingCard = rgb(118, 6, 12);

ImU32 withAlpha(ImU32 colour, float alpha) {
    const auto a = static_cast<int>(static_cast<float>((colour >> IM_COL32_A_SHIFT) & 0xFF) * std::clamp(alpha, 0.0f, 1.0f));
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT);
}

ImU32 statusColour(TargetStatus status) {
    switch (targetStatusTone(status)) {
    case TargetStatus::Green: return kGreen;
    case TargetStatus::Amber: return kAmber;
    default: return kRed;
    }
}

float easeOut(float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return 1.0f - (1.0f - t) * (1.0f - t) * (1.0f - t);
}

enum class Role { Body, Heading, Title, Figure };
enum class Align { Left, Center, Right };

// Text in one of the four slide sizes; shrinks to fit a width when asked.
struct Painter {
    ImDrawList* dl;
    SlideFonts fonts;
    SlideSizes sizes;

    ImFont* font(Role role) const {
        ImFont* f = role == Role::Body ? fonts.body : role == Role::Heading ? fonts.heading
                  : role == Role::Title ? fonts.title : fonts.figure;
        return f ? f : ImGui::GetFont();
    }
    float size(Role role) const {
        return role == Role::Body ? sizes.body : role == Role::Heading ? sizes.heading
             : role == Role::Title ? sizes.title : sizes.figure;
    }
    float width(Role role, std::string_view s, float scale = 1.0f) const {
        return font(role)->CalcTextSizeA(size(role) * scale, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
    }
    // Draws `s` with its top at y; x is the left edge, centre or right edge.
    // Returns the width drawn.
    // `scale` draws the font smaller than built (scaling down stays sharp).
    float text(Role role, float x, float y, ImU32 colour, std::string_view s, Align align = Align::Left,
               float maxWidth = 0, float scale = 1.0f) const {
        float px = size(role) * scale;
        float w = width(role, s, scale);
        if (maxWidth > 0 && w > maxWidth) {
            y += px * (1.0f - maxWidth / w) * 0.5f;
            px *= maxWidth / w;
            w = maxWidth;
        }
        if (align == Align::Center) x -= w * 0.5f;
        if (align == Align::Right) x -= w;
        dl->AddText(font(role), px, ImVec2(std::round(x), std::round(y)), colour, s.data(), s.data() + s.size());
        return w;
    }
};

struct Frame {
    ImVec2 min, max;      // the whole slide
    ImVec2 contentMin, contentMax;
    float margin = 0;
    float width() const { return contentMax.x - contentMin.x; }
    float height() const { return contentMax.y - contentMin.y; }
};

void chip(const Painter& p, float x, float y, float h, ImU32 fill, ImU32 textColour, std::string_view s,
          float maxWidth = 0) {
    const float pad = h * 0.35f;
    float w = p.width(Role::Body, s) + 2 * pad;
    if (maxWidth > 0) w = std::min(w, maxWidth);
    p.dl->AddRectFilled(ImVec2(x, y), ImVec2(x + w, y + h), fill, h * 0.25f);
    p.text(Role::Body, x + w * 0.5f, y + (h - p.size(Role::Body)) * 0.5f, textColour, s, Align::Center, w - 2 * pad);
}

// `reached`: the goal is met already — said as 已完成, as the 目标 screen says it.
void statusChip(const Painter& p, float x, float y, float h, TargetStatus status, bool reached) {
    const char* label = reached ? str::kSlideGoalMet : targetStatusLabel(status);
    // A light red under white text washes out on a projector: the chip is deep red with a white edge.
    const bool red = targetStatusTone(status) == TargetStatus::Red;
    const ImU32 fill = red ? kDeepRed : statusColour(status);
    chip(p, x, y, h, fill, red ? kWhite : kDarkText, label);
    if (red) {   // a red chip on a red ground needs an edge
        const float w = p.width(Role::Body, label) + 0.7f * h;
        p.dl->AddRect(ImVec2(x, y), ImVec2(x + w, y + h), kWhite, h * 0.25f, 0, std::max(2.0f, h * 0.05f));
    }
}

void noData(const Painter& p, const Frame& f) {
    const float cx = (f.contentMin.x + f.contentMax.x) * 0.5f;
    const float cy = (f.contentMin.y + f.contentMax.y) * 0.5f;
    p.text(Role::Title, cx, cy - p.size(Role::Title), kCream, str::kSlideNoData, Align::Center);
    p.text(Role::Body, cx, cy + p.size(Role::Body) * 0.4f, kDim, str::kSlideNoDataHint, Align::Center);
}

// ------------------------------------------------------------ the slides

void drawFigures(const Painter& p, const Frame& f, const storage::SlideData& data, float age) {
    const std::size_t n = data.figures.size();
    const int columns = n <= 4 ? 2 : 3;
    const int rows = static_cast<int>((n + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
    const float gap = f.margin * 0.6f;
    const float cardW = (f.width() - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float cardH = std::min((f.height() - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                                 p.size(Role::Figure) * 2.2f);
    const float top = f.contentMin.y + (f.height() - cardH * static_cast<float>(rows) - gap * static_cast<float>(rows - 1)) * 0.5f;
    const float t = easeOut(age / 1.2f);
    for (std::size_t i = 0; i < n; ++i) {
        const storage::HeadlineFigure& fig = data.figures[i];
        const float x = f.contentMin.x + static_cast<float>(i % static_cast<std::size_t>(columns)) * (cardW + gap);
        const float y = top + static_cast<float>(i / static_cast<std::size_t>(columns)) * (cardH + gap);
        p.dl->AddRectFilled(ImVec2(x, y), ImVec2(x + cardW, y + cardH), kPanel, f.margin * 0.3f);
        p.dl->AddRect(ImVec2(x, y), ImVec2(x + cardW, y + cardH), withAlpha(kGold, 0.8f), f.margin * 0.3f, 0,
                      std::max(2.0f, f.margin * 0.06f));
        const std::string number = fmt::fixedGrouped(fig.value * t, fig.decimals);
        // The number and its unit centred together; the final value sets the
        // width so the group does not wobble while counting up.
        const std::string finalNumber = fmt::fixedGrouped(fig.value, fig.decimals);
        const float unitW = p.width(Role::Heading, fig.unit);
        const float room = cardW * 0.9f - unitW;
        float scale = std::min(1.0f, room / std::max(1.0f, p.width(Role::Figure, finalNumber)));
        const float numberW = p.width(Role::Figure, finalNumber, scale);
        const float blockH = p.size(Role::Figure) * scale + p.size(Role::Heading) * 1.2f;
        const float by = y + (cardH - blockH) * 0.5f;
        const float left = x + (cardW - numberW - unitW) * 0.5f;
        p.dl->AddText(p.font(Role::Figure), p.size(Role::Figure) * scale,
                      ImVec2(std::round(left + numberW - p.width(Role::Figure, number, scale)), std::round(by)), kGold,
                      number.c_str());
        p.text(Role::Heading, left + numberW + unitW, by + p.size(Role::Figure) * scale - p.size(Role::Heading) * 1.15f,
               kGold, fig.unit, Align::Right);
        p.text(Role::Heading, x + cardW * 0.5f, by + p.size(Role::Figure) * scale + p.size(Role::Heading) * 0.2f, kWhite,
               fig.label, Align::Center, cardW * 0.92f);
    }
}

void drawLeaderboard(const Painter& p, const Frame& f, const storage::SlideData& data, const SlideOptions& o,
                     float age) {
    const float rowH = f.height() / 10.0f;
    const float W = f.width();
    const float x0 = f.contentMin.x;
    const float slide = easeOut(age / 1.0f);
    const float t = easeOut(age / 1.2f);
    // Rows that move are drawn last, each on an opaque card, so that a row
    // gliding past another covers it instead of mixing the two lines of text.
    auto fromSlot = [](const storage::LeaderEntry& e) {
        const float to = static_cast<float>(e.rank - 1);
        return std::clamp(e.isNew ? 10.5f : to + static_cast<float>(e.movementDelta), -0.5f, 10.5f);
    };
    std::vector<const storage::LeaderEntry*> order;
    for (const storage::LeaderEntry& e : data.leaders) order.push_back(&e);
    std::stable_sort(order.begin(), order.end(), [&](const auto* a, const auto* b) {
        return std::abs(fromSlot(*a) - static_cast<float>(a->rank - 1)) < std::abs(fromSlot(*b) - static_cast<float>(b->rank - 1));
    });
    for (const storage::LeaderEntry* entry : order) {
        const storage::LeaderEntry& e = *entry;
        const float to = static_cast<float>(e.rank - 1);
        const float from = fromSlot(e);
        const float slot = from + (to - from) * slide;
        const float y = f.contentMin.y + slot * rowH;
        const float alpha = e.isNew || from >= 10.0f ? std::clamp(age / 0.6f, 0.0f, 1.0f) : 1.0f;
        const float cy = y + rowH * 0.5f;
        if (from != to && slide < 1.0f)
            p.dl->AddRectFilled(ImVec2(x0, y + rowH * 0.04f), ImVec2(x0 + W, y + rowH * 0.96f), withAlpha(kMovingCard, alpha),
                                rowH * 0.15f);
        if ((e.rank - 1) % 2 == 0)
            p.dl->AddRectFilled(ImVec2(x0, y + rowH * 0.06f), ImVec2(x0 + W, y + rowH * 0.94f), withAlpha(kPanel, alpha),
                                rowH * 0.15f);
        // Rank: gold discs for the first three.
        const float r = rowH * 0.38f;
        const ImVec2 centre(x0 + rowH * 0.55f, cy);
        const std::string rank = std::to_string(e.rank);
        if (e.rank <= 3) {
            p.dl->AddCircleFilled(centre, r, withAlpha(kGold, alpha), 40);
            p.text(Role::Heading, centre.x, cy - p.size(Role::Heading) * 0.6f, withAlpha(kDarkText, alpha), rank, Align::Center);
        } else {
            p.dl->AddCircle(centre, r, withAlpha(kCream, alpha), 40, std::max(2.0f, rowH * 0.03f));
            p.text(Role::Heading, centre.x, cy - p.size(Role::Heading) * 0.6f, withAlpha(kCream, alpha), rank, Align::Center,
                   r * 1.7f);
        }
        const float headingTop = cy - p.size(Role::Heading) * 0.55f;
        const float bodyTop = cy - p.size(Role::Body) * 0.55f;
        p.text(Role::Heading, x0 + rowH * 1.3f, headingTop, withAlpha(kWhite, alpha), slideName(e.name, o.maskNames),
               Align::Left, W * 0.17f);
        p.text(Role::Body, x0 + W * 0.26f, bodyTop, withAlpha(kDim, alpha), e.unit, Align::Left, W * 0.17f);
        std::string stars;
        for (int s = 0; s < e.stars; ++s) stars += "★";
        p.text(Role::Body, x0 + W * 0.44f, bodyTop, withAlpha(kGold, alpha), stars, Align::Left, W * 0.13f);
        p.text(Role::Body, x0 + W * 0.71f, bodyTop, withAlpha(kCream, alpha),
               fmt::fixedGrouped(e.hours * t, 0) + " " + str::kSlideHoursUnit, Align::Right, W * 0.13f);
        if (!e.badges.empty()) {
            std::string badge = e.badges.front();
            if (e.badges.size() > 1) badge += " +" + std::to_string(e.badges.size() - 1);
            chip(p, x0 + W * 0.73f, cy - p.size(Role::Body) * 0.7f, p.size(Role::Body) * 1.4f, withAlpha(kGold, alpha),
                 withAlpha(kDarkText, alpha), badge, W * 0.14f);
        }
        const float unitW = p.width(Role::Body, str::kSlidePointsUnit);
        p.text(Role::Body, x0 + W, bodyTop + (p.size(Role::Heading) - p.size(Role::Body)) * 0.45f,
               withAlpha(kGold, alpha), str::kSlidePointsUnit, Align::Right);
        p.text(Role::Heading, x0 + W - unitW - p.size(Role::Body) * 0.2f, headingTop, withAlpha(kGold, alpha),
               fmt::fixedGrouped(e.points * t, 0), Align::Right);
    }
}

void drawRace(const Painter& p, const Frame& f, const storage::SlideData& data, float age) {
    const std::size_t n = data.race.size();
    const float legendH = p.size(Role::Body) * 1.4f;
    const float rowH = std::min((f.height() - legendH) / static_cast<float>(n), p.size(Role::Heading) * 2.2f);
    const float W = f.width();
    const float x0 = f.contentMin.x;
    const float barL = x0 + W * 0.2f, barR = x0 + W * 0.74f;
    const float t = easeOut(age / 1.3f);
    bool anyTarget = false;
    for (std::size_t i = 0; i < n; ++i) {
        const storage::RaceEntry& e = data.race[i];
        const float y = f.contentMin.y + static_cast<float>(i) * rowH;
        const float cy = y + rowH * 0.5f;
        p.text(Role::Heading, x0, cy - p.size(Role::Heading) * 0.55f, kWhite, e.name, Align::Left, W * 0.19f);
        const float barH = std::min(rowH * 0.6f, p.size(Role::Heading));
        p.dl->AddRectFilled(ImVec2(barL, cy - barH * 0.5f), ImVec2(barR, cy + barH * 0.5f), kPanel, barH * 0.2f);
        const float rate = static_cast<float>(std::clamp(e.rate, 0.0, 1.0));
        const ImU32 fill = e.hasTarget ? statusColour(e.status) : kCream;
        const float end = barL + (barR - barL) * rate * t;
        if (end > barL + 1) p.dl->AddRectFilled(ImVec2(barL, cy - barH * 0.5f), ImVec2(end, cy + barH * 0.5f), fill, barH * 0.2f);
        if (e.hasTarget) {
            anyTarget = true;
            const float gx = barL + (barR - barL) * static_cast<float>(std::clamp(e.goal, 0.0, 1.0));
            const float thick = std::max(3.0f, p.size(Role::Body) * 0.12f);
            p.dl->AddRectFilled(ImVec2(gx - thick * 0.5f, cy - barH * 0.75f), ImVec2(gx + thick * 0.5f, cy + barH * 0.75f), kWhite);
        }
        p.text(Role::Heading, x0 + W * 0.87f, cy - p.size(Role::Heading) * 0.55f, kGold, fmt::percent(e.rate * t, 1), Align::Right);
        if (e.hasTarget)
            statusChip(p, x0 + W * 0.89f, cy - p.size(Role::Body) * 0.7f, p.size(Role::Body) * 1.4f, e.status,
                       e.rate >= e.goal);
        else p.text(Role::Body, x0 + W * 0.89f, cy - p.size(Role::Body) * 0.55f, kDim, str::kSlideNoTarget);
    }
    if (anyTarget) {
        std::string legend = str::kSlideGoalMarker;
        if (!data.race.empty() && data.race.front().hasTarget)
            legend += std::string("（") + str::kSlideGoal + " " + fmt::percent(data.race.front().goal, 0) + "）";
        p.text(Role::Body, barL, f.contentMax.y - p.size(Role::Body) * 1.1f, kDim, legend);
    }
}

void drawPosts(const Painter& p, const Frame& f, const storage::SlideData& data, float age) {
    const std::size_t columns = storage::kPostStates.size() + 2;   // level, states…, total
    const float colW = f.width() / static_cast<float>(columns);
    const float rowH = std::min(f.height() / 5.0f, p.size(Role::Heading) * 2.4f);
    const float x0 = f.contentMin.x;
    const float top = f.contentMin.y + (f.height() - rowH * 5.0f) * 0.35f;
    const float t = easeOut(age / 1.2f);
    auto cellX = [&](std::size_t c) { return x0 + colW * (static_cast<float>(c) + 0.5f); };
    const float headY = top + (rowH - p.size(Role::Body)) * 0.5f;
    p.text(Role::Body, cellX(0), headY, kDim, str::kSlideLevel, Align::Center, colW * 0.95f);
    for (std::size_t s = 0; s < storage::kPostStates.size(); ++s)
        p.text(Role::Body, cellX(s + 1), headY, kDim, storage::kPostStates[s], Align::Center, colW * 0.95f);
    p.text(Role::Body, cellX(columns - 1), headY, kDim, str::kSlideTotal, Align::Center, colW * 0.95f);
    p.dl->AddLine(ImVec2(x0, top + rowH), ImVec2(x0 + f.width(), top + rowH), withAlpha(kGold, 0.8f),
                  std::max(2.0f, rowH * 0.03f));
    for (std::size_t l = 0; l < storage::kPostLevels.size(); ++l) {
        const float y = top + rowH * static_cast<float>(l + 1);
        const float ty = y + (rowH - p.size(Role::Heading)) * 0.5f;
        if (l % 2 == 0) p.dl->AddRectFilled(ImVec2(x0, y + rowH * 0.06f), ImVec2(x0 + f.width(), y + rowH * 0.94f), kPanel, rowH * 0.12f);
        p.text(Role::Heading, cellX(0), ty, kWhite, std::string(storage::kPostLevels[l]) + str::kSlideLevelSuffix, Align::Center);
        int total = 0;
        for (std::size_t s = 0; s < storage::kPostStates.size(); ++s) {
            const int n = data.posts.counts[l][s];
            total += n;
            p.text(Role::Heading, cellX(s + 1), ty, n > 0 ? kCream : withAlpha(kDim, 0.55f),
                   fmt::fixedGrouped(std::round(n * t), 0), Align::Center);
        }
        p.text(Role::Heading, cellX(columns - 1), ty, total > 0 ? kGold : withAlpha(kDim, 0.55f),
               fmt::fixedGrouped(std::round(total * t), 0), Align::Center);
    }
}

void drawWall(const Painter& p, const Frame& f, const storage::SlideData& data, const SlideOptions& o, float age) {
    const int columns = 4;
    // Names a little under the heading size: five rows of cards fit a 16:9
    // screen with the body line still at full size.
    const float nameScale = 0.85f;
    const float nameH = p.size(Role::Heading) * nameScale;
    const float bodyH = p.size(Role::Body);
    const float gap = f.margin * 0.35f;
    const float minCardH = (nameH + bodyH) * 1.4f;
    const float moreH = bodyH * 1.5f;
    // As many rows as fit; the rest is counted in the "等，共N项" line.
    const int rowsFit = std::max(1, static_cast<int>((f.height() - moreH + gap) / (minCardH + gap)));
    const std::size_t n = std::min(data.wall.size(), static_cast<std::size_t>(rowsFit * columns));
    const bool more = data.wallTotal > static_cast<int>(n);
    const int rows = static_cast<int>((n + columns - 1) / columns);
    const float cardW = (f.width() - gap * (columns - 1)) / columns;
    const float cardH = std::min((f.height() - moreH - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                                 minCardH * 1.25f);
    for (std::size_t i = 0; i < n; ++i) {
        const storage::WallEntry& e = data.wall[i];
        const float alpha = std::clamp((age - static_cast<float>(i) * 0.035f) / 0.35f, 0.0f, 1.0f);
        const float x = f.contentMin.x + static_cast<float>(i % columns) * (cardW + gap);
        const float y = f.contentMin.y + static_cast<float>(i / columns) * (cardH + gap) + (1.0f - alpha) * gap;
        p.dl->AddRectFilled(ImVec2(x, y), ImVec2(x + cardW, y + cardH), withAlpha(kPanel, alpha), cardH * 0.1f);
        p.dl->AddRect(ImVec2(x, y), ImVec2(x + cardW, y + cardH), withAlpha(kGold, alpha * 0.9f), cardH * 0.1f, 0,
                      std::max(2.0f, cardH * 0.02f));
        const float pad = cardW * 0.06f;
        const float blockH = nameH * 1.12f + bodyH;
        const float ty = y + (cardH - blockH) * 0.5f;
        std::string name = slideName(e.name, o.maskNames);
        if (e.family) name += str::kSlideFamily;
        p.text(Role::Heading, x + pad, ty, withAlpha(kWhite, alpha), name, Align::Left, cardW - 2 * pad, nameScale);
        p.text(Role::Body, x + pad, ty + nameH * 1.12f, withAlpha(kGold, alpha),
               e.level + str::kSlideLevelSuffix + " " + e.title, Align::Left, cardW - 2 * pad);
    }
    if (more)
        p.text(Role::Body, f.contentMax.x, f.contentMax.y - bodyH * 1.1f, kDim,
               std::string(str::kSlideWallMore) + fmt::count(data.wallTotal) + str::kSlideWallMoreUnit, Align::Right);
}

void drawTargets(const Painter& p, const Frame& f, const storage::SlideData& data, float age) {
    const float minRow = p.size(Role::Body) * 1.45f;
    std::size_t n = data.targets.size();
    std::size_t shown = std::min(n, static_cast<std::size_t>(std::max(1.0f, std::floor(f.height() / minRow))));
    if (shown < n) shown = std::max<std::size_t>(1, static_cast<std::size_t>(std::floor((f.height() - minRow) / minRow)));
    const float rowH = std::min(f.height() / static_cast<float>(std::max<std::size_t>(shown + (shown < n ? 1 : 0), 1)),
                                p.size(Role::Heading) * 1.9f);
    const float W = f.width();
    const float x0 = f.contentMin.x;
    const float t = easeOut(age / 1.2f);
    for (std::size_t i = 0; i < shown; ++i) {
        const storage::TargetEntry& e = data.targets[i];
        const float y = f.contentMin.y + static_cast<float>(i) * rowH;
        const float cy = y + rowH * 0.5f;
        const float bodyTop = cy - p.size(Role::Body) * 0.55f;
        if (i % 2 == 0) p.dl->AddRectFilled(ImVec2(x0, y + rowH * 0.05f), ImVec2(x0 + W, y + rowH * 0.95f), kPanel, rowH * 0.15f);
        // The unit once per run of its targets: six lines of "临江区" are noise.
        if (i == 0 || data.targets[i - 1].unit != e.unit)
            p.text(Role::Body, x0 + W * 0.01f, bodyTop, kWhite, e.unit, Align::Left, W * 0.16f);
        p.text(Role::Body, x0 + W * 0.18f, bodyTop, kCream, e.subject, Align::Left, W * 0.25f);
        const bool rate = e.kind == TargetKind::Rate;
        const std::string actual = rate ? fmt::percent(e.actual * t, 1) : fmt::fixedGrouped(e.actual * t, 0);
        const std::string goal = rate ? fmt::percent(e.goal, 0) : fmt::fixedGrouped(e.goal, 0);
        p.text(Role::Body, x0 + W * 0.62f, bodyTop, kGold, actual + " / " + goal, Align::Right, W * 0.18f);
        const float barL = x0 + W * 0.64f, barR = x0 + W * 0.86f;
        const float barH = p.size(Role::Body) * 0.6f;
        p.dl->AddRectFilled(ImVec2(barL, cy - barH * 0.5f), ImVec2(barR, cy + barH * 0.5f), kPanel, barH * 0.3f);
        const float fraction = static_cast<float>(std::clamp(e.progress, 0.0, 1.0)) * t;
        if (fraction > 0)
            p.dl->AddRectFilled(ImVec2(barL, cy - barH * 0.5f), ImVec2(barL + (barR - barL) * fraction, cy + barH * 0.5f),
                                statusColour(e.status), barH * 0.3f);
        statusChip(p, x0 + W * 0.88f, cy - p.size(Role::Body) * 0.7f, p.size(Role::Body) * 1.4f, e.status,
                   e.progress >= 1.0);
    }
    if (shown < n)
        p.text(Role::Body, x0 + W, f.contentMin.y + static_cast<float>(shown) * rowH + (rowH - p.size(Role::Body)) * 0.5f, kDim,
               std::string(str::kSlideMoreRows) + fmt::count(static_cast<long long>(n - shown)) + str::kSlideMoreRowsUnit, Align::Right);
}

} // namespace

const char* slideCode(SlideKind kind) {
    switch (kind) {
    case SlideKind::Figures: return "figures";
    case SlideKind::Leaderboard: return "volunteers";
    case SlideKind::Race: return "race";
    case SlideKind::Posts: return "posts";
    case SlideKind::Wall: return "wall";
    case SlideKind::Targets: return "targets";
    }
    return "";
}

std::optional<SlideKind> slideFromCode(std::string_view code) {
    for (SlideKind kind : allSlideKinds())
        if (code == slideCode(kind)) return kind;
    return std::nullopt;
}

const char* slideTitle(SlideKind kind) {
    switch (kind) {
    case SlideKind::Figures: return str::kSlideFigures;
    case SlideKind::Leaderboard: return str::kSlideLeaderboard;
    case SlideKind::Race: return str::kSlideRace;
    case SlideKind::Posts: return str::kSlidePosts;
    case SlideKind::Wall: return str::kSlideWall;
    case SlideKind::Targets: return str::kSlideTargets;
    }
    return "";
}

std::vector<SlideKind> allSlideKinds() {
    return {SlideKind::Figures, SlideKind::Leaderboard, SlideKind::Race, SlideKind::Posts, SlideKind::Wall, SlideKind::Targets};
}

SlideSizes slideSizesFor(float height) {
    SlideSizes s;
    s.body = std::max(12.0f, std::round(height / 26.0f));    // ≥ 1/30 of the height, as asked
    s.heading = std::max(14.0f, std::round(height / 17.0f));
    s.title = std::max(16.0f, std::round(height / 12.0f));
    s.figure = std::max(20.0f, std::round(height / 6.5f));
    return s;
}

bool slideHasData(SlideKind kind, const storage::SlideData& data) {
    switch (kind) {
    case SlideKind::Figures: return !data.figures.empty();
    case SlideKind::Leaderboard: return !data.leaders.empty();
    case SlideKind::Race: return !data.race.empty();
    case SlideKind::Posts: return data.posts.total > 0;
    case SlideKind::Wall: return !data.wall.empty();
    case SlideKind::Targets: return !data.targets.empty();
    }
    return false;
}

std::string slideName(const std::string& name, bool maskNames) { return maskNames ? maskName(name) : name; }

void drawSlide(ImDrawList* dl, ImVec2 min, ImVec2 max, SlideKind kind, const storage::SlideData& data,
               const SlideFonts& fonts, const SlideOptions& options, float age) {
    const float H = std::max(1.0f, max.y - min.y);
    const Painter p{dl, fonts, slideSizesFor(H)};
    dl->PushClipRect(min, max, true);
    dl->AddRectFilledMultiColor(min, max, kBackTop, kBackTop, kBackBottom, kBackBottom);

    Frame f;
    f.min = min;
    f.max = max;
    f.margin = std::round(H * 0.045f);
    // Header: the title in gold, scope and year on the right, a gold rule.
    const float titleY = min.y + f.margin * 0.7f;
    p.text(Role::Title, min.x + f.margin, titleY, kGold, slideTitle(kind));
    std::string scope = data.scopeName;
    if (kind == SlideKind::Race) scope += std::string(" · ") + (isStreetKind(data.raceLeague) ? str::kSlideLeagueStreets : str::kSlideLeagueCommunities);
    scope += "  " + std::to_string(data.year) + str::kSlideYearSuffix;
    const float titleW = p.width(Role::Title, slideTitle(kind));
    p.text(Role::Heading, max.x - f.margin, titleY + p.size(Role::Title) - p.size(Role::Heading) * 1.1f, kCream, scope,
           Align::Right, std::max(10.0f, max.x - min.x - 3 * f.margin - titleW));
    const float ruleY = titleY + p.size(Role::Title) * 1.2f;
    dl->AddRectFilled(ImVec2(min.x + f.margin, ruleY), ImVec2(max.x - f.margin, ruleY + std::max(2.0f, H / 300.0f)), kGold);
    // Footer: whose board and the page.
    const float footY = max.y - f.margin * 0.5f - p.size(Role::Body);
    p.text(Role::Body, min.x + f.margin, footY, kDim, str::kSlideFooter);
    p.text(Role::Body, max.x - f.margin, footY, kDim,
           std::to_string(options.number) + " / " + std::to_string(options.count), Align::Right);

    f.contentMin = ImVec2(min.x + f.margin, ruleY + f.margin * 0.6f);
    f.contentMax = ImVec2(max.x - f.margin, footY - f.margin * 0.4f);
    if (f.contentMax.y - f.contentMin.y < p.size(Role::Body) * 2 || !slideHasData(kind, data)) {
        noData(p, f);
    } else {
        switch (kind) {
        case SlideKind::Figures: drawFigures(p, f, data, age); break;
        case SlideKind::Leaderboard: drawLeaderboard(p, f, data, options, age); break;
        case SlideKind::Race: drawRace(p, f, data, age); break;
        case SlideKind::Posts: drawPosts(p, f, data, age); break;
        case SlideKind::Wall: drawWall(p, f, data, options, age); break;
        case SlideKind::Targets: drawTargets(p, f, data, age); break;
        }
    }
    dl->PopClipRect();
}

std::string slideText(const storage::SlideData& data) {
#define JINGUO_UI_STRING(id, words) words
    static constexpr const char presentationWords[] =
#include "ui/strings_presentation.inc"
        "";
#undef JINGUO_UI_STRING
    std::string text = presentationWords;
    text += "★0123456789%,.-+/ *·（）";
    text += data.scopeName;
    for (const auto& f : data.figures) text += f.label + f.unit;
    for (const auto& l : data.leaders) {
        text += l.name + l.unit;
        for (const auto& b : l.badges) text += b;
    }
    for (const auto& r : data.race) text += r.name;
    for (const char* s : storage::kPostLevels) text += s;
    for (const char* s : storage::kPostStates) text += s;
    for (const auto& w : data.wall) text += w.name + w.title + w.level + w.unit;
    for (const auto& t : data.targets) text += t.unit + t.subject;
    for (TargetStatus s : {TargetStatus::Green, TargetStatus::Amber, TargetStatus::Red}) text += targetStatusLabel(s);
    return text;
}

} // namespace jinguo::ui
