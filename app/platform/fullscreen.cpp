// fullscreen.cpp — EWMH full-screen request, or a plain resize without a window manager.
#include "platform/fullscreen.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>

namespace jinguo::platform {

namespace {

// A window manager that speaks EWMH announces itself on the root window.
bool haveWindowManager(Display* display, Window root) {
    const Atom check = XInternAtom(display, "_NET_SUPPORTING_WM_CHECK", True);
    if (check == None) return false;
    Atom type = None;
    int format = 0;
    unsigned long items = 0, after = 0;
    unsigned char* data = nullptr;
    const bool found = XGetWindowProperty(display, root, check, 0, 1, False, XA_WINDOW, &type, &format, &items, &after,
                                          &data) == Success
                       && type == XA_WINDOW && items == 1;
    if (data) XFree(data);
    return found;
}

} // namespace

void FullscreenSwitch::set(unsigned long xWindow, bool on) {
    if (on == m_on || xWindow == 0) return;
    Display* display = XOpenDisplay(nullptr);
    if (!display) return;
    const Window window = static_cast<Window>(xWindow);
    const Window root = DefaultRootWindow(display);
    if (on) m_usedWindowManager = haveWindowManager(display, root);
    if (m_usedWindowManager) {
        XEvent event{};
        event.xclient.type = ClientMessage;
        event.xclient.window = window;
        event.xclient.message_type = XInternAtom(display, "_NET_WM_STATE", False);
        event.xclient.format = 32;
        event.xclient.data.l[0] = on ? 1 : 0;   // _NET_WM_STATE_ADD / _REMOVE
        event.xclient.data.l[1] = static_cast<long>(XInternAtom(display, "_NET_WM_STATE_FULLSCREEN", False));
        event.xclient.data.l[3] = 1;            // a normal application asks
        XSendEvent(display, root, False, SubstructureRedirectMask | SubstructureNotifyMask, &event);
    } else if (on) {
        XWindowAttributes attributes{};
        if (XGetWindowAttributes(display, window, &attributes)) {
            Window child = 0;
            XTranslateCoordinates(display, window, root, 0, 0, &m_x, &m_y, &child);
            m_width = static_cast<unsigned>(attributes.width);
            m_height = static_cast<unsigned>(attributes.height);
        }
        const int screen = DefaultScreen(display);
        XMoveResizeWindow(display, window, 0, 0, static_cast<unsigned>(DisplayWidth(display, screen)),
                          static_cast<unsigned>(DisplayHeight(display, screen)));
        XRaiseWindow(display, window);
    } else if (m_width > 0 && m_height > 0) {
        XMoveResizeWindow(display, window, m_x, m_y, m_width, m_height);
    }
    XFlush(display);
    XCloseDisplay(display);
    m_on = on;
}

} // namespace jinguo::platform
