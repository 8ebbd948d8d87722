// xdnd.cpp — the receiving side of XDND (freedesktop.org's drag-and-drop
// protocol, version 5): XdndEnter → XdndPosition/XdndStatus → XdndDrop →
// XConvertSelection(XdndSelection, text/uri-list) → SelectionNotify →
// XdndFinished, all on a hidden proxy window (see xdnd.hpp for why).
#include "platform/xdnd.hpp"

#include "platform/ime_fix.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>

#include <unistd.h>

#include <climits>

namespace jinguo::platform {

namespace {

constexpr long kXdndVersion = 5;

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percentDecoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int hi = hexValue(text[i + 1]), lo = hexValue(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

bool isLocalHost(std::string_view host) {
    if (host.empty() || host == "localhost") return true;
    char name[HOST_NAME_MAX + 1] = {};
    return gethostname(name, sizeof name - 1) == 0 && host == name;
}

} // namespace

std::vector<std::string> pathsFromUriList(std::string_view list) {
    std::vector<std::string> paths;
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find('\n', start);
        if (end == std::string_view::npos) end = list.size();
        std::string_view line = list.substr(start, end - start);
        start = end + 1;
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\0')) line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        if (line.front() == '/') {
            paths.emplace_back(line);
            continue;
        }
        constexpr std::string_view scheme = "file://";
        if (line.size() <= scheme.size() || line.substr(0, scheme.size()) != scheme) continue;
        std::string_view rest = line.substr(scheme.size());
        const std::size_t slash = rest.find('/');
        if (slash == std::string_view::npos || !isLocalHost(rest.substr(0, slash))) continue;
        std::string path = percentDecoded(rest.substr(slash));
        if (!path.empty()) paths.push_back(std::move(path));
    }
    return paths;
}

struct XdndReceiver::Impl {
    Display* display = nullptr;
    Window window = None;        // the top-level window
    Window proxy = None;         // ours: receives every XDND message and the selection
    Atom aware, proxyAtom, enter, position, status, leave, drop, finished, selection, typeList, actionCopy;
    Atom uriList, textUtf8, textPlain, property;
    Window source = None;        // the drag in progress
    Atom type = None;            // the type we will ask for; None: nothing acceptable
    bool converting = false;     // XConvertSelection sent, SelectionNotify awaited
    std::vector<std::string> dropped;

    Atom atom(const char* name) const { return XInternAtom(display, name, False); }

    void sendToSource(Atom messageType, long l1, long l2, long l3, long l4) {
        if (source == None) return;
        XEvent event{};
        event.xclient.type = ClientMessage;
        event.xclient.display = display;
        event.xclient.window = source;
        event.xclient.message_type = messageType;
        event.xclient.format = 32;
        event.xclient.data.l[0] = static_cast<long>(window);
        event.xclient.data.l[1] = l1;
        event.xclient.data.l[2] = l2;
        event.xclient.data.l[3] = l3;
        event.xclient.data.l[4] = l4;
        XSendEvent(display, source, False, NoEventMask, &event);
        XFlush(display);
    }

    void finish(bool accepted) {
        sendToSource(finished, accepted ? 1 : 0, accepted ? static_cast<long>(actionCopy) : None, 0, 0);
        source = None;
        type = None;
        converting = false;
    }

    // The best type a source offers: uri-list, then UTF-8 text, then text.
    void chooseType(const std::vector<Atom>& offered) {
        type = None;
        for (Atom wanted : {uriList, textUtf8, textPlain})
            for (Atom a : offered)
                if (a == wanted && type == None) type = wanted;
    }

    std::vector<Atom> typeListOf(Window from) {
        std::vector<Atom> out;
        Atom actual = None;
        int format = 0;
        unsigned long count = 0, after = 0;
        unsigned char* data = nullptr;
        if (XGetWindowProperty(display, from, typeList, 0, 1024, False, XA_ATOM, &actual, &format, &count, &after,
                               &data) == Success && data) {
            if (actual == XA_ATOM && format == 32) {
                const auto* atoms = reinterpret_cast<const Atom*>(data);   // Xlib returns longs for format 32
                out.assign(atoms, atoms + count);
            }
            XFree(data);
        }
        return out;
    }

    void onClientMessage(const XClientMessageEvent& m) {
        if (m.message_type == enter) {
            source = static_cast<Window>(m.data.l[0]);
            converting = false;
            std::vector<Atom> offered;
            if (m.data.l[1] & 1) offered = typeListOf(source);
            else
                for (int i = 2; i <= 4; ++i)
                    if (m.data.l[i] != None) offered.push_back(static_cast<Atom>(m.data.l[i]));
            chooseType(offered);
        } else if (m.message_type == position) {
            if (source != static_cast<Window>(m.data.l[0])) return;
            const bool accept = type != None;
            // Bit 1: keep sending positions (we have no rectangle to promise).
            sendToSource(status, accept ? 3 : 2, 0, 0, accept ? static_cast<long>(actionCopy) : None);
        } else if (m.message_type == leave) {
            source = None;
            type = None;
        } else if (m.message_type == drop) {
            if (source != static_cast<Window>(m.data.l[0])) return;
            if (type == None) {
                finish(false);
                return;
            }
            XConvertSelection(display, selection, type, property, proxy, static_cast<Time>(m.data.l[2]));
            XFlush(display);
            converting = true;
        }
    }

    void onSelectionNotify(const XSelectionEvent& e) {
        if (!converting) return;
        if (e.property == None) {
            finish(false);
            return;
        }
        Atom actual = None;
        int format = 0;
        unsigned long count = 0, after = 0;
        unsigned char* data = nullptr;
        std::string text;
        if (XGetWindowProperty(display, proxy, property, 0, LONG_MAX / 4, True, AnyPropertyType, &actual, &format,
                               &count, &after, &data) == Success && data) {
            if (format == 8) text.assign(reinterpret_cast<const char*>(data), count);
            XFree(data);
        }
        std::vector<std::string> paths = pathsFromUriList(text);
        for (std::string& p : paths) dropped.push_back(std::move(p));
        finish(!paths.empty());
    }
};

namespace {
// Ours: the XDND messages (sent to the proxy; their window field is the proxy
// for GTK sources and the top-level for Qt ones, as the spec says) and the
// answer to our XConvertSelection (requestor: the proxy).
Bool isXdndEvent(Display*, XEvent* event, XPointer arg) {
    const auto& d = *reinterpret_cast<const XdndReceiver::Impl*>(arg);
    if (event->type == SelectionNotify) return event->xselection.requestor == d.proxy;
    if (event->type != ClientMessage) return False;
    const XClientMessageEvent& m = event->xclient;
    if (m.window != d.proxy && m.window != d.window) return False;
    return m.message_type == d.enter || m.message_type == d.position || m.message_type == d.leave
        || m.message_type == d.drop;
}

// The XDND messages SFML reads before pump() does (a Qt source names the
// top-level window): handled here, inside SFML's XFilterEvent call.
bool claimXdndMessage(void* context, XEvent* event) {
    auto& d = *static_cast<XdndReceiver::Impl*>(context);
    if (!isXdndEvent(d.display, event, reinterpret_cast<XPointer>(&d))) return false;
    d.onClientMessage(event->xclient);
    return true;
}
} // namespace

XdndReceiver::XdndReceiver(::_XDisplay* display, unsigned long window) : m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.display = display;
    d.window = static_cast<Window>(window);
    if (!d.display || d.window == None) return;
    d.aware = d.atom("XdndAware");
    d.proxyAtom = d.atom("XdndProxy");
    d.enter = d.atom("XdndEnter");
    d.position = d.atom("XdndPosition");
    d.status = d.atom("XdndStatus");
    d.leave = d.atom("XdndLeave");
    d.drop = d.atom("XdndDrop");
    d.finished = d.atom("XdndFinished");
    d.selection = d.atom("XdndSelection");
    d.typeList = d.atom("XdndTypeList");
    d.actionCopy = d.atom("XdndActionCopy");
    d.uriList = d.atom("text/uri-list");
    d.textUtf8 = d.atom("text/plain;charset=utf-8");
    d.textPlain = d.atom("text/plain");
    d.property = d.atom("JINGUO_XDND_DATA");
    d.proxy = XCreateSimpleWindow(d.display, DefaultRootWindow(d.display), -10, -10, 1, 1, 0, 0, 0);
    const long version = kXdndVersion;
    const Window proxy = d.proxy;
    for (Window w : {d.window, d.proxy}) {
        XChangeProperty(d.display, w, d.aware, XA_ATOM, 32, PropModeReplace,
                        reinterpret_cast<const unsigned char*>(&version), 1);
        // The proxy must point at itself for sources to trust it.
        XChangeProperty(d.display, w, d.proxyAtom, XA_WINDOW, 32, PropModeReplace,
                        reinterpret_cast<const unsigned char*>(&proxy), 1);
    }
    XFlush(d.display);
    setClientMessageClaim(&claimXdndMessage, &d);
}

XdndReceiver::~XdndReceiver() {
    Impl& d = *m_impl;
    if (d.display && d.proxy != None) {
        setClientMessageClaim(nullptr, nullptr);
        XDestroyWindow(d.display, d.proxy);
        XFlush(d.display);
    }
}

void XdndReceiver::pump() {
    Impl& d = *m_impl;
    if (!d.display || d.proxy == None) return;
    XEvent event;
    for (int i = 0; i < 256 && XCheckIfEvent(d.display, &event, isXdndEvent, reinterpret_cast<XPointer>(&d)); ++i) {
        if (event.type == ClientMessage) d.onClientMessage(event.xclient);
        else d.onSelectionNotify(event.xselection);
    }
}

std::vector<std::string> XdndReceiver::takeDropped() {
    std::vector<std::string> out;
    out.swap(m_impl->dropped);
    return out;
}

bool XdndReceiver::dragging() const { return m_impl->source != None; }

} // namespace jinguo::platform
