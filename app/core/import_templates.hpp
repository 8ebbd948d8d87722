// import_templates.hpp — the example file of each import kind (导入模板): a
// sheet with the headers the importer expects and a few example rows, and a
// 填写说明 sheet saying what each column holds. The headers are the
// importer's own (roster_mapping.hpp fieldLabel), so a template always
// imports. The wizard saves one (保存导入模板); the build writes them all into
// templates/ (tools/make_import_templates.cpp), installed beside the icons.
#pragma once

#include "core/roster_mapping.hpp"
#include "core/table_export.hpp"

#include <string>
#include <vector>

namespace jinguo {

// [the data sheet, the 填写说明 sheet]
std::vector<ExportTable> importTemplate(roster::RosterKind kind);
// "units.xlsx", "targets.xlsx" …: the installed file's name (templates/…).
std::string importTemplateFileName(roster::RosterKind kind);
// "单位导入模板.xlsx": what the wizard offers to save it as.
std::string importTemplateSaveName(roster::RosterKind kind);
// Writes the template of `kind` to `path` (.xlsx); "" or a Chinese message.
std::string writeImportTemplate(roster::RosterKind kind, const std::string& path);
// What the wizard's 保存导入模板 does: copies the installed template
// (assetPath("templates/units.xlsx") …), or writes it when none is found.
std::string saveImportTemplate(roster::RosterKind kind, const std::string& path);

} // namespace jinguo
