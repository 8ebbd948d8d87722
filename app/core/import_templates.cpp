// import_templates.cpp — the import templates' content (data, not layout).
#include "core/import_templates.hpp"

#include "core/asset_paths.hpp"
#include "core/vocabulary.hpp"

#include <filesystem>

namespace jinguo {

namespace {

using roster::Field;
using roster::RosterKind;

// Community names repeat across streets (新村社区 in two 街道): the street tells them apart.
const char* const kStreetNote =
    "所属街道填写社区/村所在的街道或镇；不同街道有同名社区时必须填写，否则这些行不会导入"
    "（只有一个社区叫这个名字时可以留空）。也可以在所属社区中写成“滨江街道/幸福社区”。";

// The same for records (荣誉, 岗位, 活动, 目标, 指标), whose unit may be a street or the district.
const char* const kRecordStreetNote =
    "所属街道填写单位所在的街道或镇；不同街道有同名社区时必须填写，否则这些行不会导入"
    "（单位是街道、镇或区，或只有一个社区叫这个名字时可以留空）。也可以在单位中写成“滨江街道/幸福社区”。";

struct Content {
    std::vector<std::vector<std::string>> examples;
    std::vector<std::string> notes;            // the 填写说明 lines
    std::vector<Field> numeric;                // columns written as numbers
};

Content contentOf(RosterKind kind) {
    Content c;
    switch (kind) {
    case RosterKind::Volunteers:
        c.examples = {{"王芳", "女", "110105199003071220", "13812345678", "滨江街道", "幸福社区", "120", "2023-03-08"}};
        c.notes = {"姓名、身份证号必填：系统按身份证号识别同一个人。",
                   "身份证号请设为文本格式（在Excel中先把该列设为“文本”再填写），否则后几位会变成0。",
                   "所属社区填写“组织”中社区/村的名称；服务时长是截至填表日的累计小时数。",
                   kStreetNote};
        c.numeric = {Field::Hours};
        break;
    case RosterKind::Families:
        c.examples = {{"李建国", "幸福社区3栋2单元101", "4", "滨江街道", "幸福社区", "平安家庭", "2026", "社区"},
                      {"李建国", "幸福社区3栋2单元101", "4", "滨江街道", "幸福社区", "平安家庭", "2026", "区"}};
        c.notes = {"户主姓名必填；同一户由户主姓名、家庭住址和所属社区确定。", kStreetNote,
                   "一户获得多个称号或多个级别时，每个称号/级别写一行（如示例：社区级和区级平安家庭各一行）。",
                   "级别填写社区、街道、区、市、省或全国。"};
        c.numeric = {Field::Members, Field::Year};
        break;
    case RosterKind::Units:
        c.examples = {{"临江区", "", "区", ""},
                      {"滨江街道", "临江区", "街道", ""},
                      {"幸福社区", "滨江街道", "社区", "3200"},
                      {"和平社区", "滨江街道", "社区", "2860"},
                      {"白鹭村", "青山镇", "村", "640"},
                      {"青山镇", "临江区", "镇", ""}};
        c.notes = {"每个单位一行：单位名称、上级单位、类型、总户数。",
                   "类型只能是" + allKindsText("、", "或") + "。" + tierKindsText(UnitTier::District) + "是最上一级，上级单位留空；"
                       + tierKindsText(UnitTier::Street) + "的上级是" + tierKindsText(UnitTier::District) + "；"
                       + tierKindsText(UnitTier::Community) + "的上级是" + tierKindsText(UnitTier::Street) + "。",
                   "上级单位写名称即可，可以写在下级单位的后面（如示例中的青山镇）。",
                   "总户数填在社区/村上：街道和区的户数按下级相加，可以留空。",
                   "“组织”中已有的单位（同一上级下的同名单位）会被更新，不会重复添加；导入后可以在“导入”中整批撤销。",
                   "请把示例行换成本地的单位后再导入。"};
        c.numeric = {Field::Households};
        break;
    case RosterKind::Targets:
        c.examples = {{"2026", "", "临江区", "创建率", "平安家庭", "不限", "90%", ""},
                      {"2026", "", "临江区", "创建率", "平安家庭", "区", "25%", "区级平安家庭"},
                      {"2026", "", "滨江街道", "命名数", "五好文明家庭", "区", "30", ""},
                      {"2026", "", "临江区", "注册志愿者", "", "", "1200", ""}};
        c.notes = {"年度、单位、指标、目标值必填；单位须是“组织”中已有的单位（可先导入单位表）。", kRecordStreetNote,
                   "指标可填：创建率、命名数、岗位命名数、志愿服务时长、开展活动、参与人次、注册志愿者、手工指标。",
                   "创建率、命名数要在“称号”列写明称号（如平安家庭）；手工指标在“称号”列写指标名称（如来访件数）。",
                   "级别留空或填“不限”：任何级别的该称号都计入创建率；填区、街道等：只计该级别的称号。",
                   "目标值：创建率写90%、90或0.9均可；数量写1200。",
                   "同一单位、年度、指标、称号和级别的目标再次导入时会更新目标值，不会重复添加。"};
        c.numeric = {Field::Year};
        break;
    case RosterKind::Indicators:
        c.examples = {{"2026", "", "临江区", "来访件数", "12", "件", "调处率100%"},
                      {"2026", "", "临江区", "维权个案", "20", "宗", "已处理20宗"},
                      {"2026", "", "滨江街道", "帮扶困难妇女", "12", "人", "发放慰问金4,000元"}};
        c.notes = {"年度、单位、指标名称、数值必填；单位须是“组织”中已有的单位。", kRecordStreetNote,
                   "数值只填数字，计量单位（件、宗、次、人、元、期、所……）写在“计量单位”列。",
                   "同一单位、年度、指标名称再次导入时会更新数值，不会重复添加。"};
        c.numeric = {Field::Year, Field::Value};
        break;
    case RosterKind::Honours:
        c.examples = {{"王芳", "110105199003071220", "", "滨江街道", "幸福社区", "三八红旗手", "区", "2026", "命名", "临妇字〔2026〕5号"},
                      {"", "", "幸福社区妇联", "滨江街道", "幸福社区", "三八红旗集体", "区", "2026", "命名", "临妇字〔2026〕5号"},
                      {"李娜", "", "", "滨江街道", "和平社区", "巾帼建功标兵", "街道", "2025", "", ""}};
        c.notes = {"个人荣誉填写“姓名”（有身份证号请一并填写，系统按身份证号识别同一个人；没有时按姓名在本单位中查找），"
                   "集体荣誉填写“集体名称”，两者只填一个。",
                   "单位、荣誉称号、级别、获评年度必填；单位须是“组织”中已有的单位，荣誉计入该单位。", kRecordStreetNote,
                   "级别填写社区、街道、区、市、省或全国；状态可留空（按“命名”登记），也可填申报、创建、考核验收、命名、复核或撤销。",
                   "同一获得者、同一称号、级别和年度再次导入时会更新状态和文号，不会重复添加。",
                   "身份证号请设为文本格式，否则后几位会变成0。"};
        c.numeric = {Field::Year};
        break;
    case RosterKind::Posts:
        c.examples = {{"收费一班", "临江区税务局", "", "滨江街道", "区", "命名", "2024", "2024-03-01", "2024-12-20",
                       "临妇字〔2024〕30号", "陈静", "13812345678", "12", "9", ""},
                      {"导诊服务台", "临江区人民医院", "滨江街道", "幸福社区", "区", "申报", "2026", "2026-03-01", "", "", "刘敏", "",
                       "8", "7", ""}};
        c.notes = {"岗位名称、所在单位必填：同一所在单位的同名岗位是同一个岗位，再次导入时更新，不会重复添加。",
                   "单位填写岗位归属的街道或社区（须是“组织”中已有的单位），可以留空。", kRecordStreetNote,
                   "当前级别填写区、市、省或全国；状态填写申报、创建、考核验收、命名、复核或撤销（只填级别时按“命名”登记）。",
                   "状态或级别与系统中不同时，导入会为岗位记下一条状态变化（日期取命名日期或申报日期，都没有时取导入当天）。",
                   "年度是这一级申报的年度，留空时取申报日期或命名日期的年份。",
                   "日期可写成2026-03-08、2026/3/8或2026年3月8日。"};
        c.numeric = {Field::Year, Field::Members, Field::WomenMembers};
        break;
    case RosterKind::Activities:
        c.examples = {{"三八妇女节宣传", "2026-03-08", "滨江街道", "幸福社区", "宣传", "120", ""},
                      {"困难妇女走访慰问", "2026-01-20", "", "滨江街道", "帮扶", "15", "发放慰问品"}};
        c.notes = {"活动名称、日期必填；日期可写成2026-03-08、2026/3/8或2026年3月8日，不能晚于今天。",
                   "单位填写举办活动的社区或街道（须是“组织”中已有的单位），可以留空。", kRecordStreetNote,
                   "类型如宣传、帮扶、巡逻、培训；参与人数只填数字。",
                   "同一活动名称、日期和单位再次导入时会更新类型、人数和备注，不会重复添加。"};
        c.numeric = {Field::Participants};
        break;
    case RosterKind::Reviews:
        // The families template's household, so the templates import one after another.
        c.examples = {{"李建国", "幸福社区3栋2单元101", "", "平安家庭", "区", "2026", "保留", "", "临妇字〔2026〕40号",
                       "年度动态管理复核"}};
        c.notes = {"每行一个称号的复核结果：结果填“保留”（复核通过，称号继续有效，有效期从复核日期重新计算）或“撤销”。",
                   "家庭称号填写户主和住址（与“家庭”中一致；户主不重名时住址可以留空），个人称号填写身份证号。",
                   "称号必填；级别、年度可以留空，但同一户有多个同名称号时须填写，指明复核的是哪一个。",
                   "复核日期留空时取导入当天；不能晚于今天，也不能早于称号的命名日期。",
                   "只有在册（命名或复核状态）的称号可以复核；已撤销的称号会列入问题清单。",
                   "整批导入是一步操作：在“导入”中撤销这一批，或按 Ctrl+Z，所有复核结果一起撤回。"};
        c.numeric = {Field::Year};
        break;
    }
    return c;
}

} // namespace

std::vector<ExportTable> importTemplate(RosterKind kind) {
    const Content c = contentOf(kind);
    ExportTable data;
    data.sheetName = roster::kindLabel(kind);
    if (data.sheetName.find("（") != std::string::npos) data.sheetName = "单位";
    for (Field f : roster::fieldsOf(kind)) {
        data.headers.push_back(roster::fieldLabel(kind, f));
        bool numeric = false;
        for (Field n : c.numeric) numeric = numeric || n == f;
        data.numericColumns.push_back(numeric);
    }
    for (const auto& row : c.examples) {
        std::vector<std::string> cells = row;
        cells.resize(data.headers.size());
        data.rows.push_back(std::move(cells));
    }
    ExportTable notes;
    notes.sheetName = "填写说明";
    notes.headers = {std::string("填写说明（") + roster::kindLabel(kind) + "）"};
    std::string columns;
    for (const std::string& h : data.headers) columns += (columns.empty() ? "" : "、") + h;
    notes.rows.push_back({"表头（第一行）：" + columns + "。表头上方可以有标题行；列的顺序可以不同，常见的其他写法也能识别。"});
    for (const std::string& line : c.notes) notes.rows.push_back({line});
    notes.rows.push_back({"本工作表（填写说明）不会被导入。"});
    return {data, notes};
}

std::string importTemplateFileName(RosterKind kind) { return std::string(roster::kindKey(kind)) + ".xlsx"; }

std::string importTemplateSaveName(RosterKind kind) {
    std::string label = roster::kindLabel(kind);
    if (kind == RosterKind::Units) label = "单位";
    return label + "导入模板.xlsx";
}

std::string writeImportTemplate(RosterKind kind, const std::string& path) {
    return writeWorkbook(path, importTemplate(kind));
}

std::string saveImportTemplate(RosterKind kind, const std::string& path) {
    const std::string installed = assetPath("templates/" + importTemplateFileName(kind));
    if (installed.empty()) return writeImportTemplate(kind, path);
    std::error_code ec;
    std::filesystem::copy_file(installed, path, std::filesystem::copy_options::overwrite_existing, ec);
    if (ec) return "无法保存为“" + path + "”：" + ec.message() + "。请检查文件夹是否存在、是否有写入权限。";
    return {};
}

} // namespace jinguo
