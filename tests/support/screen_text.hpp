// screen_text.hpp — what the last rendered frame shows, read back from its
// draw lists: each glyph quad is matched to its font glyph by texture
// coordinates, glyphs are grouped into lines by their line top and ordered
// left to right. Items side by side on one line run together without spaces
// (table cells), so tests look for substrings such as "50,379". Call after
// HeadlessUi::frame() (ImGui::Render has run).
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace jinguo::test {

inline void appendUtf8(std::string& out, unsigned int c) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// Every line of text on screen, top to bottom.
inline std::vector<std::string> screenLines() {
    struct GlyphAt { float y0; unsigned int codepoint; };
    std::map<std::pair<float, float>, GlyphAt> byUv;
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    for (const ImFont* font : atlas->Fonts)
        for (const ImFontGlyph& g : font->Glyphs)
            if (g.Visible) byUv.emplace(std::make_pair(g.U0, g.V0), GlyphAt{g.Y0, g.Codepoint});
    std::map<long, std::vector<std::pair<float, unsigned int>>> lines;   // rounded line top → (x, char)
    const ImDrawData* data = ImGui::GetDrawData();
    if (!data) return {};
    for (int l = 0; l < data->CmdListsCount; ++l) {
        const ImDrawList* list = data->CmdLists[l];
        // AddText writes each glyph as 4 vertices, the first at its top-left with (U0, V0).
        for (int v = 0; v + 3 < list->VtxBuffer.Size; ++v) {
            const ImDrawVert& a = list->VtxBuffer[v];
            const auto it = byUv.find({a.uv.x, a.uv.y});
            if (it == byUv.end()) continue;
            const ImDrawVert& c = list->VtxBuffer[v + 2];
            if (c.pos.x <= a.pos.x || c.pos.y <= a.pos.y) continue;   // not a glyph quad
            const long top = std::lround(a.pos.y - it->second.y0);
            lines[top].push_back({a.pos.x, it->second.codepoint});
            v += 3;
        }
    }
    std::vector<std::string> out;
    for (auto& [top, glyphs] : lines) {
        std::sort(glyphs.begin(), glyphs.end());
        std::string text;
        for (const auto& g : glyphs) appendUtf8(text, g.second);
        out.push_back(std::move(text));
    }
    return out;
}

// True when some line on screen contains `text`.
inline bool onScreen(const std::string& text) {
    for (const std::string& line : screenLines())
        if (line.find(text) != std::string::npos) return true;
    return false;
}

} // namespace jinguo::test
