// item_locator.cpp — widget rectangles for headless UI tests.
#include "ui/item_locator.hpp"

namespace jinguo::ui {

ItemLocator& ItemLocator::instance() {
    static ItemLocator locator;
    return locator;
}

void ItemLocator::record(const std::string& key) {
    m_rects[key] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

const ItemRect* ItemLocator::find(const std::string& key) const {
    auto it = m_rects.find(key);
    return it == m_rects.end() ? nullptr : &it->second;
}

} // namespace jinguo::ui
