// server_fields.cpp — see server_fields.hpp.
#include "ui/server_fields.hpp"

#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

namespace jinguo::ui {

namespace {
// libpq's quoting: 'value' with \ and ' escaped.
std::string quotedValue(const std::string& value) {
    std::string out = "'";
    for (char c : value) {
        if (c == '\\' || c == '\'') out += '\\';
        out += c;
    }
    return out + "'";
}

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}
} // namespace

bool drawServerFields(AppState& app, ServerFields& f, const std::string& key) {
    const float width = ImGui::GetFontSize() * 18;
    bool changed = false;
    changed |= labelledField(app, str::kServerHost, (key + ".host").c_str(), &f.host, str::kServerHostHint, width);
    changed |= labelledField(app, str::kServerPort, (key + ".port").c_str(), &f.port, "5432", width * 0.4f);
    changed |= labelledField(app, str::kServerDatabase, (key + ".database").c_str(), &f.database, str::kServerDatabaseHint, width);
    changed |= labelledField(app, str::kServerUser, (key + ".user").c_str(), &f.user, "", width);
    ImGui::TextUnformatted(str::kServerPassword);
    ImGui::SetNextItemWidth(width);
    changed |= ImGui::InputTextWithHint(("##" + key + ".password").c_str(), str::kServerPasswordHint, &f.password,
                                        ImGuiInputTextFlags_Password);
    locate((key + ".password").c_str());
    return changed;
}

std::string serverFieldsProblem(const ServerFields& f) {
    if (trimmed(f.database).empty()) return str::kServerNoDatabase;
    const std::string port = trimmed(f.port);
    if (!port.empty()) {
        const bool digits = port.size() <= 5 && std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!digits || std::stoi(port) < 1 || std::stoi(port) > 65535) return str::kServerBadPort;
    }
    if (trimmed(f.user).empty()) return str::kServerNoUser;
    return "";
}

std::string serverConninfo(const ServerFields& f) {
    std::string out;
    auto add = [&](const char* name, const std::string& value) {
        if (value.empty()) return;
        out += (out.empty() ? "" : " ") + std::string(name) + "=" + quotedValue(value);
    };
    add("host", trimmed(f.host));
    add("port", trimmed(f.port));
    add("dbname", trimmed(f.database));
    add("user", trimmed(f.user));
    add("password", f.password);
    return out;
}

} // namespace jinguo::ui
