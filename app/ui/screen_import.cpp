// screen_import.cpp — 导入: wizard, batches, exports.
//
// [SECTION] the worker (check and import off the UI thread)
// [SECTION] file, sheets and preview
// [SECTION] problems and the problem list
// [SECTION] the wizard's steps
// [SECTION] batches and exports
// [SECTION] the screen
#include "ui/screen_import.hpp"

#include "core/import_templates.hpp"
#include "core/local_time.hpp"
#include "core/number_format.hpp"
#include "core/spreadsheet.hpp"
#include "core/record_import.hpp"

#include "storage/session_scope.hpp"
#include "storage/import_store.hpp"
#include "storage/record_store.hpp"
#include "storage/storage.hpp"
#include "ui/charts.hpp"
#include "ui/form_kit.hpp"
#include "ui/item_locator.hpp"
#include "ui/ui_strings.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace jinguo::ui {

//-----------------------------------------------------------------------------
// [SECTION] the worker (check and import off the UI thread)
//-----------------------------------------------------------------------------

ImportScreen::ImportScreen() = default;
ImportScreen::~ImportScreen() = default;

namespace {

constexpr theme::Colour kWarnColor = theme::kWarningColor;
constexpr theme::Colour kGoodColor = kOkColor;
constexpr int kPreviewRows = roster::kHeaderScanRows + 10;
constexpr int kPreviewDataRows = 8;
constexpr int kPreviewMaxColumns = 40;

void note(AppState& app, const std::string& text) {
    if (app.noteText && !text.empty()) app.noteText(text);
}

std::vector<std::string> chosenSheets(const ImportScreen& s) {
    std::vector<std::string> names;
    for (const ImportSheetChoice& c : s.sheets)
        if (c.chosen) names.push_back(c.name);
    return names;
}

bool hasHoursColumn(const ImportScreen& s) {
    if (s.kind != roster::RosterKind::Volunteers) return false;
    for (const ImportSheetPreview& p : s.previews)
        if (p.mapping && p.mapping->has(roster::Field::Hours)) return true;
    return false;
}

roster::HoursBasisParse hoursBasisOf(const AppState& app, const ImportScreen& s) {
    return roster::parseHoursBasis(s.hoursMeaning == 1 ? "period" : "total", s.hoursMeaning == 1 ? s.hoursPeriod : "",
                                   s.hoursAsOf, app.today);
}

void startJob(AppState& app, ImportScreen& s, bool dryRun) {
    storage::RosterImportRequest request;
    request.kind = s.kind;
    request.files = {s.file};
    request.sheets = chosenSheets(s);
    for (const ImportSheetPreview& p : s.previews)
        if (p.mapping) request.mappings[p.name] = *p.mapping;   // what the user saw is what is used
    request.dryRun = dryRun;
    // The check always lists the rows that would rename someone; the import
    // applies them only when the user ticked 按花名册更新姓名.
    request.acceptRenames = !dryRun && s.acceptRenames && s.nameDiffers > 0;
    request.today = app.today;
    if (const roster::HoursBasisParse hours = hoursBasisOf(app, s); hours.ok()) request.hours = *hours.basis;
    request.keepProblemRows = true;
    request.unitAliases = s.unitAliases;   // 所属社区 names the user placed in an existing 社区/村

    s.jobDryRun = dryRun;
    s.error.clear();
    // The run opens its own connection: an SQLite connection is not shared
    // between threads. WAL lets the screens keep reading meanwhile.
    const TaskKey key{app.storage.revision(), dryRun ? "check" : "import"};
    s.job.start(key, [request = std::move(request), path = app.storage.path()](TaskControl& control) mutable {
        request.cancel = &control.cancelFlag();
        request.progress = [&control](const storage::ImportProgress& p) { control.setProgress(p.fraction(), p.rowsRead); };
        try {
            storage::Storage own(path);
            return storage::runRosterImport(own, request);
        } catch (const std::exception& e) {
            storage::RosterImportResult failed;
            failed.status = storage::RosterImportResult::Status::Failed;
            failed.error = std::string(e.what()) + str::kImpNothingWritten;
            return failed;
        }
    });
}

// Returns the number of name_differs rows.
int buildProblemLines(AppState& app, ImportScreen& s, const storage::RosterImportResult& result) {
    s.problems.clear();
    int nameDiffers = 0;
    std::string text;
    for (const storage::FileImportReport& f : result.files) {
        for (const storage::SheetImportReport& sheet : f.sheets) {
            for (const roster::Problem& p : sheet.problems) {
                s.problems.push_back({sheet.name, p.row, p.column, p.message, roster::isWarning(p.code), p.code});
                nameDiffers += p.code == roster::code::kNameDiffers;
                if (text.size() < (1u << 20)) text += p.message + p.column;
            }
        }
    }
    note(app, text);   // messages quote the file's values: their characters must be in the font
    return nameDiffers;
}

std::string summaryOf(const storage::RosterImportResult& r, bool dryRun) {
    using Status = storage::RosterImportResult::Status;
    if (r.status == Status::Cancelled) return str::kImpCancelled;
    if (r.status == Status::Failed) return r.error;
    std::string out;
    for (const storage::FileImportReport& f : r.files) {
        if (f.alreadyImportedAs) {
            out += std::string(str::kImpAlreadyA) + localTimeText(f.alreadyImportedAt) + str::kImpAlreadyB
                 + std::to_string(f.alreadyImportedAs) + str::kImpAlreadyC;
            continue;
        }
        out += std::string(dryRun ? str::kImpCheckRead : str::kImpDoneRead) + fmt::count(f.rowsRead())
             + str::kImpRowsNew + fmt::count(f.rowsImported()) + str::kImpRowsUpdated
             + fmt::count(f.rowsUpdated()) + (dryRun ? str::kImpRowsBad : str::kImpRowsBadDone)
             + fmt::count(f.rowsSkipped());
        // Rows the same as what is stored (a unit re-imported as it is) are
        // neither new nor updated; say so, or the figures do not add up.
        if (const int same = f.rowsRead() - f.rowsImported() - f.rowsUpdated() - f.rowsSkipped(); same > 0)
            out += str::kImpRowsSame + fmt::count(same);
        out += str::kImpRowsEnd;
        if (f.unitsUnknown > 0) {
            out += std::string("\n") + str::kImpUnknownUnitsA + fmt::count(f.unitsUnknown) + str::kImpUnknownUnitsB;
            int shown = 0;
            for (const std::string& u : f.unknownUnitNames) {
                if (shown == 10) {
                    out += str::kImpUnknownUnitsMore + fmt::count(static_cast<long long>(f.unknownUnitNames.size())) + str::kImpUnknownUnitsMoreB;
                    break;
                }
                out += (shown++ ? "、" : "") + u;
            }
            out += dryRun ? str::kImpUnknownUnitsC : str::kImpUnknownUnitsCDone;
        }
        for (const std::string& n : f.notes) out += std::string("\n") + str::kImpNote + n;   // sheets left out, and why
    }
    return out;
}

void loadUnknownUnits(AppState& app, ImportScreen& s, const storage::RosterImportResult& result);

// Takes the run's result on the UI thread once it has finished.
void collectJob(AppState& app, ImportScreen& s) {
    if (!s.job.poll()) return;
    const bool dryRun = s.jobDryRun;
    std::optional<storage::RosterImportResult> taken = s.job.takeResult();
    storage::RosterImportResult result;
    if (taken) {
        result = std::move(*taken);
    } else {   // the body threw outside its own catch (bad_alloc building the request)
        result.status = storage::RosterImportResult::Status::Failed;
        result.error = s.job.error() + str::kImpNothingWritten;
    }
    using Status = storage::RosterImportResult::Status;
    const std::string summary = summaryOf(result, dryRun);
    note(app, summary);
    if (result.status == Status::Cancelled || result.status == Status::Failed) {
        // Stay on the step the run started from, with what it showed; nothing was written.
        s.error = summary;
        return;
    }
    s.outcome = summary;
    const int nameDiffers = buildProblemLines(app, s, result);
    if (dryRun) {
        s.nameDiffers = nameDiffers;
        s.acceptRenames = false;   // asked again after every check
        loadUnknownUnits(app, s, result);
        s.checkResult = std::move(result);
        s.step = ImportScreen::Step::Check;
    } else {
        s.importResult = std::move(result);
        s.step = ImportScreen::Step::Result;
        app.storage.bump();            // the worker wrote through its own connection
        app.rescanCharacters = true;   // the fonts learn the new names
    }
}

void cancelJob(ImportScreen& s) { s.job.cancel(); }

// After a check: the 所属社区 names no 社区/村 has, each with its close units;
// a name listed before keeps what the user chose for it.
void loadUnknownUnits(AppState& app, ImportScreen& s, const storage::RosterImportResult& result) {
    std::map<std::string, int> rows;
    for (const storage::FileImportReport& f : result.files)
        for (const auto& [name, n] : f.unknownUnitRows) rows[name] += n;
    std::vector<ImportUnknownUnit> before = std::move(s.unknownUnits);
    s.unknownUnits.clear();
    if (rows.empty()) return;
    std::vector<OrgUnit> units = storage::writableUnits(app.storage);   // a street's user: her subtree
    for (roster::UnknownUnitName& u : roster::unknownUnitNames(rows, units)) {
        ImportUnknownUnit line;
        line.found = std::move(u);
        // The same name but for a suffix or spaces (梅园社区 / 梅园社区居委会): 归入 it unless the user says otherwise.
        if (!line.found.suggestions.empty() && line.found.suggestions[0].score >= 100) line.choice = 1;
        for (const ImportUnknownUnit& old : before)
            if (old.found.name == line.found.name) {
                line.choice = std::min<int>(old.choice, static_cast<int>(line.found.suggestions.size()) + 1);
                line.mapTo = old.mapTo;
            }
        s.unknownUnits.push_back(std::move(line));
    }
    if (!s.pinyin) s.pinyin = std::make_unique<PinyinIndex>();
    s.unitTree.load(std::move(units), *s.pinyin);
    if (s.createUnder != 0 && !s.unitTree.find(s.createUnder)) s.createUnder = 0;
}

//-----------------------------------------------------------------------------
// [SECTION] file, sheets and preview
//-----------------------------------------------------------------------------

class PreviewSink : public sheet::RowSink {
public:
    PreviewSink(int sheetIndex, std::vector<sheet::Row>& rows) : m_index(sheetIndex), m_rows(rows) {}
    bool beginSheet(const sheet::SheetInfo& info) override { return info.index == m_index; }
    bool row(const sheet::Row& row) override {
        m_rows.push_back(row);
        return static_cast<int>(m_rows.size()) < kPreviewRows;   // then stop reading
    }

private:
    int m_index;
    std::vector<sheet::Row>& m_rows;
};

void loadPreviews(AppState& app, ImportScreen& s) {
    s.previews.clear();
    s.previewIndex = 0;
    std::string text;
    for (std::size_t i = 0; i < s.sheets.size(); ++i) {
        if (!s.sheets[i].chosen) continue;
        ImportSheetPreview p;
        p.name = s.sheets[i].name;
        int index = static_cast<int>(i);
        for (const sheet::SheetInfo& info : s.info.sheets)
            if (info.name == p.name) index = info.index;
        PreviewSink sink(index, p.rows);
        const sheet::ReadResult read = sheet::readSpreadsheet(s.file, sink);
        if (read.status == sheet::ReadStatus::Failed) {
            p.message = read.message;
        } else {
            roster::HeaderDetection d = roster::detectHeader(p.rows, s.kind);
            if (d.found()) p.mapping = std::move(d.mapping);
            else p.message = d.message;
        }
        for (const sheet::Row& r : p.rows) {
            p.columnCount = std::max(p.columnCount, static_cast<int>(r.cells.size()));
            for (const sheet::Cell& c : r.cells) text += c.text;
        }
        p.columnCount = std::min(p.columnCount, kPreviewMaxColumns);
        text += p.name + p.message;
        s.previews.push_back(std::move(p));
    }
    note(app, text);
}

void resetRun(ImportScreen& s) {
    s.nameDiffers = 0;
    s.acceptRenames = false;
    s.checkResult.reset();
    s.importResult.reset();
    s.problems.clear();
    s.outcome.clear();
    s.problemMessage.clear();
    s.unknownUnits.clear();
    s.unitAliases.clear();
    s.unknownMessage.clear();
    s.unknownFailed = false;
}

} // namespace

void openImportFile(AppState& app, ImportScreen& s, const std::string& path) {
    if (s.job.running()) return;   // a run is going on: it finishes (or is cancelled) first
    resetRun(s);
    s.error.clear();
    s.file = path;
    s.picker.path = path;
    std::error_code ec;
    const fs::path parent = fs::path(path).parent_path();
    if (fs::is_directory(parent, ec)) s.picker.directory = parent.string();
    note(app, path);
    const sheet::ReadResult listed = sheet::listSheets(path);
    if (listed.status != sheet::ReadStatus::Ok) {
        s.error = listed.message.empty() ? std::string(str::kImpCannotRead) + path : listed.message;
        note(app, s.error);
        s.step = ImportScreen::Step::File;
        return;
    }
    s.info = listed.info;
    s.sheets.clear();
    std::string names;
    for (const sheet::SheetInfo& info : listed.info.sheets) {
        // A template's 填写说明 sheet is not ticked: it holds no rows to import.
        s.sheets.push_back({info.name, info.hidden, !info.hidden && !roster::isInstructionsSheet(info.name)});
        names += info.name;
    }
    s.unreadableSheets = listed.info.unreadableSheets;
    for (const std::string& name : s.unreadableSheets) names += name;
    note(app, names);
    if (s.sheets.empty()) {
        s.error = str::kImpNoSheets;
        return;
    }
    // A CSV or a one-sheet workbook: nothing to pick (unless sheets were
    // skipped: the sheet step then says which).
    if (s.sheets.size() == 1 && s.unreadableSheets.empty()) {
        s.sheets[0].chosen = true;
        loadPreviews(app, s);
        s.step = ImportScreen::Step::Preview;
    } else {
        s.step = ImportScreen::Step::Sheets;
    }
}

void openDroppedFiles(AppState& app, const std::vector<std::string>& paths) {
    if (paths.empty()) return;
    ImportScreen& s = importScreen(app);
    app.section = Section::Import;
    s.tab = 0;
    s.selectTab = true;
    if (s.job.running()) {   // a run is going on: the dropped file waits for the user
        s.error = str::kImpDropWhileRunning;
        return;
    }
    openImportFile(app, s, paths.front());
    if (paths.size() > 1 && s.error.empty()) s.error = str::kImpDropOnlyFirst;
}

bool importJobRunning(const ImportScreen& s) { return s.job.running(); }

namespace {

//-----------------------------------------------------------------------------
// [SECTION] problems and the problem list
//-----------------------------------------------------------------------------

void drawProblemTable(AppState& app, ImportScreen& s, float height) {
    if (s.problems.empty()) {
        ImGui::TextColored(kGoodColor, "%s", str::kImpNoProblems);
        return;
    }
    const bool manySheets = s.previews.size() > 1;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("problems", manySheets ? 4 : 3, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    if (manySheets) ImGui::TableSetupColumn(str::kImpColSheet, 0, 1.0f);
    ImGui::TableSetupColumn(str::kImpColRow, 0, 0.5f);
    ImGui::TableSetupColumn(str::kImpColColumn, 0, 1.0f);
    ImGui::TableSetupColumn(str::kImpColProblem, 0, 6.0f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.problems.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ImportProblemLine& p = s.problems[static_cast<std::size_t>(i)];
            ImGui::TableNextRow();
            if (manySheets) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(p.sheet.c_str());
            }
            ImGui::TableNextColumn();
            if (p.row > 0) ImGui::Text("%d", p.row);
            if (ItemLocator::instance().enabled())
                locate(("import.problem." + std::to_string(i) + ".row").c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.column.c_str());
            ImGui::TableNextColumn();
            // Cut to the column with "…"; the whole message and its fix on hover.
            if (p.warning) ImGui::PushStyleColor(ImGuiCol_Text, kWarnColor);
            textFitted(p.message);
            if (p.warning) ImGui::PopStyleColor();
        }
    }
    ImGui::EndTable();
}

const storage::RosterImportResult* lastResult(const ImportScreen& s) {
    if (s.step == ImportScreen::Step::Result && s.importResult) return &*s.importResult;
    if (s.checkResult) return &*s.checkResult;
    return nullptr;
}

void drawSaveProblems(AppState& app, ImportScreen& s) {
    const storage::RosterImportResult* result = lastResult(s);
    // Errors and warnings alike: a list of 提醒 only is worth sending back too.
    ImGui::BeginDisabled(!result || s.problems.empty());
    if (ImGui::Button(str::kImpSaveProblems)) {
        const fs::path source(s.file);
        const std::string name = source.stem().string() + str::kImpProblemsSuffix;
        resetFilePicker(s.problemPicker, FilePicker::Mode::Save, {".xlsx"}, (source.parent_path() / name).string());
        s.problemPicker.requestOpen = true;
    }
    locate("import.save_problems");
    ImGui::EndDisabled();
    if (drawFilePickerModal(app, s.problemPicker, str::kImpSaveProblemsTitle, "import.problems_picker") && result) {
        const std::string error = writeExport(s.problemPicker.path, storage::problemListTable(result->files));
        s.problemFailed = !error.empty();
        s.problemMessage = s.problemFailed ? error : std::string(str::kImpProblemsSaved) + s.problemPicker.path;
        note(app, s.problemMessage);
    }
    if (!s.problemMessage.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(s.problemFailed ? kErrorColor : kGoodColor, "%s", s.problemMessage.c_str());
    }
}

//-----------------------------------------------------------------------------
// [SECTION] the wizard's steps
//-----------------------------------------------------------------------------

void drawSteps(const ImportScreen& s) {
    const char* labels[] = {str::kImpStepFile, str::kImpStepSheets, str::kImpStepPreview, str::kImpStepCheck,
                            str::kImpStepResult};
    for (int i = 0; i < 5; ++i) {
        if (i > 0) {
            ImGui::SameLine();
            ImGui::TextDisabled(">");
            ImGui::SameLine();
        }
        if (i == static_cast<int>(s.step)) headingText(labels[i]);
        else ImGui::TextDisabled("%s", labels[i]);
    }
    ImGui::Separator();
}

void drawProgress(ImportScreen& s) {
    ImGui::TextUnformatted(s.jobDryRun ? str::kImpChecking : str::kImporting);
    const std::string overlay = fmt::count(s.job.count()) + str::kImpRowsSoFar;
    labelledProgressBar(s.job.fraction(), 0, overlay, ImGui::GetColorU32(ImGuiCol_PlotHistogram));
    locate("import.progress");
    const bool cancelling = s.job.cancelling();
    ImGui::BeginDisabled(cancelling);
    if (ImGui::Button(str::kImpCancel)) cancelJob(s);
    locate("import.cancel");
    ImGui::EndDisabled();
    if (cancelling) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", str::kImpCancelling);
    }
}

void drawFileStep(AppState& app, ImportScreen& s) {
    ImGui::TextUnformatted(str::kImpKindLabel);
    static const struct {
        roster::RosterKind kind;
        const char* label;
        const char* key;
    } kinds[] = {
        {roster::RosterKind::Volunteers, str::kImpKindVolunteers, "import.kind.volunteers"},
        {roster::RosterKind::Families, str::kImpKindFamilies, "import.kind.families"},
        {roster::RosterKind::Units, str::kImpKindUnits, "import.kind.units"},
        {roster::RosterKind::Targets, str::kImpKindTargets, "import.kind.targets"},
        {roster::RosterKind::Indicators, str::kImpKindIndicators, "import.kind.indicators"},
        {roster::RosterKind::Honours, str::kImpKindHonours, "import.kind.honours"},
        {roster::RosterKind::Posts, str::kImpKindPosts, "import.kind.posts"},
        {roster::RosterKind::Activities, str::kImpKindActivities, "import.kind.activities"},
        {roster::RosterKind::Reviews, str::kImpKindReviews, "import.kind.reviews"},
    };
    int shown = 0;
    for (const auto& k : kinds) {
        // Rosters and the tree's records on the first line, the rest on a second.
        if (shown++ != 5) ImGui::SameLine();
        else ImGui::Dummy(ImVec2(ImGui::CalcTextSize(str::kImpKindLabel).x, 0)), ImGui::SameLine();
        if (ImGui::RadioButton(k.label, s.kind == k.kind) && s.kind != k.kind) {
            s.kind = k.kind;
            s.templateMessage.clear();
        }
        locate(k.key);
    }
    // The columns this kind expects, and its example file.
    std::string headers;
    const std::vector<ExportTable> example = importTemplate(s.kind);   // (a named local: front() of a temporary dangles)
    for (const std::string& h : example.front().headers) headers += (headers.empty() ? "" : "、") + h;
    ImGui::TextDisabled("%s%s", str::kImpExpectedHeaders, headers.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(str::kImpSaveTemplate)) {
        resetFilePicker(s.templatePicker, FilePicker::Mode::Save, {".xlsx"},
                        (std::filesystem::path(downloadsDirectory()) / importTemplateSaveName(s.kind)).string());
        s.templatePicker.requestOpen = true;
    }
    locate("import.save_template");
    if (drawFilePickerModal(app, s.templatePicker, str::kImpSaveTemplateTitle, "import.template_picker")) {
        const std::string error = saveImportTemplate(s.kind, s.templatePicker.path);
        s.templateFailed = !error.empty();
        s.templateMessage = s.templateFailed ? error : std::string(str::kImpTemplateSaved) + s.templatePicker.path;
    }
    if (!s.templateMessage.empty()) {
        ImGui::TextColored(s.templateFailed ? kErrorColor : kGoodColor, "%s", s.templateMessage.c_str());
        locate("import.template_message");
    }
    ImGui::TextDisabled("%s", str::kImpFileHint);
    if (s.picker.extensions.empty()) {
        resetFilePicker(s.picker, FilePicker::Mode::Open, {".xlsx", ".csv", ".tsv", ".txt"}, s.picker.directory);
        s.picker.advice = &sheet::needsSaveAsXlsx;   // .xls/.et/.ods listed, with the reader's own advice
    }
    const float height = ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing() * 3;
    if (drawFileBrowser(app, s.picker, "import.picker", str::kImpNext, std::max(200.0f, height)))
        openImportFile(app, s, s.picker.path);
}

void drawSheetsStep(AppState& app, ImportScreen& s) {
    ImGui::Text("%s%s", str::kImpFileLabel, s.file.c_str());
    ImGui::TextUnformatted(str::kImpPickSheets);
    for (std::size_t i = 0; i < s.sheets.size(); ++i) {
        ImportSheetChoice& c = s.sheets[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::Checkbox(c.name.c_str(), &c.chosen);
        if (ItemLocator::instance().enabled()) locate(("import.sheet." + c.name).c_str());
        if (c.hidden) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", str::kImpHiddenSheet);
        }
        ImGui::PopID();
    }
    for (const std::string& name : s.unreadableSheets) {   // listed, but their content is missing from the file
        ImGui::TextDisabled("%s%s", name.c_str(), str::kImpUnreadableSheet);
        locate(("import.unreadable." + name).c_str());
    }
    ImGui::Spacing();
    if (ImGui::Button(str::kImpBack)) s.step = ImportScreen::Step::File;
    locate("import.back");
    ImGui::SameLine();
    const bool any = !chosenSheets(s).empty();
    ImGui::BeginDisabled(!any);
    if (ImGui::Button(str::kImpNext)) {
        loadPreviews(app, s);
        s.step = ImportScreen::Step::Preview;
    }
    locate("import.next");
    ImGui::EndDisabled();
    if (!any) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorColor, "%s", str::kImpNoSheetChosen);
    }
}

void mappingCombo(ImportSheetPreview& p, roster::RosterKind kind, int columnIndex) {
    const roster::Column* column = p.mapping ? p.mapping->columnAt(columnIndex) : nullptr;
    if (!column) {
        ImGui::TextDisabled("-");
        return;
    }
    const std::string id = "##map" + std::to_string(columnIndex);
    const bool ignored = column->field == roster::Field::Ignored;
    if (ignored) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::SetNextItemWidth(-1);
    const bool open = ImGui::BeginCombo(id.c_str(), roster::fieldLabel(kind, column->field), ImGuiComboFlags_HeightLarge);
    if (ignored) ImGui::PopStyleColor();
    if (ItemLocator::instance().enabled()) locate(("import.map." + std::to_string(columnIndex)).c_str());
    if (!open) return;
    std::vector<roster::Field> fields = {roster::Field::Ignored};
    for (roster::Field f : roster::fieldsOf(kind)) fields.push_back(f);
    for (roster::Field f : fields) {
        if (ImGui::Selectable(roster::fieldLabel(kind, f), f == column->field))
            roster::setColumnField(*p.mapping, columnIndex, f);
        if (ItemLocator::instance().enabled())
            locate(("import.map." + std::to_string(columnIndex) + "." + roster::fieldKey(f)).c_str());
    }
    ImGui::EndCombo();
}

// A cell as the preview shows it: a date-formatted number as the date Excel
// shows (the file holds 43529), everything else as the file wrote it.
std::string previewText(const sheet::Cell& cell, bool date1904) {
    if (cell.kind == sheet::Cell::Kind::Number && cell.dateFormatted)
        if (auto d = roster::excelSerialToDate(cell.number, date1904)) return formatDate(*d);
    return cell.text;
}

void drawPreviewTable(ImportSheetPreview& p, roster::RosterKind kind, bool date1904, float height) {
    const int columns = std::max(1, p.columnCount);
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX
                                | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("preview", columns + 1, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(1, 2);
    ImGui::TableSetupColumn(str::kImpColRow, ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
    const float width = ImGui::GetFontSize() * 8;
    for (int c = 0; c < columns; ++c)
        ImGui::TableSetupColumn(roster::columnLetter(c).c_str(), ImGuiTableColumnFlags_WidthFixed, width);
    ImGui::TableHeadersRow();
    // The mapping row: what each column will be imported as.
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%s", str::kImpMapsTo);
    for (int c = 0; c < columns; ++c) {
        ImGui::TableNextColumn();
        ImGui::PushID(c);
        mappingCombo(p, kind, c);
        ImGui::PopID();
    }
    const int headerRow = p.mapping ? p.mapping->headerRowNumber : 0;
    int dataRows = 0;
    for (const sheet::Row& r : p.rows) {
        if (headerRow > 0 && r.number < headerRow) continue;   // title rows above the header
        if (r.number > headerRow && ++dataRows > kPreviewDataRows) break;
        ImGui::TableNextRow();
        const bool isHeader = r.number == headerRow;
        if (isHeader) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, theme::kAccentTint.u32());
        ImGui::TableNextColumn();
        ImGui::Text("%d", r.number);
        for (int c = 0; c < columns; ++c) {
            ImGui::TableNextColumn();
            if (c < static_cast<int>(r.cells.size())) {
                const roster::Column* col = p.mapping ? p.mapping->columnAt(c) : nullptr;
                const bool dim = !isHeader && (!col || col->field == roster::Field::Ignored);
                const std::string text = previewText(r.cells[c], date1904);
                if (dim) ImGui::TextDisabled("%s", text.c_str());
                else ImGui::TextUnformatted(text.c_str());
            }
        }
    }
    ImGui::EndTable();
}

// Messages that stop the check: a mapping that cannot be imported.
std::vector<std::string> blockingMessages(const AppState& app, const ImportScreen& s) {
    std::vector<std::string> out;
    bool anyMapping = false;
    for (const ImportSheetPreview& p : s.previews) {
        if (!p.mapping) continue;
        anyMapping = true;
        for (const std::string& m : roster::validateMapping(*p.mapping)) out.push_back(p.name + "：" + m);
    }
    if (!anyMapping) out.push_back(str::kImpNoHeaderAnywhere);
    if (hasHoursColumn(s)) {
        // The command line's words in the message (--hours-period …) mean the fields below.
        const roster::HoursBasisParse hours = hoursBasisOf(app, s);
        if (!hours.ok()) {
            // The core's message speaks the command line's words; this names the fields.
            using Problem = roster::HoursBasisParse::Problem;
            switch (hours.problem) {
            case Problem::PeriodMissing: out.push_back(str::kImpHoursNeedPeriod); break;
            case Problem::PeriodUnreadable: out.push_back(str::kImpHoursBadPeriod + s.hoursPeriod + "”。"); break;
            case Problem::AsOfUnreadable: out.push_back(str::kImpHoursBadAsOf + s.hoursAsOf + "”。"); break;
            case Problem::AsOfFuture: out.push_back(str::kImpHoursFutureAsOf); break;
            case Problem::PeriodNotStarted: out.push_back(str::kImpHoursPeriodLater); break;
            default: out.push_back(str::kImpHoursProblem + hours.message); break;
            }
        }
    }
    return out;
}

// 服务时长 means a total to date (default) or the hours of one period; and
// the date the roster is as of. A total seen for the first time is history.
void drawHoursMeaning(AppState& app, ImportScreen& s) {
    ImGui::TextUnformatted(str::kImpHoursMeaning);
    ImGui::SameLine();
    ImGui::RadioButton(str::kImpHoursTotal, &s.hoursMeaning, 0);
    locate("import.hours_total");
    ImGui::SameLine();
    ImGui::RadioButton(str::kImpHoursPeriod, &s.hoursMeaning, 1);
    locate("import.hours_period");
    if (s.hoursMeaning == 1) {
        ImGui::SameLine();
        textInput(app, "hours_period", &s.hoursPeriod, str::kImpHoursPeriodHint, ImGui::GetFontSize() * 7,
                  "import.hours_period_text");
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(str::kImpHoursAsOf);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    ImGui::InputTextWithHint("##hours_as_of", app.today.c_str(), &s.hoursAsOf);
    locate("import.hours_as_of");
    ImGui::TextDisabled("%s", s.hoursMeaning == 1 ? str::kImpHoursPeriodNote : str::kImpHoursTotalNote);
}

void drawPreviewStep(AppState& app, ImportScreen& s) {
    ImGui::Text("%s%s", str::kImpFileLabel, s.file.c_str());
    if (s.previews.size() > 1) {
        ImGui::TextUnformatted(str::kImpSheetLabel);
        for (std::size_t i = 0; i < s.previews.size(); ++i) {
            ImGui::SameLine();
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::RadioButton(s.previews[i].name.c_str(), s.previewIndex == static_cast<int>(i)))
                s.previewIndex = static_cast<int>(i);
            if (ItemLocator::instance().enabled()) locate(("import.preview." + s.previews[i].name).c_str());
            ImGui::PopID();
        }
    }
    s.previewIndex = std::clamp(s.previewIndex, 0, static_cast<int>(s.previews.size()) - 1);
    if (s.previews.empty()) return;
    ImportSheetPreview& p = s.previews[static_cast<std::size_t>(s.previewIndex)];
    if (p.mapping) {
        ImGui::Text("%s%d%s", str::kImpHeaderAtA, p.mapping->headerRowNumber, str::kImpHeaderAtB);
    } else {
        ImGui::TextColored(kErrorColor, "%s", p.message.c_str());
    }
    const std::vector<std::string> blocking = blockingMessages(app, s);
    const bool askHours = hasHoursColumn(s);
    const float footer = ImGui::GetFrameHeightWithSpacing() * (askHours ? 3.2f : 2.0f)
                       + ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(blocking.size() + (askHours ? 2 : 1));
    // As tall as the rows shown (header, mapping, up to kPreviewDataRows), never past the buttons.
    const float rowHeight = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float wanted = rowHeight * static_cast<float>(std::min<std::size_t>(p.rows.size(), kPreviewDataRows + 1) + 1)
                       + ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ScrollbarSize * 2;
    drawPreviewTable(p, s.kind, s.info.date1904, std::clamp(ImGui::GetContentRegionAvail().y - footer, 160.0f, std::max(160.0f, wanted)));
    if (askHours) drawHoursMeaning(app, s);
    for (const std::string& m : blocking) {
        note(app, m);
        ImGui::TextColored(kErrorColor, "%s", m.c_str());
    }
    if (ImGui::Button(str::kImpBack)) s.step = s.sheets.size() > 1 ? ImportScreen::Step::Sheets : ImportScreen::Step::File;
    locate("import.back");
    ImGui::SameLine();
    ImGui::BeginDisabled(!blocking.empty());
    if (ImGui::Button(str::kImpStartCheck)) {
        resetRun(s);
        startJob(app, s, true);
    }
    locate("import.check");
    ImGui::EndDisabled();
}

// The unit a name is mapped to by its choice (0: 新建, or another unit not picked yet).
RowId mappedUnit(const ImportUnknownUnit& u) {
    const int suggestions = static_cast<int>(u.found.suggestions.size());
    if (u.choice >= 1 && u.choice <= suggestions) return u.found.suggestions[static_cast<std::size_t>(u.choice - 1)].id;
    if (u.choice == suggestions + 1) return u.mapTo;
    return 0;
}

// 归入: the names mapped to a unit become aliases of this file's runs. False
// (and a message) when a name chose 其他 without picking one.
bool applyMappings(ImportScreen& s) {
    for (const ImportUnknownUnit& u : s.unknownUnits) {
        if (u.choice == 0) continue;
        const RowId id = mappedUnit(u);
        if (id == 0) {
            s.unknownMessage = str::kImpUnknownNeedUnitA + u.found.name + str::kImpUnknownNeedUnitB;
            s.unknownFailed = true;
            return false;
        }
        s.unitAliases[u.found.name] = id;
    }
    return true;
}

std::string suggestionLabel(const roster::UnitSuggestion& u) {
    return str::kImpUnknownMapTo + u.name + (u.parentName.empty() ? std::string() : "（" + u.parentName + "）");
}

// The panel under the check's summary: each unknown name with its rows and
// a choice (新建 / 归入 a close unit / 归入 any 社区/村), one 街道/镇 picker
// and the buttons that create the names marked 新建 in one undo step (and
// apply the mappings), or only apply the mappings; either re-runs the check.
void drawUnknownUnits(AppState& app, ImportScreen& s) {
    headingText(str::kImpUnknownTitle);
    const float row = ImGui::GetFrameHeightWithSpacing();
    const float height = row * (static_cast<float>(std::min<std::size_t>(s.unknownUnits.size(), 5)) + 1.4f);
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_SizingStretchProp;
    int toCreate = 0;
    if (ImGui::BeginTable("unknown_units", 3, flags, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(str::kImpUnknownColName, 0, 2.0f);
        ImGui::TableSetupColumn(str::kImpUnknownColRows, 0, 0.6f);
        ImGui::TableSetupColumn(str::kImpUnknownColChoice, 0, 5.0f);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < s.unknownUnits.size(); ++i) {
            ImportUnknownUnit& u = s.unknownUnits[i];
            const std::string key = "import.unknown." + std::to_string(i);
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            userText(app, u.found.name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(fmt::count(u.found.rows).c_str());
            ImGui::TableNextColumn();
            const int suggestions = static_cast<int>(u.found.suggestions.size());
            std::string preview = u.choice == 0 ? str::kImpUnknownCreate
                                : u.choice <= suggestions ? suggestionLabel(u.found.suggestions[static_cast<std::size_t>(u.choice - 1)])
                                                          : str::kImpUnknownMapOther;
            noteUserText(app, preview);
            ImGui::SetNextItemWidth(std::min(320.0f, ImGui::GetContentRegionAvail().x * 0.55f));
            const std::string choiceKey = key + ".choice";
            if (ImGui::BeginCombo("##choice", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
                for (int c = 0; c <= suggestions + 1; ++c) {
                    const std::string label = c == 0 ? str::kImpUnknownCreate
                                            : c <= suggestions ? suggestionLabel(u.found.suggestions[static_cast<std::size_t>(c - 1)])
                                                               : str::kImpUnknownMapOther;
                    noteUserText(app, label);
                    ImGui::PushID(c);
                    if (ImGui::Selectable(label.c_str(), u.choice == c)) u.choice = c;
                    if (ItemLocator::instance().enabled()) locate((choiceKey + ".option." + std::to_string(c)).c_str());
                    ImGui::PopID();
                }
                ImGui::EndCombo();
            }
            locate(choiceKey.c_str());
            if (u.choice == suggestions + 1) {
                ImGui::SameLine();
                unitCombo(app, s.unitTree, (key + ".unit").c_str(), &u.mapTo, str::kImpUnknownPickUnit,
                          std::max(120.0f, ImGui::GetContentRegionAvail().x), isCommunityKind);
            }
            toCreate += u.choice == 0;
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(str::kImpUnknownUnder);
    ImGui::SameLine();
    unitCombo(app, s.unitTree, "import.unknown.street", &s.createUnder, str::kImpUnknownPickStreet, 220, isStreetKind);
    ImGui::SameLine();
    ImGui::TextUnformatted(str::kImpUnknownUnderB);
    ImGui::SameLine();
    ImGui::BeginDisabled(toCreate == 0);
    const std::string createLabel = formatMessage(str::kImpUnknownCreateButton, fmt::count(toCreate).c_str());
    if (ImGui::Button(createLabel.c_str())) {
        s.unknownFailed = false;
        if (s.createUnder == 0) {
            s.unknownMessage = str::kImpUnknownNeedStreet;
            s.unknownFailed = true;
        } else if (applyMappings(s)) {
            std::vector<std::string> names;
            for (const ImportUnknownUnit& u : s.unknownUnits)
                if (u.choice == 0) names.push_back(u.found.name);
            try {
                const std::vector<RowId> ids = storage::RecordStore(app.storage).addCommunities(s.createUnder, names);
                s.unknownMessage = str::kImpUnknownCreatedA + fmt::count(static_cast<long long>(ids.size())) + str::kImpUnknownCreatedB;
                startJob(app, s, true);   // its own connection sees the new units: the rows count as known
            } catch (const storage::StorageError& e) {
                s.unknownMessage = e.what();
                s.unknownFailed = true;
            }
        }
    }
    locate("import.unknown.create");
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(toCreate == static_cast<int>(s.unknownUnits.size()));
    if (ImGui::Button(str::kImpUnknownApply)) {
        s.unknownFailed = false;
        if (applyMappings(s)) {
            s.unknownMessage = str::kImpUnknownMapped;
            startJob(app, s, true);
        }
    }
    locate("import.unknown.apply");
    ImGui::EndDisabled();
}

void drawCheckStep(AppState& app, ImportScreen& s) {
    ImGui::Text("%s%s", str::kImpFileLabel, s.file.c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(s.outcome.c_str());
    ImGui::PopTextWrapPos();
    const bool already = s.checkResult && !s.checkResult->files.empty() && s.checkResult->files[0].alreadyImportedAs;
    if (!s.unknownUnits.empty() && !already) drawUnknownUnits(app, s);
    if (!s.unitAliases.empty()) {
        std::string mapped = str::kImpUnknownAliases;
        int shown = 0;
        for (const auto& [name, id] : s.unitAliases) {
            if (shown++) mapped += "、";
            mapped += name + " → " + (s.unitTree.find(id) ? s.unitTree.name(id) : std::to_string(id));
        }
        userText(app, mapped, true);
    }
    if (s.unknownFailed) errorText(app, s.unknownMessage);
    else okText(app, s.unknownMessage);
    float height = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2;
    if (s.nameDiffers > 0) height -= ImGui::GetFrameHeightWithSpacing() * 2;
    drawProblemTable(app, s, std::max(120.0f, height));
    if (s.nameDiffers > 0) {
        // 叶颖 stored, 叶英 in the file: the table shows both names; the user decides for those rows.
        ImGui::TextColored(kWarnColor, "%s%s%s", str::kImpRenamesA, fmt::count(s.nameDiffers).c_str(), str::kImpRenamesB);
        ImGui::Checkbox(str::kImpAcceptRenames, &s.acceptRenames);
        locate("import.accept_renames");
    }
    if (ImGui::Button(str::kImpBack)) s.step = ImportScreen::Step::Preview;
    locate("import.back");
    ImGui::SameLine();
    ImGui::BeginDisabled(already);
    if (ImGui::Button(str::kImpConfirm)) startJob(app, s, false);
    locate("import.confirm");
    ImGui::EndDisabled();
    ImGui::SameLine();
    drawSaveProblems(app, s);
}

void drawResultStep(AppState& app, ImportScreen& s) {
    ImGui::Text("%s%s", str::kImpFileLabel, s.file.c_str());
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kGoodColor, "%s", s.outcome.c_str());
    ImGui::PopTextWrapPos();
    const float height = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2;
    drawProblemTable(app, s, std::max(120.0f, height));
    drawSaveProblems(app, s);
    ImGui::SameLine();
    if (ImGui::Button(str::kImpAnother)) {
        resetRun(s);
        s.step = ImportScreen::Step::File;
    }
    locate("import.another");
}

void drawWizard(AppState& app, ImportScreen& s) {
    collectJob(app, s);
    drawSteps(s);
    if (!s.error.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(kErrorColor, "%s", s.error.c_str());
        ImGui::PopTextWrapPos();
    }
    if (s.job.running()) {
        drawProgress(s);
        return;
    }
    switch (s.step) {
    case ImportScreen::Step::File: drawFileStep(app, s); break;
    case ImportScreen::Step::Sheets: drawSheetsStep(app, s); break;
    case ImportScreen::Step::Preview: drawPreviewStep(app, s); break;
    case ImportScreen::Step::Check: drawCheckStep(app, s); break;
    case ImportScreen::Step::Result: drawResultStep(app, s); break;
    }
}

//-----------------------------------------------------------------------------
// [SECTION] batches and exports
//-----------------------------------------------------------------------------

void reloadBatches(AppState& app, ImportScreen& s) {
    if (s.batchesRevision == app.storage.revision()) return;
    s.batches = storage::ImportStore(app.storage).batches();
    s.batchesRevision = app.storage.revision();
    std::string names;
    for (const ImportBatch& b : s.batches) names += b.fileName;
    note(app, names);
}

// Starts the undo of `batch` as a task with its own connection, as an
// import runs: deleting a large batch's people takes seconds, and a frame must not.
void undoBatch(AppState& app, ImportScreen& s, RowId batch) {
    s.confirmUndo = 0;
    s.batchMessage.clear();
    s.undoingBatch = batch;
    const TaskKey key{app.storage.revision(), "undo " + std::to_string(batch)};
    s.undoing.start(key, [path = app.storage.path(), batch](TaskControl&) -> std::string {
        storage::Storage own(path);
        const auto summary = storage::ImportStore(own).undo(batch);
        if (summary.throughStep)
            return std::string(str::kImpUndoneA) + std::to_string(batch) + str::kImpUndoneRecordsB
                 + fmt::count(summary.rowsUndone) + str::kImpUndoneRecordsC;
        return std::string(str::kImpUndoneA) + std::to_string(batch) + str::kImpUndoneB
             + fmt::count(summary.personsRemoved) + str::kImpUndonePersons
             + fmt::count(summary.familiesRemoved) + str::kImpUndoneFamilies
             + fmt::count(summary.personsRestored + summary.familiesRestored) + str::kImpUndoneRestored;
    });
}

// Takes the undo's outcome once it is there (its error: the task caught it).
void collectUndo(AppState& app, ImportScreen& s) {
    if (!s.undoing.poll()) return;
    s.batchMessage = s.undoing.takeResult().value_or(s.undoing.error());
    s.undoingBatch = 0;
    app.storage.bump();   // the worker wrote through its own connection
    note(app, s.batchMessage);
}

void drawBatches(AppState& app, ImportScreen& s) {
    collectUndo(app, s);
    reloadBatches(app, s);
    if (!s.batchMessage.empty()) ImGui::TextWrapped("%s", s.batchMessage.c_str());
    if (s.job.running()) ImGui::TextDisabled("%s", str::kImpUndoWhileRunning);
    const bool undoRunning = s.undoing.running();
    if (undoRunning) ImGui::TextDisabled(str::kImpUndoingFormat, static_cast<long long>(s.undoingBatch));
    if (s.batches.empty()) {
        ImGui::TextDisabled("%s", str::kImpNoBatches);
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY
                                | ImGuiTableFlags_Resizable;
    // 确定撤销 and 取消 side by side, the widest the last column shows.
    const float undoWidth = buttonWidth(str::kImpUndoConfirm) + ImGui::GetStyle().ItemSpacing.x + buttonWidth(str::kPickCancel);
    if (!beginListTable("batches",
                        {{str::kColFile, nullptr, 0, true, 0, ImGui::GetFontSize() * 8},
                         {str::kColKind, "志愿服务记录", 0},
                         {str::kColTime, "2026-12-05 17:34", 0},
                         {str::kColImported, "12,345", 0},
                         {str::kColUpdated, "12,345", 0},
                         {str::kColSkipped, "12,345", 0},
                         {str::kColUndone, "2026-12-05 17:34", 0},
                         {"##undo", nullptr, 0, false, 0, undoWidth}},
                        flags))
        return;
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.batches.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ImportBatch& b = s.batches[static_cast<std::size_t>(i)];
            ImGui::PushID(static_cast<int>(b.id));
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); textFitted(b.fileName);
            ImGui::TableNextColumn();
            const auto kind = roster::kindFromKey(b.kind);
            textFitted(kind ? roster::kindLabel(*kind) : b.kind);
            ImGui::TableNextColumn(); ImGui::TextUnformatted(localTimeText(b.finishedAt).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::count(b.rowsImported).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::count(b.rowsUpdated).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(fmt::count(b.rowsSkipped).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(localTimeText(b.undoneAt).c_str());
            ImGui::TableNextColumn();
            const std::string key = "import.batch." + std::to_string(b.id);
            if (b.undoneAt.empty()) {
                ImGui::BeginDisabled(s.job.running() || undoRunning);
                if (s.confirmUndo == b.id) {   // 撤销 asks once more before removing anything
                    if (ImGui::SmallButton(str::kImpUndoConfirm)) undoBatch(app, s, b.id);
                    locate((key + ".confirm").c_str());
                    ImGui::SameLine();
                    if (ImGui::SmallButton(str::kPickCancel)) s.confirmUndo = 0;
                    locate((key + ".keep").c_str());
                } else {
                    if (ImGui::SmallButton(str::kImpUndo)) {
                        s.confirmUndo = b.id;
                        s.batchMessage.clear();
                    }
                    locate((key + ".undo").c_str());
                }
                ImGui::EndDisabled();
            }
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

void drawExports(AppState& app, ImportScreen& s) {
    ImGui::TextWrapped("%s", str::kImpExportHint);
    ImGui::Spacing();
    headingText(str::kImpExportVolunteers);
    drawExportButtons(app, s.volunteersExport, ExportList::Volunteers, "export.volunteers");
    ImGui::Spacing();
    ImGui::Separator();
    headingText(str::kImpExportFamilies);
    drawExportButtons(app, s.familiesExport, ExportList::Families, "export.families");
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] the screen
//-----------------------------------------------------------------------------

void drawImportScreen(AppState& app, ImportScreen& s) {
    if (!ImGui::BeginTabBar("import_tabs")) return;
    const char* labels[] = {str::kImpTabWizard, str::kImpTabBatches, str::kImpTabExport};
    const char* keys[] = {"import.tab.wizard", "import.tab.batches", "import.tab.export"};
    const int wanted = s.selectTab ? s.tab : -1;
    for (int i = 0; i < 3; ++i) {
        const ImGuiTabItemFlags flags = wanted == i ? ImGuiTabItemFlags_SetSelected : 0;
        const bool open = ImGui::BeginTabItem(labels[i], nullptr, flags);
        locate(keys[i]);
        if (!open) continue;
        s.tab = i;
        if (i == 0) drawWizard(app, s);
        else if (i == 1) drawBatches(app, s);
        else drawExports(app, s);
        ImGui::EndTabItem();
    }
    s.selectTab = false;
    ImGui::EndTabBar();
    // A run finishes even while another tab is shown.
    if (s.tab != 0) collectJob(app, s);
}

} // namespace jinguo::ui
