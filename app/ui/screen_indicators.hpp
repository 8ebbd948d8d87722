// screen_indicators.hpp — 工作指标, a tab of 目标: the manual indicators of
// the year (来访件数 12 件, 宣讲 9 次, 帮扶金额 4000 元 …) per unit, with a form
// to add, change or remove one through TargetStore (one undoable step each).
// They show in 年度数据, its paragraph and the figures slide, and a target
// can be set on one (metric 工作指标 in 设置目标).
//
// Keys: indicators.new, indicator.row.<id>; the form's indicator.unit,
// indicator.name, indicator.value, indicator.measure, indicator.note,
// indicator.save/.cancel/.delete (confirm: indicator.confirm.ok).
#pragma once

#include "core/model.hpp"
#include "core/pinyin.hpp"
#include "ui/app_state.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/record_list.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

struct IndicatorForm {
    bool open = false;
    RowId id = 0;                  // 0: a new indicator
    RowId unitId = 0;
    std::string name;
    std::string value;             // as typed
    std::string measure;
    std::string note;
    std::string error;
    ManualIndicator original;
    bool sameFields(const IndicatorForm& o) const {
        return open == o.open && id == o.id && unitId == o.unitId && name == o.name && value == o.value
            && measure == o.measure && note == o.note;
    }
};

struct IndicatorEditor {
    std::uint64_t loadedRevision = 0;
    int loadedYear = 0;
    PinyinIndex pinyin;
    UnitTree tree;
    std::vector<ManualIndicator> indicators;
    RowId selectedId = 0;
    IndicatorForm form;
    IndicatorForm formAsLoaded;
    ConfirmPopup confirmDelete;
    std::string message;
};

// As noteTargetFormDirty (screen_target_editor.hpp).
void noteIndicatorFormDirty(AppState& app, IndicatorEditor& editor, int year);
void drawIndicatorEditor(AppState& app, IndicatorEditor& editor, int year);

} // namespace jinguo::ui
