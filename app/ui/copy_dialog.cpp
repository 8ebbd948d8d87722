// copy_dialog.cpp — see copy_dialog.hpp.
#include "ui/copy_dialog.hpp"

#include "core/line_break.hpp"
#include "core/number_format.hpp"
#include "storage/database.hpp"
#include "storage/pg_connection.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>

#include <filesystem>

namespace jinguo::ui {

void openCopyDialog(AppState& app, CopyDialog& d) {
    d.problem.clear();
    d.target.clear();
    d.shownTarget.clear();
    d.job.takeResult();
    if (!storage::isServerConnection(app.storage.path())) {
        const std::filesystem::path current(app.storage.path());
        d.filePath = (current.parent_path() / (current.stem().string() + "-副本.db")).string();
        if (app.noteText) app.noteText(d.filePath);
    }
    d.requestOpen = true;
}

namespace {

// The result line broken where Chinese may break (core/line_break.hpp):
// ImGui's own wrap cut it inside the row count ("2,699,\n811行").
std::string copyResultLines(const std::string& message, float width) {
    std::string text;
    for (const std::string& line : breakLines(message, width, [](std::string_view piece) {
             return ImGui::CalcTextSize(piece.data(), piece.data() + piece.size()).x;
         }))
        text += (text.empty() ? "" : "\n") + line;
    return text;
}

// `target`: a file path, or a server's connection string from
// acceptServerFields (no password in it: the session holds the typed one).
void start(AppState& app, CopyDialog& d, const std::string& target) {
    d.target = target;
    d.shownTarget = d.toServer ? storage::describeConnection(d.target) : d.filePath;
    d.job.takeResult();
    // The body opens its own connections to both sides: a path and a
    // connection string in, the report (or a Chinese refusal) out.
    d.job.start(TaskKey{0, "copy:" + d.shownTarget},
                [from = app.storage.path(), to = d.target](TaskControl& control) {
                    return storage::copyDatabase(from, to, [&control](const storage::CopyProgress& p) {
                        if (control.cancelled()) throw storage::CopyCancelled();
                        control.setProgress(p.verifying || p.rowsTotal == 0 ? 1.0 : double(p.rowsCopied) / double(p.rowsTotal),
                                            p.rowsCopied);
                    });
                });
}

} // namespace

std::string drawCopyDialog(AppState& app, CopyDialog& d) {
    if (d.requestOpen) {
        ImGui::OpenPopup(str::kCopyTitle);
        d.requestOpen = false;
    }
    d.job.poll();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    // Top anchored: it grows downwards, its title stays on screen.
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.06f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.0f));
    // Grows with what it shows (a refusal, the progress, the result); texts
    // wrap at half the window's width so the width stays put.
    if (!ImGui::BeginPopupModal(str::kCopyTitle, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize))
        return "";
    std::string toOpen;
    const bool running = d.job.running();
    const bool finished = !running && d.job.result() != nullptr;
    const float width = viewport->Size.x * 0.5f;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
    ImGui::Dummy(ImVec2(width, 0));
    ImGui::TextDisabled("%s", str::kCopyHelp);
    ImGui::Spacing();
    ImGui::BeginDisabled(running || finished);
    if (ImGui::RadioButton(str::kCopyToServer, d.toServer)) d.toServer = true;
    locate("copy.to_server");
    ImGui::SameLine();
    if (ImGui::RadioButton(str::kCopyToFile, !d.toServer)) d.toServer = false;
    locate("copy.to_file");
    // On a server the fields' own button starts the copy (Enter too).
    std::string serverTarget;
    if (d.toServer) serverTarget = drawServerFields(app.noteText, d.server, "copy.server", str::kCopyStart);
    else labelledField(app, str::kCopyFilePath, "copy.path", &d.filePath, "", ImGui::GetFontSize() * 28);
    ImGui::EndDisabled();
    if (!serverTarget.empty() && !running && !finished) start(app, d, serverTarget);
    ImGui::Spacing();

    if (running) {
        const float fraction = d.job.fraction();
        const std::string overlay = fraction >= 1.0f ? std::string(str::kCopyVerifying)
                                                     : std::string(str::kCopyRunning) + " " + fmt::grouped(double(d.job.count())) + " 行";
        ImGui::ProgressBar(fraction, ImVec2(width, 0.0f), overlay.c_str());
        if (ImGui::Button(str::kCopyCancel)) d.job.cancel();   // seen at the next progress report; the target stays as it was
        locate("copy.cancel");
    } else if (finished) {
        const storage::CopyReport& r = *d.job.result();
        okText(app, copyResultLines(std::string(str::kCopyDone) + "“" + d.shownTarget + "”，" + std::to_string(r.tables.size())
                                        + "个表，共" + fmt::grouped(double(r.rows)) + "行，" + std::to_string(r.numbersCompared)
                                        + "项合计，用时" + fmt::fixedGrouped(r.seconds, 1) + "秒。",
                                    width));
        if (ImGui::Button(str::kCopyOpen)) {
            toOpen = d.target;   // a server's holds no password: the session has it
            ImGui::CloseCurrentPopup();
        }
        locate("copy.open");
        ImGui::SameLine();
        if (ImGui::Button(str::kCopyClose)) ImGui::CloseCurrentPopup();
        locate("copy.close");
    } else {
        if (!d.problem.empty()) errorText(app, d.problem);
        if (!d.job.error().empty()) errorText(app, std::string(str::kCopyFailed) + d.job.error());
        if (!d.toServer) {
            if (ImGui::Button(str::kCopyStart)) {
                d.problem = d.filePath.empty() ? str::kCopyNoFile : "";
                if (d.problem.empty()) start(app, d, d.filePath);
            }
            locate("copy.start");
            ImGui::SameLine();
        }
        if (ImGui::Button(str::kCopyClose)) ImGui::CloseCurrentPopup();
        locate("copy.close");
    }
    ImGui::PopTextWrapPos();
    ImGui::EndPopup();
    return toOpen;
}

} // namespace jinguo::ui
