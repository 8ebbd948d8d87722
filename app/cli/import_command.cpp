// import_command.cpp — the command's arguments and output around
// storage::runRosterImport (which the 导入 wizard uses too).
#include "cli/import_command.hpp"

#include "core/id_number.hpp"
#include "core/local_time.hpp"
#include "core/number_format.hpp"
#include "core/private_files.hpp"
#include "core/roster_hours.hpp"
#include "core/roster_mapping.hpp"
#include "core/text.hpp"
#include "core/unit_suggestions.hpp"
#include "core/vocabulary.hpp"
#include "storage/record_store.hpp"
#include "storage/roster_import.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <fstream>
#include <ostream>
#include <string>
#include <vector>

namespace jinguo::cli {

namespace {

bool writeTextAtomically(const std::string& path, const std::string& text) {
    const std::string temporary = path + ".jinguo-tmp";
    // The report names people and rows: the owner's only, like an export.
    createPrivateFile(temporary);
    makeFilePrivate(temporary);   // a leftover temporary keeps its old mode otherwise
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) return false;
        out << text << "\n";
        if (!out.flush()) return false;
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) std::filesystem::remove(temporary, ec);
    return !ec;
}

// The validator's advice is the 导入 wizard's ("在映射中指定…"); the command
// line has no option for a mapping, so it names what the user can do here.
std::string cliWording(std::string message) {
    auto replace = [&](const std::string& from, const std::string& to) {
        for (std::size_t at = message.find(from); at != std::string::npos; at = message.find(from, at + to.size()))
            message.replace(at, from.size(), to);
    };
    replace("，或在导入时手动指定表头行和各列的含义。", "（命令行不能手动指定表头；可以改好表头后重新导入，或在图形界面的“导入”向导中指定表头行和各列的含义）。");
    replace("请把多余的列设为“不导入”", "请删除或改名多余的列（或在图形界面的“导入”向导中把它设为“不导入”）");
    replace("请在映射中指定", "请在表格中补上或改好这一列的表头（或在图形界面的“导入”向导中指定）");
    replace("请单独选择这个工作表导入。", "请用 --sheet 指定这个工作表导入。");
    return message;
}

std::vector<storage::FileImportReport> cliWording(std::vector<storage::FileImportReport> files) {
    for (auto& f : files)
        for (auto& s : f.sheets)
            for (auto& p : s.problems) p.message = cliWording(p.message);
    for (auto& f : files)
        for (auto& note : f.notes) note = cliWording(note);
    return files;
}

bool sheetRefused(const roster::Problem& p) {
    return p.code == roster::code::kHeaderNotFound || p.code == roster::code::kColumnMissing;
}

// `maybe`: unknown 所属社区 → the close existing 社区/村 (unit_suggestions.hpp), for 可能是.
void printFile(const storage::FileImportReport& report, bool dryRun, std::ostream& out,
               const std::map<std::string, std::string>& maybe) {
    if (report.alreadyImportedAs) {
        out << "“" << report.path << "”已于 " << localTimeText(report.alreadyImportedAt) << " 导入（批次" << report.alreadyImportedAs
            << "），这次不再重复导入。如需重新导入，请先在“导入”中撤销该批次。\n";
        return;
    }
    out << "“" << report.path << "”：读取" << fmt::count(report.rowsRead()) << "行，新增" << fmt::count(report.rowsImported())
        << "行，更新" << fmt::count(report.rowsUpdated()) << "行，" << (dryRun ? "有问题不会导入" : "有问题未导入")
        << fmt::count(report.rowsSkipped()) << "行。\n";
    // A sheet that could not be read at all says why here, not only in the JSON.
    const bool oneSheet = report.sheets.size() == 1;
    for (const auto& sheet : report.sheets)
        for (const auto& p : sheet.problems)
            if (sheetRefused(p))
                out << "  " << (oneSheet ? std::string() : "工作表“" + sheet.name + "”：") << (dryRun ? "不会导入：" : "未导入：")
                    << cliWording(p.message) << "\n";
    for (const std::string& note : report.notes) out << "  注意：" << cliWording(note) << "\n";
    if (report.unitsUnknown > 0) {
        out << "  注意：" << report.unitsUnknown << "行的所属社区在组织机构中找不到（";
        int shown = 0;
        for (const auto& [name, rows] : report.unknownUnitRows) {
            if (shown == 10) {
                out << "等" << fmt::count(static_cast<long long>(report.unknownUnitRows.size())) << "个";
                break;
            }
            out << (shown++ ? "、" : "") << name << " " << fmt::count(rows) << "行";
            if (const auto m = maybe.find(name); m != maybe.end()) out << "（可能是：" << m->second << "）";
        }
        out << "），" << (dryRun ? "将导入" : "已导入") << "并记下名称，暂未归属社区；在“组织”中新增这些社区/村（或把已有的改成这个名称）后会自动归入。"
               "也可以加 --create-units-under 街道或镇的名称 重新导入，先在那个街道/镇下新建这些社区/村。\n";
        // A name written another way than its unit (梅园社区 / 梅园社区居委会): --map-unit places it there.
        for (const auto& [name, rows] : report.unknownUnitRows) {
            const auto m = maybe.find(name);
            if (m == maybe.end()) continue;
            const std::string first = m->second.substr(0, m->second.find("、"));
            out << "  注明“可能是”的名称多半是已有社区/村的另一种写法：可以加 --map-unit 名册中的名称=社区或村的名称"
                   "（可重复）重新导入，把这些行归入已有的社区/村，例如 --map-unit "
                << name << "=" << first << "；与 --create-units-under 同用时，归入的名称不会新建。\n";
            break;
        }
    }
    int renames = 0;
    for (const auto& sheet : report.sheets)
        for (const auto& p : sheet.problems) renames += p.code == roster::code::kNameDiffers;
    if (renames > 0)
        out << "  注意：" << renames << "行的身份证号已登记为另一个姓名，这些行" << (dryRun ? "不会导入" : "未导入")
            << "（见报告中的 name_differs）；"
               "核实是改名或原来录错后，可加 --accept-renames 重新导入以按名册更新姓名。\n";
}

// The 街道/镇 named by --create-units-under, or a Chinese refusal naming the fix.
struct StreetLookup {
    RowId id = 0;
    std::string error;
};
StreetLookup findStreet(storage::Storage& storage, const std::string& name) {
    const std::vector<OrgUnit> units = storage.units();
    std::string streets, sameName;
    int listed = 0;
    for (const OrgUnit& u : units) {
        if (isStreetKind(u.kind) && listed < 5) streets += (listed++ ? "、" : "") + ("“" + u.name + "”");
        if (u.name != name) continue;
        if (isStreetKind(u.kind)) return {u.id, {}};
        sameName = shownWord(u.kind);
    }
    const std::string examples = streets.empty() ? "（数据库中还没有街道或镇，请先在“组织”中新增或用 --kind units 导入单位）"
                                                 : "，例如" + streets;
    if (!sameName.empty())
        return {0, "--create-units-under 要写一个街道或镇的名称，“" + name + "”是" + sameName
                       + "：社区/村只能建在街道或镇下。请改写它们所属的街道或镇" + examples + "。"};
    return {0, "找不到名为“" + name + "”的单位：--create-units-under 要写“组织”中已有的街道或镇的名称" + examples
                   + "。请改正名称，或先在“组织”中新增这个街道/镇。"};
}

// --map-unit 旧名=单位名, each checked against 组织: the aliases, or a Chinese
// refusal naming the fix.
struct UnitMappings {
    std::map<std::string, RowId> aliases;
    std::string error;
};
UnitMappings parseUnitMappings(storage::Storage& storage, const std::vector<std::string>& args) {
    UnitMappings out;
    if (args.empty()) return out;
    const std::vector<OrgUnit> units = storage.units();
    std::string communities;
    int listed = 0;
    for (const OrgUnit& u : units)
        if (isCommunityKind(u.kind) && listed < 3) communities += (listed++ ? "、" : "") + ("“" + u.name + "”");
    const std::string examples = communities.empty()
                                     ? "（数据库中还没有社区或村，请先在“组织”中新增或用 --kind units 导入单位）"
                                     : "，例如" + communities;
    for (const std::string& arg : args) {
        const std::size_t eq = arg.find('=');
        const std::string from = eq == std::string::npos ? std::string() : trim(std::string_view(arg).substr(0, eq));
        const std::string to = eq == std::string::npos ? std::string() : trim(std::string_view(arg).substr(eq + 1));
        if (from.empty() || to.empty()) {
            out.error = "--map-unit 要写成 名册中的名称=社区或村的名称（“=”两边都不能空），例如 --map-unit 梅园社区=梅园社区居委会；收到“"
                      + arg + "”。";
            return out;
        }
        std::vector<const OrgUnit*> matches;
        std::string otherKind;
        for (const OrgUnit& u : units) {
            if (u.name != to) continue;
            if (isCommunityKind(u.kind)) matches.push_back(&u);
            else otherKind = shownWord(u.kind);
        }
        if (matches.empty() && !otherKind.empty()) {
            out.error = "--map-unit " + arg + "：“" + to + "”是" + otherKind
                      + "，名册中的所属社区只能归入社区或村；请在“=”右边改写它下面的社区/村" + examples + "。";
            return out;
        }
        if (matches.empty()) {
            std::string close;
            for (const roster::UnknownUnitName& n : roster::unknownUnitNames({{to, 1}}, units))
                for (const roster::UnitSuggestion& s : n.suggestions) close += (close.empty() ? "" : "、") + s.name;
            out.error = "--map-unit " + arg + "：找不到名为“" + to + "”的社区或村"
                      + (close.empty() ? std::string() : "（可能是：" + close + "）")
                      + "；“=”右边要写“组织”中已有的社区/村的名称" + (close.empty() ? examples : std::string())
                      + "。请改正名称，或先在“组织”中新增这个社区/村（也可以不写 --map-unit，改用 --create-units-under 新建）。";
            return out;
        }
        if (matches.size() > 1) {
            out.error = "--map-unit " + arg + "：“组织”中有" + std::to_string(matches.size()) + "个名为“" + to
                      + "”的社区/村，无法判断是哪一个；请先在“组织”中改名区分，再按新名称填写。";
            return out;
        }
        const auto [it, added] = out.aliases.emplace(from, matches.front()->id);
        if (!added && it->second != matches.front()->id) {
            out.error = "--map-unit 把“" + from + "”归入了两个不同的社区/村；每个名称只能归入一个，请删去其中一个 --map-unit。";
            return out;
        }
    }
    return out;
}

} // namespace

int runImport(storage::Storage& storage, const ImportRequest& request, std::ostream& out, std::ostream& err) {
    const auto kind = roster::kindFromKey(request.kind);
    if (!kind) {
        err << "--kind 只能是 volunteers（志愿者花名册）、families（家庭名单）、units（单位）、targets（创建目标）"
               "、indicators（手动指标）、honours（个人和集体荣誉）、posts（巾帼文明岗）或 activities（活动），收到“" << request.kind << "”。\n";
        return 2;
    }
    if (request.files.empty()) {
        err << "请给出要导入的文件，例如：jinguo import --db 数据.db --kind volunteers 名册.xlsx\n";
        return 2;
    }
    const std::string today = request.today.empty() ? todayIso() : request.today;
    const roster::HoursBasisParse hours = roster::parseHoursBasis(request.hoursMean, request.hoursPeriod, request.asOf, today);
    if (!hours.ok()) {
        err << hours.message << "\n";
        return 2;
    }
    RowId createUnder = 0;
    if (!request.createUnitsUnder.empty()) {
        if (*kind != roster::RosterKind::Volunteers && *kind != roster::RosterKind::Families) {
            err << "--create-units-under 只用于 --kind volunteers 或 families（名册中的所属社区）；导入单位请用 --kind units。\n";
            return 2;
        }
        const StreetLookup street = findStreet(storage, request.createUnitsUnder);
        if (!street.error.empty()) {
            err << street.error << "\n";
            return 2;
        }
        createUnder = street.id;
    }
    if (!request.mapUnits.empty() && *kind != roster::RosterKind::Volunteers && *kind != roster::RosterKind::Families) {
        err << "--map-unit 只用于 --kind volunteers 或 families（名册中的所属社区）；其他记录的单位请直接改正表中的单位名称。\n";
        return 2;
    }
    const UnitMappings mapped = parseUnitMappings(storage, request.mapUnits);
    if (!mapped.error.empty()) {
        err << mapped.error << "\n";
        return 2;
    }
    storage::RosterImportRequest run;
    run.kind = *kind;
    run.hours = *hours.basis;
    run.files = request.files;
    run.sheets = request.sheets;
    run.dryRun = request.dryRun;
    run.acceptRenames = request.acceptRenames;
    run.today = request.today;
    run.unitAliases = mapped.aliases;   // also in the check below: mapped names are not created
    if (!request.reportJsonPath.empty()) {
        // Written before the commit: a report that cannot be written cancels the import.
        run.beforeCommit = [&](const std::vector<storage::FileImportReport>& files) -> std::string {
            if (writeTextAtomically(request.reportJsonPath, storage::importReportJson(cliWording(files)))) return {};
            return "无法写入报告文件“" + request.reportJsonPath + "”；导入已取消，未写入任何数据。";
        };
    }
    // --create-units-under: a check first finds the unknown names; they are
    // created in one undo step, then the rows are written (the step is taken
    // back when the import does not commit).
    std::optional<RowId> createdStep;
    if (createUnder != 0) {
        storage::RosterImportRequest check = run;
        check.dryRun = true;
        check.beforeCommit = nullptr;
        const storage::RosterImportResult checked = storage::runRosterImport(storage, check);
        std::vector<std::string> names;
        for (const storage::FileImportReport& file : checked.files)
            for (const auto& [name, rows] : file.unknownUnitRows)
                if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
        if (checked.status == storage::RosterImportResult::Status::DryRun && !names.empty()) {
            std::string list;
            for (const std::string& n : names) list += (list.empty() ? "" : "、") + n;
            if (request.dryRun) {
                out << "试运行：导入时将在“" << request.createUnitsUnder << "”下新建" << names.size() << "个社区/村：" << list
                    << "（下面的检查结果中它们仍算作找不到）。\n";
            } else {
                try {
                    storage::RecordStore(storage).addCommunities(createUnder, names);
                } catch (const storage::StorageError& e) {
                    err << "无法在“" << request.createUnitsUnder << "”下新建社区/村：" << e.what() << "（未写入任何数据）\n";
                    return 1;
                }
                if (const auto step = storage::UndoStore(storage).lastStep()) createdStep = step->id;
                out << "已在“" << request.createUnitsUnder << "”下新建" << names.size() << "个社区/村：" << list << "。\n";
            }
        } else if (checked.status == storage::RosterImportResult::Status::DryRun) {
            out << "名册中的所属社区都已在“组织”中，没有需要新建的社区/村。\n";
        }
    }
    const storage::RosterImportResult result = storage::runRosterImport(storage, run);
    if (createdStep && result.status != storage::RosterImportResult::Status::Committed) {
        try {
            storage::UndoStore(storage).undoStep(*createdStep);
            out << "导入没有完成，刚才新建的社区/村已撤销。\n";
        } catch (const storage::StorageError& e) {
            err << "导入没有完成；刚才新建的社区/村未能撤销：" << e.what() << "\n";
        }
    }
    // The names still unknown, each with the close existing 社区/村 it may mean.
    std::map<std::string, std::string> maybe;
    {
        std::map<std::string, int> unknown;
        for (const storage::FileImportReport& file : result.files)
            for (const auto& [name, rows] : file.unknownUnitRows) unknown[name] += rows;
        if (!unknown.empty())
            for (const roster::UnknownUnitName& n : roster::unknownUnitNames(unknown, storage.units())) {
                std::string close;
                for (const roster::UnitSuggestion& s : n.suggestions) close += (close.empty() ? "" : "、") + s.name;
                if (!close.empty()) maybe[n.name] = close;
            }
    }
    for (const storage::FileImportReport& file : result.files) printFile(file, request.dryRun, out, maybe);
    if (result.status == storage::RosterImportResult::Status::Failed) {
        err << result.error << "\n";
        // A refused file still gets its report (the refusal's code), unless
        // writing the report is what failed.
        if (!request.reportJsonPath.empty() && result.errorCode != "report_not_written" &&
            !writeTextAtomically(request.reportJsonPath,
                                 storage::importReportJson(cliWording(result.files), result.errorCode, result.error)))
            err << "另外，无法写入报告文件“" << request.reportJsonPath << "”。\n";
        return 1;
    }
    // Nothing read, and a sheet refused (no header row, a required column
    // missing): the command failed, whatever the transaction says.
    bool anyRead = false, anyRefusedSheet = false;
    for (const storage::FileImportReport& file : result.files) {
        anyRead |= file.rowsRead() > 0 || file.alreadyImportedAs != 0;
        for (const auto& sheet : file.sheets)
            for (const auto& p : sheet.problems) anyRefusedSheet |= sheetRefused(p);
    }
    if (!anyRead && anyRefusedSheet) {
        err << "没有导入任何数据：表格中没有可以识别的名单（原因见上）。\n";
        return 3;
    }
    if (result.status == storage::RosterImportResult::Status::DryRun)
        out << "试运行（--dry-run）：以上为检查结果，数据库未做任何修改。\n";
    return 0;
}

} // namespace jinguo::cli
