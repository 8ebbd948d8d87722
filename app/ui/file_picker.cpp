// file_picker.cpp — a folder listing with shortcuts and a path field.
#include "ui/file_picker.hpp"

#include "core/number_format.hpp"
#include "core/text.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace jinguo::ui {

namespace {


std::string lowerAscii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool hasExtension(const FilePicker& p, const fs::path& path) {
    if (p.extensions.empty()) return true;
    const std::string ext = lowerAscii(path.extension().string());
    return std::find(p.extensions.begin(), p.extensions.end(), ext) != p.extensions.end();
}

std::string extensionList(const FilePicker& p) {
    std::string out;
    for (const std::string& e : p.extensions) out += (out.empty() ? "" : " ") + e;
    return out;
}

std::string firstExisting(std::initializer_list<const char*> names) {
    const std::string home = homeDirectory();
    std::error_code ec;
    for (const char* name : names) {
        const fs::path p = fs::path(home) / name;
        if (fs::is_directory(p, ec)) return p.string();
    }
    return {};
}

std::string humanSize(std::uintmax_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + " B";
    if (bytes < 1024 * 1024) return fmt::grouped(static_cast<double>(bytes) / 1024.0) + " KB";
    return fmt::grouped(static_cast<double>(bytes) / (1024.0 * 1024.0)) + " MB";
}

// Reads the folder once per change: never a directory scan per frame.
void listIfChanged(const NoteText& noteText, FilePicker& p) {
    if (p.listedDirectory == p.directory) return;
    p.entries.clear();
    p.listError.clear();
    p.listedDirectory = p.directory;
    std::error_code ec;
    fs::directory_iterator it(p.directory, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        p.listError = std::string(str::kPickListError) + ec.message();
        return;
    }
    std::string names;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const fs::directory_entry& e = *it;
        const std::string name = e.path().filename().string();
        if (name.empty() || name[0] == '.') continue;   // hidden files
        std::error_code statError;
        FilePicker::Entry entry;
        entry.name = name;
        entry.isDirectory = e.is_directory(statError);
        if (!entry.isDirectory) {
            if (!e.is_regular_file(statError)) continue;
            if (!hasExtension(p, e.path())) {
                // A .xls is shown (greyed, 需另存为 .xlsx): hiding it leaves the user wondering where the file went.
                if (!(p.advice && !p.advice(e.path().string()).empty())) continue;
                entry.needsConversion = true;
            }
            entry.size = e.file_size(statError);
        }
        names += name;
        p.entries.push_back(std::move(entry));
    }
    std::sort(p.entries.begin(), p.entries.end(), [](const FilePicker::Entry& a, const FilePicker::Entry& b) {
        if (a.isDirectory != b.isDirectory) return a.isDirectory;
        return a.name < b.name;
    });
    if (noteText) noteText(names);   // file names may hold characters the font lacks
}

void goTo(FilePicker& p, const std::string& directory) {
    if (directory.empty()) return;
    p.directory = directory;
    p.error.clear();
    p.confirmOverwrite = false;
    if (p.mode == FilePicker::Mode::Save) {
        // Keep the file name the user is about to save under, in the new folder.
        const std::string name = fs::path(p.path).filename().string();
        p.path = (fs::path(directory) / name).string();
    }
}

void shortcut(FilePicker& p, const char* label, const std::string& directory, const std::string& key) {
    ImGui::BeginDisabled(directory.empty());
    if (ImGui::Button(label)) goTo(p, directory);
    ImGui::EndDisabled();
    locate(key.c_str());
}

} // namespace

std::string homeDirectory() {
    const char* home = std::getenv("HOME");
    if (home && *home) return home;
    std::error_code ec;
    return fs::current_path(ec).string();
}
// Looked up once: the shortcuts are drawn every frame, and a stat per frame buys nothing.
std::string desktopDirectory() {
    static const std::string path = firstExisting({"桌面", "Desktop"});
    return path;
}
std::string downloadsDirectory() {
    static const std::string path = firstExisting({"下载", "Downloads"});
    return path;
}

void resetFilePicker(FilePicker& picker, FilePicker::Mode mode, std::vector<std::string> extensions,
                     const std::string& suggested) {
    picker.mode = mode;
    picker.extensions = std::move(extensions);
    picker.advice = nullptr;
    picker.error.clear();
    picker.confirmOverwrite = false;
    picker.listedDirectory.clear();   // read the folder afresh
    std::error_code ec;
    if (suggested.empty()) {
        picker.directory = homeDirectory();
        picker.path.clear();
    } else if (fs::is_directory(suggested, ec)) {
        picker.directory = suggested;
        picker.path.clear();
    } else {
        const fs::path parent = fs::path(suggested).parent_path();
        picker.directory = !parent.empty() && fs::is_directory(parent, ec) ? parent.string() : homeDirectory();
        picker.path = (fs::path(picker.directory) / fs::path(suggested).filename()).string();
    }
}

bool acceptFilePath(FilePicker& p) {
    std::string text = trim(p.path);
    // A path pasted from a file manager may come quoted or as a file:// URI.
    if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front())
        text = text.substr(1, text.size() - 2);
    if (text.rfind("file://", 0) == 0) text = text.substr(7);
    p.error.clear();
    if (text.empty()) {
        p.error = str::kPickNoFile;
        return false;
    }
    fs::path path(text);
    if (path.is_relative()) path = fs::path(p.directory) / path;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {   // a folder typed into the field: go there
        goTo(p, path.string());
        if (p.mode == FilePicker::Mode::Open) p.path.clear();
        return false;
    }
    if (p.mode == FilePicker::Mode::Open) {
        if (!fs::is_regular_file(path, ec)) {
            p.error = std::string(str::kPickNotFound) + path.string();
            return false;
        }
        if (!hasExtension(p, path)) {
            const std::string advice = p.advice ? p.advice(path.string()) : std::string();
            p.error = advice.empty() ? std::string(str::kPickWrongType) + extensionList(p) : advice;
            return false;
        }
        p.path = path.string();
        return true;
    }
    if (!p.extensions.empty() && !hasExtension(p, path)) path += p.extensions.front();
    if (!fs::is_directory(path.parent_path(), ec)) {
        p.error = str::kPickNoFolder;
        return false;
    }
    const bool exists = fs::exists(path, ec);
    if (exists && !(p.confirmOverwrite && p.path == path.string())) {
        p.path = path.string();
        p.confirmOverwrite = true;
        p.error = str::kPickOverwrite;
        return false;
    }
    p.path = path.string();
    p.confirmOverwrite = false;
    return true;
}

bool drawFileBrowser(const NoteText& noteText, FilePicker& p, const char* key, const char* okLabel, float height) {
    if (p.directory.empty()) p.directory = homeDirectory();
    listIfChanged(noteText, p);
    const std::string k = key;
    bool chosen = false;

    shortcut(p, str::kPickHome, homeDirectory(), k + ".home");
    ImGui::SameLine();
    shortcut(p, str::kPickDesktop, desktopDirectory(), k + ".desktop");
    ImGui::SameLine();
    shortcut(p, str::kPickDownloads, downloadsDirectory(), k + ".downloads");
    ImGui::SameLine();
    shortcut(p, str::kPickUp, fs::path(p.directory).parent_path().string(), k + ".up");
    ImGui::SameLine();
    if (ImGui::Button(str::kPickRefresh)) p.listedDirectory.clear();
    ImGui::SameLine();
    ImGui::TextDisabled("%s", p.directory.c_str());
    if (!p.extensions.empty()) {
        ImGui::SameLine();
        // With advice, other spreadsheets are listed too (greyed): say which open.
        ImGui::TextDisabled("（%s%s%s）", p.advice ? str::kPickCanOpen : str::kPickFilter, extensionList(p).c_str(),
                            p.advice ? str::kPickOthersListed : "");
    }

    const float footer = ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginChild((k + ".list").c_str(), ImVec2(0, std::max(120.0f, height - footer)), true);
    if (!p.listError.empty()) {
        ImGui::TextColored(kErrorColor, "%s", p.listError.c_str());
    } else if (p.entries.empty()) {
        ImGui::TextDisabled("%s", str::kPickEmpty);
    }
    const float sizeColumn = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 6;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(p.entries.size()));
    std::string enter;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const FilePicker::Entry& e = p.entries[static_cast<std::size_t>(i)];
            ImGui::PushID(i);
            const std::string label = (e.isDirectory ? std::string(str::kPickFolderMark) : std::string("    ")) + e.name;
            const std::string full = (fs::path(p.directory) / e.name).string();
            const bool selected = !e.isDirectory && p.path == full;
            const bool grey = e.needsConversion && !selected;   // greyed, but readable on the highlight
            if (grey) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            const bool clicked = ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick);
            if (grey) ImGui::PopStyleColor();
            if (clicked) {
                if (e.isDirectory) {
                    enter = full;   // one click opens a folder
                } else if (e.needsConversion) {
                    p.path = full;   // chosen, never accepted: say at once what to do with it
                    p.confirmOverwrite = false;
                    p.error = p.advice(full);
                } else {
                    p.path = full;
                    p.error.clear();
                    p.confirmOverwrite = false;
                    if (ImGui::IsMouseDoubleClicked(0) && acceptFilePath(p)) chosen = true;
                }
            }
            if (ItemLocator::instance().enabled()) locate((k + ".entry." + e.name).c_str());
            if (e.needsConversion) {
                ImGui::SameLine();
                ImGui::TextColored(kErrorColor, "%s", str::kPickNeedsXlsx);
                if (ItemLocator::instance().enabled()) locate((k + ".entry." + e.name + ".needs_xlsx").c_str());
            }
            if (!e.isDirectory) {
                ImGui::SameLine(sizeColumn);
                if (selected) ImGui::TextUnformatted(humanSize(e.size).c_str());   // readable on the highlight
                else ImGui::TextDisabled("%s", humanSize(e.size).c_str());
            }
            ImGui::PopID();
        }
    }
    ImGui::EndChild();
    if (!enter.empty()) goTo(p, enter);

    ImGui::TextUnformatted(str::kPickPathLabel);
    ImGui::SameLine();
    const float okWidth = ImGui::CalcTextSize(okLabel).x + ImGui::GetStyle().FramePadding.x * 4;
    ImGui::SetNextItemWidth(-okWidth);
    if (ImGui::InputText(("##" + k + ".path").c_str(), &p.path, ImGuiInputTextFlags_EnterReturnsTrue)) {
        if (acceptFilePath(p)) chosen = true;
    }
    locate((k + ".path").c_str());
    if (ImGui::IsItemEdited()) {
        p.confirmOverwrite = false;
        if (noteText) noteText(p.path);
    }
    ImGui::SameLine();
    if (ImGui::Button(okLabel, ImVec2(-1, 0)) && acceptFilePath(p)) chosen = true;
    locate((k + ".ok").c_str());
    if (!p.error.empty()) {
        if (noteText) noteText(p.error);
        ImGui::PushTextWrapPos(0.0f);   // the advice for a .xls is a sentence or two: wrapped, never cut off
        ImGui::TextColored(p.confirmOverwrite ? theme::kWarningColor : kErrorColor, "%s", p.error.c_str());
        ImGui::PopTextWrapPos();
        locate((k + ".error").c_str());
    }
    return chosen;
}

bool drawFilePickerModal(const NoteText& noteText, FilePicker& p, const char* title, const char* key) {
    if (p.requestOpen) {
        ImGui::OpenPopup(title);
        p.requestOpen = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(viewport->Size.x * 0.7f, viewport->Size.y * 0.7f), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    bool chosen = false;
    if (ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_NoSavedSettings)) {
        const float height = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing();
        chosen = drawFileBrowser(noteText, p, key, p.mode == FilePicker::Mode::Save ? str::kPickSave : str::kPickOpen,
                                 height);
        if (ImGui::Button(str::kPickCancel)) ImGui::CloseCurrentPopup();
        locate((std::string(key) + ".cancel").c_str());
        if (chosen) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    return chosen;
}

} // namespace jinguo::ui
