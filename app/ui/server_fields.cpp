// server_fields.cpp — see server_fields.hpp.
#include "ui/server_fields.hpp"

#include "storage/database.hpp"
#include "storage/pg_connection.hpp"
#include "ui/item_locator.hpp"
#include "ui/theme.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace jinguo::ui {

void fillServerFields(ServerFields& fields, const std::string& conninfo) {
    fields.password.clear();
    fields.error.clear();
    fields.note.clear();
    if (!storage::isServerConnection(conninfo)) return;
    if (const auto address = storage::serverAddressOf(conninfo)) fields.address = *address;
}

std::string acceptServerFields(ServerFields& fields) {
    fields.error = checkServerAddress(fields.address);
    fields.note.clear();
    if (!fields.error.empty()) return "";
    if (fields.rememberPassword && fields.password.empty()) {
        fields.error = str::kServerRememberEmpty;
        return "";
    }
    const std::string conninfo = conninfoOf(fields.address);
    // An empty password field: whatever ~/.pgpass or the server's rules give.
    if (!fields.password.empty()) storage::setSessionPassword(conninfo, fields.password, fields.rememberPassword);
    else storage::forgetSessionPassword(conninfo);
    return conninfo;
}

namespace {
bool field(const NoteText& noteText, const char* label, const std::string& key, std::string& value, const char* hint,
           float width, ImGuiInputTextFlags flags = 0) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(ImGui::GetFontSize() * 6);
    ImGui::SetNextItemWidth(width);
    const bool entered = ImGui::InputTextWithHint(("##" + key).c_str(), hint, &value,
                                                  flags | ImGuiInputTextFlags_EnterReturnsTrue);
    locate(key.c_str());
    if (ImGui::IsItemEdited() && noteText && !(flags & ImGuiInputTextFlags_Password)) noteText(value);
    return entered;
}
} // namespace

std::string drawServerFields(const NoteText& noteText, ServerFields& f, const char* key, const char* okLabel) {
    const std::string k = key;
    const float wide = ImGui::GetFontSize() * 20;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", str::kServerIntro);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    bool entered = false;
    entered |= field(noteText, str::kServerHost, k + ".host", f.address.host, "192.168.1.10", wide);
    entered |= field(noteText, str::kServerPort, k + ".port", f.address.port, "5432", ImGui::GetFontSize() * 5,
                     ImGuiInputTextFlags_CharsDecimal);
    entered |= field(noteText, str::kServerDatabase, k + ".database", f.address.database, str::kServerDatabaseHint, wide);
    entered |= field(noteText, str::kServerUser, k + ".user", f.address.user, str::kServerUserHint, wide);
    entered |= field(noteText, str::kServerPassword, k + ".password", f.password, str::kServerPasswordHint, wide,
                     ImGuiInputTextFlags_Password);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetFontSize() * 6 - ImGui::GetStyle().ItemSpacing.x * 0);
    ImGui::Checkbox(str::kServerRemember, &f.rememberPassword);
    locate((k + ".remember").c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", str::kServerRememberHelp);
    // Where it would go, chosen at run time (the desktop's keyring or ~/.pgpass).
    ImGui::SameLine();
    const std::string place = std::string(str::kServerRememberIn) + storage::passwordKeeperPlace() + "）";
    if (noteText) noteText(place);
    ImGui::TextDisabled("%s", place.c_str());
    locate((k + ".remember_place").c_str());
    ImGui::Spacing();
    bool pressed = ImGui::Button(okLabel, ImVec2(ImGui::GetFontSize() * 8, 0));
    locate((k + ".ok").c_str());
    pressed |= entered;
    if (!f.error.empty()) {
        if (noteText) noteText(f.error);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kErrorColor, "%s", f.error.c_str());
        ImGui::PopTextWrapPos();
        locate((k + ".error").c_str());
    }
    if (!f.note.empty()) {
        if (noteText) noteText(f.note);
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(theme::kWarningColor, "%s", f.note.c_str());
        ImGui::PopTextWrapPos();
        locate((k + ".note").c_str());
    }
    return pressed ? acceptServerFields(f) : std::string();
}

} // namespace jinguo::ui
