// export_command.cpp — lists to .xlsx or CSV, masked unless asked otherwise.
#include "cli/export_command.hpp"
#include "core/number_format.hpp"

#include "core/table_export.hpp"
#include "storage/list_export.hpp"
#include "storage/storage.hpp"

#include <ostream>

namespace jinguo::cli {

int runExport(storage::Storage& storage, const ExportRequest& request, std::ostream& out, std::ostream& err) {
    if (request.table != "volunteers" && request.table != "families") {
        err << "--table 只能是 volunteers 或 families，收到“" << request.table << "”。\n";
        return 2;
    }
    std::string error;
    std::int64_t rows = 0;
    try {
        // Written as read (a million people are never held), renamed into place at the end.
        ExportFileWriter writer(request.outPath);
        if (request.table == "volunteers") storage::writeVolunteersExport(storage, request.unmasked, writer);
        else storage::writeFamiliesExport(storage, writer);
        error = writer.finish();
        rows = writer.rows();
    } catch (const ExportWriteFailed& e) {
        error = e.what();
    }
    if (!error.empty()) {
        err << error << "\n";
        return 1;
    }
    out << "已导出" << fmt::count(static_cast<long long>(rows)) << "行到 " << request.outPath
        << (request.unmasked || request.table == "families" ? "" : "（身份证号、手机号已打码；需要完整号码请加 --unmasked）")
        << "\n";
    return 0;
}

} // namespace jinguo::cli
