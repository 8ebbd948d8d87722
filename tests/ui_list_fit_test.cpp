// ui_list_fit_test.cpp — record lists never cut a cell: on a narrow window the
// 志愿者 table keeps its columns at their minimum widths and scrolls sideways;
// on a wide one the name-like columns take the room and nothing scrolls.
#include "headless_ui.hpp"
#include "storage/storage.hpp"
#include "support/district.hpp"
#include "temp_db.hpp"
#include "ui/screen_volunteers.hpp"
#include "ui/ui_strings.hpp"

#include <doctest/doctest.h>
#include <imgui_internal.h>

#include <cstring>

using namespace jinguo;

namespace {

// The table whose third column is headed `header` (tables live in ImGui's pool
// after the frame that drew them).
ImGuiTable* tableWithColumn(int column, const char* header) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int i = 0; i < g.Tables.GetMapSize(); ++i) {
        ImGuiTable* table = g.Tables.TryGetMapData(i);
        if (table && table->ColumnsCount > column && table->LastFrameActive == g.FrameCount
            && std::strcmp(ImGui::TableGetColumnName(table, column), header) == 0)
            return table;
    }
    return nullptr;
}

struct Fixture {
    test::TempDbPath path;
    storage::Storage storage{path.str()};
    ui::AppState app{storage};

    Fixture() {
        test::buildDistrict(storage, {2000, {{"滨江街道", 2000, 0, {{"望江社区", 2000}}}}});
        app.today = "2026-11-29";
        app.section = ui::Section::Volunteers;
    }
};

} // namespace

TEST_CASE("the 志愿者 list scrolls sideways on a narrow window instead of cutting the ID column") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ImGui::GetIO().DisplaySize = ImVec2(900, 700);
    ui.frame();
    ui.frame();
    const ImGuiTable* table = tableWithColumn(2, ui::str::kColIdNumber);
    REQUIRE(table != nullptr);
    CHECK(table->Columns[2].WidthGiven >= ImGui::CalcTextSize("33010219560823732X").x);
    CHECK(table->Columns[7].WidthGiven >= ImGui::CalcTextSize("2026-09-14").x);   // 加入日期
    CHECK(table->InnerWindow->ScrollMax.x > 0.0f);
}

TEST_CASE("the 志愿者 list does not scroll sideways when its columns fit") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ImGui::GetIO().DisplaySize = ImVec2(3000, 900);
    ui.frame();
    ui.frame();
    const ImGuiTable* table = tableWithColumn(2, ui::str::kColIdNumber);
    REQUIRE(table != nullptr);
    CHECK(table->InnerWindow->ScrollMax.x == 0.0f);
    CHECK(table->Columns[2].WidthGiven >= ImGui::CalcTextSize("33010219560823732X").x);
    // The room left over goes to the stretch columns (姓名, 所属社区).
    CHECK(table->Columns[0].WidthGiven > ImGui::CalcTextSize("33010219560823732X").x);
}
