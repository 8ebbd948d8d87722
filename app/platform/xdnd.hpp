// xdnd.hpp — files dropped on the window (the XDND protocol, version 5).
//
// SFML 2.5 has no drop event. The receiver sets XdndAware on the top-level
// window and points XdndProxy at a hidden window of its own, so the XDND
// messages and the selection's answer are sent there. SFML reads every event
// whose window field is its own and silently drops the ClientMessages it does
// not know: a GTK source names the proxy in that field (SFML never sees those),
// a Qt source names the top-level (as the spec says). Each frame, pump() —
// called just before pollEvent — takes them off SFML's display connection,
// answers XdndPosition with XdndStatus, asks for text/uri-list on XdndDrop,
// and once it arrives turns the file:// URIs into paths and sends XdndFinished.
// A Qt source's message that reaches the socket between pump() and SFML's
// own read is read by SFML, which passes every ClientMessage to XFilterEvent
// first: the interposed one (ime_fix.cpp) hands XDND messages to this
// receiver (setClientMessageClaim) and tells SFML they were filtered.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct _XDisplay;   // Xlib's Display, without pulling X11's macros into every includer

namespace jinguo::platform {

class XdndReceiver {
public:
    // `display` must be the connection that created `window` (SFML's: see
    // sfmlDisplay()); `window` is the top-level window files are dropped on.
    XdndReceiver(::_XDisplay* display, unsigned long window);
    ~XdndReceiver();
    XdndReceiver(const XdndReceiver&) = delete;
    XdndReceiver& operator=(const XdndReceiver&) = delete;

    // Handles the pending XDND traffic; call once per frame, before pollEvent.
    void pump();
    // The paths dropped since the last call (local files only), in order.
    std::vector<std::string> takeDropped();
    // True while something is dragged over the window (a hint can be shown).
    bool dragging() const;

    struct Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

// The local paths of a text/uri-list (RFC 2483): one URI a line, '#'
// comments, CRLF or LF; file:///path and file://localhost/path with %XX
// decoded; other schemes and other hosts skipped. A bare absolute path (as
// some file managers send with text/plain) is taken as it is.
std::vector<std::string> pathsFromUriList(std::string_view uriList);

} // namespace jinguo::platform
