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

TEST_CASE("on a narrow window every record list keeps each column at least as wide as its header") {
    struct List { ui::Section section; const char* firstHeader; };
    const List lists[] = {{ui::Section::Families, ui::str::kRecColHead},
                          {ui::Section::Honours, ui::str::kRecColYear},
                          {ui::Section::Posts, ui::str::kPostsColWorkUnit},
                          {ui::Section::Units, ui::str::kRecColUnitName}};
    for (const List& list : lists) {
        CAPTURE(list.firstHeader);
        Fixture f;
        f.app.section = list.section;
        test::HeadlessUi ui(f.app);
        ImGui::GetIO().DisplaySize = ImVec2(900, 700);
        for (int i = 0; i < 5; ++i) ui.frame();   // a list loaded on a worker shows after a few frames
        const ImGuiTable* table = tableWithColumn(0, list.firstHeader);
        REQUIRE(table != nullptr);
        CHECK(table->InnerWindow->ScrollMax.x > 0.0f);   // the columns do not fit: it scrolls, nothing is squeezed
        for (int c = 0; c < table->ColumnsCount; ++c) {
            const char* header = ImGui::TableGetColumnName(table, c);
            CAPTURE(header);
            CHECK(table->Columns[c].WidthGiven >= ImGui::CalcTextSize(header, nullptr, true).x);
        }
    }
}

TEST_CASE("the 活动 list on a narrow window keeps its date and figure columns whole") {
    Fixture f;
    test::HeadlessUi ui(f.app);
    ImGui::GetIO().DisplaySize = ImVec2(900, 700);
    ui.click("tab.activities");
    ui.frame();
    const ImGuiTable* table = tableWithColumn(0, ui::str::kActColDate);
    REQUIRE(table != nullptr);
    CHECK(table->Columns[0].WidthGiven >= ImGui::CalcTextSize("2026-09-14").x);
    CHECK(table->Columns[6].WidthGiven >= ImGui::CalcTextSize("1,493.5").x);   // 服务时长
    CHECK(table->InnerWindow->ScrollMax.x > 0.0f);
}
