// export_command.cpp — lists to .xlsx or CSV, masked unless asked otherwise.
#include "cli/export_command.hpp"
#include "core/number_format.hpp"

#include "core/table_export.hpp"
#include "storage/list_export.hpp"
#include "storage/storage.hpp"

#include <ostream>

namespace jinguo::cli {

int runExport(storage::Storage& storage, const ExportRequest& request, std::ostream& out, std::ostream& err) {
    ExportTable table;
    if (request.table == "volunteers") {
        table = storage::volunteersExportTable(storage, request.unmasked);
    } else if (request.table == "families") {
        table = storage::familiesExportTable(storage);
    } else {
        err << "--table 只能是 volunteers 或 families，收到“" << request.table << "”。\n";
        return 2;
    }
    const std::string error = writeExport(request.outPath, table);
    if (!error.empty()) {
        err << error << "\n";
        return 1;
    }
    out << "已导出" << fmt::count(static_cast<long long>(table.rows.size())) << "行到 " << request.outPath
        << (request.unmasked || request.table == "families" ? "" : "（身份证号、手机号已打码；需要完整号码请加 --unmasked）")
        << "\n";
    return 0;
}

} // namespace jinguo::cli
