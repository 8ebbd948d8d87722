// item_locator.hpp — lets headless UI tests find a widget on screen.
//
// ImGui 1.86 has no test engine; screens call `locate("key")` right after a
// widget they want tests to reach, and the rectangle of the last item is kept
// while locating is switched on (only tests switch it on). Tests then move the
// mouse there and click, as a person would.
#pragma once

#include <imgui.h>

#include <map>
#include <string>

namespace jinguo::ui {

struct ItemRect {
    ImVec2 min, max;
    ImVec2 center() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
};

class ItemLocator {
public:
    static ItemLocator& instance();
    void enable(bool on) { m_enabled = on; if (!on) m_rects.clear(); }
    bool enabled() const { return m_enabled; }
    void beginFrame() { m_rects.clear(); }              // only what this frame drew counts
    void record(const std::string& key);                // the last item's rectangle
    const ItemRect* find(const std::string& key) const;

private:
    bool m_enabled = false;
    std::map<std::string, ItemRect> m_rects;
};

inline void locate(const char* key) {
    ItemLocator& l = ItemLocator::instance();
    if (l.enabled()) l.record(key);
}

} // namespace jinguo::ui
