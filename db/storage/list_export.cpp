// list_export.cpp — export tables from the storage's export rows.
#include "storage/list_export.hpp"

#include "core/masking.hpp"
#include "storage/storage.hpp"

namespace jinguo::storage {

ExportTable volunteersExportShape() {
    ExportTable table;
    table.sheetName = "志愿者";
    // Verified and unverified hours in separate, named columns: importing
    // the file elsewhere must never turn unverified hours into verified ones
    // (the importer reads the first as each person's total, ignores the second).
    table.headers = {"姓名", "性别", "身份证号", "手机号", "所属社区", kExportVerifiedHours, kExportUnverifiedHours, "加入日期"};
    table.numericColumns = {false, false, false, false, false, true, true, false};
    return table;
}

ExportTable familiesExportShape() {
    ExportTable table;
    table.sheetName = "家庭";
    table.headers = {"户主姓名", "家庭住址", "家庭人口", "所属社区", "荣誉称号", "获评年度", "级别"};
    table.numericColumns = {false, false, true, false, false, true, false};
    return table;
}

ExportTable volunteersExportTable(Storage& storage, bool unmasked) {
    ExportTable table = volunteersExportShape();
    table.rows = storage.exportVolunteers().rows;
    if (!unmasked) maskIdAndPhoneColumns(table.rows, 2, 3);
    return table;
}

ExportTable familiesExportTable(Storage& storage) {
    ExportTable table = familiesExportShape();
    table.rows = storage.exportFamilies().rows;
    return table;
}

} // namespace jinguo::storage
