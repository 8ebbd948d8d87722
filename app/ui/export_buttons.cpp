// export_buttons.cpp — export a list where the user chooses.
#include "core/number_format.hpp"
#include "ui/export_buttons.hpp"

#include "storage/list_export.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

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

ExportOutcome runExport(const std::string& dbPath, const ExportReader& reader, const std::string& path, bool masked,
                        TaskControl* control, std::int64_t expectedRows) {
    ExportOutcome o;
    o.path = path;
    o.masked = masked;
    try {
        // Written beside the target as read and renamed at the end; a cancel or a failure drops the temporary.
        ExportFileWriter writer(path, control ? &control->cancelFlag() : nullptr);
        try {
            const std::unique_ptr<storage::Storage> own = detail::openReadOnly(dbPath);
            ExportProgress progress(control, expectedRows);
            reader(*own, progress, writer);
        } catch (const ExportCancelled&) {
            o.cancelled = true;
            return o;
        } catch (const ExportWriteFailed&) {
            throw;
        } catch (const std::exception& e) {
            o.error = formatMessage(str::kExpReadFailedFormat, e.what());
            return o;
        }
        const std::string error = writer.finish();
        if (control && control->cancelled()) {
            o.cancelled = true;
            return o;
        }
        o.error = error;
        if (error.empty()) o.rows = writer.rows();
    } catch (const ExportWriteFailed& e) {
        o.error = e.what();
    }
    return o;
}

void startExport(AppState& app, ExportButtons& state, ExportReader reader, const std::string& path, bool masked,
                 std::int64_t expectedRows) {
    state.message.clear();
    state.failed = false;
    state.expectedRows = expectedRows;
    state.job.start({app.storage.revision(), "export:" + path},
                    [dbPath = app.storage.path(), reader = std::move(reader), path, masked,
                     expectedRows](TaskControl& control) {
                        return runExport(dbPath, reader, path, masked, &control, expectedRows);
                    });
}

namespace {

// Takes a finished export into the message; true while one runs.
bool pollExport(AppState& app, ExportButtons& state) {
    if (state.job.poll()) {
        const ExportOutcome* o = state.job.result();
        if (!o) {   // the body threw (it should not): say so
            state.failed = true;
            state.message = formatMessage(str::kExpReadFailedFormat, state.job.error().c_str());
        } else if (o->cancelled) {
            state.failed = false;
            state.rowsWritten = 0;
            state.message = str::kExpCancelled;
        } else {
            state.failed = !o->error.empty();
            state.rowsWritten = state.failed ? 0 : static_cast<int>(o->rows);
            state.message = state.failed ? o->error
                                         : std::string(str::kExpDone) + fmt::count(static_cast<long long>(o->rows)) +
                                               str::kExpRowsTo + o->path + (o->masked ? str::kExpMaskedNote : "");
        }
        if (app.noteText) app.noteText(state.message);   // the path's characters need glyphs
    }
    return state.job.running();
}

// The running export's line: rows read so far (of how many) and 取消.
void drawProgress(ExportButtons& state, const std::string& k) {
    const std::int64_t read = state.job.count();
    const std::string line =
        state.job.cancelling() ? std::string(str::kExpCancelling)
        : state.expectedRows > 0
            ? formatMessage(str::kExpProgressOfFormat, fmt::count(static_cast<long long>(read)).c_str(),
                            fmt::count(static_cast<long long>(state.expectedRows)).c_str())
            : formatMessage(str::kExpProgressFormat, fmt::count(static_cast<long long>(read)).c_str());
    ImGui::TextDisabled("%s", line.c_str());
    locate((k + ".progress").c_str());
    ImGui::SameLine();
    ImGui::BeginDisabled(state.job.cancelling());
    if (ImGui::SmallButton(str::kExpCancel)) state.job.cancel();
    ImGui::EndDisabled();
    locate((k + ".cancel").c_str());
}

// A reader handing back a table built already (from a screen's memory).
ExportReader readerOfTable(ExportTable table) {
    return [table = std::move(table)](storage::Storage&, ExportProgress&, ExportRowSink& out) { out.begin(table); };
}

} // namespace

void drawExportMenu(AppState& app, ExportButtons& state, const char* what, bool hasIdColumns,
                    const ExportReaderFor& readerFor, std::int64_t expectedRows, const char* key) {
    const std::string k = key;
    ImGui::PushID(key);
    const bool busy = pollExport(app, state);
    ImGui::BeginDisabled(busy);
    if (ImGui::Button(str::kExpButton)) ImGui::OpenPopup("export_menu");
    ImGui::EndDisabled();
    locate(k.c_str());
    if (busy) {
        ImGui::SameLine();
        drawProgress(state, k);
    } else if (!state.message.empty()) {
        // The outcome stays beside the button (short), in full on hover.
        ImGui::SameLine();
        if (state.failed) ImGui::TextColored(kErrorColor, "%s", str::kExpFailedShort);
        else if (state.message == str::kExpCancelled) ImGui::TextDisabled("%s", str::kExpCancelled);
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
            startExport(app, state, readerFor(state.unmasked), state.picker.path, hasIdColumns && !state.unmasked,
                        expectedRows);
        } catch (const std::exception& e) {
            state.failed = true;
            state.message = e.what();
            if (app.noteText) app.noteText(state.message);
        }
    }
    ImGui::PopID();
}

void drawExportMenu(AppState& app, ExportButtons& state, const char* what, bool hasIdColumns,
                    const ExportTableBuilder& build, const char* key) {
    drawExportMenu(app, state, what, hasIdColumns,
                   [&build](bool unmasked) { return readerOfTable(build(unmasked)); }, 0, key);
}

void drawExportButtons(AppState& app, ExportButtons& state, ExportList list, const char* key) {
    const std::string k = key;
    ImGui::PushID(key);
    const bool busy = pollExport(app, state);
    const std::string what = list == ExportList::Volunteers ? str::kExpVolunteersFile : str::kExpFamiliesFile;
    ImGui::BeginDisabled(busy);
    if (ImGui::Button(str::kExpExcel)) startPicker(app, state, what, ".xlsx");
    locate((k + ".xlsx").c_str());
    ImGui::SameLine();
    if (ImGui::Button(str::kExpCsv)) startPicker(app, state, what, ".csv");
    locate((k + ".csv").c_str());
    ImGui::EndDisabled();
    if (hasIdColumns(list)) {
        ImGui::SameLine();
        ImGui::Checkbox(str::kExpUnmask, &state.unmasked);
        locate((k + ".unmask").c_str());
    }
    if (drawFilePickerModal(app, state.picker, str::kExpPickerTitle, (k + ".picker").c_str())) {
        const bool unmasked = state.unmasked;
        ExportReader reader = [list, unmasked](storage::Storage& own, ExportProgress&, ExportRowSink& out) {
            if (list == ExportList::Volunteers) storage::writeVolunteersExport(own, unmasked, out);
            else storage::writeFamiliesExport(own, out);
        };
        startExport(app, state, std::move(reader), state.picker.path, hasIdColumns(list) && !unmasked, 0);
    }
    if (busy) drawProgress(state, k);
    else drawMessage(state);
    ImGui::PopID();
}

} // namespace jinguo::ui
