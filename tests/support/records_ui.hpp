// records_ui.hpp — the set-up of the headless record-screen tests: a fresh
// database with 临江区 → 滨江街道 → 望江社区 written through RecordStore (the
// audited path, so the units are undo steps like a user's), tasks run inline
// and today fixed. A test's own fixture derives from it and adds its helpers.
#pragma once

#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "temp_db.hpp"
#include "ui/app_state.hpp"
#include "ui/task_runner.hpp"

namespace jinguo::test {

struct RecordsUi {
    TempDbPath path;
    storage::Storage storage{path.str()};
    storage::RecordStore records{storage};
    RowId district = 0, street = 0, community = 0;
    // The 家庭 list is loaded by a ui::Task: inline, it arrives in the frame
    // that asks for it, so a test can click and check at once.
    ui::InlineTaskExecutor tasks;
    ui::ScopedTaskExecutor useTasks{tasks};
    ui::AppState app{storage};

    RecordsUi() {
        district = records.addUnit({0, 0, "临江区", UnitKind::District, 5000, 0});
        street = records.addUnit({0, district, "滨江街道", UnitKind::Street, 3000, 0});
        community = records.addUnit({0, street, "望江社区", UnitKind::Community, 3000, 0});
        app.today = "2026-11-29";
    }
};

} // namespace jinguo::test
