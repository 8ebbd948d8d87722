// pdf_export.cpp — 导出PDF: pick a place, write on a worker, say where.
#include "ui/pdf_export.hpp"

#include "ui/export_buttons.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <filesystem>

namespace jinguo::ui {

void drawPdfExportButton(AppState& app, PdfExportButton& s, const std::string& what, PdfWriter writer,
                         const char* key) {
    const std::string k = key;
    ImGui::PushID(key);
    if (s.job.poll() && s.job.result()) {
        const PdfExportOutcome& o = *s.job.result();
        s.failed = !o.error.empty();
        s.message = s.failed ? o.error
                             : str::kPdfDone + o.path + str::kPdfPagesOpen + std::to_string(o.pages) + str::kPdfPagesClose;
        if (app.noteText) app.noteText(s.message);   // the path's characters need glyphs
    }
    const bool busy = s.job.running();   // busy() is also true before the first run
    ImGui::BeginDisabled(busy);
    if (ImGui::Button(str::kPdfButton)) {
        // The folder used last, else 桌面 — as 导出 does.
        const std::string folder = s.picker.directory.empty() ? desktopDirectory() : s.picker.directory;
        resetFilePicker(s.picker, FilePicker::Mode::Save, {".pdf"},
                        (std::filesystem::path(folder.empty() ? homeDirectory() : folder)
                         / exportFileName(what, app.today, ".pdf")).string());
        s.picker.requestOpen = true;
    }
    ImGui::EndDisabled();
    locate(k.c_str());
    if (busy) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", str::kPdfWriting);
    } else if (!s.message.empty()) {
        ImGui::SameLine();
        if (s.failed) ImGui::TextColored(kErrorColor, "%s", s.message.c_str());
        else ImGui::TextDisabled("%s", s.message.c_str());
        locate((k + ".message").c_str());
    }
    if (drawFilePickerModal(app, s.picker, str::kPdfPickerTitle, (k + ".picker").c_str())) {
        const std::string path = s.picker.path;
        s.message.clear();
        s.job.start({app.storage.revision(), "pdf:" + path},
                    [dbPath = app.storage.path(), path, writer = std::move(writer)](TaskControl&) {
                        PdfExportOutcome o;
                        o.path = path;
                        try {
                            const std::unique_ptr<storage::Storage> own = detail::openReadOnly(dbPath);
                            o.error = writer(*own, path, &o.pages);
                        } catch (const std::exception& e) {
                            o.error = e.what();
                        }
                        return o;
                    });
    }
    ImGui::PopID();
}

} // namespace jinguo::ui
