// export_buttons.cpp — export a list where the user chooses.
#include "core/number_format.hpp"
#include "ui/export_buttons.hpp"

#include "storage/list_export.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <filesystem>

namespace jinguo::ui {

namespace {


bool hasIdColumns(ExportList list) { return list == ExportList::Volunteers; }

// Opens the save picker on the proposed name, in the folder used last (else 桌面).
void startPicker(AppState& app, ExportButtons& state, const std::string& what, const char* extension) {
    const std::string folder = state.picker.directory.empty() ? desktopDirectory() : state.picker.directory;
    resetFilePicker(state.picker, FilePicker::Mode::Save, {extension},
                    (std::filesystem::path(folder.empty() ? homeDirectory() : folder)
                     / exportFileName(what, app.today, extension)).string());
    state.picker.requestOpen = true;
}

void drawMessage(const ExportButtons& state) {
    if (state.message.empty()) return;
    ImGui::PushTextWrapPos(0);
    if (state.failed) ImGui::TextColored(kErrorColor, "%s", state.message.c_str());
    else ImGui::TextDisabled("%s", state.message.c_str());
    ImGui::PopTextWrapPos();
}

} // namespace

std::string exportFileName(const std::string& what, const std::string& today, const std::string& extension) {
    return what + "-" + today + extension;
}

std::string suggestedExportName(ExportList list, const std::string& today, const std::string& extension) {
    return exportFileName(list == ExportList::Volunteers ? str::kExpVolunteersFile : str::kExpFamiliesFile, today,
                          extension);
}

bool exportTableTo(AppState& app, ExportButtons& state, const ExportTable& table, const std::string& path,
                   bool masked) {
    const std::string error = writeExport(path, table);
    state.failed = !error.empty();
    state.rowsWritten = state.failed ? 0 : static_cast<int>(table.rows.size());
    state.message = state.failed ? error
                                 : std::string(str::kExpDone) + fmt::count(static_cast<long long>(table.rows.size())) + str::kExpRowsTo
                                       + path + (masked ? str::kExpMaskedNote : "");
    if (app.noteText) app.noteText(state.message);
    return !state.failed;
}

bool exportListTo(AppState& app, ExportButtons& state, ExportList list, const std::string& path) {
    try {
        const ExportTable table = list == ExportList::Volunteers
                                    ? storage::volunteersExportTable(app.storage, state.unmasked)
                                    : storage::familiesExportTable(app.storage);
        return exportTableTo(app, state, table, path, hasIdColumns(list) && !state.unmasked);
    } catch (const std::exception& e) {
        state.failed = true;
        state.message = e.what();
        if (app.noteText) app.noteText(state.message);
        return false;
    }
}

void drawExportMenu(AppState& app, ExportButtons& state, const char* what, bool hasIdColumns,
                    const ExportTableBuilder& build, const char* key) {
    const std::string k = key;
    ImGui::PushID(key);
    if (ImGui::Button(str::kExpButton)) ImGui::OpenPopup("export_menu");
    locate(k.c_str());
    // The outcome stays beside the button (short), in full on hover.
    if (!state.message.empty()) {
        ImGui::SameLine();
        if (state.failed) ImGui::TextColored(kErrorColor, "%s", str::kExpFailedShort);
        else ImGui::TextDisabled(str::kExpDoneShortFormat, fmt::count(state.rowsWritten).c_str());
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextUnformatted(state.message.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    if (ImGui::BeginPopup("export_menu")) {
        if (ImGui::Button(str::kExpExcel)) {
            startPicker(app, state, what, ".xlsx");
            ImGui::CloseCurrentPopup();
        }
        locate((k + ".xlsx").c_str());
        ImGui::SameLine();
        if (ImGui::Button(str::kExpCsv)) {
            startPicker(app, state, what, ".csv");
            ImGui::CloseCurrentPopup();
        }
        locate((k + ".csv").c_str());
        if (hasIdColumns) {
            // A border: the theme's white box would not show on the popup's white.
            ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
            ImGui::Checkbox(str::kExpUnmask, &state.unmasked);
            ImGui::PopStyleVar();
            locate((k + ".unmask").c_str());
        }
        ImGui::TextDisabled("%s", str::kExpMenuHint);
        ImGui::EndPopup();
    }
    if (drawFilePickerModal(app, state.picker, str::kExpPickerTitle, (k + ".picker").c_str())) {
        try {
            exportTableTo(app, state, build(state.unmasked), state.picker.path, hasIdColumns && !state.unmasked);
        } catch (const std::exception& e) {
            state.failed = true;
            state.message = e.what();
            if (app.noteText) app.noteText(state.message);
        }
    }
    ImGui::PopID();
}

void drawExportButtons(AppState& app, ExportButtons& state, ExportList list, const char* key) {
    const std::string k = key;
    ImGui::PushID(key);
    const std::string what = list == ExportList::Volunteers ? str::kExpVolunteersFile : str::kExpFamiliesFile;
    if (ImGui::Button(str::kExpExcel)) startPicker(app, state, what, ".xlsx");
    locate((k + ".xlsx").c_str());
    ImGui::SameLine();
    if (ImGui::Button(str::kExpCsv)) startPicker(app, state, what, ".csv");
    locate((k + ".csv").c_str());
    if (hasIdColumns(list)) {
        ImGui::SameLine();
        ImGui::Checkbox(str::kExpUnmask, &state.unmasked);
        locate((k + ".unmask").c_str());
    }
    if (drawFilePickerModal(app, state.picker, str::kExpPickerTitle, (k + ".picker").c_str()))
        exportListTo(app, state, list, state.picker.path);
    drawMessage(state);
    ImGui::PopID();
}

} // namespace jinguo::ui
