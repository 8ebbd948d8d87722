// Font loader: glyph ranges, fontconfig lookup, headless atlas builds.
#include <doctest/doctest.h>

#include "platform/fonts.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <imgui.h>

#include <chrono>
#include <thread>
#include <filesystem>
#include <string>

using namespace jinguo::platform;

namespace {

// A headless ImGui context per test: no window, no renderer.
struct HeadlessImGui {
    ImGuiContext* context;
    HeadlessImGui() {
        context = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.LogFilename = nullptr;
        io.DisplaySize = ImVec2(1024, 768);
        io.DeltaTime = 1.0f / 60.0f;
    }
    ~HeadlessImGui() { ImGui::DestroyContext(context); }
    ImGuiIO& io() { return ImGui::GetIO(); }
    void frame(const char* text) {
        ImGui::NewFrame();
        ImGui::Begin("fonts");
        ImGui::TextUnformatted(text);
        ImGui::End();
        ImGui::Render();
    }
};

bool covers(const std::vector<ImWchar>& ranges, char32_t c) {
    for (std::size_t i = 0; i + 1 < ranges.size() && ranges[i] != 0; i += 2)
        if (c >= ranges[i] && c <= ranges[i + 1]) return true;
    return false;
}

const char* const kNotoRegular = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
const char* const kSample = "巾帼文明岗 犇淼瑀堃喆";

std::string faceFamily(const FontFile& font) {
    FT_Library library = nullptr;
    if (FT_Init_FreeType(&library) != 0) return {};
    std::string family;
    FT_Face face = nullptr;
    if (FT_New_Face(library, font.path.c_str(), font.faceIndex, &face) == 0) {
        family = face->family_name ? face->family_name : "";
        FT_Done_Face(face);
    }
    FT_Done_FreeType(library);
    return family;
}

} // namespace

TEST_CASE("codepointsOf decodes UTF-8 and skips invalid bytes") {
    CHECK(codepointsOf("A巾帼") == U"A巾帼");
    CHECK(codepointsOf("𠮷") == std::u32string(1, U'\U00020BB7'));
    CHECK(codepointsOf("") == U"");
    CHECK(codepointsOf("a\xFF" "b") == U"ab");            // never valid
    CHECK(codepointsOf("a\xC0\x80" "b") == U"ab");         // overlong NUL
    CHECK(codepointsOf("a\xED\xA0\x80" "b") == U"ab");     // UTF-16 surrogate
    CHECK(codepointsOf("a\xE5\xB7" "b") == U"ab");         // truncated 巾
    CHECK(codepointsOf("\xE5\xB7") == U"");                // truncated at the end
    CHECK(codepointsOf("\xF4\x90\x80\x80" "x") == U"x");   // beyond U+10FFFF
}

TEST_CASE("glyphRangesFor is sorted, merged, 0-terminated and 16-bit only") {
    const std::u32string input = {0x4E05, 0x4E01, 0x4E00, 0x4E02, 0x4E01, U'\U00020BB7', U'帼', 0x01, 0xD800};
    const std::vector<ImWchar> ranges = glyphRangesFor(input);

    REQUIRE(ranges.size() % 2 == 1);
    CHECK(ranges.back() == 0);
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
        CHECK(ranges[i] != 0);
        CHECK(ranges[i] <= ranges[i + 1]);
        if (i + 2 < ranges.size() - 1) CHECK(ranges[i + 1] + 1 < ranges[i + 2]);  // sorted and not adjacent
    }
    // Adjacent code points merge into one pair; a gap starts a new one.
    bool merged = false, single = false;
    for (std::size_t i = 0; i + 1 < ranges.size(); i += 2) {
        if (ranges[i] == 0x4E00 && ranges[i + 1] == 0x4E02) merged = true;
        if (ranges[i] == 0x4E05 && ranges[i + 1] == 0x4E05) single = true;
    }
    CHECK(merged);
    CHECK(single);
    CHECK(covers(ranges, U'帼'));
    CHECK_FALSE(covers(ranges, 0x0BB7));  // 𠮷 truncated to 16 bits must not sneak in
    CHECK_FALSE(covers(ranges, 0x01));
    CHECK_FALSE(covers(ranges, 0xD800));
    // Always present: printable ASCII as one pair, and the UI's punctuation.
    CHECK(ranges[0] == 0x20);
    CHECK(ranges[1] == 0x7E);
    for (char32_t c : std::u32string(U"。，、：；！？“”（）《》—…·★☆↑↓０９Ａ\uFFFD"))
        CHECK_MESSAGE(covers(ranges, c), "missing U+" << std::hex << static_cast<unsigned>(c));
}

TEST_CASE("findCjkFont finds the Simplified Chinese face of Noto Sans CJK") {
    if (!std::filesystem::exists(kNotoRegular)) {
        FAIL("fonts-noto-cjk is not installed: apt-get install fonts-noto-cjk");
    }
    const auto start = std::chrono::steady_clock::now();
    const std::optional<FontFile> font = findCjkFont();
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("findCjkFont: " << (font ? font->path : "none") << " face " << (font ? font->faceIndex : -1) << " ("
                            << (font ? font->family : "") << ") in " << ms << " ms");
    REQUIRE(font.has_value());
    CHECK(std::filesystem::exists(font->path));
    CHECK(font->family == "Noto Sans CJK SC");
    CHECK(faceFamily(*font) == "Noto Sans CJK SC");  // what FreeType sees at that face index
    if (font->path == kNotoRegular) CHECK(font->faceIndex == 2);
}

TEST_CASE("missingCjkFontMessage names the package") {
    const std::string message = missingCjkFontMessage();
    CHECK(message.find("fonts-noto-cjk") != std::string::npos);
    CHECK(message.find("apt-get install fonts-noto-cjk") != std::string::npos);
    CHECK(message.find("字体") != std::string::npos);
}

TEST_CASE("buildAtlas covers 帼 and rare name characters") {
    HeadlessImGui imgui;
    FontManager fonts(18.0f, 40.0f);
    REQUIRE(fonts.fontFile() != nullptr);
    fonts.addText(kSample);
    fonts.buildAtlas(imgui.io());
    MESSAGE("atlas build (sample text): " << fonts.lastBuildMilliseconds() << " ms, "
                                          << imgui.io().Fonts->TexWidth << "x" << imgui.io().Fonts->TexHeight);

    CHECK_FALSE(fonts.missingFont());
    ImFontAtlas& atlas = *imgui.io().Fonts;
    REQUIRE(atlas.IsBuilt());
    REQUIRE(atlas.Fonts.Size == 2);
    CHECK(atlas.Fonts[0] == fonts.body());
    CHECK(atlas.Fonts[1] == fonts.large());
    CHECK(fonts.body()->FontSize == doctest::Approx(18.0f));
    CHECK(fonts.large()->FontSize == doctest::Approx(40.0f));
    for (char32_t c : codepointsOf(kSample)) {
        CHECK_MESSAGE(atlas.Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr,
                      "body lacks U+" << std::hex << static_cast<unsigned>(c));
        CHECK(fonts.large()->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr);
    }
    // Every baseline character the UI may print is really in the font.
    for (char32_t c : std::u32string(U"。，、：；！？“”‘’（）《》【】—…·★☆↑↓←→▲▼●○✓×％℃～０Ａ")) {
        CHECK_MESSAGE(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr,
                      "font lacks U+" << std::hex << static_cast<unsigned>(c));
    }
    // Not asked for, so not built: the atlas holds only what is in use.
    CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'鑫')) == nullptr);

    // A headless frame renders with it (𠮷 included: it falls back, it does not crash).
    imgui.frame("巾帼文明岗 𠮷");
    CHECK(ImGui::GetDrawData() != nullptr);
}

TEST_CASE("addCharacters reports only new characters") {
    FontManager fonts(18.0f, 40.0f, std::nullopt);
    CHECK_FALSE(fonts.addCharacters(U"A。★"));  // baseline, always known
    CHECK(fonts.addCharacters(U"巾帼"));
    CHECK_FALSE(fonts.addCharacters(U"帼巾"));
    CHECK(fonts.addCharacters(U"帼犇"));          // one new is enough
    CHECK_FALSE(fonts.addCharacters(U"\U00020BB7"));  // cannot be in a 16-bit atlas
    CHECK_FALSE(fonts.knows(U'\U00020BB7'));
    CHECK_FALSE(fonts.addText("巾帼"));
    CHECK(fonts.addText("淼"));
    CHECK(fonts.knows(U'淼'));
    CHECK_FALSE(fonts.knows(U'喆'));
}

TEST_CASE("rebuildIfNeeded grows the atlas beside the frames and puts it in between frames") {
    HeadlessImGui imgui;
    FontManager fonts(18.0f, 40.0f);
    REQUIRE(fonts.fontFile() != nullptr);
    fonts.addText(kSample);
    fonts.buildAtlas(imgui.io());
    ImFontAtlas* first = imgui.io().Fonts;
    CHECK_FALSE(fonts.rebuildIfNeeded(imgui.io(), false));  // nothing new
    CHECK_FALSE(fonts.growing());
    imgui.frame(kSample);

    CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'鑫')) == nullptr);
    CHECK(fonts.addText("鑫"));

    // Inside a frame the atlas is locked: deferred, not asserted.
    ImGui::NewFrame();
    CHECK_FALSE(fonts.rebuildIfNeeded(imgui.io(), false));
    ImGui::Render();

    // Between frames the growth starts on a thread; the shown atlas stays
    // until it is ready, and frames go on drawing meanwhile.
    CHECK_FALSE(fonts.rebuildIfNeeded(imgui.io(), false));
    CHECK(fonts.growing());
    CHECK(imgui.io().Fonts == first);
    imgui.frame("鑫");   // '?' for a moment, never a crash
    // A character added during the build waits for the next one.
    CHECK(fonts.addText("垚"));
    bool swapped = false;
    for (int i = 0; i < 2000 && !swapped; ++i) {
        swapped = fonts.rebuildIfNeeded(imgui.io(), false);
        if (!swapped) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(swapped);
    MESSAGE("growth beside the frames: " << fonts.lastBuildMilliseconds() << " ms");
    CHECK(imgui.io().Fonts != first);   // the new atlas replaced the old (deleted)
    CHECK(fonts.body() == imgui.io().Fonts->Fonts[0]);
    CHECK(fonts.large() == imgui.io().Fonts->Fonts[1]);
    CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'鑫')) != nullptr);
    CHECK(fonts.large()->FindGlyphNoFallback(static_cast<ImWchar>(U'鑫')) != nullptr);
    CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'帼')) != nullptr);
    fonts.setSynchronousGrowth(true);
    CHECK(fonts.rebuildIfNeeded(imgui.io(), false));
    CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'垚')) != nullptr);
    imgui.frame("鑫垚");

    // Waiting for the growth in the same call (a screenshot's way).
    CHECK(fonts.addText("犟"));
    CHECK(fonts.rebuildIfNeeded(imgui.io(), false));
    CHECK_FALSE(fonts.growing());
    CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'犟')) != nullptr);
    CHECK_FALSE(fonts.rebuildIfNeeded(imgui.io(), false));
    imgui.frame("犟");

    // A size change (UI scale) is a full rebuild with new fonts, at once.
    fonts.setSynchronousGrowth(false);
    fonts.setSizes(24.0f, 48.0f);
    CHECK(fonts.rebuildIfNeeded(imgui.io(), false));
    CHECK(fonts.body()->FontSize == doctest::Approx(24.0f));
    CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'鑫')) != nullptr);
    imgui.frame("鑫");
}

TEST_CASE("a growth still being built when sizes change or the manager goes is dropped cleanly") {
    HeadlessImGui imgui;
    {
        FontManager fonts(18.0f, 40.0f);
        REQUIRE(fonts.fontFile() != nullptr);
        fonts.addText(kSample);
        fonts.buildAtlas(imgui.io());
        std::u32string many;
        for (char32_t c = 0x4E00; many.size() < 2000; ++c) many.push_back(c);
        fonts.addCharacters(many);
        CHECK_FALSE(fonts.rebuildIfNeeded(imgui.io(), false));
        CHECK(fonts.growing());
        fonts.setSizes(20.0f, 44.0f);                      // the full build covers the growth
        CHECK(fonts.rebuildIfNeeded(imgui.io(), false));
        CHECK_FALSE(fonts.growing());
        CHECK(fonts.body()->FindGlyphNoFallback(0x4E00 + 1999) != nullptr);
        fonts.addText("鑫");
        CHECK_FALSE(fonts.rebuildIfNeeded(imgui.io(), false));
        CHECK(fonts.growing());
    }   // gone while building: waited for, its atlas freed (ASan/valgrind would say otherwise)
    imgui.frame("A");
}

TEST_CASE("the first atlas is built on a thread while the window opens, and the first frame installs it") {
    HeadlessImGui imgui;
    SUBCASE("installed whole by the first rebuildIfNeeded") {
        FontManager fonts(18.0f, 40.0f);
        REQUIRE(fonts.fontFile() != nullptr);
        fonts.addText(kSample);
        fonts.startFirstBuild();
        CHECK(fonts.growing());                 // running beside whatever the caller does next
        ImFontAtlas* before = imgui.io().Fonts;
        fonts.addText("鑫");                     // after the start: arrives by the usual growth
        CHECK(fonts.rebuildIfNeeded(imgui.io(), false));   // waits for it, does not build again
        CHECK(imgui.io().Fonts != before);
        CHECK_FALSE(fonts.missingFont());
        CHECK(fonts.body() == imgui.io().Fonts->Fonts[0]);
        CHECK(fonts.body()->FontSize == doctest::Approx(18.0f));
        CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'帼')) != nullptr);
        CHECK(fonts.large()->FindGlyphNoFallback(static_cast<ImWchar>(U'帼')) != nullptr);
        CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'鑫')) == nullptr);
        imgui.frame(kSample);
        fonts.setSynchronousGrowth(true);
        CHECK(fonts.rebuildIfNeeded(imgui.io(), false));
        CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'鑫')) != nullptr);
        imgui.frame("鑫");
    }
    SUBCASE("a size change before the first frame builds at the new sizes") {
        FontManager fonts(18.0f, 40.0f);
        REQUIRE(fonts.fontFile() != nullptr);
        fonts.addText(kSample);
        fonts.startFirstBuild();
        fonts.setSizes(24.0f, 48.0f);
        CHECK(fonts.rebuildIfNeeded(imgui.io(), false));
        CHECK_FALSE(fonts.growing());
        CHECK(fonts.body()->FontSize == doctest::Approx(24.0f));
        CHECK(fonts.large()->FontSize == doctest::Approx(48.0f));
        CHECK(fonts.body()->FindGlyphNoFallback(static_cast<ImWchar>(U'帼')) != nullptr);
        imgui.frame(kSample);
    }
    SUBCASE("without a font nothing starts and the first frame falls back") {
        FontManager fonts(18.0f, 40.0f, std::nullopt);
        fonts.addText(kSample);
        fonts.startFirstBuild();
        CHECK_FALSE(fonts.growing());
        CHECK(fonts.rebuildIfNeeded(imgui.io(), false));
        CHECK(fonts.missingFont());
        imgui.frame("A");
    }
}

TEST_CASE("without a CJK font the app falls back to ImGui's default font") {
    HeadlessImGui imgui;
    SUBCASE("no font found") {
        FontManager fonts(18.0f, 40.0f, std::nullopt);
        fonts.addText(kSample);
        fonts.buildAtlas(imgui.io());
        CHECK(fonts.missingFont());
        CHECK(fonts.fontFile() == nullptr);
        REQUIRE(imgui.io().Fonts->Fonts.Size == 2);
        CHECK(fonts.body() == imgui.io().Fonts->Fonts[0]);
        CHECK(fonts.body()->FindGlyphNoFallback('A') != nullptr);
        CHECK(fonts.addText("鑫"));
        CHECK_FALSE(fonts.rebuildIfNeeded(imgui.io(), false));  // nothing a rebuild could add
        imgui.frame(missingCjkFontMessage());
    }
    SUBCASE("font file unreadable") {
        FontManager fonts(18.0f, 40.0f, FontFile{"/nonexistent/font.ttc", 2, "Nothing"});
        fonts.buildAtlas(imgui.io());
        CHECK(fonts.missingFont());
        CHECK(fonts.body()->FindGlyphNoFallback('A') != nullptr);
        imgui.frame("A");
    }
    SUBCASE("file is not a font") {
        FontManager fonts(18.0f, 40.0f, FontFile{"/etc/os-release", 0, "Text"});
        fonts.buildAtlas(imgui.io());
        CHECK(fonts.missingFont());
        REQUIRE(imgui.io().Fonts->Fonts.Size == 2);
        imgui.frame("A");
    }
}

TEST_CASE("atlas build time with ~3000 distinct characters") {
    HeadlessImGui imgui;
    FontManager fonts(18.0f, 40.0f);
    REQUIRE(fonts.fontFile() != nullptr);
    std::u32string many;
    for (char32_t c = 0x4E00; many.size() < 3000; ++c) many.push_back(c);
    fonts.addCharacters(many);
    fonts.buildAtlas(imgui.io());
    const ImFontAtlas& atlas = *imgui.io().Fonts;
    MESSAGE("atlas, " << fonts.characterCount() << " characters at 18+40 px: first build (maps the file) "
                      << fonts.lastBuildMilliseconds() << " ms, " << atlas.TexWidth << "x" << atlas.TexHeight);
    fonts.addCharacters(U"鑫");
    fonts.setSynchronousGrowth(true);
    fonts.rebuildIfNeeded(imgui.io(), false);
    MESSAGE("  rebuild after one new character: " << fonts.lastBuildMilliseconds() << " ms");

    FontManager bodyOnly(18.0f, 18.0f);
    bodyOnly.addCharacters(many);
    bodyOnly.buildAtlas(imgui.io());
    MESSAGE("  same characters at 18+18 px: " << bodyOnly.lastBuildMilliseconds() << " ms, " << atlas.TexWidth << "x"
                                             << atlas.TexHeight);
    CHECK(bodyOnly.body()->FindGlyphNoFallback(0x4E00) != nullptr);
}
