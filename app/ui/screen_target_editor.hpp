// screen_target_editor.hpp — 设置目标, a tab of 目标: the year's targets of
// every unit in a list, a form to add, change or remove one, 复制上一年目标,
// and 分解目标 (a rate target set for every unit below, with per-unit
// overrides). Every write is one TargetStore step, so Ctrl+Z undoes it.
//
// Keys: targets.new, targets.copy_previous, target.row.<id>; the form's
// target.unit, target.metric (options target.metric.option.<code>),
// target.title, target.level.any / target.level.own, target.indicator,
// target.goal, target.note, target.save/.cancel/.delete (confirm:
// target.confirm.ok); target.distribute, then distribute.goal.<unit id>,
// distribute.apply, distribute.cancel.
#pragma once

#include "core/model.hpp"
#include "core/pinyin.hpp"
#include "ui/app_state.hpp"
#include "ui/confirm_popup.hpp"
#include "ui/record_list.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace jinguo::ui {

struct TargetForm {
    bool open = false;
    RowId id = 0;                  // 0: a new target
    RowId unitId = 0;
    std::string metric = "title_rate";
    RowId titleId = 0;
    bool atLevel = false;
    std::string indicator;
    std::string goal;              // as typed: "90%", "1200"
    std::string note;
    std::string error;             // the store's refusal
    Target original;               // as loaded: a save refuses if the row changed since
    bool sameFields(const TargetForm& o) const {
        return open == o.open && id == o.id && unitId == o.unitId && metric == o.metric && titleId == o.titleId
            && atLevel == o.atLevel && indicator == o.indicator && goal == o.goal && note == o.note;
    }
};

// 分解目标 of one stored rate target: the units below and what was typed per unit.
struct DistributePanel {
    RowId targetId = 0;            // 0: closed
    std::map<RowId, std::string> overrides;   // unit → typed goal ("" = inherit)
    std::string error;
};

struct TargetEditor {
    // What the list and the pickers show, reloaded when the data or the year changes.
    std::uint64_t loadedRevision = 0;
    int loadedYear = 0;
    PinyinIndex pinyin;
    UnitTree tree;
    std::vector<AwardTitle> titles;
    std::vector<Target> targets;
    std::vector<std::string> indicatorNames;   // the year's manual indicators, for the form
    RowId selectedId = 0;
    TargetForm form;
    TargetForm formAsLoaded;
    DistributePanel distribute;
    ConfirmPopup confirmDelete;
    std::string message;
};

// The goal as the form writes it back: "90%" for a rate of 0.9, "1,200" → "1200".
std::string goalText(const Target& target);
// A target's line in the list: "区级平安家庭创建率（本级）".
std::string targetLabel(const TargetEditor& editor, const Target& target);

// Tells the leave guard about an unsaved form; call every frame, before
// anything on the screen can leave (the year picker), whichever tab is open.
void noteTargetFormDirty(AppState& app, TargetEditor& editor, int year);
void drawTargetEditor(AppState& app, TargetEditor& editor, int year);

} // namespace jinguo::ui
