// slides.hpp — the meeting slides (演示), each drawn into a rectangle with an
// ImGui draw list, so the same code paints the full-screen presentation, the
// preview and the off-screen PNG export (`jinguo snapshot`).
//
// Animation is a function of `age`, the seconds since the slide appeared:
// numbers count up, bars grow, leaderboard rows glide from last period's rank.
// A slide at age ≥ kSlideSettleSeconds is still (what the export draws).
//
// Readability on a projector: body text is at least 1/30 of the screen height
// (slideSizesFor), light text on a deep red ground with gold for the figures
// that matter, and never a colour alone to say something (RAG has its word).
#pragma once

#include "storage/slide_data.hpp"

#include <imgui.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::ui {

enum class SlideKind { Figures, Leaderboard, Race, Posts, Wall, Targets };
inline constexpr int kSlideKindCount = 6;
inline constexpr float kSlideSettleSeconds = 1.6f;

// "figures", "volunteers", "race", "posts", "wall", "targets" (settings and
// the command line) and back.
const char* slideCode(SlideKind kind);
std::optional<SlideKind> slideFromCode(std::string_view code);
const char* slideTitle(SlideKind kind);
std::vector<SlideKind> allSlideKinds();

// Pixel sizes for a screen `height` pixels tall. body ≥ height / 30.
struct SlideSizes {
    float body = 0, heading = 0, title = 0, figure = 0;
};
SlideSizes slideSizesFor(float height);

// Fonts built at those sizes (null: the default font is scaled instead,
// e.g. for the one frame before the atlas holds them, or headless).
struct SlideFonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    ImFont* figure = nullptr;
};

struct SlideOptions {
    bool maskNames = false;   // 张*丰 on the big screen
    int number = 1;           // "3 / 6" in the corner
    int count = 1;
};

// True when the slide has something to show; otherwise it says 暂无数据.
bool slideHasData(SlideKind kind, const storage::SlideData& data);

void drawSlide(ImDrawList* drawList, ImVec2 min, ImVec2 max, SlideKind kind, const storage::SlideData& data,
               const SlideFonts& fonts, const SlideOptions& options, float age);

// What a slide shows while its data is still being read (正在读取…): the
// slide's ground and title, calm, never a black or empty frame.
void drawSlideLoading(ImDrawList* drawList, ImVec2 min, ImVec2 max, SlideKind kind, const SlideFonts& fonts);

// Every character the slides of `data` may draw (for the slide fonts).
std::string slideText(const storage::SlideData& data);

// The name as the big screen shows it.
std::string slideName(const std::string& name, bool maskNames);

} // namespace jinguo::ui
