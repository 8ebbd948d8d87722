// record_list.hpp — what the 家庭, 荣誉 and 组织 screens share: the search
// rule (any part of a name, pinyin, initials, tail of an ID or phone), the
// filter bar (unit, title, level, year, status). Form widgets: form_kit.hpp.
#pragma once

#include "core/model.hpp"
#include "core/org_tree.hpp"
#include "core/pinyin.hpp"
#include "core/vocabulary.hpp"
#include "ui/app_state.hpp"
#include "ui/form_kit.hpp"
#include "ui/ui_strings.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jinguo::ui {

// The schema's words for levels and lifecycle states, lowest level first
// (core/vocabulary.hpp).
inline constexpr const char* const* kLevelNames = kTitleLevelWords.data();
inline constexpr int kLevelCount = static_cast<int>(kTitleLevelWords.size());
inline constexpr const char* const* kStatusNames = kAwardStatusWords.data();
inline constexpr int kStatusCount = static_cast<int>(kAwardStatusWords.size());

// The search rule of these screens. A query of digits (and X) matches the
// tail of an ID number or phone in `tails`, or any text containing it (a
// house number); letters match the pinyin or initials of `keys`; anything
// else matches any part of `texts`. The query is folded once, not per row.
struct SearchQuery {
    explicit SearchQuery(std::string_view typed);
    std::string folded;        // full-width folded, trimmed
    bool digits = false;
    bool pinyin = false;
    bool empty() const { return folded.empty(); }
};
bool recordMatches(const SearchQuery& query, const NameKeys& keys, std::initializer_list<std::string_view> texts,
                   std::initializer_list<std::string_view> tails = {});

// The unit tree for pickers and the unit filter: every unit, depth-first,
// siblings in pinyin order, with the depth for indentation.
struct UnitTree {
    std::vector<OrgUnit> units;                       // display order
    std::vector<int> depth;
    std::unordered_map<RowId, std::size_t> indexOf;
    OrgTree org;                                      // within, subtree (core/org_tree.hpp)

    void load(std::vector<OrgUnit> all, PinyinIndex& pinyin);
    const OrgUnit* find(RowId id) const;
    const std::string& name(RowId id) const;
    // True when `unit` is `root` or lies below it.
    bool within(RowId unit, RowId root) const;
};

// What a list is filtered by; empty / 0 means "all".
struct RecordFilter {
    RowId unitId = 0;
    std::string title;
    std::string level;
    int year = 0;
    std::string status;
    std::string standing;          // 家庭 only: 待复核 / 已过期 today (core/title_standing.hpp); "" = any
    bool operator==(const RecordFilter&) const = default;
    bool filtersAwards() const {
        return !title.empty() || !level.empty() || year != 0 || !status.empty() || !standing.empty();
    }
};

struct FilterChoices {
    std::vector<std::string> titles;   // pinyin order
    std::vector<int> years;            // newest first
};

// Unit, title, level, year and status combos on one line. Keys for tests:
// filter.unit / filter.title / filter.level / filter.year / filter.status,
// options "<key>.option.<id | index | year>".
void drawFilterBar(AppState& app, RecordFilter& filter, const UnitTree& tree, const FilterChoices& choices);

// "2026" -> 2026; 0 when not a plain year.
int parseYear(const std::string& text);

} // namespace jinguo::ui
