// 帮助: F1 opens it from any section (asking first when a form is dirty, not
// while presenting); 关于 shows the version and where the files are.
#include "headless_ui.hpp"
#include "storage/backup_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/screen_help.hpp"

#include <doctest/doctest.h>

using namespace jinguo;

namespace {
constexpr int kF1 = 85;   // any free io.KeysDown index stands for the window's F1

void pressF1(test::HeadlessUi& ui) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[kF1] = true;
    ui.frame();
    io.KeysDown[kF1] = false;
    ui.frame();
}
} // namespace

TEST_CASE("F1 opens 帮助; 关于 names the version and the database") {
    test::TempDbPath path;
    storage::Storage storage(path.str());
    ui::AppState app(storage);
    app.section = ui::Section::Leaderboards;
    app.helpKeyIndex = kF1;
    test::HeadlessUi ui(app);
    pressF1(ui);
    CHECK(app.section == ui::Section::Help);
    CHECK(ui.visible("help.tab.guide"));
    ui.click("help.tab.about");
    CHECK(ui.visible("help.version"));
    // A file names its backup folder; a server (JINGUO_TEST_ENGINE=postgresql)
    // has none here: its pg_dump is the server's.
    ui.frame();
    CHECK(ui.visible("help.backups_folder") == !storage.db().isServer());
    CHECK(ui.visible("help.backups_server") == storage.db().isServer());
    ui::Section parsed{};
    CHECK(ui::sectionFromName("help", parsed));
    CHECK(parsed == ui::Section::Help);
    CHECK(std::string(ui::sectionLabel(ui::Section::Help)) == "帮助");
}

TEST_CASE("without a help key (or before the window sets it) nothing opens") {
    test::TempDbPath path;
    storage::Storage storage(path.str());
    ui::AppState app(storage);
    app.section = ui::Section::Overview;
    test::HeadlessUi ui(app);
    pressF1(ui);
    CHECK(app.section == ui::Section::Overview);
}
