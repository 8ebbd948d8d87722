// The window of a long open: what it says at each step of an old big file's
// upgrade, and how far its bar is.
#include <doctest/doctest.h>

#include "headless_ui.hpp"
#include "storage/open_progress.hpp"
#include "support/screen_text.hpp"
#include "ui/screen_opening.hpp"

#include <string>

using namespace jinguo;
using storage::OpenProgress;
using storage::OpenStage;

TEST_CASE("the opening window names each step of an upgrade and how far it is") {
    OpenProgress progress;
    bool closeAsked = false;
    test::HeadlessUi ui([&] { ui::drawOpeningScreen(progress, "/data/临江区.db", 75.0, closeAsked); });

    // The check of a big file: no fraction to tell.
    ui.frame();
    CHECK(ui::openingStepText(progress).find("检查") != std::string::npos);
    CHECK(ui::openingFraction(progress) < 0.0f);

    // The backup before the upgrade: pages copied of all.
    {
        const storage::ScopedOpenProgress watch(progress);
        storage::reportOpenStage(OpenStage::BackingUp, 400);
        storage::reportOpenDone(100);
    }
    ui.frame();
    CHECK(ui::openingStepText(progress).find("备份") != std::string::npos);
    CHECK(ui::openingFraction(progress) == doctest::Approx(0.25));
    CHECK(test::onScreen("25%"));   // the bar's overlay

    // The second of three migrations: one whole step done; the name is said.
    {
        const storage::ScopedOpenProgress watch(progress);
        storage::reportOpenMigration(2, 3, "0021_family_list");
    }
    closeAsked = true;   // the close button: the window stays and says why
    ui.frame();
    CHECK(ui::openingStepText(progress) == "正在升级数据库结构：第 2 步，共 3 步（0021_family_list）");
    CHECK(ui::openingFraction(progress) == doctest::Approx(1.0 / 3.0));

    // The pinyin keys, batch by batch; a count past the total (ids with gaps) stays at 100 %.
    {
        const storage::ScopedOpenProgress watch(progress);
        storage::reportOpenStage(OpenStage::FillingKeys, 1000);
        storage::reportOpenAdvance(600);
        CHECK(ui::openingFraction(progress) == doctest::Approx(0.6));
        storage::reportOpenAdvance(600);
    }
    ui.frame();
    CHECK(ui::openingStepText(progress).find("拼音") != std::string::npos);
    CHECK(ui::openingFraction(progress) == doctest::Approx(1.0));
    CHECK(test::onScreen("100%"));
}

TEST_CASE("reports from a thread nobody watches go nowhere") {
    OpenProgress progress;
    storage::reportOpenStage(OpenStage::FillingKeys, 10);   // no watcher installed on this thread
    storage::reportOpenAdvance(5);
    CHECK(progress.currentStage() == OpenStage::Checking);
    CHECK(progress.done.load() == 0);
}
