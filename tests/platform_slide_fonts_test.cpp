// Slide fonts (演示): extra sizes in the atlas holding only the slides'
// characters; the figure font only digits and signs; data characters added
// later do not widen them, and they survive the in-place rebuild.
#include <doctest/doctest.h>

#include "platform/fonts.hpp"

#include <imgui.h>

using namespace jinguo::platform;

namespace {
struct Context {
    ImGuiContext* context = ImGui::CreateContext();
    Context() { ImGui::GetIO().IniFilename = nullptr; }
    ~Context() { ImGui::DestroyContext(context); }
};
bool has(ImFont* font, char32_t c) { return font->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr; }
} // namespace

TEST_CASE("slide fonts are built at their sizes with the slides' characters only") {
    Context imgui;
    ImGuiIO& io = ImGui::GetIO();
    FontManager fonts(18.0f, 34.0f);
    REQUIRE(fonts.fontFile() != nullptr);
    fonts.addText("巾帼荣誉榜 鑫");                       // the data has 鑫, the slides do not
    fonts.setSlideFonts({42.0f, 64.0f, 90.0f}, 166.0f, "巾帼荣誉榜 张三丰 ★");
    CHECK(fonts.rebuildIfNeeded(io, false));
    REQUIRE(fonts.slideFontCount() == 4);
    CHECK(io.Fonts->Fonts.Size == 6);
    CHECK(fonts.slideFont(0)->FontSize == doctest::Approx(42.0f));
    CHECK(fonts.slideFont(3)->FontSize == doctest::Approx(166.0f));
    CHECK(has(fonts.slideFont(0), U'帼'));
    CHECK(has(fonts.slideFont(2), U'丰'));
    CHECK_FALSE(has(fonts.slideFont(0), U'鑫'));          // not on a slide: not at 42 px
    CHECK(has(fonts.body(), U'鑫'));
    CHECK(has(fonts.slideFont(3), U'8'));
    CHECK(has(fonts.slideFont(3), U'%'));
    CHECK_FALSE(has(fonts.slideFont(3), U'帼'));          // the figure font: digits and signs
    CHECK(fonts.slideFont(4) == nullptr);

    // The same request again changes nothing.
    fonts.setSlideFonts({42.0f, 64.0f, 90.0f}, 166.0f, "巾帼荣誉榜");
    CHECK_FALSE(fonts.rebuildIfNeeded(io, false));

    // A data character arrives: body gets it (the growth waited for here, as
    // for a screenshot), slide fonts keep their sizes and characters.
    const float slideBodySize = fonts.slideFont(0)->FontSize;
    fonts.setSynchronousGrowth(true);
    fonts.addText("淼");
    CHECK(fonts.rebuildIfNeeded(io, false));
    CHECK(fonts.slideFont(0)->FontSize == doctest::Approx(slideBodySize));
    CHECK(has(fonts.slideFont(0), U'巾'));
    CHECK(has(fonts.body(), U'淼'));
    CHECK_FALSE(has(fonts.slideFont(0), U'淼'));

    // A new slide character or a new screen height: rebuilt with it.
    fonts.setSlideFonts({84.0f, 128.0f, 180.0f}, 332.0f, "淼");
    CHECK(fonts.rebuildIfNeeded(io, false));
    CHECK(fonts.slideFont(0)->FontSize == doctest::Approx(84.0f));
    CHECK(has(fonts.slideFont(0), U'淼'));
    CHECK(has(fonts.slideFont(0), U'丰'));                // earlier slide characters stay
    MESSAGE("slide atlas " << io.Fonts->TexWidth << "x" << io.Fonts->TexHeight << ", built in "
                           << fonts.lastBuildMilliseconds() << " ms");
}
