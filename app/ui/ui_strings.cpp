// ui_strings.cpp — the concatenation of every UI string, for the font loader.
#include "ui/ui_strings.hpp"

namespace jinguo::ui::str {

std::string_view allText() {
#define JINGUO_UI_STRING(id, text) text
    static constexpr const char all[] =
#include "ui/ui_strings.inc"
        "";
#undef JINGUO_UI_STRING
    return all;
}

} // namespace jinguo::ui::str
