// ime_fix.cpp — the X11 interposers behind the input-method fix (see ime_fix.hpp).
//
// The four extern "C" functions below replace libX11's for the whole process
// when this object is linked into an executable that exports its symbols:
// libsfml-window calls them through the PLT, the dynamic linker finds ours in
// the executable first, and we forward to libX11's via dlsym(RTLD_NEXT).
#include "platform/ime_fix.hpp"

#include <X11/Xlib.h>
#include <X11/Xresource.h>
#include <X11/Xutil.h>
#include <dlfcn.h>

#include <clocale>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <vector>

namespace jinguo::platform {

namespace {

// Enough for any realistic pile-up within one frame; beyond it the oldest go
// (happens only if something pops SFML events without the binding).
constexpr std::size_t kMaxPending = 256;

struct ImeState {
    Display* display = nullptr;  // SFML's shared connection, seen in XOpenIM
    XIM inputMethod = nullptr;
    Atom wmProtocols = None;
    std::deque<std::string> lookups;
    std::deque<bool> keyFilters;
    XIC inputContext = nullptr;  // SFML's window's, seen in XCreateIC / XSetICFocus / Xutf8LookupString
    bool overTheSpot = false;    // inputContext takes a spot location (XIMPreeditPosition)
    XFontSet fontSet = nullptr;  // what that style requires (never freed: lives as long as the display)
    bool suspended = false;      // keys go to the app, not the input method (presenting)
};

// Never destroyed: SFML may close its input method from a static destructor.
ImeState& state() {
    static ImeState* s = new ImeState;
    return *s;
}

// XFilterEvent calls made while libX11 is already inside XFilterEvent (XIM
// sync replies) or from our own pump are not SFML's KeyPress verdicts.
thread_local int t_filterDepth = 0;

ClientMessageClaim g_claim = nullptr;   // see setClientMessageClaim
void* g_claimContext = nullptr;

bool debugEnabled() {
    static const bool on = [] {
        const char* v = std::getenv("JINGUO_DEBUG_IME");
        return v && *v && std::strcmp(v, "0") != 0;
    }();
    return on;
}

// JINGUO_IME_FIX=0: every interposer just forwards (SFML's own behaviour),
// an escape hatch should the fix ever misbehave on a user's system.
bool fixDisabled() {
    static const bool off = [] {
        const char* v = std::getenv("JINGUO_IME_FIX");
        return v && std::strcmp(v, "0") == 0;
    }();
    return off;
}

template <typename Fn>
Fn nextSymbol(const char* name) {
    void* p = dlsym(RTLD_NEXT, name);
    if (!p) std::fprintf(stderr, "jinguo: %s not found in libX11 (%s)\n", name, dlerror());
    return reinterpret_cast<Fn>(p);
}

using XOpenIMFn = XIM (*)(Display*, XrmDatabase, char*, char*);
using XCloseIMFn = Status (*)(XIM);
using XFilterEventFn = Bool (*)(XEvent*, Window);
using Xutf8LookupStringFn = int (*)(XIC, XKeyPressedEvent*, char*, int, KeySym*, Status*);
using XICFocusFn = void (*)(XIC);
using XCreateICFn = XIC (*)(XIM, ...);

// The input method offers `style` (XNQueryInputStyle).
bool inputMethodOffers(XIM im, XIMStyle style) {
    XIMStyles* styles = nullptr;
    if (XGetIMValues(im, XNQueryInputStyle, &styles, nullptr) != nullptr || !styles) return false;
    bool offered = false;
    for (unsigned short i = 0; i < styles->count_styles; ++i) offered = offered || styles->supported_styles[i] == style;
    XFree(styles);
    return offered;
}

XICFocusFn realXSetICFocus() {
    static const auto fn = nextSymbol<XICFocusFn>("XSetICFocus");
    return fn;
}

XFilterEventFn realXFilterEvent() {
    static const auto fn = nextSymbol<XFilterEventFn>("XFilterEvent");
    return fn;
}

// Selects the input method's traffic: ClientMessages other than the window
// manager's WM_PROTOCOLS (close, ping), which SFML handles itself. XIM's are
// _XIM_PROTOCOL / _XIM_MOREDATA to a hidden window SFML never reads from.
Bool isInputMethodMessage(Display*, XEvent* event, XPointer arg) {
    const Atom wmProtocols = *reinterpret_cast<Atom*>(arg);
    return event->type == ClientMessage && event->xclient.message_type != wmProtocols;
}

// Sets LC_CTYPE from the environment (falling back to C.UTF-8 when that locale
// is missing or Xlib cannot use it) and reads XMODIFIERS; returns the old LC_CTYPE.
std::string enterInputMethodLocale() {
    const char* current = std::setlocale(LC_CTYPE, nullptr);
    std::string saved = current ? current : "C";
    if (!std::setlocale(LC_CTYPE, "") || !XSupportsLocale()) std::setlocale(LC_CTYPE, "C.UTF-8");
    // Order matters: modifiers belong to the locale just set.
    const char* modifiers = XSetLocaleModifiers("");
    if (debugEnabled())
        std::fprintf(stderr, "jinguo-ime: XOpenIM in locale %s, modifiers %s\n",
                     std::setlocale(LC_CTYPE, nullptr), modifiers ? modifiers : "(rejected)");
    return saved;
}

} // namespace

// ------------------------------------------------------------------ queues

namespace ime {

void recordLookup(std::string_view utf8) {
    auto& q = state().lookups;
    q.emplace_back(utf8);
    while (q.size() > kMaxPending) q.pop_front();
}

std::optional<std::string> takeLookup(char32_t firstCodepoint) {
    auto& q = state().lookups;
    // Normally the front matches; skipping to the first match drops a lookup
    // whose TextEntered SFML never sent, instead of blocking every later one.
    for (auto it = q.begin(); it != q.end(); ++it) {
        std::size_t pos = 0;
        if (decodeUtf8(*it, pos) != firstCodepoint) continue;
        std::string text = std::move(*it);
        q.erase(q.begin(), it + 1);
        return text;
    }
    return std::nullopt;
}

void recordKeyFilter(bool consumed) {
    auto& q = state().keyFilters;
    q.push_back(consumed);
    while (q.size() > kMaxPending) q.pop_front();
}

bool takeKeyConsumed() {
    auto& q = state().keyFilters;
    if (q.empty()) return false;
    const bool consumed = q.front();
    q.pop_front();
    return consumed;
}

void clearPending() {
    state().lookups.clear();
    state().keyFilters.clear();
}

} // namespace ime

// ------------------------------------------------------------------ UTF-8

std::size_t utf8PrefixLength(std::string_view utf8, std::size_t maxBytes) {
    if (utf8.size() <= maxBytes) return utf8.size();
    std::size_t cut = maxBytes;
    // Back off continuation bytes (10xxxxxx) so the cut lands before a lead byte.
    while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;
    return cut;
}

char32_t decodeUtf8(std::string_view utf8, std::size_t& pos) {
    if (pos >= utf8.size()) return 0;
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(utf8[i]); };
    const unsigned char lead = byte(pos);
    int extra;
    char32_t cp;
    if (lead < 0x80) { ++pos; return lead; }
    else if ((lead & 0xE0) == 0xC0) { extra = 1; cp = lead & 0x1F; }
    else if ((lead & 0xF0) == 0xE0) { extra = 2; cp = lead & 0x0F; }
    else if ((lead & 0xF8) == 0xF0) { extra = 3; cp = lead & 0x07; }
    else { ++pos; return 0xFFFD; }
    if (pos + extra >= utf8.size()) { ++pos; return 0xFFFD; }  // truncated
    for (int i = 1; i <= extra; ++i) {
        const unsigned char b = byte(pos + i);
        if ((b & 0xC0) != 0x80) { ++pos; return 0xFFFD; }
        cp = (cp << 6) | (b & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not characters.
    static constexpr char32_t kMin[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++pos; return 0xFFFD; }
    pos += static_cast<std::size_t>(extra) + 1;
    return cp;
}

// ------------------------------------------------------------------ public API

bool inputMethodFixActive() {
    if (fixDisabled()) return false;
    // Whoever the process resolves these names to is who libsfml-window calls.
    return dlsym(RTLD_DEFAULT, "XOpenIM") == reinterpret_cast<void*>(&::XOpenIM) &&
           dlsym(RTLD_DEFAULT, "Xutf8LookupString") == reinterpret_cast<void*>(&::Xutf8LookupString) &&
           dlsym(RTLD_DEFAULT, "XFilterEvent") == reinterpret_cast<void*>(&::XFilterEvent);
}

void installInputMethodFix() {
    if (fixDisabled()) {
        std::fprintf(stderr, "jinguo: JINGUO_IME_FIX=0: input-method fix off\n");
        return;
    }
    if (!inputMethodFixActive())
        std::fprintf(stderr,
                     "jinguo: 输入法修复未生效 (input-method fix inactive: XOpenIM/Xutf8LookupString/"
                     "XFilterEvent are not exported from the executable; link it with -rdynamic)\n");
}

bool inputMethodOpened() { return state().inputMethod != nullptr; }

Display* sfmlDisplay() { return state().display; }

void pumpInputMethodEvents() {
    ImeState& s = state();
    if (!s.display || !s.inputMethod || fixDisabled()) return;
    if (s.wmProtocols == None) s.wmProtocols = XInternAtom(s.display, "WM_PROTOCOLS", False);

    std::vector<XEvent> unfiltered;
    XEvent event;
    ++t_filterDepth;
    // Bounded: a put-back event must not be picked up again in this loop.
    for (int i = 0; i < 4096 && XCheckIfEvent(s.display, &event, isInputMethodMessage,
                                               reinterpret_cast<XPointer>(&s.wmProtocols));
         ++i) {
        // A commit makes libX11 put a synthetic KeyPress for SFML's window
        // into the queue; SFML converts it in the pollEvent() that follows.
        if (!realXFilterEvent()(&event, None)) unfiltered.push_back(event);
    }
    --t_filterDepth;
    // XPutBackEvent pushes to the front: reverse order keeps the original one.
    for (auto it = unfiltered.rbegin(); it != unfiltered.rend(); ++it) XPutBackEvent(s.display, &*it);
}

void suspendInputMethod(bool on) {
    ImeState& s = state();
    if (s.suspended == on) return;
    s.suspended = on;
    if (debugEnabled()) std::fprintf(stderr, "jinguo-ime: input method %s\n", on ? "suspended" : "resumed");
    if (!s.inputContext || !s.display) return;
    if (on) {
        // Drop a half-typed composition and close the candidate box, then
        // take the focus away so the input method shows nothing at all.
        if (char* pending = Xutf8ResetIC(s.inputContext)) XFree(pending);
        XUnsetICFocus(s.inputContext);
    } else if (const auto focus = realXSetICFocus()) {
        focus(s.inputContext);
    }
    XFlush(s.display);
}


void setInputMethodSpot(int x, int y) {
    ImeState& s = state();
    if (!s.overTheSpot || !s.inputContext || !s.display || s.suspended) return;
    XPoint spot{static_cast<short>(x), static_cast<short>(y)};
    XVaNestedList preedit = XVaCreateNestedList(0, XNSpotLocation, &spot, nullptr);
    XSetICValues(s.inputContext, XNPreeditAttributes, preedit, nullptr);
    XFree(preedit);
    if (debugEnabled()) std::fprintf(stderr, "jinguo-ime: spot %d,%d\n", x, y);
}

void setClientMessageClaim(ClientMessageClaim claim, void* context) {
    g_claim = claim;
    g_claimContext = context;
}

} // namespace jinguo::platform

// ------------------------------------------------------------------ interposers
//
// Default visibility so -rdynamic exports them even if the build ever turns
// on -fvisibility=hidden.

using namespace jinguo::platform;

extern "C" __attribute__((visibility("default"))) XIM XOpenIM(Display* display, XrmDatabase database,
                                                               char* resName, char* resClass) {
    static const auto real = nextSymbol<XOpenIMFn>("XOpenIM");
    if (!real) return nullptr;
    XIM im = nullptr;
    if (fixDisabled()) {
        im = real(display, database, resName, resClass);
    } else {
        const std::string saved = enterInputMethodLocale();
        im = real(display, database, resName, resClass);
        // The input method keeps the locale it was opened in; the rest of the
        // program keeps its own (number formatting, sorting).
        std::setlocale(LC_CTYPE, saved.c_str());
    }
    if (im) {
        ImeState& s = state();
        s.display = display;
        s.inputMethod = im;
        s.wmProtocols = None;
    }
    if (debugEnabled()) std::fprintf(stderr, "jinguo-ime: XOpenIM -> %p\n", static_cast<void*>(im));
    return im;
}

extern "C" __attribute__((visibility("default"))) Status XCloseIM(XIM im) {
    static const auto real = nextSymbol<XCloseIMFn>("XCloseIM");
    ImeState& s = state();
    // SFML closes the display right after: the pump must not touch it again.
    if (im == s.inputMethod) {
        s.inputMethod = nullptr;
        s.display = nullptr;
        s.inputContext = nullptr;   // destroyed with its input method
    }
    return real ? real(im) : 0;
}

extern "C" __attribute__((visibility("default"))) Bool XFilterEvent(XEvent* event, Window window) {
    const auto real = realXFilterEvent();
    if (!real) return False;
    // A message another part of the app takes (XDND): "filtered", so SFML
    // skips it. Independent of the input-method fix, hence before its switch.
    if (t_filterDepth == 0 && event && event->type == ClientMessage && jinguo::platform::g_claim
        && jinguo::platform::g_claim(jinguo::platform::g_claimContext, event))
        return True;
    // Presenting: keys are the slides' (B, arrows, Home/End, Space, Esc);
    // the input method never sees them, so it cannot compose or swallow one.
    if (t_filterDepth == 0 && event && (event->type == KeyPress || event->type == KeyRelease)
        && state().suspended && !fixDisabled()) {
        if (event->type == KeyPress && window == None) ime::recordKeyFilter(false);
        return False;
    }
    ++t_filterDepth;
    const Bool filtered = real(event, window);
    --t_filterDepth;
    if (fixDisabled()) return filtered;
    // SFML 2.5.1 asks once per KeyPress, right after queueing its KeyPressed.
    if (t_filterDepth == 0 && event && event->type == KeyPress && window == None) {
        ime::recordKeyFilter(filtered != False);
        if (debugEnabled())
            std::fprintf(stderr, "jinguo-ime: KeyPress keycode %u %s\n", event->xkey.keycode,
                         filtered ? "consumed by the input method" : "passed");
    }
    return filtered;
}

// SFML 2.5.1 creates its input context in "root" style (XIMPreeditNothing),
// which leaves the candidate box at the window's bottom-left corner. When the
// input method offers it, the same context is made in over-the-spot style
// (XIMPreeditPosition), so setInputMethodSpot can put the box at the caret.
// SFML's call is XCreateIC(im, XNClientWindow, w, XNFocusWindow, w,
// XNInputStyle, style, NULL); any other call is passed on as it came.
extern "C" __attribute__((visibility("default"))) XIC XCreateIC(XIM im, ...) {
    static const auto real = nextSymbol<XCreateICFn>("XCreateIC");
    if (!real) return nullptr;
    constexpr int kMaxPairs = 6;
    const char* names[kMaxPairs + 1] = {};
    void* values[kMaxPairs] = {};
    int pairs = 0;
    va_list args;
    va_start(args, im);
    for (; pairs <= kMaxPairs; ++pairs) {
        names[pairs] = va_arg(args, const char*);
        if (!names[pairs] || pairs == kMaxPairs) break;
        values[pairs] = va_arg(args, void*);   // Window and XIMStyle are pointer-sized here
    }
    va_end(args);
    Window client = 0, focus = 0;
    XIMStyle style = 0;
    bool sfmlCall = pairs > 0 && pairs < kMaxPairs;
    for (int i = 0; i < pairs && sfmlCall; ++i) {
        if (std::strcmp(names[i], XNClientWindow) == 0) client = reinterpret_cast<Window>(values[i]);
        else if (std::strcmp(names[i], XNFocusWindow) == 0) focus = reinterpret_cast<Window>(values[i]);
        else if (std::strcmp(names[i], XNInputStyle) == 0) style = reinterpret_cast<XIMStyle>(values[i]);
        else sfmlCall = false;
    }
    ImeState& s = state();
    const XIMStyle spotStyle = XIMPreeditPosition | XIMStatusNothing;
    if (sfmlCall && client && !fixDisabled() && style == (XIMPreeditNothing | XIMStatusNothing)
        && inputMethodOffers(im, spotStyle)) {
        XPoint spot{0, 0};
        // Xlib requires a font set for this style; the input method draws
        // its own box, so any font the server has will do.
        if (!s.fontSet && s.display) {
            char** missing = nullptr;
            int missingCount = 0;
            char* fallback = nullptr;
            s.fontSet = XCreateFontSet(s.display, "-*-*-medium-r-normal--*-*-*-*-*-*-*-*,fixed,*", &missing,
                                       &missingCount, &fallback);
            if (missing) XFreeStringList(missing);
        }
        XVaNestedList preedit = s.fontSet ? XVaCreateNestedList(0, XNSpotLocation, &spot, XNFontSet, s.fontSet, nullptr)
                                          : XVaCreateNestedList(0, XNSpotLocation, &spot, nullptr);
        XIC ic = real(im, XNClientWindow, client, XNFocusWindow, focus ? focus : client, XNInputStyle, spotStyle,
                      XNPreeditAttributes, preedit, nullptr);
        XFree(preedit);
        if (debugEnabled()) std::fprintf(stderr, "jinguo-ime: XCreateIC over-the-spot -> %p\n", static_cast<void*>(ic));
        if (ic) {
            s.inputContext = ic;
            s.overTheSpot = true;
            return ic;
        }
    }
    XIC ic = nullptr;
    switch (pairs) {   // as it came
    case 0: ic = real(im, nullptr); break;
    case 1: ic = real(im, names[0], values[0], nullptr); break;
    case 2: ic = real(im, names[0], values[0], names[1], values[1], nullptr); break;
    case 3: ic = real(im, names[0], values[0], names[1], values[1], names[2], values[2], nullptr); break;
    case 4: ic = real(im, names[0], values[0], names[1], values[1], names[2], values[2], names[3], values[3], nullptr); break;
    case 5:
        ic = real(im, names[0], values[0], names[1], values[1], names[2], values[2], names[3], values[3], names[4],
                  values[4], nullptr);
        break;
    default: std::fprintf(stderr, "jinguo: XCreateIC with more than %d attributes is not forwarded\n", kMaxPairs - 1);
    }
    if (ic) {
        s.inputContext = ic;
        s.overTheSpot = false;
    }
    return ic;
}

// SFML gives its window's input context the focus when the window gets it:
// that is where we learn the context, and while presenting it stays unfocused.
extern "C" __attribute__((visibility("default"))) void XSetICFocus(XIC ic) {
    const auto real = realXSetICFocus();
    ImeState& s = state();
    s.inputContext = ic;
    if (s.suspended && !fixDisabled()) return;
    if (real) real(ic);
}

extern "C" __attribute__((visibility("default"))) int Xutf8LookupString(XIC ic, XKeyPressedEvent* event,
                                                                         char* buffer, int bytes,
                                                                         KeySym* keysym, Status* status) {
    static const auto real = nextSymbol<Xutf8LookupStringFn>("Xutf8LookupString");
    if (!real) {
        if (status) *status = XLookupNone;
        return 0;
    }
    if (fixDisabled()) return real(ic, event, buffer, bytes, keysym, status);
    if (ic) state().inputContext = ic;
    // SFML passes keysym == NULL; libX11 accepts that, but we want one anyway.
    KeySym sym = NoSymbol;
    Status st = XLookupNone;
    std::vector<char> full(512);
    int length = real(ic, event, full.data(), static_cast<int>(full.size()), &sym, &st);
    if (st == XBufferOverflow && length > 0) {
        // libX11 keeps the commit on overflow and reports the size it needs.
        full.resize(static_cast<std::size_t>(length) + 1);
        length = real(ic, event, full.data(), static_cast<int>(full.size()), &sym, &st);
    }
    if (keysym) *keysym = sym;

    if (length <= 0 || (st != XLookupChars && st != XLookupBoth)) {
        if (status) *status = st;
        return st == XBufferOverflow ? 0 : length;
    }
    const std::string_view text(full.data(), static_cast<std::size_t>(length));
    ime::recordLookup(text);
    if (debugEnabled()) std::fprintf(stderr, "jinguo-ime: lookup \"%.*s\"\n", length, full.data());

    // SFML reads one character from its buffer; give it a whole one.
    const std::size_t cut = utf8PrefixLength(text, bytes > 0 ? static_cast<std::size_t>(bytes) : 0);
    if (cut == 0) {
        if (status) *status = XBufferOverflow;
        return length;
    }
    std::memcpy(buffer, full.data(), cut);
    if (status) *status = st;
    return static_cast<int>(cut);
}
