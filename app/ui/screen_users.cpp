// screen_users.cpp — see screen_users.hpp.
#include "ui/screen_users.hpp"

#include "core/text.hpp"
#include "storage/database.hpp"
#include "storage/pg_connection.hpp"
#include "storage/storage.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/theme.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>


namespace jinguo::ui {

namespace {

UsersView readUsers(storage::Storage& storage) {
    UsersView view;
    storage::PgDatabase& server = *storage.db().server();
    view.rights = storage::pgSessionRights(server);
    view.users = storage::listPgUsers(server);
    for (const storage::PgUnit& u : storage::listPgUnits(server))
        if (u.manageable) view.units.push_back({u.id, std::string(static_cast<std::size_t>(u.depth) * 2, ' ') + u.name});
    return view;
}

void note(AppState& app, const std::string& text) {
    if (app.noteText && !text.empty()) app.noteText(text);
}

std::string refuse(AppState& app, UsersScreen& s, std::string text) {
    s.error = text;
    s.message.clear();
    note(app, s.error);
    return text;
}

int roleIndex(const std::string& role) {
    for (std::size_t i = 0; i < userRoles().size(); ++i)
        if (userRoles()[i] == role) return static_cast<int>(i);
    return 1;
}

// Whether she may bind users to the unit (it is in the combo's list).
bool offered(const UsersView& view, RowId id) {
    for (const UsersView::Unit& u : view.units)
        if (u.id == id) return true;
    return false;
}

const char* unitLabel(const UsersView& view, RowId id) {
    for (const UsersView::Unit& u : view.units)
        if (u.id == id) return u.label.c_str();
    return str::kUsersPickUnit;
}

// A combo of the units in tree order; true when one was picked.
bool unitCombo(const UsersView& view, const char* key, RowId& unitId) {
    bool picked = false;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    if (ImGui::BeginCombo((std::string("##") + key).c_str(), trim(unitLabel(view, unitId)).c_str())) {
        for (const UsersView::Unit& u : view.units) {
            if (ImGui::Selectable((u.label + "##" + std::to_string(u.id)).c_str(), u.id == unitId)) {
                unitId = u.id;
                picked = true;
            }
            if (ItemLocator::instance().enabled()) locate((std::string(key) + "." + trim(u.label)).c_str());
        }
        ImGui::EndCombo();
    }
    locate(key);
    return picked;
}

void roleCombo(const char* key, int& role) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    if (ImGui::BeginCombo((std::string("##") + key).c_str(), userRoles()[static_cast<std::size_t>(role)].c_str())) {
        for (std::size_t i = 0; i < userRoles().size(); ++i) {
            if (ImGui::Selectable(userRoles()[i].c_str(), static_cast<int>(i) == role)) role = static_cast<int>(i);
            locate((std::string(key) + "." + userRoles()[i]).c_str());
        }
        ImGui::EndCombo();
    }
    locate(key);
}

void labelled(const char* label) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label);
    ImGui::SameLine(ImGui::GetFontSize() * 6);
}

void startPassword(UsersScreen& s, const std::string& name) {
    s.passwordFor = name;
    s.newPassword.clear();
    s.newPasswordAgain.clear();
    s.error.clear();
}

void drawAddForm(AppState& app, UsersScreen& s, const UsersView& view) {
    headingText(str::kUsersAddTitle);
    UserForm& f = s.add;
    labelled(str::kUsersName);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::InputTextWithHint("##users.add.name", str::kUsersNameHint, &f.name, ImGuiInputTextFlags_CharsNoBlank);
    locate("users.add.name");
    labelled(str::kUsersPassword);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::InputText("##users.add.password", &f.password, ImGuiInputTextFlags_Password);
    locate("users.add.password");
    labelled(str::kUsersPasswordAgain);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::InputText("##users.add.password_again", &f.passwordAgain, ImGuiInputTextFlags_Password);
    locate("users.add.password_again");
    labelled(str::kUsersUnit);
    unitCombo(view, "users.add.unit", f.unitId);
    labelled(str::kUsersRole);
    roleCombo("users.add.role", f.role);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", str::kUsersRoleHelp);
    if (ImGui::Button(str::kUsersAdd, ImVec2(ImGui::GetFontSize() * 6, 0))) addUserFromForm(app, s);
    locate("users.add.ok");
}

void drawTable(AppState& app, UsersScreen& s, const UsersView& view) {
    const bool manage = view.rights.canManageUsers;
    if (view.users.empty()) {
        ImGui::TextDisabled("%s", str::kUsersNone);
        return;
    }
    const int columns = manage ? 6 : 5;
    if (!ImGui::BeginTable("users.table", columns, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit))
        return;
    ImGui::TableSetupColumn(str::kUsersName);
    ImGui::TableSetupColumn(str::kUsersUnit);
    ImGui::TableSetupColumn(str::kUsersRole);
    ImGui::TableSetupColumn(str::kUsersAddedAt);
    ImGui::TableSetupColumn(str::kUsersAddedBy);
    if (manage) ImGui::TableSetupColumn("##actions");
    ImGui::TableHeadersRow();
    for (const storage::PgUser& u : view.users) {
        ImGui::PushID(u.name.c_str());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(u.name.c_str());
        if (u.name == view.rights.user) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", str::kUsersYou);
        }
        ImGui::TableNextColumn();
        note(app, u.unitName);
        ImGui::TextUnformatted(u.unitName.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(u.role.c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", u.createdAt.c_str());
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", u.createdBy.c_str());
        if (manage) ImGui::TableNextColumn();
        // Her own row, or one she cannot reach (a unit above hers), has no buttons.
        if (manage && u.name != view.rights.user && offered(view, u.unitId)) {
            if (ImGui::SmallButton(str::kUsersEdit)) {
                s.editing = u.name;
                s.editUnit = u.unitId;
                s.editRole = roleIndex(u.role);
                s.error.clear();
            }
            locate(("users.edit." + u.name).c_str());
            ImGui::SameLine();
            if (ImGui::SmallButton(str::kUsersResetPassword)) startPassword(s, u.name);
            locate(("users.password." + u.name).c_str());
            ImGui::SameLine();
            if (ImGui::SmallButton(str::kUsersRemove)) {
                s.removing = u.name;
                s.confirmRemove.ask(std::string(str::kUsersRemoveAskA) + u.name + "（" + u.unitName + "，" + u.role
                                    + "）" + str::kUsersRemoveAskB);
            }
            locate(("users.remove." + u.name).c_str());
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
    if (drawConfirmPopup(app, s.confirmRemove, "users.remove.confirm", str::kUsersRemove) == ConfirmChoice::Confirmed)
        removeUser(app, s, s.removing);
}

void drawPasswordRow(AppState& app, UsersScreen& s) {
    if (s.passwordFor.empty()) return;
    ImGui::Spacing();
    ImGui::Text(str::kUsersPasswordFor, s.passwordFor.c_str());
    labelled(str::kUsersNewPassword);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::InputText("##users.password.new", &s.newPassword, ImGuiInputTextFlags_Password);
    locate("users.password.new");
    labelled(str::kUsersPasswordAgain);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::InputText("##users.password.again", &s.newPasswordAgain, ImGuiInputTextFlags_Password);
    locate("users.password.again");
    if (ImGui::Button(str::kUsersSave)) savePassword(app, s);
    locate("users.password.save");
    ImGui::SameLine();
    if (ImGui::Button(str::kPickCancel)) s.passwordFor.clear();
    locate("users.password.cancel");
}

void drawEditRow(AppState& app, UsersScreen& s, const UsersView& view) {
    if (s.editing.empty()) return;
    ImGui::Spacing();
    ImGui::Text(str::kUsersEditing, s.editing.c_str());
    labelled(str::kUsersUnit);
    unitCombo(view, "users.edit.unit", s.editUnit);
    labelled(str::kUsersRole);
    roleCombo("users.edit.role", s.editRole);
    if (ImGui::Button(str::kUsersSave)) saveUserEdit(app, s);
    locate("users.edit.save");
    ImGui::SameLine();
    if (ImGui::Button(str::kPickCancel)) s.editing.clear();
    locate("users.edit.cancel");
}

} // namespace

const std::vector<std::string>& userRoles() {
    static const std::vector<std::string> roles = {"管理员", "录入", "只读"};
    return roles;
}

std::string addUserFromForm(AppState& app, UsersScreen& s) {
    UserForm& f = s.add;
    if (trim(f.name).empty()) return refuse(app, s, str::kUsersNoName);
    if (f.password.empty()) return refuse(app, s, str::kUsersNoPassword);
    if (f.password != f.passwordAgain) return refuse(app, s, str::kUsersPasswordsDiffer);
    if (f.unitId == 0) return refuse(app, s, str::kUsersNoUnit);
    try {
        const storage::PgUser added = storage::addPgUser(
            *app.storage.db().server(),
            {trim(f.name), std::to_string(f.unitId), userRoles()[static_cast<std::size_t>(f.role)], f.password});
        s.message = std::string(str::kUsersAdded) + added.name + "（" + added.unitName + "，" + added.role + "）";
        note(app, s.message);
        s.error.clear();
        s.add = UserForm{};
        ++s.reloads;
        return "";
    } catch (const std::exception& e) {
        return refuse(app, s, e.what());
    }
}

std::string saveUserEdit(AppState& app, UsersScreen& s) {
    if (s.editing.empty()) return "";
    try {
        const storage::PgUser changed = storage::updatePgUser(*app.storage.db().server(), s.editing,
                                                              std::to_string(s.editUnit),
                                                              userRoles()[static_cast<std::size_t>(s.editRole)]);
        s.message = std::string(str::kUsersChanged) + changed.name + "（" + changed.unitName + "，" + changed.role + "）";
        note(app, s.message);
        s.error.clear();
        s.editing.clear();
        ++s.reloads;
        return "";
    } catch (const std::exception& e) {
        return refuse(app, s, e.what());
    }
}

std::string savePassword(AppState& app, UsersScreen& s) {
    if (s.passwordFor.empty()) return "";
    if (s.newPassword.empty()) return refuse(app, s, str::kUsersNoPassword);
    if (s.newPassword != s.newPasswordAgain) return refuse(app, s, str::kUsersPasswordsDiffer);
    try {
        storage::PgDatabase& server = *app.storage.db().server();
        const bool own = s.passwordFor == storage::pgSessionRights(server).user;
        storage::setPgUserPassword(server, s.passwordFor, s.newPassword);
        if (own) {
            const std::string kept = storage::ownPasswordChanged(app.storage.db().path(), s.newPassword);
            s.message = std::string(str::kUsersOwnPasswordSet) + kept;
        } else {
            s.message = str::kUsersPasswordResetA + s.passwordFor + str::kUsersPasswordResetB;
        }
        note(app, s.message);
        s.error.clear();
        s.passwordFor.clear();
        s.newPassword.clear();
        s.newPasswordAgain.clear();
        return "";
    } catch (const std::exception& e) {
        return refuse(app, s, e.what());
    }
}

std::string removeUser(AppState& app, UsersScreen& s, const std::string& name) {
    try {
        storage::removePgUser(*app.storage.db().server(), name);
        s.message = std::string(str::kUsersRemoved) + name;
        note(app, s.message);
        s.error.clear();
        if (s.editing == name) s.editing.clear();
        ++s.reloads;
        return "";
    } catch (const std::exception& e) {
        return refuse(app, s, e.what());
    }
}

void drawUsersTab(AppState& app, UsersScreen& s) {
    ImGui::PushTextWrapPos(0.0f);
    if (!app.storage.db().isServer()) {
        ImGui::TextUnformatted(str::kUsersFileOnly);
        locate("users.file_only");
        ImGui::PopTextWrapPos();
        return;
    }
    s.view.request(app.storage, "pg_users:" + std::to_string(s.reloads), readUsers);
    s.view.poll();
    if (!s.view.error().empty()) {
        note(app, s.view.error());
        ImGui::TextColored(kErrorColor, "%s", s.view.error().c_str());
        locate("users.read_error");
        ImGui::PopTextWrapPos();
        return;
    }
    const UsersView* view = s.view.result();
    if (!view) {
        ImGui::TextDisabled("%s", str::kUsersReading);
        ImGui::PopTextWrapPos();
        return;
    }
    const std::string who = view->rights.user + (view->rights.role.empty() ? std::string(str::kUsersOwner)
                                                                           : "（" + view->rights.role + "）");
    ImGui::Text(str::kUsersLoggedInAs, who.c_str());
    // Her own password, whatever her role (the owner's is psql's \password).
    if (!view->rights.role.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton(str::kUsersChangeMine)) startPassword(s, view->rights.user);
        locate("users.password.mine");
    }
    if (!view->rights.canManageUsers) {
        ImGui::TextDisabled("%s", str::kUsersReadOnly);
        locate("users.read_only");
    }
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    drawTable(app, s, *view);
    drawPasswordRow(app, s);
    if (view->rights.canManageUsers) {
        drawEditRow(app, s, *view);
        ImGui::Spacing();
        ImGui::Separator();
        drawAddForm(app, s, *view);
    }
    ImGui::PushTextWrapPos(0.0f);
    if (!s.error.empty()) {
        ImGui::TextColored(kErrorColor, "%s", s.error.c_str());
        locate("users.error");
    }
    if (!s.message.empty()) {
        ImGui::TextUnformatted(s.message.c_str());
        locate("users.message");
    }
    ImGui::PopTextWrapPos();
}

} // namespace jinguo::ui
