// ui_slide_posts_test.cpp — the 巾帼文明岗 slide as drawn: the text its glyph
// quads show (support/drawn_text.hpp) holds the year's post names, their units
// and named dates, the levels with their counts and the totals line, at
// 1920×1080, 3840×2160 and in the preview; more namings than fit end in
// "另有 N 个"; a year without namings says so and shows the totals.
#include "demo/demo.hpp"
#include "storage/slide_data.hpp"
#include "storage/storage.hpp"
#include "support/drawn_text.hpp"
#include "temp_db.hpp"
#include "ui/screen_presentation.hpp"
#include "ui/slides.hpp"
#include "support/demo_copy.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace jinguo;

namespace {

// Draws the posts slide of `data` settled (or at `age`) into a `size` screen
// and returns what it shows.
std::string drawPosts(const storage::SlideData& data, ImVec2 size, bool maskNames = false,
                      float age = ui::kSlideSettleSeconds) {
    test::DrawnTextContext context(ui::slideText(data) + "另有个月日…", size);
    ImGui::NewFrame();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    ui::SlideOptions options;
    options.maskNames = maskNames;
    ui::drawSlide(dl, ImVec2(0, 0), size, ui::SlideKind::Posts, data, {}, options, age);
    const std::string text = context.text(*dl);
    ImGui::EndFrame();
    return text;
}

bool shows(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

storage::SlideData namingsOf(int n, const char* level = "区") {
    storage::SlideData data;
    data.year = 2026;
    data.scopeName = "临江区";
    for (int i = 0; i < n; ++i)
        data.posts.namings.push_back({"岗位" + std::to_string(i + 1), "单位" + std::to_string(i + 1), level, "巾帼文明岗",
                                      "2026-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10)});
    data.posts.held = n;
    return data;
}

} // namespace

TEST_CASE("the 巾帼文明岗 slide draws the demo's namings of the year: names, units, dates, levels, totals") {
    test::DemoDbPath path;
    storage::Storage storage(path.str());
    const storage::SlideData data = ui::loadSlideData(storage, 2026, 0, "2026-11-29");
    REQUIRE(data.posts.namings.size() == 7);
    CHECK(ui::slideHasData(ui::SlideKind::Posts, data));

    for (const ImVec2 size : {ImVec2(1920, 1080), ImVec2(3840, 2160)}) {
        CAPTURE(size.x);
        const std::string text = drawPosts(data, size);
        for (const storage::PostNaming& n : data.posts.namings) {
            CHECK_MESSAGE(shows(text, n.post), n.post);
            CHECK_MESSAGE(shows(text, n.workUnit.substr(0, 9)), n.workUnit);   // long units may end in "…"
        }
        CHECK(shows(text, "11月20日"));    // 省
        CHECK(shows(text, "11月16日"));    // 区
        CHECK(shows(text, "省级"));
        CHECK(shows(text, "市级"));
        CHECK(shows(text, "区级"));
        CHECK(shows(text, "创建中 " + std::to_string(data.posts.creating) + " 个"));
        CHECK(shows(text, "在册 " + std::to_string(data.posts.held) + " 个"));
        CHECK(shows(text, "本年复核通过"));
        CHECK(shows(text, "11月"));       // the timeline's months
        CHECK(shows(text, "12月"));
        CHECK_FALSE(shows(text, "另有"));  // seven cards fit
        CHECK_FALSE(shows(text, "…"));     // and so do the demo's names
    }
    // The preview (a small rectangle) still draws every card.
    const std::string preview = drawPosts(data, ImVec2(640, 360));
    for (const storage::PostNaming& n : data.posts.namings) CHECK_MESSAGE(shows(preview, n.post), n.post);

    // Post and unit names are not people's names: masking leaves them.
    CHECK(shows(drawPosts(data, ImVec2(1920, 1080), true), data.posts.namings.front().post));
    // Mid-animation the cards are there, the counts still counting.
    CHECK(shows(drawPosts(data, ImVec2(1920, 1080), false, 0.3f), data.posts.namings.front().post));
}

TEST_CASE("more namings than fit: the cards end in 另有 N 个, every level keeps its row") {
    storage::SlideData data = namingsOf(20);
    data.posts.namings.insert(data.posts.namings.begin(), {"省里的岗", "省直单位", "省", "巾帼示范岗", "2026-05-20"});
    const std::string text = drawPosts(data, ImVec2(1920, 1080));
    CHECK(shows(text, "省里的岗"));
    CHECK(shows(text, "省级"));
    CHECK(shows(text, "区级"));
    CHECK(shows(text, "岗位1"));
    CHECK_FALSE(shows(text, "岗位20"));
    // At 1080p: 省 takes one row (one card), 区 the other three rows of two,
    // its last slot saying how many are left out: 20 − 5 = 15.
    CHECK(shows(text, "另有 15 个"));
    CHECK(shows(text, "20"));            // the level's count, big
}

TEST_CASE("a year without namings says so and shows the totals; nothing at all is 暂无数据") {
    storage::SlideData data;
    data.year = 2026;
    data.scopeName = "临江区";
    CHECK_FALSE(ui::slideHasData(ui::SlideKind::Posts, data));
    CHECK(shows(drawPosts(data, ImVec2(1920, 1080)), "暂无数据"));

    data.posts.held = 12;
    data.posts.creating = 3;
    CHECK(ui::slideHasData(ui::SlideKind::Posts, data));
    const std::string text = drawPosts(data, ImVec2(1920, 1080));
    CHECK_FALSE(shows(text, "暂无数据"));
    CHECK(shows(text, "2026年没有新命名的巾帼文明岗"));
    CHECK(shows(text, "在册巾帼文明岗"));
    CHECK(shows(text, "创建中的岗位"));
    CHECK(shows(text, "本年复核通过"));
    CHECK(shows(text, "12"));
}
