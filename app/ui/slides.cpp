// slides.cpp — drawing the meeting slides with an ImGui draw list.
#include "ui/slides.hpp"

#include "core/masking.hpp"
#include "core/number_format.hpp"
#include "core/periods.hpp"
#include "core/text.hpp"
#include "core/vocabulary.hpp"
#include "ui/ui_strings.hpp"

#include <algorithm>
#include <array>
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

void drawFigureCards(const Painter& p, const Frame& f, const std::vector<storage::HeadlineFigure>& figures, int columns,
                     float age) {
    const std::size_t n = figures.size();
    const int rows = static_cast<int>((n + static_cast<std::size_t>(columns) - 1) / static_cast<std::size_t>(columns));
    const float gap = f.margin * 0.6f;
    const float cardW = (f.width() - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
    const float cardH = std::min((f.height() - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows),
                                 p.size(Role::Figure) * 2.2f);
    const float top = f.contentMin.y + (f.height() - cardH * static_cast<float>(rows) - gap * static_cast<float>(rows - 1)) * 0.5f;
    const float t = easeOut(age / 1.2f);
    for (std::size_t i = 0; i < n; ++i) {
        const storage::HeadlineFigure& fig = figures[i];
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

void drawFigures(const Painter& p, const Frame& f, const storage::SlideData& data, float age) {
    drawFigureCards(p, f, data.figures, data.figures.size() <= 4 ? 2 : 3, age);
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

// ---- the 巾帼文明岗 slide

// `s` at `scale` if it fits `maxWidth`; else smaller, down to `minScale`; else
// cut with "…" at `minScale`. Returns the text and the scale to draw it at.
std::pair<std::string, float> fitText(const Painter& p, Role role, const std::string& s, float maxWidth, float scale,
                                      float minScale) {
    const float w = p.width(role, s, scale);
    if (w <= maxWidth) return {s, scale};
    if (scale * maxWidth / w >= minScale) return {s, scale * maxWidth / w};
    std::u32string cut = utf8ToCodepoints(s);
    while (!cut.empty() && p.width(role, codepointsToUtf8(cut) + str::kSlideEllipsis, minScale) > maxWidth) cut.pop_back();
    return {codepointsToUtf8(cut) + str::kSlideEllipsis, minScale};
}

// "11月16日"; the stored text when it is not a date.
std::string monthDay(const std::string& iso) {
    const std::optional<Date> d = parseDate(iso);
    if (!d) return iso;
    return std::to_string(d->month) + str::kSlideMonthSuffix + std::to_string(d->day) + str::kSlideDaySuffix;
}

// Where a date sits on a year drawn as 12 equal months: 0 (1 January) … 1.
float yearFraction(const std::string& iso) {
    const std::optional<Date> d = parseDate(iso);
    if (!d) return 0.0f;
    const float days = static_cast<float>(daysInMonth(d->year, d->month));
    return (static_cast<float>(d->month - 1) + (static_cast<float>(d->day) - 0.5f) / days) / 12.0f;
}

// A numbered disc: the card and its dot on the timeline carry the same number.
void numberDisc(const Painter& p, ImVec2 centre, float radius, int number, float alpha) {
    p.dl->AddCircleFilled(centre, radius, withAlpha(kGold, alpha), 32);
    const std::string n = std::to_string(number);
    const float scale = std::min(1.0f, radius * 1.25f / p.size(Role::Body));
    p.text(Role::Body, centre.x, centre.y - p.size(Role::Body) * scale * 0.55f, withAlpha(kDarkText, alpha), n,
           Align::Center, radius * 1.6f, scale);
}

// No naming this year: a sentence, then the totals as figure cards.
void drawPostTotals(const Painter& p, const Frame& f, const storage::SlideData& data, float age) {
    const storage::PostsOfYear& posts = data.posts;
    const float cx = (f.contentMin.x + f.contentMax.x) * 0.5f;
    float y = f.contentMin.y + p.size(Role::Body) * 0.6f;
    p.text(Role::Heading, cx, y, kCream, std::to_string(data.year) + str::kSlidePostsNoneNamed, Align::Center, f.width());
    y += p.size(Role::Heading) * 1.25f;
    p.text(Role::Body, cx, y, kDim, str::kSlidePostsNoneNamedHint, Align::Center, f.width());
    Frame cards = f;
    cards.contentMin.y = y + p.size(Role::Body) * 1.8f;
    cards.contentMax.y = std::max(cards.contentMin.y + 1.0f, f.contentMax.y - p.size(Role::Body) * 0.8f);
    const std::vector<storage::HeadlineFigure> totals = {
        {str::kSlidePostsCreatingCard, static_cast<double>(posts.creating), str::kSlidePostsUnit, 0},
        {str::kSlidePostsHeldCard, static_cast<double>(posts.held), str::kSlidePostsUnit, 0},
        {str::kSlidePostsReviewedCard, static_cast<double>(posts.reviewsPassed), str::kSlidePostsUnit, 0},
    };
    drawFigureCards(p, cards, totals, 3, age);
}

// The year's namings: cards grouped by level (highest first, the level's
// count big beside them), one line of totals above and the year's timeline
// below, a numbered dot per naming. Post and unit names are organizations,
// not people: masking names does not apply to them (as to units elsewhere).
void drawPosts(const Painter& p, const Frame& f, const storage::SlideData& data, float age) {
    const storage::PostsOfYear& posts = data.posts;
    if (posts.namings.empty()) {
        drawPostTotals(p, f, data, age);
        return;
    }
    const float b = p.size(Role::Body);
    const float t = easeOut(age / 1.2f);
    const float x0 = f.contentMin.x, W = f.width();
    auto counted = [&](int n) { return fmt::fixedGrouped(std::round(static_cast<double>(n) * t), 0); };

    // ---- one line of context: 创建中 N 个 · 在册 N 个 · 本年复核通过 N 个
    {
        struct Piece { std::string text; ImU32 colour; };
        const std::string unit = std::string(" ") + str::kSlidePostsUnit;
        const std::string dot = "   ·   ";
        const std::vector<Piece> pieces = {
            {std::string(str::kSlidePostsCreating) + " ", kDim}, {counted(posts.creating), kGold}, {unit + dot, kDim},
            {std::string(str::kSlidePostsHeld) + " ", kDim}, {counted(posts.held), kGold}, {unit + dot, kDim},
            {std::string(str::kSlidePostsReviewed) + " ", kDim}, {counted(posts.reviewsPassed), kGold}, {unit, kDim},
        };
        float total = 0;
        for (const Piece& piece : pieces) total += p.width(Role::Body, piece.text);
        const float scale = std::min(1.0f, W / std::max(1.0f, total));
        float x = x0;
        for (const Piece& piece : pieces) x += p.text(Role::Body, x, f.contentMin.y, piece.colour, piece.text, Align::Left, 0, scale);
    }

    // ---- the timeline's place at the bottom: month names, the axis, dots stacked above it
    const float monthTop = f.contentMax.y - b * 1.05f;
    const float axisY = monthTop - b * 0.3f;
    const float dotR = b * 0.48f;
    const float timelineTop = axisY - dotR * 2.0f * 2.3f;   // two rows of dots

    // ---- the cards: bands of levels, each a row or more of two cards
    const float cardsTop = f.contentMin.y + b * 1.6f;
    const float cardsBottom = timelineTop - b * 0.5f;
    const float gap = f.margin * 0.28f;
    const float nameScale = 0.8f;
    const float idealCardH = p.size(Role::Heading) * nameScale * 1.12f + b * 1.15f + b * 0.5f;
    const int columns = 2;
    const float levelColW = W * 0.17f;
    const float cardsLeft = x0 + levelColW + gap;
    const float cardW = (x0 + W - cardsLeft - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);

    // Runs of one level (the namings come highest level first).
    struct Band { std::size_t begin, end; int rows = 1; };
    std::vector<Band> bands;
    for (std::size_t i = 0; i < posts.namings.size(); ++i)
        if (bands.empty() || posts.namings[i].level != posts.namings[bands.back().begin].level) bands.push_back({i, i + 1});
        else bands.back().end = i + 1;
    const float bandGap = gap * 1.4f;
    const int bandCount = static_cast<int>(bands.size());
    auto rowsThatFit = [&](float cardH) {
        return static_cast<int>(std::floor((cardsBottom - cardsTop + gap - static_cast<float>(bandCount - 1) * (bandGap - gap)) /
                                           (cardH + gap)));
    };
    int rowsFit = rowsThatFit(idealCardH);
    float cardH = idealCardH;
    if (rowsFit < bandCount) {   // more levels than rows: every level keeps one row, the cards shrink
        rowsFit = bandCount;
        cardH = std::max(b, (cardsBottom - cardsTop - static_cast<float>(bandCount - 1) * bandGap) / static_cast<float>(bandCount));
    }
    const float k = std::min(1.0f, cardH / idealCardH);   // the cards' text scale
    // Rows left after one per level go, one at a time, to the level with the
    // most cards still left out (the higher level on a tie).
    for (int spare = rowsFit - bandCount; spare > 0; --spare) {
        Band* most = nullptr;
        std::size_t mostLeft = 0;
        for (Band& band : bands) {
            const std::size_t slots = static_cast<std::size_t>(band.rows * columns);
            const std::size_t left = band.end - band.begin > slots ? band.end - band.begin - slots : 0;
            if (left > mostLeft) {
                most = &band;
                mostLeft = left;
            }
        }
        if (!most) break;
        ++most->rows;
    }

    std::vector<int> numberOf(posts.namings.size(), 0);   // 0: no card (beyond what fits)
    int number = 0;
    float y = cardsTop;
    for (const Band& band : bands) {
        const std::size_t n = band.end - band.begin;
        const std::size_t slots = static_cast<std::size_t>(band.rows * columns);
        const std::size_t shown = n <= slots ? n : slots - 1;   // the last slot then says 另有 N 个
        const float bandH = static_cast<float>(band.rows) * cardH + static_cast<float>(band.rows - 1) * gap;
        // The level and its count, big, beside its first row.
        const float cy = y + cardH * 0.5f;
        const float countScale = std::min(0.72f, cardH * 0.9f / p.size(Role::Figure));
        const float countPx = p.size(Role::Figure) * countScale;
        const std::string level = levelWithSuffix(posts.namings[band.begin].level);
        const std::string count = counted(static_cast<int>(n));
        const float unitW = p.width(Role::Body, str::kSlidePostsUnit, k);
        const float countRight = x0 + levelColW - unitW - b * 0.15f;
        const float countW = p.width(Role::Figure, count, countScale);
        p.text(Role::Heading, x0, cy - p.size(Role::Heading) * k * 0.6f, kWhite, level, Align::Left,
               std::max(1.0f, countRight - countW - x0 - b * 0.3f), k);
        p.text(Role::Figure, countRight, cy - countPx * 0.62f, kGold, count, Align::Right, 0, countScale);
        p.text(Role::Body, x0 + levelColW, cy + countPx * 0.38f - p.size(Role::Body) * k * 1.05f, kGold,
               str::kSlidePostsUnit, Align::Right, 0, k);
        for (std::size_t j = 0; j <= shown && j < slots; ++j) {
            const float cx = cardsLeft + static_cast<float>(j % columns) * (cardW + gap);
            const float cyTop = y + static_cast<float>(j / columns) * (cardH + gap);
            if (j == shown) {
                const std::string left = fmt::fixedGrouped(static_cast<double>(n - shown), 0);
                if (shown < n)
                    p.text(Role::Body, cx + cardW * 0.5f, cyTop + (cardH - b * k) * 0.5f, kDim,
                           std::string(str::kSlidePostsMore) + " " + left + " " + str::kSlidePostsUnit, Align::Center,
                           cardW * 0.9f, k);
                break;
            }
            const std::size_t i = band.begin + j;
            const storage::PostNaming& e = posts.namings[i];
            numberOf[i] = ++number;
            const float alpha = std::clamp((age - static_cast<float>(number - 1) * 0.05f) / 0.35f, 0.0f, 1.0f);
            const float top = cyTop + (1.0f - alpha) * gap;
            p.dl->AddRectFilled(ImVec2(cx, top), ImVec2(cx + cardW, top + cardH), withAlpha(kPanel, alpha), cardH * 0.1f);
            p.dl->AddRect(ImVec2(cx, top), ImVec2(cx + cardW, top + cardH), withAlpha(kGold, alpha * 0.9f), cardH * 0.1f, 0,
                          std::max(2.0f, cardH * 0.02f));
            const float pad = b * 0.35f * k;
            const float discR = b * 0.45f * k;
            numberDisc(p, ImVec2(cx + pad + discR, top + cardH * 0.5f), discR, number, alpha);
            const float textL = cx + pad * 2.0f + discR * 2.0f;
            const float textW = cx + cardW - pad - textL;
            const float nameH = p.size(Role::Heading) * nameScale * k;
            const float blockTop = top + (cardH - nameH * 1.12f - b * k) * 0.5f;
            // Names shrink to the body size at most (≥ 1/30 of the height), then end in "…".
            const auto [name, nameAt] = fitText(p, Role::Heading, e.post, textW, nameScale * k, b * 0.86f / p.size(Role::Heading));
            p.text(Role::Heading, textL, blockTop + (nameH - p.size(Role::Heading) * nameAt) * 0.5f, withAlpha(kWhite, alpha),
                   name, Align::Left, 0, nameAt);
            const std::string date = monthDay(e.namedOn);
            const float dateW = p.text(Role::Body, cx + cardW - pad, blockTop + nameH * 1.12f, withAlpha(kGold, alpha), date,
                                       Align::Right, 0, k);
            const auto [unit, unitAt] = fitText(p, Role::Body, e.workUnit, textW - dateW - b * 0.5f, k, std::min(k, 0.86f));
            p.text(Role::Body, textL, blockTop + nameH * 1.12f + (b * k - b * unitAt) * 0.5f, withAlpha(kCream, alpha), unit,
                   Align::Left, 0, unitAt);
        }
        y += bandH + bandGap;
    }

    // ---- the timeline: a numbered dot per naming on its date
    const float thick = std::max(2.0f, b * 0.06f);
    p.dl->AddRectFilled(ImVec2(x0, axisY - thick * 0.5f), ImVec2(x0 + W, axisY + thick * 0.5f), withAlpha(kGold, 0.8f));
    const float monthW = W / 12.0f;
    for (int m = 0; m < 12; ++m) {
        const float mx = x0 + monthW * static_cast<float>(m);
        if (m > 0) p.dl->AddRectFilled(ImVec2(mx - thick * 0.5f, axisY - b * 0.25f), ImVec2(mx + thick * 0.5f, axisY + b * 0.25f), kDim);
        p.text(Role::Body, mx + monthW * 0.5f, monthTop, kDim, std::to_string(m + 1) + str::kSlideMonthSuffix, Align::Center,
               monthW * 0.9f);
    }
    std::vector<std::size_t> byDate(posts.namings.size());
    for (std::size_t i = 0; i < byDate.size(); ++i) byDate[i] = i;
    std::stable_sort(byDate.begin(), byDate.end(),
                     [&](std::size_t a, std::size_t c) { return posts.namings[a].namedOn < posts.namings[c].namedOn; });
    // Two rows of dots; a dot that would cover another moves up a row, or
    // right along the row with least to move (a crowded day spreads a little).
    const float sweep = easeOut(age / 1.4f) * 1.1f;   // dots appear as the year sweeps by
    constexpr int kDotRows = 2;
    std::array<float, kDotRows> rowEnd;   // the right edge of each row's last dot
    rowEnd.fill(-FLT_MAX);
    for (std::size_t i : byDate) {
        // A naming without a card has a smaller, unnumbered dot.
        const float r = numberOf[i] > 0 ? dotR : dotR * 0.6f;
        const float x = std::clamp(x0 + W * yearFraction(posts.namings[i].namedOn), x0 + r, x0 + W - r);
        int row = 0;
        float at = FLT_MAX;
        for (int tryRow = 0; tryRow < kDotRows; ++tryRow) {
            const float candidate = std::max(x, rowEnd[static_cast<std::size_t>(tryRow)] + dotR * 0.1f + r);
            if (candidate < at - 0.5f) {
                at = candidate;
                row = tryRow;
            }
        }
        at = std::min(at, x0 + W - r);
        rowEnd[static_cast<std::size_t>(row)] = at + r;
        const float alpha = std::clamp((sweep - yearFraction(posts.namings[i].namedOn)) / 0.1f, 0.0f, 1.0f);
        const ImVec2 centre(at, axisY - dotR * 1.25f - static_cast<float>(row) * dotR * 2.1f);
        if (numberOf[i] > 0) numberDisc(p, centre, r, numberOf[i], alpha);
        else p.dl->AddCircleFilled(centre, r, withAlpha(kCream, alpha), 24);
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
    case SlideKind::Posts: return !data.posts.empty();   // no naming this year: the totals still show
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

void drawSlideLoading(ImDrawList* dl, ImVec2 min, ImVec2 max, SlideKind kind, const SlideFonts& fonts) {
    const float H = std::max(1.0f, max.y - min.y);
    const Painter p{dl, fonts, slideSizesFor(H)};
    dl->PushClipRect(min, max, true);
    dl->AddRectFilledMultiColor(min, max, kBackTop, kBackTop, kBackBottom, kBackBottom);
    const float margin = std::round(H * 0.045f);
    const float titleY = min.y + margin * 0.7f;
    p.text(Role::Title, min.x + margin, titleY, kGold, slideTitle(kind));
    const float ruleY = titleY + p.size(Role::Title) * 1.2f;
    dl->AddRectFilled(ImVec2(min.x + margin, ruleY), ImVec2(max.x - margin, ruleY + std::max(2.0f, H / 300.0f)), kGold);
    const float cx = (min.x + max.x) * 0.5f;
    const float cy = (ruleY + max.y) * 0.5f;
    p.text(Role::Heading, cx, cy - p.size(Role::Heading), kCream, str::kSlideLoading, Align::Center);
    p.text(Role::Body, cx, cy + p.size(Role::Body) * 0.4f, kDim, str::kSlideLoadingHint, Align::Center);
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
    for (const char* s : kPostLevelWords) text += levelWithSuffix(s);
    for (const auto& n : data.posts.namings) text += n.post + n.workUnit + levelWithSuffix(n.level) + n.title;
    for (const auto& w : data.wall) text += w.name + w.title + w.level + w.unit;
    for (const auto& t : data.targets) text += t.unit + t.subject;
    for (TargetStatus s : {TargetStatus::Green, TargetStatus::Amber, TargetStatus::Red}) text += targetStatusLabel(s);
    return text;
}

} // namespace jinguo::ui
