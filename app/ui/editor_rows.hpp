// editor_rows.hpp — the unit cell that opens a row of the 目标 and 指标
// editors' lists (screen_target_editor, screen_indicators): one definition
// of how a click on a row reaches the form, for both.
#pragma once

#include "ui/app_state.hpp"
#include "ui/form_kit.hpp"
#include "ui/leave_guard.hpp"
#include "ui/row_click.hpp"

#include <imgui.h>

#include <string>
#include <vector>

namespace jinguo::ui {

// The row's first cell: its unit's name, selectable across the row. A click
// (after the leave guard's question, if the form has edits) opens a copy of
// the row in the form through `open(row)` and selects it. `rows` is the
// editor's own list, read again when the click is answered.
template <class Editor, class Row, class Open>
void drawUnitCellOpeningRow(AppState& app, Editor& e, const std::vector<Row>& rows, const Row& row, float headerBottom,
                            Open open) {
    ImGui::TableNextColumn();
    const std::string unit = e.tree.name(row.unitId);
    noteUserText(app, unit);
    if (!wholeRowClicked(ImGui::Selectable(unit.c_str(), e.selectedId == row.id, ImGuiSelectableFlags_SpanAllColumns),
                         headerBottom))
        return;
    leaveThen(app, [&e, &rows, id = row.id, open] {
        for (const Row& x : rows)
            if (x.id == id) {
                const Row copy = x;
                open(copy);
                e.selectedId = id;
                e.message.clear();
            }
    }, &e);
}

} // namespace jinguo::ui
