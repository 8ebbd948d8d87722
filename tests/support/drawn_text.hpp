// drawn_text.hpp — what an ImDrawList shows, read back from its glyph quads,
// for headless tests of code that paints with a draw list (the slides).
//
// Headless tests have no CJK font, so DrawnTextContext gives ImGui's default
// font a tiny custom glyph (a distinct atlas rectangle) for every character
// of `alphabet`; a glyph quad is then told by its texture coordinates. What
// clipping dropped is not drawn and so not read: a name cut off by the slide's
// edge is missing from the text, as it is from the screen.
#pragma once

#include "core/text.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <string_view>
#include <utility>

namespace jinguo::test {

class DrawnTextContext {
public:
    // An ImGui context whose font knows the characters of `alphabet`.
    DrawnTextContext(std::string_view alphabet, ImVec2 displaySize) {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = displaySize;
        io.DeltaTime = 1.0f / 60.0f;
        io.IniFilename = nullptr;
        ImFont* font = io.Fonts->AddFontDefault();
        for (char32_t c : utf8ToCodepoints(alphabet))
            if (c >= 0x100 && c <= 0xFFFF && !m_added.count(c)) {   // the default font covers Latin-1
                m_added[c] = true;
                io.Fonts->AddCustomRectFontGlyph(font, static_cast<ImWchar>(c), 6, 6, 7.0f);
            }
        unsigned char* pixels = nullptr;
        int width = 0, height = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
        for (const ImFont* f : io.Fonts->Fonts)
            for (const ImFontGlyph& g : f->Glyphs) m_glyphAt[{g.U0, g.V0}] = {g.Codepoint, {g.U1, g.V1}};
    }
    ~DrawnTextContext() { ImGui::DestroyContext(); }
    DrawnTextContext(const DrawnTextContext&) = delete;
    DrawnTextContext& operator=(const DrawnTextContext&) = delete;

    // The text of `dl` in drawing order: a line per run of glyphs on one
    // baseline, a space where a run has a gap.
    std::string text(const ImDrawList& dl) const {
        std::string out;
        float lastY = 0, lastRight = 0, lastHeight = 0;
        bool any = false;
        const ImVector<ImDrawVert>& v = dl.VtxBuffer;
        for (int i = 0; i + 3 < v.Size; ++i) {
            const auto it = m_glyphAt.find({v[i].uv.x, v[i].uv.y});
            if (it == m_glyphAt.end()) continue;
            const ImVec2 far = it->second.second;
            if (!(v[i + 2].uv.x == far.x && v[i + 2].uv.y == far.y && v[i + 1].uv.x == far.x && v[i + 1].uv.y == v[i].uv.y))
                continue;
            const float left = v[i].pos.x, top = v[i].pos.y, right = v[i + 2].pos.x, height = v[i + 2].pos.y - top;
            if (any) {
                if (std::fabs(top - lastY) > 0.8f * std::max(height, lastHeight) || left < lastRight - 0.5f) out += '\n';
                else if (left - lastRight > 0.3f * height) out += ' ';
            }
            appendUtf8(out, it->second.first);
            lastY = top;
            lastRight = right;
            lastHeight = height;
            any = true;
            i += 3;
        }
        return out;
    }

private:
    std::map<char32_t, bool> m_added;
    std::map<std::pair<float, float>, std::pair<char32_t, ImVec2>> m_glyphAt;
};

} // namespace jinguo::test
