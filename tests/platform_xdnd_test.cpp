// platform_xdnd_test.cpp — files dropped on the window (XDND).
//
// The uri-list parsing runs anywhere. The protocol test needs an X server: it
// plays the drag source on a second connection (as a file manager would) and
// drops a file on a window that an XdndReceiver watches. It is skipped when
// DISPLAY is not set; tests/xdnd_drop_test.sh runs it on a private Xvfb
// (under CTest) and fails if it did not run.
#include <doctest/doctest.h>

#include "platform/xdnd.hpp"

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>

using namespace jinguo::platform;

TEST_CASE("uri-list: file URIs decoded, comments and other hosts skipped, CRLF or LF") {
    const auto paths = pathsFromUriList("# dragged from Files\r\n"
                                        "file:///home/wang/%E6%A1%8C%E9%9D%A2/%E8%8A%B1%E5%90%8D%E5%86%8C%202024.xlsx\r\n"
                                        "file://localhost/tmp/a.csv\n"
                                        "http://example.com/b.xlsx\r\n"
                                        "file://otherhost/tmp/c.xlsx\r\n"
                                        "/tmp/plain path.tsv\n"
                                        "\r\n");
    REQUIRE(paths.size() == 3);
    CHECK(paths[0] == "/home/wang/桌面/花名册 2024.xlsx");
    CHECK(paths[1] == "/tmp/a.csv");
    CHECK(paths[2] == "/tmp/plain path.tsv");
    CHECK(pathsFromUriList("").empty());
    CHECK(pathsFromUriList("file:///tmp/bad%zzname%4").at(0) == "/tmp/bad%zzname%4");   // not an escape: kept
}

namespace {

// A drag source on its own connection, as a file manager would be.
struct Source {
    Display* display = XOpenDisplay(nullptr);
    Window window = None;
    Atom atom(const char* name) { return XInternAtom(display, name, False); }

    Source() {
        REQUIRE(display != nullptr);
        window = XCreateSimpleWindow(display, DefaultRootWindow(display), 0, 0, 1, 1, 0, 0, 0);
    }
    ~Source() {
        XDestroyWindow(display, window);
        XCloseDisplay(display);
    }

    Window windowProperty(Window w, const char* name, Atom type) {
        Atom actual = None;
        int format = 0;
        unsigned long count = 0, after = 0;
        unsigned char* data = nullptr;
        Window out = None;
        if (XGetWindowProperty(display, w, atom(name), 0, 1, False, type, &actual, &format, &count, &after, &data)
                == Success && data) {
            if (count == 1) out = static_cast<Window>(*reinterpret_cast<long*>(data));
            XFree(data);
        }
        return out;
    }

    void send(Window to, Window target, const char* type, long l1, long l2, long l3 = 0, long l4 = 0) {
        XEvent e{};
        e.xclient.type = ClientMessage;
        e.xclient.window = target;   // the drop target, even when sent to its proxy
        e.xclient.message_type = atom(type);
        e.xclient.format = 32;
        e.xclient.data.l[0] = static_cast<long>(window);
        e.xclient.data.l[1] = l1;
        e.xclient.data.l[2] = l2;
        e.xclient.data.l[3] = l3;
        e.xclient.data.l[4] = l4;
        XSendEvent(display, to, False, NoEventMask, &e);
        XFlush(display);
    }

    // Pumps the receiver and handles the source's events until `done` says so
    // (bounded: a protocol that stalls fails the test instead of hanging it).
    bool until(XdndReceiver& receiver, Display* targetDisplay, const std::string& uriList,
               const std::function<bool(const XEvent&)>& done) {
        for (int i = 0; i < 5000; ++i) {
            receiver.pump();
            XSync(targetDisplay, False);
            XSync(display, False);
            while (XPending(display)) {
                XEvent e;
                XNextEvent(display, &e);
                if (e.type == SelectionRequest) answer(e.xselectionrequest, uriList);
                else if (done(e)) return true;
            }
            usleep(1000);
        }
        return false;
    }

    void answer(const XSelectionRequestEvent& request, const std::string& uriList) {
        XEvent reply{};
        reply.xselection.type = SelectionNotify;
        reply.xselection.requestor = request.requestor;
        reply.xselection.selection = request.selection;
        reply.xselection.target = request.target;
        reply.xselection.time = request.time;
        reply.xselection.property = None;
        if (request.target == atom("text/uri-list")) {
            XChangeProperty(display, request.requestor, request.property, request.target, 8, PropModeReplace,
                            reinterpret_cast<const unsigned char*>(uriList.data()), static_cast<int>(uriList.size()));
            reply.xselection.property = request.property;
        }
        XSendEvent(display, request.requestor, False, NoEventMask, &reply);
        XFlush(display);
    }
};

bool haveDisplay() {
    const char* d = std::getenv("DISPLAY");
    return d && *d;
}

} // namespace

TEST_CASE("XDND on a real X server: a file dropped on the window arrives as its path" * doctest::skip(!haveDisplay())) {
    Display* display = XOpenDisplay(nullptr);
    REQUIRE(display != nullptr);
    const Window target = XCreateSimpleWindow(display, DefaultRootWindow(display), 0, 0, 200, 200, 0, 0, 0);
    {
        XdndReceiver receiver(display, target);
        Source source;

        // What a source checks first: XdndAware (version 5) and a proxy that points at itself.
        const Window proxy = source.windowProperty(target, "XdndProxy", XA_WINDOW);
        REQUIRE(proxy != None);
        CHECK(source.windowProperty(proxy, "XdndProxy", XA_WINDOW) == proxy);
        CHECK(source.windowProperty(target, "XdndAware", XA_ATOM) == 5);

        XSetSelectionOwner(source.display, source.atom("XdndSelection"), source.window, CurrentTime);
        const std::string uriList = "file:///tmp/%E6%9C%9B%E6%B1%9F%E7%A4%BE%E5%8C%BA.xlsx\r\n";
        const Atom status = source.atom("XdndStatus"), finished = source.atom("XdndFinished");

        source.send(proxy, target, "XdndEnter", 5L << 24, static_cast<long>(source.atom("text/uri-list")));
        source.send(proxy, target, "XdndPosition", 0, (50L << 16) | 50, CurrentTime,
                    static_cast<long>(source.atom("XdndActionCopy")));
        long statusFlags = -1, statusAction = 0;
        REQUIRE(source.until(receiver, display, uriList, [&](const XEvent& e) {
            if (e.type != ClientMessage || e.xclient.message_type != status) return false;
            statusFlags = e.xclient.data.l[1];
            statusAction = e.xclient.data.l[4];
            return true;
        }));
        CHECK((statusFlags & 1) == 1);                          // accepted
        CHECK(statusAction == static_cast<long>(source.atom("XdndActionCopy")));
        CHECK(receiver.dragging());

        source.send(proxy, target, "XdndDrop", 0, CurrentTime);
        long finishedFlags = -1;
        REQUIRE(source.until(receiver, display, uriList, [&](const XEvent& e) {
            if (e.type != ClientMessage || e.xclient.message_type != finished) return false;
            CHECK(static_cast<Window>(e.xclient.data.l[0]) == target);
            finishedFlags = e.xclient.data.l[1];
            return true;
        }));
        CHECK(finishedFlags == 1);
        const auto dropped = receiver.takeDropped();
        REQUIRE(dropped.size() == 1);
        CHECK(dropped[0] == "/tmp/望江社区.xlsx");
        CHECK(receiver.takeDropped().empty());
        CHECK_FALSE(receiver.dragging());

        // A drag of something that is not a file (an image) is refused, and nothing arrives.
        source.send(proxy, target, "XdndEnter", 5L << 24, static_cast<long>(source.atom("image/png")));
        source.send(proxy, target, "XdndPosition", 0, (50L << 16) | 50, CurrentTime,
                    static_cast<long>(source.atom("XdndActionCopy")));
        REQUIRE(source.until(receiver, display, uriList, [&](const XEvent& e) {
            if (e.type != ClientMessage || e.xclient.message_type != status) return false;
            statusFlags = e.xclient.data.l[1];
            return true;
        }));
        CHECK((statusFlags & 1) == 0);
        source.send(proxy, target, "XdndDrop", 0, CurrentTime);
        REQUIRE(source.until(receiver, display, uriList, [&](const XEvent& e) {
            if (e.type != ClientMessage || e.xclient.message_type != finished) return false;
            finishedFlags = e.xclient.data.l[1];
            return true;
        }));
        CHECK(finishedFlags == 0);
        CHECK(receiver.takeDropped().empty());
    }
    XDestroyWindow(display, target);
    XCloseDisplay(display);
}

namespace {
// SFML's own read: the events whose window field is `window`.
Bool eventOfWindow(Display*, XEvent* event, XPointer arg) {
    return event->xany.window == static_cast<Window>(reinterpret_cast<std::uintptr_t>(arg));
}
} // namespace

TEST_CASE("XDND: a message the toolkit reads before pump() is still handled (a Qt source names the top-level)"
          * doctest::skip(!haveDisplay())) {
    Display* display = XOpenDisplay(nullptr);
    REQUIRE(display != nullptr);
    const Window target = XCreateSimpleWindow(display, DefaultRootWindow(display), 0, 0, 200, 200, 0, 0, 0);
    {
        XdndReceiver receiver(display, target);
        Source source;
        const Window proxy = source.windowProperty(target, "XdndProxy", XA_WINDOW);
        REQUIRE(proxy != None);
        XSetSelectionOwner(source.display, source.atom("XdndSelection"), source.window, CurrentTime);
        const std::string uriList = "file:///tmp/roster.xlsx\r\n";
        const Atom status = source.atom("XdndStatus"), finished = source.atom("XdndFinished");

        // Plays SFML 2.5.1: takes every event naming its window and asks
        // XFilterEvent about each ClientMessage; a filtered one it skips, any
        // other it would drop unread. All must be filtered, none left over.
        auto toolkitReads = [&] {
            XSync(source.display, False);
            XSync(display, False);
            int read = 0, skipped = 0;
            XEvent e;
            while (XCheckIfEvent(display, &e, eventOfWindow, reinterpret_cast<XPointer>(target))) {
                ++read;
                if (e.type == ClientMessage && XFilterEvent(&e, None)) ++skipped;
            }
            CHECK(read == skipped);
            return read;
        };

        source.send(proxy, target, "XdndEnter", 5L << 24, static_cast<long>(source.atom("text/uri-list")));
        source.send(proxy, target, "XdndPosition", 0, (50L << 16) | 50, CurrentTime,
                    static_cast<long>(source.atom("XdndActionCopy")));
        CHECK(toolkitReads() == 2);   // before any pump(): SFML got there first
        CHECK(receiver.dragging());
        long statusFlags = -1;
        REQUIRE(source.until(receiver, display, uriList, [&](const XEvent& e) {
            if (e.type != ClientMessage || e.xclient.message_type != status) return false;
            statusFlags = e.xclient.data.l[1];
            return true;
        }));
        CHECK((statusFlags & 1) == 1);

        source.send(proxy, target, "XdndDrop", 0, CurrentTime);
        CHECK(toolkitReads() == 1);
        REQUIRE(source.until(receiver, display, uriList, [&](const XEvent& e) {
            return e.type == ClientMessage && e.xclient.message_type == finished && e.xclient.data.l[1] == 1;
        }));
        const auto dropped = receiver.takeDropped();
        REQUIRE(dropped.size() == 1);
        CHECK(dropped[0] == "/tmp/roster.xlsx");
    }
    XDestroyWindow(display, target);
    XCloseDisplay(display);
}
