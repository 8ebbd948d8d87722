// screen_data_list.hpp — a read-only, clipped list of one kind of record.
//
// The sections whose full screens come with later work (家庭, 巾帼文明岗, 荣誉,
// 目标, 排行榜, 导入, 设置) show their real data through this until then; each
// keeps its own DataListScreen (cache keyed on the storage revision).
#pragma once

#include "core/model.hpp"
#include "storage/storage.hpp"
#include "ui/app_state.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace jinguo::ui {

struct DataListScreen {
    storage::Storage::ListKind kind = storage::Storage::ListKind::Settings;
    std::vector<const char*> headers;
    std::uint64_t loadedRevision = 0;
    TextTable table;
    std::string filter;
    std::string appliedFilter;
    std::vector<int> visible;          // indices of rows matching the filter
};

DataListScreen makeDataListScreen(Section section);
void drawDataListScreen(AppState& app, DataListScreen& screen);

// Chinese label of a target metric code ("title_rate" -> "创建率").
const char* targetMetricLabel(const std::string& code);

} // namespace jinguo::ui
