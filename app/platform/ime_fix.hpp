// ime_fix.hpp — makes input methods (fcitx5, ibus via XIM) work with SFML 2.5.1.
//
// SFML 2.5.1 on X11 (upstream bug SFML#1840, fixed in 2.6) has three faults with
// an input method, all worked around here without patching SFML:
//   1. It never sets the locale modifiers, so XMODIFIERS=@im=fcitx is ignored:
//      we interpose XOpenIM and set LC_CTYPE and the modifiers for that call only.
//   2. It only pumps events addressed to its own window, but the input method
//      talks through ClientMessages to a hidden Xlib window: they would never be
//      read. pumpInputMethodEvents() hands them to XFilterEvent every frame.
//   3. It decodes only the first character of a commit (你好 → 你) into a 16-byte
//      buffer: we interpose Xutf8LookupString, fetch the whole commit, give SFML
//      a prefix and queue the full text for ImGuiSfmlBinding.
// We also interpose XFilterEvent to learn which KeyPress events the input
// method consumed: SFML sends KeyPressed for them anyway (n, i, h, a, o, Space
// while composing pinyin), and those must not reach widgets.
//
// The interposed functions live in ime_fix.cpp and only work when they are in
// the executable's dynamic symbol table (link with -rdynamic / ENABLE_EXPORTS,
// no -fvisibility=hidden). Calling installInputMethodFix() from the GUI path is
// what makes the linker pull ime_fix.o out of the static library.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

struct _XDisplay;  // Xlib's Display, without pulling X11's macros into every includer
union _XEvent;     // Xlib's XEvent, likewise

namespace jinguo::platform {

// Call once before the sf::Window is created. Checks that the interposition
// is live and prints a warning to stderr when it is not.
// Environment: JINGUO_IME_FIX=0 turns the fix off (plain SFML behaviour);
// JINGUO_DEBUG_IME=1 logs each input-method decision to stderr.
void installInputMethodFix();

// True when our XOpenIM/Xutf8LookupString/XFilterEvent are the ones the
// process resolves (false: not exported, so SFML keeps its input-method bugs).
bool inputMethodFixActive();

// Call once per frame before window.pollEvent(): passes the input method's
// ClientMessages to XFilterEvent (on SFML's own display connection, learnt
// from the interposed XOpenIM) and puts back what was not filtered.
void pumpInputMethodEvents();

// True once an input method was opened through the interposed XOpenIM.
bool inputMethodOpened();

// While presenting, keys must reach the slides even with pinyin on: `true`
// drops a half-typed composition, takes the input context's focus away
// (XUnsetICFocus; the interposed XSetICFocus keeps it away when the window
// regains focus) and keeps key events from the input method (the interposed
// XFilterEvent answers "not filtered" without asking it). `false` gives the
// focus back. Harmless without an input method.
void suspendInputMethod(bool on);

// Where the caret is (window pixels, the baseline of the line being typed):
// the input method's candidate box opens there. Only when the input context
// was made over-the-spot (the interposed XCreateIC asks the input method for
// XIMPreeditPosition); otherwise the box stays at the window's corner.
void setInputMethodSpot(int x, int y);

// SFML's shared X display connection, as the interposed XOpenIM saw it (SFML
// opens an input method for every window); nullptr before a window exists or
// when the fix is inactive. Lets other platform code talk to SFML's windows
// without a second connection (a Display*, X11's type left undeclared here).
::_XDisplay* sfmlDisplay();

// Lets other platform code take ClientMessages that SFML would read and drop
// (XDND messages whose window field is SFML's window, as Qt sources send
// them). SFML 2.5.1 passes every ClientMessage it reads to XFilterEvent first
// and skips it when that says "filtered": the interposed XFilterEvent asks
// `claim`, and a true answer (the event is handled) is that verdict. One
// claimer at a time; (nullptr, nullptr) removes it. GUI thread only.
using ClientMessageClaim = bool (*)(void* context, ::_XEvent* event);
void setClientMessageClaim(ClientMessageClaim claim, void* context);

// The queues between the X11 interposers and ImGuiSfmlBinding. All events are
// handled on the GUI thread, in order: SFML calls XFilterEvent and
// Xutf8LookupString while it converts a batch of X events, and the binding
// takes the results while the application pops the matching sf::Events.
// Tests use the record* functions to play the part of the interposers.
namespace ime {

// Xutf8LookupString produced this text for a KeyPress (a commit or a plain key).
void recordLookup(std::string_view utf8);
// The full text of the oldest recorded lookup, if its first character is
// `firstCodepoint` (the one SFML put into its TextEntered); removes it.
std::optional<std::string> takeLookup(char32_t firstCodepoint);

// XFilterEvent was asked about a KeyPress; `consumed` = the input method took it.
void recordKeyFilter(bool consumed);
// For each KeyPressed the application pops: did the input method consume it?
// False when nothing was recorded (no input method, headless tests).
bool takeKeyConsumed();

// Drops whatever was not matched (called by the binding once per frame, after
// the event loop, so a missed match cannot shift the queues forever).
void clearPending();

} // namespace ime

// Length of the longest prefix of `utf8` that fits in `maxBytes` and ends on a
// character boundary (never splits a multi-byte sequence).
std::size_t utf8PrefixLength(std::string_view utf8, std::size_t maxBytes);

// Decodes one UTF-8 character at `pos` and advances it. Invalid or truncated
// sequences yield U+FFFD and advance one byte.
char32_t decodeUtf8(std::string_view utf8, std::size_t& pos);

} // namespace jinguo::platform
