// export_buttons.cpp — export a list where the user chooses.
#include "ui/export_buttons.hpp"

#include "core/table_export.hpp"
#include "storage/list_export.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <filesystem>

namespace jinguo::ui {

namespace {

bool hasIdColumns(ExportList list) { return list == ExportList::Volunteers; }

} // namespace

std::string suggestedExportName(ExportList list, const std::string& today, const std::string& extension) {
    return std::string(list == ExportList::Volunteers ? str::kExpVolunteersFile : str::kExpFamiliesFile) + "_" + today
         + extension;
}

bool exportListTo(AppState& app, ExportButtons& state, ExportList list, const std::string& path) {
    try {
        const ExportTable table = list == ExportList::Volunteers
                                    ? storage::volunteersExportTable(app.storage, state.unmasked)
                                    : storage::familiesExportTable(app.storage);
        const std::string error = writeExport(path, table);
        state.failed = !error.empty();
        state.message = state.failed ? error
                                     : std::string(str::kExpDone) + std::to_string(table.rows.size())
                                           + str::kExpRowsTo + path
                                           + (hasIdColumns(list) && !state.unmasked ? str::kExpMaskedNote : "");
    } catch (const std::exception& e) {
        state.failed = true;
        state.message = e.what();
    }
    if (app.noteText) app.noteText(state.message);
    return !state.failed;
}

void drawExportButtons(AppState& app, ExportButtons& state, ExportList list, const char* key) {
    const std::string k = key;
    ImGui::PushID(key);
    auto start = [&](const char* extension) {
        const std::string folder = state.picker.directory.empty() ? desktopDirectory() : state.picker.directory;
        const std::string name = suggestedExportName(list, app.today, extension);
        resetFilePicker(state.picker, FilePicker::Mode::Save, {extension},
                        (std::filesystem::path(folder.empty() ? homeDirectory() : folder) / name).string());
        state.picker.requestOpen = true;
    };
    if (ImGui::Button(str::kExpExcel)) start(".xlsx");
    locate((k + ".xlsx").c_str());
    ImGui::SameLine();
    if (ImGui::Button(str::kExpCsv)) start(".csv");
    locate((k + ".csv").c_str());
    if (hasIdColumns(list)) {
        ImGui::SameLine();
        ImGui::Checkbox(str::kExpUnmask, &state.unmasked);
        locate((k + ".unmask").c_str());
    }
    if (drawFilePickerModal(app, state.picker, str::kExpPickerTitle, (k + ".picker").c_str()))
        exportListTo(app, state, list, state.picker.path);
    if (!state.message.empty()) {
        ImGui::PushTextWrapPos(0);
        if (state.failed) ImGui::TextColored(ImVec4(0.85f, 0.16f, 0.12f, 1.0f), "%s", state.message.c_str());
        else ImGui::TextDisabled("%s", state.message.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::PopID();
}

} // namespace jinguo::ui
