// ui_strings.cpp — the concatenation of every UI string, for the font loader.
#include "ui/ui_strings.hpp"

#include "core/boards.hpp"
#include "core/medal_design.hpp"
#include "core/vocabulary.hpp"

#include <string>

namespace jinguo::ui::str {

std::string_view allText() {
#define JINGUO_UI_STRING(id, text) text
    static constexpr const char all[] =
#include "ui/ui_strings.inc"
        "";
#undef JINGUO_UI_STRING
    // The domain words screens take from core (core/vocabulary.hpp, core/boards.hpp).
    static const std::string withVocabulary = [] {
        std::string text = all;
        for (const UnitKindInfo& k : kUnitKinds) text += k.shown;
        for (const char* w : kTitleLevelWords) text += w;
        for (const char* w : kAwardStatusWords) text += w;
        for (Board b : {Board::Volunteers, Board::Communities, Board::Streets, Board::Posts}) {
            text += boardLabel(b);
            for (BoardMetric m : metricsOf(b)) text += metricLabel(m);
        }
        text += medalGlyphText();   // the badge medals' glyphs (初, 荣, ★ …) and tiers
        for (MedalTier t : {MedalTier::Plain, MedalTier::Bronze, MedalTier::Silver, MedalTier::Gold, MedalTier::RedGold})
            text += medalTierName(t);
        return text;
    }();
    return withVocabulary;
}

} // namespace jinguo::ui::str
