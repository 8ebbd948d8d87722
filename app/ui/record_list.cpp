// record_list.cpp — the search rule, unit tree and filter bar shared by the
// 家庭, 荣誉 and 组织 screens.
#include "ui/record_list.hpp"

#include "core/text.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>

namespace jinguo::ui {

namespace {

bool endsWithFolded(std::string_view text, std::string_view tail) {
    if (tail.empty() || tail.size() > text.size()) return false;
    for (std::size_t i = 0; i < tail.size(); ++i) {
        char a = text[text.size() - tail.size() + i], b = tail[i];
        if (a == 'x') a = 'X';
        if (b == 'x') b = 'X';
        if (a != b) return false;
    }
    return true;
}

void locateOption(const char* key, const std::string& suffix) {
    if (ItemLocator::instance().enabled()) locate((std::string(key) + ".option." + suffix).c_str());
}

} // namespace

SearchQuery::SearchQuery(std::string_view typed) : folded(trim(foldFullWidth(typed))) {
    digits = !folded.empty() && folded.find_first_not_of("0123456789Xx") == std::string::npos;
    pinyin = isPinyinQuery(folded);
}

bool recordMatches(const SearchQuery& query, const NameKeys& keys, std::initializer_list<std::string_view> texts,
                   std::initializer_list<std::string_view> tails) {
    if (query.empty()) return true;
    if (query.digits) {
        for (std::string_view tail : tails)
            if (endsWithFolded(tail, query.folded)) return true;
    }
    if (query.pinyin && matchesPinyin(keys, query.folded)) return true;
    for (std::string_view text : texts)
        if (containsFolded(text, query.folded)) return true;
    return false;
}

// ------------------------------------------------------------ unit tree

void UnitTree::load(std::vector<OrgUnit> all, PinyinIndex& pinyin) {
    org = OrgTree(all);
    std::unordered_map<RowId, std::vector<std::size_t>> children;
    std::vector<std::string> keys(all.size());
    for (std::size_t i = 0; i < all.size(); ++i) {
        children[all[i].parentId].push_back(i);
        keys[i] = pinyin.keysFor(all[i].name).collation;
    }
    for (auto& [parent, list] : children)
        std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) {
            if (all[a].sortOrder != all[b].sortOrder) return all[a].sortOrder < all[b].sortOrder;
            return keys[a] < keys[b];
        });
    units.clear();
    depth.clear();
    indexOf.clear();
    // Depth-first from the roots (parent 0); a unit whose parent is missing
    // would be skipped, so roots are also units whose parent is unknown.
    std::vector<std::pair<std::size_t, int>> stack;
    std::vector<std::size_t> roots;
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].parentId == 0 || !org.find(all[i].parentId)) roots.push_back(i);
    std::stable_sort(roots.begin(), roots.end(), [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
    for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back({*it, 0});
    while (!stack.empty()) {
        const auto [i, d] = stack.back();
        stack.pop_back();
        if (indexOf.count(all[i].id)) continue;
        indexOf[all[i].id] = units.size();
        units.push_back(all[i]);
        depth.push_back(d);
        const auto found = children.find(all[i].id);
        if (found == children.end()) continue;
        for (auto c = found->second.rbegin(); c != found->second.rend(); ++c) stack.push_back({*c, d + 1});
    }
}

const OrgUnit* UnitTree::find(RowId id) const {
    const auto it = indexOf.find(id);
    return it == indexOf.end() ? nullptr : &units[it->second];
}

const std::string& UnitTree::name(RowId id) const {
    static const std::string none;
    const OrgUnit* u = find(id);
    return u ? u->name : none;
}

bool UnitTree::within(RowId unit, RowId root) const { return org.within(unit, root); }

void drawFilterBar(AppState& app, RecordFilter& f, const UnitTree& tree, const FilterChoices& choices) {
    const float em = ImGui::GetFontSize();
    unitCombo(app, tree, "filter.unit", &f.unitId, str::kRecAllUnits, em * 9);
    sameLineIfFits(em * 9);
    std::vector<const char*> titles;
    for (const std::string& t : choices.titles) titles.push_back(t.c_str());
    wordCombo("filter.title", &f.title, titles.data(), static_cast<int>(titles.size()), str::kRecAllTitles, em * 9);
    sameLineIfFits(em * 5.5f);
    wordCombo("filter.level", &f.level, kLevelNames, kLevelCount, str::kRecAllLevels, em * 5.5f);
    sameLineIfFits(em * 5.5f);
    ImGui::SetNextItemWidth(em * 5.5f);
    const std::string yearText = f.year == 0 ? std::string(str::kRecAllYears) : std::to_string(f.year);
    if (ImGui::BeginCombo("##filter.year", yearText.c_str(), ImGuiComboFlags_HeightLarge)) {
        if (ImGui::Selectable(str::kRecAllYears, f.year == 0)) f.year = 0;
        locateOption("filter.year", "0");
        for (int y : choices.years) {
            ImGui::PushID(y);
            if (ImGui::Selectable(std::to_string(y).c_str(), f.year == y)) f.year = y;
            locateOption("filter.year", std::to_string(y));
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    locate("filter.year");
    sameLineIfFits(em * 6);
    wordCombo("filter.status", &f.status, kStatusNames, kStatusCount, str::kRecAllStatuses, em * 6);
    sameLineIfFits(buttonWidth(str::kRecClearFilters));
    if (ImGui::Button(str::kRecClearFilters)) f = RecordFilter{};
    locate("filter.clear");
}

int parseYear(const std::string& text) {
    const std::string t = trim(foldFullWidth(text));
    if (t.size() != 4 || t.find_first_not_of("0123456789") != std::string::npos) return 0;
    return std::atoi(t.c_str());
}

} // namespace jinguo::ui
