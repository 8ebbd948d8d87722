// list_export.hpp — the 志愿者 and 家庭 lists as export tables, masked unless
// asked otherwise; written by core/table_export (the CLI's `export` and the
// screens' 导出 buttons build exactly the same file).
#pragma once

#include "core/table_export.hpp"

#include <functional>
#include <string>
#include <vector>

namespace jinguo::storage {

class Storage;

// The two hours columns of the volunteers' export. The importer reads the
// first as each person's total (core/roster_mapping) and ignores the second.
inline constexpr const char* kExportVerifiedHours = "已核实服务时长(小时)";
inline constexpr const char* kExportUnverifiedHours = "未核实服务时长(小时)";

// volunteers: 姓名, 性别, 身份证号, 手机号, 所属社区, 已核实服务时长(小时),
// 未核实服务时长(小时), 加入日期;
// ID number and phone masked (110***********123X, 138****5678) unless `unmasked`.
// The sheet name, headers and number columns of those two lists, without rows
// (the screens fill them with what they show).
ExportTable volunteersExportShape();
// The stored rows of those two lists, raw (unmasked), one at a time: a
// million people are never held (Storage::exportVolunteers/exportFamilies
// collect them for tests).
void eachVolunteerExportRow(Storage& storage, const std::function<void(std::vector<std::string>&)>& row);
void eachFamilyExportRow(Storage& storage, const std::function<void(std::vector<std::string>&)>& row);
ExportTable familiesExportShape();

ExportTable volunteersExportTable(Storage& storage, bool unmasked);
// The same rows into `out` as they are read (begin with the shape, then each row).
void writeVolunteersExport(Storage& storage, bool unmasked, ExportRowSink& out);
// families: 户主姓名, 家庭住址, 家庭人口, 所属社区, 荣誉称号, 获评年度, 级别
// (nothing to mask: the list holds no ID number or phone).
ExportTable familiesExportTable(Storage& storage);
void writeFamiliesExport(Storage& storage, ExportRowSink& out);

} // namespace jinguo::storage
