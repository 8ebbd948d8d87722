// fonts.cpp — fontconfig lookup, glyph ranges from the text in use, FreeType atlas.
#include "platform/fonts.hpp"

#include <backends/imgui_impl_opengl3.h>
#include <fontconfig/fontconfig.h>
#include <imgui_freetype.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <future>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jinguo::platform {

namespace {

using CodepointSet = std::bitset<0x10000>;

// Always in the atlas: what the UI prints around the data (punctuation, stars,
// movement arrows, check marks), what an input method types in full-width mode,
// U+2026 (ImGui's ellipsis when text is clipped) and U+FFFD (what InputText
// stores for characters beyond U+FFFF; shown as � by fonts that have it, as
// '?' with Noto Sans CJK, which has not).
constexpr char32_t kBaseline[] = {
    U'。', U'，', U'、', U'：', U'；', U'！', U'？', U'“', U'”', U'‘', U'’',
    U'（', U'）', U'《', U'》', U'〈', U'〉', U'【', U'】', U'「', U'」', U'『', U'』',
    U'〔', U'〕', U'—', U'–', U'…', U'·', U'・', U'～', U'\u3000', U'￥', U'¥', U'％',
    U'‰', U'℃', U'°', U'±', U'×', U'÷', U'−', U'•', U'©', U'®',
    U'★', U'☆', U'↑', U'↓', U'←', U'→', U'▲', U'▼', U'△', U'▽',
    U'●', U'○', U'■', U'□', U'◆', U'◇', U'✓', U'✔', U'✗', U'✘', U'\uFFFD',
};
// Full-width ASCII forms (！ to ～): an input method in full-width mode types them.
constexpr char32_t kFullWidthFirst = 0xFF01, kFullWidthLast = 0xFF5E;

// Characters the chosen font must really have: fontconfig returns *some* font
// even when no CJK font is installed.
constexpr char32_t kProbe[] = {U'巾', U'帼', U'荣', U'誉', U'榜'};

bool fitsAtlas(char32_t c) {
    // ImWchar is 16-bit; controls and surrogates have no glyphs.
    if (c < 0x20 || c > 0xFFFD) return false;
    if (c >= 0x7F && c <= 0x9F) return false;
    if (c >= 0xD800 && c <= 0xDFFF) return false;
    return true;
}

CodepointSet baselineSet() {
    CodepointSet set;
    for (char32_t c = 0x20; c <= 0x7E; ++c) set.set(c);
    for (char32_t c = kFullWidthFirst; c <= kFullWidthLast; ++c) set.set(c);
    for (char32_t c : kBaseline) set.set(c);
    return set;
}

std::vector<ImWchar> rangesOf(const CodepointSet& set) {
    std::vector<ImWchar> ranges;
    for (std::size_t c = 1; c < set.size(); ++c) {
        if (!set[c]) continue;
        const std::size_t lo = c;
        while (c + 1 < set.size() && set[c + 1]) ++c;
        ranges.push_back(static_cast<ImWchar>(lo));
        ranges.push_back(static_cast<ImWchar>(c));
    }
    ranges.push_back(0);
    return ranges;
}

std::optional<FontFile> usableFont(FcPattern* font) {
    FcBool scalable = FcFalse;
    // Bitmap fonts cannot be rendered at arbitrary pixel sizes.
    if (FcPatternGetBool(font, FC_SCALABLE, 0, &scalable) != FcResultMatch || !scalable) return std::nullopt;
    FcCharSet* charset = nullptr;
    if (FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) != FcResultMatch) return std::nullopt;
    for (char32_t c : kProbe)
        if (!FcCharSetHasChar(charset, c)) return std::nullopt;
    FcChar8* file = nullptr;
    if (FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch) return std::nullopt;
    // A stale fontconfig cache can name a file that is gone.
    if (::access(reinterpret_cast<const char*>(file), R_OK) != 0) return std::nullopt;
    int index = 0;
    FcPatternGetInteger(font, FC_INDEX, 0, &index);
    FcChar8* family = nullptr;
    FcPatternGetString(font, FC_FAMILY, 0, &family);
    FontFile result;
    result.path = reinterpret_cast<const char*>(file);
    result.faceIndex = index & 0xFFFF;  // the high bits select a variable font's named instance
    result.family = family ? reinterpret_cast<const char*>(family) : "";
    return result;
}

} // namespace

std::optional<FontFile> findCjkFont() {
    if (!FcInit()) return std::nullopt;
    FcPattern* query = FcNameParse(reinterpret_cast<const FcChar8*>(":lang=zh-cn"));
    if (!query) return std::nullopt;
    FcConfigSubstitute(nullptr, query, FcMatchPattern);
    FcDefaultSubstitute(query);

    std::optional<FontFile> found;
    FcResult result = FcResultNoMatch;
    if (FcPattern* match = FcFontMatch(nullptr, query, &result)) {
        found = usableFont(match);
        FcPatternDestroy(match);
    }
    if (!found) {
        // The best match can be a bitmap CJK font; take the next usable one in fontconfig's order.
        if (FcFontSet* sorted = FcFontSort(nullptr, query, FcFalse, nullptr, &result)) {
            for (int i = 0; i < sorted->nfont && !found; ++i) found = usableFont(sorted->fonts[i]);
            FcFontSetDestroy(sorted);
        }
    }
    FcPatternDestroy(query);
    return found;
}

const char* missingCjkFontMessage() {
    return "未找到中文字体，界面中的汉字无法显示。\n"
           "请安装 fonts-noto-cjk 字体包（sudo apt-get install fonts-noto-cjk），然后重新启动本程序。\n"
           "No Chinese font found. Install one with: sudo apt-get install fonts-noto-cjk, then restart.";
}

std::vector<ImWchar> glyphRangesFor(const std::u32string& codepoints) {
    CodepointSet set = baselineSet();
    for (char32_t c : codepoints)
        if (fitsAtlas(c)) set.set(c);
    return rangesOf(set);
}

std::u32string codepointsOf(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    const auto* s = reinterpret_cast<const unsigned char*>(utf8.data());
    const std::size_t n = utf8.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char b = s[i];
        if (b < 0x80) {
            out.push_back(b);
            ++i;
            continue;
        }
        std::size_t len = 0;
        char32_t c = 0, min = 0;
        if (b >= 0xC2 && b <= 0xDF) { len = 2; c = b & 0x1F; min = 0x80; }
        else if (b >= 0xE0 && b <= 0xEF) { len = 3; c = b & 0x0F; min = 0x800; }
        else if (b >= 0xF0 && b <= 0xF4) { len = 4; c = b & 0x07; min = 0x10000; }
        bool ok = len != 0 && i + len <= n;
        for (std::size_t k = 1; ok && k < len; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) ok = false;
            else c = (c << 6) | (s[i + k] & 0x3F);
        }
        // Reject overlong forms, surrogates and values beyond Unicode.
        if (ok && (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))) ok = false;
        if (!ok) {
            ++i;  // skip the bad byte and resynchronise on the next one
            continue;
        }
        out.push_back(c);
        i += len;
    }
    return out;
}

// ---------------------------------------------------------------- FontManager

FontManager::FontManager(float bodyPixels, float largePixels)
    : FontManager(bodyPixels, largePixels, findCjkFont()) {}

FontManager::FontManager(float bodyPixels, float largePixels, std::optional<FontFile> font)
    : m_bodyPixels(bodyPixels), m_largePixels(largePixels), m_fontFile(std::move(font)),
      m_known(baselineSet()), m_slideKnown(baselineSet()) {}

bool FontManager::addCharacters(const std::u32string& codepoints) {
    bool added = false;
    for (char32_t c : codepoints) {
        if (!fitsAtlas(c) || m_known[c]) continue;
        m_known.set(c);
        added = true;
    }
    if (added) ++m_knownGeneration;
    return added;
}

bool FontManager::addText(std::string_view utf8) { return addCharacters(codepointsOf(utf8)); }

bool FontManager::knows(char32_t codepoint) const { return fitsAtlas(codepoint) && m_known[codepoint]; }

void FontManager::setSizes(float bodyPixels, float largePixels) {
    if (bodyPixels == m_bodyPixels && largePixels == m_largePixels) return;
    m_bodyPixels = bodyPixels;
    m_largePixels = largePixels;
    m_needFullBuild = true;
    m_pendingIsFirstBuild = false;   // built at the old sizes: the full build drops it
}

void FontManager::setSlideFonts(const std::vector<float>& textPixels, float figurePixels, std::string_view text) {
    std::vector<float> pixels = textPixels;
    pixels.push_back(figurePixels);
    bool added = false;
    for (char32_t c : codepointsOf(text)) {
        if (!fitsAtlas(c) || m_slideKnown[c]) continue;
        m_slideKnown.set(c);
        added = true;
    }
    if (pixels == m_slidePixels && !added) return;
    m_slidePixels = std::move(pixels);
    m_slideRanges = rangesOf(m_slideKnown);
    // Headline numbers: digits and the signs around them only (at 160–330 px
    // all of ASCII would take most of the atlas).
    CodepointSet figure;
    for (char32_t c : codepointsOf(" 0123456789,.%+-/:★％万")) figure.set(c);
    m_figureRanges = rangesOf(figure);
    m_needFullBuild = true;
    m_pendingIsFirstBuild = false;
}

FontManager::MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

FontManager::MappedFile& FontManager::MappedFile::operator=(MappedFile&& other) noexcept {
    if (this != &other) {
        if (m_data) ::munmap(m_data, m_size);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

FontManager::MappedFile::~MappedFile() {
    if (m_data) ::munmap(m_data, m_size);
    m_data = nullptr;
    m_size = 0;
}

bool FontManager::MappedFile::open(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat info {};
    void* data = MAP_FAILED;
    // ImGui's and FreeType's font sizes are int: refuse anything past 2 GiB.
    if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 && info.st_size < INT32_MAX)
        data = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);  // the mapping stays valid
    if (data == MAP_FAILED) return false;
    m_data = data;
    m_size = static_cast<std::size_t>(info.st_size);
    return true;
}

bool FontManager::loadFontData() { return m_fontData.data() || m_fontData.open(m_fontFile->path); }

namespace {

ImFont* addCjkFont(ImFontAtlas& atlas, const FontManager::AtlasPlan& plan, float pixels, const ImWchar* ranges) {
    ImFontConfig config;
    config.FontNo = plan.faceIndex;
    config.PixelSnapH = true;
    config.OversampleH = config.OversampleV = 1;  // FreeType renders at the exact size anyway
    std::snprintf(config.Name, sizeof config.Name, "%s, %.0fpx", plan.family.empty() ? "CJK" : plan.family.c_str(), pixels);
    // Handing the atlas "owned" data stops AddFont from copying the ~19 MB file
    // for each size; clearing the flag right after stops it from freeing our mapping.
    // The mapping is read-only: neither ImGui nor FreeType writes to font data.
    config.FontDataOwnedByAtlas = true;
    ImFont* font = atlas.AddFontFromMemoryTTF(const_cast<void*>(plan.fontData), static_cast<int>(plan.fontSize), pixels,
                                              &config, ranges);
    atlas.ConfigData.back().FontDataOwnedByAtlas = false;
    return font;
}

// The plan's fonts in `atlas` (cleared first), built with FreeType; false when
// FreeType cannot open the face (the atlas is then left empty). Touches no
// ImGui context: it runs on the frame loop or on a thread of its own.
bool buildPlannedAtlas(ImFontAtlas& atlas, const FontManager::AtlasPlan& plan) {
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    addCjkFont(atlas, plan, plan.bodyPixels, plan.ranges.data());
    addCjkFont(atlas, plan, plan.largePixels, plan.ranges.data());
    for (std::size_t i = 0; i < plan.slidePixels.size(); ++i) {
        const bool figure = i + 1 == plan.slidePixels.size();
        addCjkFont(atlas, plan, plan.slidePixels[i], figure ? plan.figureRanges.data() : plan.slideRanges.data());
    }
    if (atlas.Build()) return true;
    atlas.Clear();
    return false;
}

} // namespace

FontManager::~FontManager() {
    if (!m_pending.valid()) return;
    // A build still running borrows the font bytes: wait for it, then drop it.
    BuiltAtlas built = m_pending.get();
    if (built.atlas) IM_DELETE(built.atlas);
}

FontManager::AtlasPlan FontManager::planAtlas() const {
    AtlasPlan plan;
    plan.fontData = m_fontData.data();
    plan.fontSize = m_fontData.size();
    plan.faceIndex = m_fontFile->faceIndex;
    plan.family = m_fontFile->family;
    plan.bodyPixels = m_bodyPixels;
    plan.largePixels = m_largePixels;
    plan.slidePixels = m_slidePixels;
    plan.ranges = rangesOf(m_known);
    plan.slideRanges = m_slideRanges;
    plan.figureRanges = m_figureRanges;
    plan.knownGeneration = m_knownGeneration;
    return plan;
}

void FontManager::takeFonts(const ImFontAtlas& atlas) {
    m_body = atlas.Fonts[0];
    m_large = atlas.Fonts[1];
    m_slideFonts.assign(atlas.Fonts.Data + 2, atlas.Fonts.Data + atlas.Fonts.Size);
}

void FontManager::buildAtlas(ImGuiIO& io) {
    const auto start = std::chrono::steady_clock::now();
    dropPendingBuild();   // what it would bring is in this build too
    ImFontAtlas& atlas = *io.Fonts;
    io.FontDefault = nullptr;  // Clear() deletes the font it may point at
    atlas.Clear();
    m_body = m_large = nullptr;
    m_slideFonts.clear();

    bool built = false;
    if (m_fontFile && loadFontData()) {
        m_livePlan = planAtlas();
        built = buildPlannedAtlas(atlas, m_livePlan);
        if (built) takeFonts(atlas);
    }
    m_missing = !built;
    if (!built) {
        // ImGui's own font (Latin-1 only) so the app still runs and can say what is missing.
        ImFontConfig config;
        config.SizePixels = m_bodyPixels;
        m_body = atlas.AddFontDefault(&config);
        config.SizePixels = m_largePixels;
        m_large = atlas.AddFontDefault(&config);
        for (float pixels : m_slidePixels) {
            config.SizePixels = pixels;
            m_slideFonts.push_back(atlas.AddFontDefault(&config));
        }
        atlas.Build();
    }
    m_builtGeneration = m_knownGeneration;
    m_needFullBuild = false;
    m_lastBuildMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

bool FontManager::atlasIsOurs(const ImFontAtlas& atlas) const {
    return m_body && static_cast<std::size_t>(atlas.Fonts.Size) == 2 + m_slideFonts.size()
           && atlas.Fonts[0] == m_body && atlas.Fonts[1] == m_large;
}

void FontManager::startBackgroundBuild() {
    // ImFontAtlas::Build touches no ImGui context (ImGui::MemAlloc only
    // counts allocations in it, a statistic), and FreeType gets a library of
    // its own per build: a second atlas can be built beside the frames.
    m_pending = std::async(std::launch::async, [plan = planAtlas()]() mutable {
        const auto start = std::chrono::steady_clock::now();
        BuiltAtlas built;
        built.atlas = IM_NEW(ImFontAtlas)();
        if (buildPlannedAtlas(*built.atlas, plan)) {
            unsigned char* pixels = nullptr;
            int width = 0, height = 0;
            built.atlas->GetTexDataAsRGBA32(&pixels, &width, &height);   // the upload's conversion, here too
        } else {
            IM_DELETE(built.atlas);
            built.atlas = nullptr;
        }
        built.plan = std::move(plan);
        built.milliseconds = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        return built;
    });
}

void FontManager::startFirstBuild() {
    if (!m_fontFile || m_pending.valid() || !m_needFullBuild || !loadFontData()) return;
    startBackgroundBuild();
    m_pendingIsFirstBuild = true;
}

void FontManager::dropPendingBuild() {
    m_pendingIsFirstBuild = false;
    if (!m_pending.valid()) return;
    BuiltAtlas stale = m_pending.get();
    if (stale.atlas) IM_DELETE(stale.atlas);
}

bool FontManager::installBuiltAtlas(ImGuiIO& io) {
    BuiltAtlas built = m_pending.get();
    if (!built.atlas) return false;   // FreeType failed now where it had worked: keep what is shown
    ImFontAtlas* old = io.Fonts;
    io.Fonts = built.atlas;   // the context deletes whatever io.Fonts is at its end (CreateContext made the first)
    io.FontDefault = nullptr;
    IM_DELETE(old);
    m_livePlan = std::move(built.plan);
    takeFonts(*io.Fonts);
    m_builtGeneration = m_livePlan.knownGeneration;
    m_lastBuildMs = built.milliseconds;
    return true;
}

bool FontManager::rebuildIfNeeded(ImGuiIO& io, bool haveRenderer) {
    ImFontAtlas& atlas = *io.Fonts;
    if (atlas.Locked) return false;  // inside NewFrame()..Render(): try again between frames
    // A renderer that has uploaded the atlas set TexID; Build() resets it to null.
    const bool uploaded = atlas.TexID != nullptr;
    const bool full = m_needFullBuild || !atlasIsOurs(atlas);
    bool changed = false;
    if (full && m_pendingIsFirstBuild) {
        // The first build, started while the window opened (same sizes: a
        // size change since would have dropped it). FreeType failing there
        // falls back to the synchronous build, which says what is missing.
        m_pendingIsFirstBuild = false;
        if (installBuiltAtlas(io)) m_needFullBuild = false;
        else buildAtlas(io);
        changed = true;
    } else if (full) {
        buildAtlas(io);
        changed = true;
    } else if (m_pending.valid()) {
        // New characters: the atlas built beside the frames replaces the shown
        // one once it is ready. Characters added meanwhile wait for the next.
        if (m_pending.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
        changed = installBuiltAtlas(io);
    } else if (m_builtGeneration != m_knownGeneration) {
        if (m_missing) {
            m_builtGeneration = m_knownGeneration;  // the fallback font has no CJK glyphs to add
            return false;
        }
        // Every glyph is rasterised again (ImGui cannot add to a built atlas):
        // ~0.1 s per thousand characters, so never on the frame loop. Until
        // it is ready a new character shows as ImGui's '?' for a moment.
        startBackgroundBuild();
        if (!m_synchronousGrowth) return false;
        m_pending.wait();
        changed = installBuiltAtlas(io);
    }
    // Not uploaded yet: ImGui_ImplOpenGL3_NewFrame() creates its device objects,
    // texture included; creating one here as well would leak the first texture.
    // The backend dereferences its data without checking: only call it once initialised.
    if (changed && uploaded && haveRenderer && io.BackendRendererUserData != nullptr) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    return changed;
}

} // namespace jinguo::platform
