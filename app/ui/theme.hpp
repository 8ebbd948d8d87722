// theme.hpp — the look of the working screens: every colour the screens use,
// defined once, and the ImGui style built from them.
//
// The identity is the slides' (an honours certificate's deep red, gold used
// sparingly), calmed for daily work: warm white ground, dark warm text, soft
// borders. Selected and active items are a light red tint under dark text;
// solid red carries white text only (kOnAccent). Screens take colours from
// here, never from a literal.
#pragma once

#include <imgui.h>

namespace jinguo::ui::theme {

// A colour of the theme: constexpr, so a screen may keep one as a constant
// (kAccent.u32()) without depending on the order of static initialisation;
// converts to the ImVec4 ImGui's Text/PushStyleColor calls take.
struct Colour {
    unsigned char r, g, b, a = 255;
    constexpr ImU32 u32() const { return IM_COL32(r, g, b, a); }
    ImVec4 vec4() const { return ImVec4(r / 255.0f, g / 255.0f, b / 255.0f, a / 255.0f); }
    operator ImVec4() const { return vec4(); }
};

// ---- the identity
inline constexpr Colour kAccent{183, 28, 28};            // #B71C1C: selected, headings, bars
inline constexpr Colour kAccentHovered{198, 40, 40};     // #C62828
inline constexpr Colour kAccentActive{142, 20, 20};      // #8E1414
inline constexpr Colour kOnAccent{255, 255, 255};        // text on solid red
inline constexpr Colour kAccentTint{246, 220, 216};      // #F6DCD8: a selected row, under dark text
inline constexpr Colour kAccentTintHovered{251, 236, 233};
inline constexpr Colour kAccentTintActive{241, 202, 196};
inline constexpr Colour kGold{201, 162, 39};             // #C9A227: fills and marks, never body text
inline constexpr Colour kGoldText{140, 105, 0};          // #8C6900: gold that reads as text on the ground

// ---- the ground and the text
inline constexpr Colour kBackground{250, 247, 242};      // #FAF7F2 warm white
inline constexpr Colour kSidebarBackground{243, 238, 230};
inline constexpr Colour kSurface{255, 255, 255};         // text fields, popups
inline constexpr Colour kButton{243, 238, 231};          // a plain button, dark text
inline constexpr Colour kText{43, 37, 34};               // #2B2522
inline constexpr Colour kTextMuted{114, 105, 98};        // #726962: disabled, hints, labels
inline constexpr Colour kBorder{220, 212, 202};          // #DCD4CA
inline constexpr Colour kTableHeader{237, 229, 219};     // #EDE5DB
inline constexpr Colour kTableRowAlt{245, 240, 233};     // #F5F0E9
inline constexpr Colour kRail{191, 191, 191};            // lines that join things (a timeline, a tree)

// ---- what messages say
inline constexpr Colour kErrorColor{198, 40, 40};        // a refusal
inline constexpr Colour kOkColor{46, 125, 50};           // #2E7D32: 已保存
inline constexpr Colour kWarningColor{168, 95, 0};       // #A85F00: unsaved, differs, overwrite
inline constexpr Colour kStarColor = kGoldText;          // ★ and badge names
inline constexpr Colour kInfoColor{71, 95, 143};         // #475F8F: a second data series

} // namespace jinguo::ui::theme

// The colours live in ui::theme (theme::kAccent …), so a screen's own
// constant named kGold or kText never collides with them; the two message
// colours every form uses keep their short names.
namespace jinguo::ui {

using theme::kErrorColor;
using theme::kOkColor;

// Body text in pixels at 100 % and a UI scale of 1: Noto Sans CJK's glyphs
// are ~0.69 of the size asked for (23 px gives 16 px wide 汉字, checked with
// FreeType), so this is the "16 px" of a web page at 1080p.
inline constexpr float kBodyFontPixels = 23.0f;
inline constexpr float kLargeFontPixels = 36.0f;   // headings and headline figures

// The working screens' style at `scale` (the screen's UI scale times the text
// size chosen in 设置 → 显示): starts from ImGui's defaults every time, so it
// can be applied again when the text size changes (ScaleAllSizes multiplies).
void applyTheme(ImGuiStyle& style, float scale);

// A solid red button with white text (what confirms a deletion, 撤销)
// for the buttons drawn between these two calls.
void pushAccentButton();
void popAccentButton();

// WCAG 2 contrast ratio of two opaque colours (1 … 21); 4.5 reads as body text.
float contrastRatio(const ImVec4& a, const ImVec4& b);
// kText or kOnAccent, whichever reads better on `background` (a bar, a badge).
ImVec4 textColorOn(const ImVec4& background);

} // namespace jinguo::ui
