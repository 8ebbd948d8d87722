// screen_first_run.cpp — see screen_first_run.hpp.
#include "ui/screen_first_run.hpp"

#include "ui/database_session.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <filesystem>

namespace fs = std::filesystem;

namespace jinguo::ui {

namespace {

void note(const NoteText& noteText, const std::string& text) {
    if (noteText && !text.empty()) noteText(text);
}

void wrappedError(const NoteText& noteText, const std::string& message) {
    if (message.empty()) return;
    note(noteText, message);
    ImGui::PushStyleColor(ImGuiCol_Text, kErrorColor);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(message.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

// A large button with its explanation beside it.
bool choiceButton(const char* label, const char* help, const char* key, float width) {
    const bool clicked = ImGui::Button(label, ImVec2(width, ImGui::GetFrameHeight() * 1.8f));
    locate(key);
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", help);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    return clicked;
}

} // namespace

void resetNewDatabaseForm(NewDatabaseForm& form, const std::string& standardPath) {
    form = NewDatabaseForm{};
    form.path = standardPath;
    std::error_code ec;
    if (!standardPath.empty() && fs::exists(standardPath, ec)) {
        // Taken: the same folder, a free name.
        const fs::path p(standardPath);
        for (int n = 2; n < 100; ++n) {
            const fs::path candidate = p.parent_path() / (p.stem().string() + "-" + std::to_string(n) + ".db");
            if (!fs::exists(candidate, ec)) {
                form.path = candidate.string();
                break;
            }
        }
    }
}

bool drawNewDatabaseForm(NewDatabaseForm& f, const NoteText& noteText, const char* key, bool canCancel,
                         bool* cancelled) {
    const std::string k = key;
    ImGui::TextUnformatted(str::kNewDistrict);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    if (ImGui::InputTextWithHint(("##" + k + ".district").c_str(), str::kNewDistrictHint, &f.district))
        note(noteText, f.district);
    locate((k + ".district").c_str());
    ImGui::Spacing();
    ImGui::TextUnformatted(str::kNewPath);
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 7);
    if (ImGui::InputText(("##" + k + ".path").c_str(), &f.path)) note(noteText, f.path);
    locate((k + ".path").c_str());
    ImGui::SameLine();
    if (ImGui::Button(str::kNewChoosePath)) {
        resetFilePicker(f.picker, FilePicker::Mode::Save, {".db"}, f.path);
        f.picker.requestOpen = true;
    }
    locate((k + ".choose").c_str());
    if (drawFilePickerModal(noteText, f.picker, str::kNewPickerTitle, (k + ".picker").c_str())) {
        f.path = f.picker.path;
        note(noteText, f.path);
    }
    ImGui::Spacing();
    wrappedError(noteText, f.error);
    bool created = false;
    if (ImGui::Button(str::kNewCreate, ImVec2(ImGui::GetFontSize() * 6, 0))) {
        std::string path = f.path;
        if (!path.empty() && fs::path(path).extension() != ".db") path += ".db";
        f.error = createNewDatabase(path, f.district);
        if (f.error.empty()) {
            f.path = path;
            created = true;
        }
    }
    locate((k + ".create").c_str());
    if (canCancel) {
        ImGui::SameLine();
        if (ImGui::Button(str::kNewCancel, ImVec2(ImGui::GetFontSize() * 6, 0)) && cancelled) *cancelled = true;
        locate((k + ".cancel").c_str());
    }
    return created;
}

FirstRunChoice drawFirstRunScreen(FirstRunScreen& s, const NoteText& noteText) {
    ItemLocator::instance().beginFrame();
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("##first_run", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    FirstRunChoice choice = FirstRunChoice::None;
    const float margin = ImGui::GetFontSize() * 2;
    ImGui::SetCursorPos(ImVec2(margin, margin));
    ImGui::BeginGroup();
    headingText(str::kFirstWelcome);
    ImGui::Separator();
    ImGui::Spacing();
    if (s.demoJob.poll()) {
        s.error = s.demoJob.error();
        if (s.error.empty() && s.demoJob.result()) s.error = *s.demoJob.result();
        if (s.error.empty()) {
            s.chosenPath = s.demoPath;
            s.chosenDemo = true;
            choice = FirstRunChoice::Open;
        }
    }
    if (s.demoJob.running()) {
        // The demo is written on a task (a few seconds): the window keeps drawing.
        ImGui::TextUnformatted(str::kFirstDemoWriting);
        locate("first.demo_progress");
    } else if (s.newPage) {
        ImGui::TextUnformatted(str::kFirstNew);
        ImGui::TextDisabled("%s", str::kFirstNewHelp);
        ImGui::Spacing();
        bool cancelled = false;
        if (drawNewDatabaseForm(s.form, noteText, "first.form", true, &cancelled)) {
            s.chosenPath = s.form.path;
            s.chosenDemo = false;
            choice = FirstRunChoice::Open;
        }
        if (cancelled) s.newPage = false;
    } else {
        ImGui::PushTextWrapPos(viewport->WorkSize.x - margin);
        ImGui::TextUnformatted(str::kFirstIntro);
        ImGui::PopTextWrapPos();
        ImGui::Spacing();
        ImGui::Spacing();
        const float width = ImGui::GetFontSize() * 10;
        if (choiceButton(str::kFirstNew, str::kFirstNewHelp, "first.new", width)) {
            resetNewDatabaseForm(s.form, s.ownPath);
            note(noteText, s.form.path);
            s.newPage = true;
            s.error.clear();
        }
        if (choiceButton(str::kFirstOpen, str::kFirstOpenHelp, "first.open", width)) {
            resetOpenDialog(s.openDialog, s.ownPath);
            s.openDialog.requestOpen = true;
            s.error.clear();
        }
        if (choiceButton(str::kFirstDemo, str::kFirstDemoHelp, "first.demo", width)) {
            s.error.clear();
            startDemoDatabase(s.demoJob, s.demoPath);
        }
        ImGui::Spacing();
        wrappedError(noteText, s.error);
        ImGui::Spacing();
        if (ImGui::Button(str::kFirstQuit, ImVec2(ImGui::GetFontSize() * 6, 0))) choice = FirstRunChoice::Quit;
        locate("first.quit");
    }
    if (OpenChoice chosen; drawOpenDialog(noteText, s.openDialog, str::kOpenPickerTitle, "first.picker", chosen)) {
        s.chosenPath = chosen.path;
        s.chosenDemo = !s.demoPath.empty() && sameFile(s.chosenPath, s.demoPath);
        choice = FirstRunChoice::Open;
    }
    ImGui::EndGroup();
    ImGui::End();
    return choice;
}

} // namespace jinguo::ui
