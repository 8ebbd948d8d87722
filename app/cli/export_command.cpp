// export_command.cpp — lists to .xlsx or CSV, masked unless asked otherwise.
#include "cli/export_command.hpp"

#include "core/masking.hpp"
#include "core/table_export.hpp"
#include "storage/storage.hpp"

#include <ostream>

namespace jinguo::cli {

int runExport(storage::Storage& storage, const ExportRequest& request, std::ostream& out, std::ostream& err) {
    ExportTable table;
    if (request.table == "volunteers") {
        table.sheetName = "志愿者";
        table.headers = {"姓名", "性别", "身份证号", "手机号", "所属社区", "服务时长(小时)", "加入日期"};
        table.numericColumns = {false, false, false, false, false, true, false};
        table.rows = storage.exportVolunteers().rows;
        if (!request.unmasked) {
            for (auto& row : table.rows) {
                row[2] = maskIdNumber(row[2]);
                row[3] = maskPhone(row[3]);
            }
        }
    } else if (request.table == "families") {
        table.sheetName = "家庭";
        table.headers = {"户主姓名", "家庭住址", "家庭人口", "所属社区", "荣誉称号", "获评年度", "级别"};
        table.numericColumns = {false, false, true, false, false, true, false};
        table.rows = storage.exportFamilies().rows;
    } else {
        err << "--table 只能是 volunteers 或 families，收到“" << request.table << "”。\n";
        return 2;
    }
    const std::string error = writeExport(request.outPath, table);
    if (!error.empty()) {
        err << error << "\n";
        return 1;
    }
    out << "已导出" << table.rows.size() << "行到 " << request.outPath
        << (request.unmasked || request.table == "families" ? "" : "（身份证号、手机号已打码；需要完整号码请加 --unmasked）")
        << "\n";
    return 0;
}

} // namespace jinguo::cli
