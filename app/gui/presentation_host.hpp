// presentation_host.hpp — the window's side of the 演示 presentation: full
// screen through AppWindow, slide-sized fonts through the FontManager.
#pragma once

#include "platform/app_window.hpp"
#include "platform/ime_fix.hpp"
#include "ui/screen_presentation.hpp"

namespace jinguo::gui {

class WindowPresentationHost final : public ui::PresentationHost {
public:
    explicit WindowPresentationHost(platform::AppWindow& window) : m_window(window) {}
    void setFullscreen(bool on) override { m_window.setFullscreen(on); }
    void keysToSlides(bool on) override { platform::suspendInputMethod(on); }
    ui::SlideFonts slideFonts(float height, std::string_view text) override;

private:
    platform::AppWindow& m_window;
};

// Asks `fonts` for the slide fonts of a screen `height` tall holding `text`,
// and returns those built so far (nulls before the first build).
ui::SlideFonts requestSlideFonts(platform::FontManager& fonts, float height, std::string_view text);

} // namespace jinguo::gui
