// presentation_host.cpp — slide fonts on demand; the atlas is rebuilt between frames.
#include "gui/presentation_host.hpp"

namespace jinguo::gui {

ui::SlideFonts requestSlideFonts(platform::FontManager& fonts, float height, std::string_view text) {
    const ui::SlideSizes sizes = ui::slideSizesFor(height);
    fonts.setSlideFonts({sizes.body, sizes.heading, sizes.title}, sizes.figure, text);
    ui::SlideFonts out;
    out.body = fonts.slideFont(0);
    out.heading = fonts.slideFont(1);
    out.title = fonts.slideFont(2);
    out.figure = fonts.slideFont(3);
    return out;
}

ui::SlideFonts WindowPresentationHost::slideFonts(float height, std::string_view text) {
    return requestSlideFonts(m_window.fonts(), height, text);
}

} // namespace jinguo::gui
