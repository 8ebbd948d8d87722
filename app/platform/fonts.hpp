// fonts.hpp — finds a Simplified Chinese font through fontconfig and keeps ImGui's
// atlas holding exactly the characters the UI and the data use.
//
// Why not ImGui's Chinese ranges: the "common" set lacks 帼 and rare name
// characters (犇淼瑀堃喆); the full set costs ~0.7 s and a 2048×4096 atlas.
// So the atlas holds the UI strings plus every character the data contains,
// and grows between frames when new ones arrive.
//
// Lifetime: the atlas borrows the font bytes and glyph ranges owned by the
// FontManager, so keep the FontManager alive as long as the ImGui context.
//
// Growth happens beside the frames: ImGui cannot add glyphs to a built atlas,
// so every new character means rasterising every glyph again (~0.1 s per
// thousand characters at two sizes; a city's names hold thousands). A second
// atlas is built on a thread and replaces io.Fonts between frames when ready.
#pragma once

#include <imgui.h>

#include <bitset>
#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::platform {

struct FontFile {
    std::string path;
    int faceIndex = 0;   // face within a .ttc (Noto Sans CJK: 2 is SC, 0 is JP)
    std::string family;  // for logs, e.g. "Noto Sans CJK SC"
};

// A scalable font covering Simplified Chinese (checked: it has 巾帼荣誉榜),
// nullopt when none is installed. fontconfig always returns *some* font, so the
// match is verified rather than trusted.
std::optional<FontFile> findCjkFont();

// What to tell the user when findCjkFont() finds nothing. Chinese first, then
// English: without a CJK font ImGui itself shows the Chinese part as '?'.
const char* missingCjkFontMessage();

// ImGui glyph ranges ([lo, hi] pairs, sorted, merged, 0-terminated) covering
// these code points plus printable ASCII and the punctuation and symbols the
// UI needs. Code points above U+FFFF are skipped: ImWchar is 16-bit here.
std::vector<ImWchar> glyphRangesFor(const std::u32string& codepoints);

// UTF-8 to code points; invalid or truncated sequences are skipped byte by byte.
std::u32string codepointsOf(std::string_view utf8);

class FontManager {
public:
    // Sizes in pixels, already multiplied by the UI scale (e.g. 18 and 40).
    // This constructor looks the font up with findCjkFont().
    FontManager(float bodyPixels, float largePixels);
    // An explicit font (a user override, or nullopt to test the fallback).
    FontManager(float bodyPixels, float largePixels, std::optional<FontFile> font);

    ~FontManager();   // waits for a build still running beside the frames
    FontManager(const FontManager&) = delete;
    FontManager& operator=(const FontManager&) = delete;
    FontManager(FontManager&&) = default;
    FontManager& operator=(FontManager&&) = delete;

    // Returns true if any code point is new (the atlas needs a rebuild).
    // Code points above U+FFFF never count: no rebuild could show them.
    bool addCharacters(const std::u32string& codepoints);
    bool addText(std::string_view utf8);
    bool knows(char32_t codepoint) const;
    std::size_t characterCount() const { return m_known.count(); }

    // Changes the sizes (UI scale); the next rebuildIfNeeded() rebuilds fully.
    void setSizes(float bodyPixels, float largePixels);

    // Clears io.Fonts and builds the body font (index 0, the default) and the
    // large font with FreeType. Without a CJK font: ImGui's default font at the
    // same sizes, and missingFont() becomes true. No OpenGL: works headless.
    // Must run outside NewFrame()..Render() (ImGui asserts otherwise).
    // Afterwards body()/large() are new pointers. It does not upload: call it
    // before the renderer's first NewFrame; later, use rebuildIfNeeded().
    void buildAtlas(ImGuiIO& io);

    // Starts the first full build on a thread, so it runs while the window,
    // the OpenGL context and the renderer are made (~20–50 ms of FreeType
    // that the first frame no longer pays). The first rebuildIfNeeded()
    // installs it, waiting if it is not done yet; characters added after
    // this call arrive by the usual growth. Nothing happens without a font
    // file; a size change drops it (the next call builds in full).
    void startFirstBuild();

    // Between frames. Sizes changed (or nothing built yet): a full build now.
    // Characters added since the last build: a new atlas is started on a
    // thread, and a later call, once it is ready, puts it in io.Fonts (the
    // old one deleted; body()/large()/slideFont() then point into the new one:
    // read them every frame, never keep them across frames). Returns true when
    // io.Fonts changed; then, when haveRenderer is true and the OpenGL3
    // renderer has already uploaded the atlas, re-uploads it through
    // ImGui_ImplOpenGL3_{Destroy,Create}FontsTexture() (the GL context must be
    // current). Before that first upload, ImGui_ImplOpenGL3_NewFrame() does it.
    // Inside a frame (atlas locked) it does nothing and returns false; the next
    // call catches up.
    bool rebuildIfNeeded(ImGuiIO& io, bool haveRenderer = true);

    // Fonts for the full-screen slides (演示), at pixel sizes chosen for the
    // screen's height, added after body and large. They hold only the
    // characters of `text` (the slides' own words and names) plus ASCII:
    // every character of the data at 40–90 px would need an atlas of hundreds
    // of MB. The last size (`figurePixels`, the headline numbers) holds digits
    // and the signs around them only. A change rebuilds the atlas in full; the
    // same sizes and no new characters change nothing.
    void setSlideFonts(const std::vector<float>& textPixels, float figurePixels, std::string_view text);
    // Index into textPixels, then the figure font last; null until built.
    ImFont* slideFont(std::size_t index) const { return index < m_slideFonts.size() ? m_slideFonts[index] : nullptr; }
    std::size_t slideFontCount() const { return m_slideFonts.size(); }

    ImFont* body() const { return m_body; }
    ImFont* large() const { return m_large; }
    bool missingFont() const { return m_missing; }
    const FontFile* fontFile() const { return m_fontFile ? &*m_fontFile : nullptr; }
    double lastBuildMilliseconds() const { return m_lastBuildMs; }
    const std::vector<ImWchar>& glyphRanges() const { return m_livePlan.ranges; }
    // A screenshot must show every character noted before it: the growth then
    // waits for its atlas in the same rebuildIfNeeded() call (--screenshot,
    // the input probe). The window itself never waits.
    void setSynchronousGrowth(bool wait) { m_synchronousGrowth = wait; }
    // A build of new characters runs beside the frames.
    bool growing() const { return m_pending.valid(); }
    // Characters wait for an atlas (being built, or to be started by the next
    // rebuildIfNeeded): an idle window keeps drawing until they show.
    bool hasPendingWork() const {
        return m_pending.valid() || m_needFullBuild || (!m_missing && m_builtGeneration != m_knownGeneration);
    }

    // What an atlas is built from: the font bytes (borrowed), the sizes and
    // each font's glyph ranges (the atlas borrows these too while it lives).
    struct AtlasPlan {
        const void* fontData = nullptr;
        std::size_t fontSize = 0;
        int faceIndex = 0;
        std::string family;
        float bodyPixels = 0, largePixels = 0;
        std::vector<float> slidePixels;        // text sizes, then the figure size
        std::vector<ImWchar> ranges;           // body and large: every known character
        std::vector<ImWchar> slideRanges;
        std::vector<ImWchar> figureRanges;
        std::uint64_t knownGeneration = 0;     // m_knownGeneration when planned
    };

private:
    struct BuiltAtlas {
        ImFontAtlas* atlas = nullptr;          // IM_NEW'd; null when the build failed
        AtlasPlan plan;
        double milliseconds = 0;
    };
    using CodepointSet = std::bitset<0x10000>;

    // The font file mapped read-only: FreeType touches only the pages it needs,
    // where reading the ~19 MB .ttc costs ~80 ms of page faults on first use.
    class MappedFile {
    public:
        MappedFile() = default;
        MappedFile(MappedFile&& other) noexcept;
        MappedFile& operator=(MappedFile&& other) noexcept;
        ~MappedFile();
        bool open(const std::string& path);
        void* data() const { return m_data; }
        std::size_t size() const { return m_size; }
    private:
        void* m_data = nullptr;
        std::size_t m_size = 0;
    };

    bool loadFontData();
    bool atlasIsOurs(const ImFontAtlas& atlas) const;
    AtlasPlan planAtlas() const;
    void takeFonts(const ImFontAtlas& atlas);
    void startBackgroundBuild();
    void dropPendingBuild();
    bool installBuiltAtlas(ImGuiIO& io);

    float m_bodyPixels;
    float m_largePixels;
    std::optional<FontFile> m_fontFile;
    MappedFile m_fontData;
    CodepointSet m_known;
    std::uint64_t m_knownGeneration = 1;    // counts additions to m_known
    std::uint64_t m_builtGeneration = 0;    // … that the shown atlas holds
    AtlasPlan m_livePlan;                   // the shown atlas's; its ranges are borrowed by io.Fonts->ConfigData
    std::future<BuiltAtlas> m_pending;      // a growth being built beside the frames
    bool m_synchronousGrowth = false;
    bool m_pendingIsFirstBuild = false;     // m_pending is startFirstBuild()'s, not a growth
    ImFont* m_body = nullptr;
    ImFont* m_large = nullptr;
    std::vector<float> m_slidePixels;       // text sizes, then the figure size
    CodepointSet m_slideKnown;
    std::vector<ImWchar> m_slideRanges;
    std::vector<ImWchar> m_figureRanges;
    std::vector<ImFont*> m_slideFonts;
    bool m_missing = false;
    bool m_needFullBuild = true;
    double m_lastBuildMs = 0.0;
};

} // namespace jinguo::platform
