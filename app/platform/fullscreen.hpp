// fullscreen.hpp — a window without chrome covering its monitor, for the
// meeting presentation (演示), and back.
//
// SFML 2.5 can only recreate a window to make it full-screen, which would
// drop the OpenGL context ImGui's renderer lives in, and it knows one monitor.
// So we ask the window manager (EWMH _NET_WM_STATE_FULLSCREEN): it removes the
// decorations and fills the monitor the window is on — drag the window to the
// projector, then press 开始演示. With no window manager (Xvfb, a kiosk) there
// is no chrome anyway: the window is moved and sized to the whole screen, and
// put back afterwards.
#pragma once

namespace jinguo::platform {

class FullscreenSwitch {
public:
    // `xWindow` is the X11 window id (sf::Window::getSystemHandle()).
    void set(unsigned long xWindow, bool on);
    bool isOn() const { return m_on; }

private:
    bool m_on = false;
    bool m_usedWindowManager = false;
    int m_x = 0, m_y = 0;
    unsigned m_width = 0, m_height = 0;
};

} // namespace jinguo::platform
