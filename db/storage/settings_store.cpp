// settings_store.cpp — validated writes of the rules and the title catalogue.
#include "storage/settings_store.hpp"

#include "core/badges.hpp"
#include "core/number_format.hpp"
#include "core/stars.hpp"
#include "core/text.hpp"
#include "storage/audited_change.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/title_standing_sql.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>

namespace jinguo::storage {

namespace {

// Settings keys of the points a title of each level is worth by default.
constexpr const char kTitlePointsPrefix[] = "points.title.";

// The label of a key as 设置 shows it (its note).
std::string labelOf(const std::string& key) {
    for (const SettingDefault& d : rulesDefaults())
        if (d.key == key) return d.note;
    return key;
}

// The items of a threshold list as typed: "100, 300、600，1000".
std::vector<std::string> splitList(const std::string& text) {
    std::string folded;
    for (char32_t cp : utf8ToCodepoints(foldFullWidth(text))) appendUtf8(folded, cp == U'、' ? U',' : cp);
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= folded.size()) {
        std::size_t end = folded.find(',', start);
        if (end == std::string::npos) end = folded.size();
        out.push_back(trim(std::string_view(folded).substr(start, end - start)));
        start = end + 1;
    }
    return out;
}

bool isIntegerKey(const std::string& key) {
    return key == "badge.occasions_few" || key == "badge.occasions_many" || key == "badge.streak_months" ||
           key == "badge.loyalty_years" || key == "badge.team_size";
}

// The value as it is stored: trimmed, full-width digits folded.
std::string normalized(const std::string& key, const std::string& value) {
    if (key == "badge.high_title_level") return trim(value);
    if (key == "stars.thresholds") {
        std::string out;
        for (const std::string& item : splitList(value)) out += (out.empty() ? "" : ",") + item;
        return out;
    }
    return trim(foldFullWidth(value));
}

} // namespace

const std::vector<SettingDefault>& rulesDefaults() {
    static const std::vector<SettingDefault> defaults = [] {
        std::vector<SettingDefault> d = pointsSettingDefaults();
        d.push_back({"stars.thresholds", kDefaultStarThresholds, "星级志愿者累计服务时长门槛（小时）"});
        const BadgeParams p;
        d.push_back({"badge.occasions_few", std::to_string(p.occasionsFew), "徽章：较少服务次数"});
        d.push_back({"badge.occasions_many", std::to_string(p.occasionsMany), "徽章：较多服务次数"});
        d.push_back({"badge.hours_few", fmt::shortest(p.hoursFew), "徽章：较少累计时长（小时）"});
        d.push_back({"badge.hours_many", fmt::shortest(p.hoursMany), "徽章：较多累计时长（小时）"});
        d.push_back({"badge.streak_months", std::to_string(p.streakMonths), "徽章：连续服务月数"});
        d.push_back({"badge.loyalty_years", std::to_string(p.loyaltyYears), "徽章：坚持服务年数"});
        d.push_back({"badge.high_title_level", p.highTitleLevel, "徽章：高级别荣誉起点（社区/街道/区/市/省/全国）"});
        d.push_back({"badge.review_pass_score", fmt::shortest(p.reviewPassScore), "徽章：复核通过分数（0–100）"});
        d.push_back({"badge.team_size", std::to_string(p.teamSize), "徽章：志愿者队伍人数"});
        d.push_back({kGraceMonthsKey, std::to_string(kDefaultGraceMonths), "称号有效期满后的复核宽限期（月）"});
        return d;
    }();
    return defaults;
}

std::string checkRuleValue(const std::string& key, const std::string& value) {
    const std::string label = "“" + labelOf(key) + "”";
    const std::string text = trim(value);
    if (key == "stars.thresholds") {
        if (text.empty()) return label + "不能为空，请按从低到高写出各星级的小时数，例如 100,300,600,1000,1500。";
        const std::vector<std::string> items = splitList(text);
        double previous = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string n = std::to_string(i + 1);
            if (items[i].empty())
                return label + "的第 " + n + " 项是空的，请删去多余的逗号。";
            char* stop = nullptr;
            const double v = std::strtod(items[i].c_str(), &stop);
            if (*stop != '\0' || !std::isfinite(v))
                return label + "的第 " + n + " 项“" + items[i] + "”不是数字，请只写小时数，用逗号分隔。";
            if (v <= 0) return label + "的第 " + n + " 项必须大于 0 小时。";
            if (i > 0 && v <= previous)
                return label + "必须逐级增加：第 " + n + " 星的 " + fmt::shortest(v) + " 小时不大于第 " + std::to_string(i) +
                       " 星的 " + fmt::shortest(previous) + " 小时。";
            previous = v;
        }
        if (items.size() > 10) return label + "最多 10 个星级，现在有 " + std::to_string(items.size()) + " 个。";
        return "";
    }
    if (key == "badge.high_title_level") {
        if (titleLevelRank(text) < 0) return label + "必须是 社区、街道、区、市、省、全国 之一，“" + text + "”不是。";
        return "";
    }
    bool known = false;
    for (const SettingDefault& d : rulesDefaults()) known = known || d.key == key;
    if (!known) return "没有名为“" + key + "”的规则设置。";

    if (text.empty()) return label + "不能为空，请填写数字（如不计分请填 0）。";
    const std::string folded = trim(foldFullWidth(text));
    char* stop = nullptr;
    const double v = std::strtod(folded.c_str(), &stop);
    if (*stop != '\0' || !std::isfinite(v)) return label + "的值“" + text + "”不是数字，请只填写数字，例如 10。";
    if (v < 0) return label + "不能是负数（“" + text + "”），请填写 0 或更大的数。";
    if (key == kGraceMonthsKey && (v != std::floor(v) || v > kMaxGraceMonths))
        return label + "必须是 0 到 " + std::to_string(kMaxGraceMonths) + " 之间的整数（月），“" + text + "”不行。";
    if (key.rfind("badge.", 0) == 0) {
        if (isIntegerKey(key) && (v < 1 || v != std::floor(v) || v > 1e6))
            return label + "必须是不小于 1 的整数，“" + text + "”不行。";
        if (key == "badge.review_pass_score" && v > 100) return label + "是百分制分数，不能超过 100。";
        if ((key == "badge.hours_few" || key == "badge.hours_many") && v <= 0) return label + "必须大于 0 小时。";
    }
    return "";
}

SettingsStore::SettingsStore(Storage& storage) : m_storage(storage) {}

std::map<std::string, std::string> SettingsStore::rules() {
    std::map<std::string, std::string> out;
    for (const SettingDefault& d : rulesDefaults()) out[d.key] = d.value;
    auto st = m_storage.db().cached("SELECT key, value FROM setting");
    while (st.step()) {
        const std::string key = st.columnText(0);
        if (out.count(key)) out[key] = st.columnText(1);
    }
    return out;
}

std::vector<std::string> SettingsStore::saveRules(const std::map<std::string, std::string>& values) {
    std::vector<std::string> problems;
    for (const auto& [key, value] : values)
        if (std::string p = checkRuleValue(key, value); !p.empty()) problems.push_back(std::move(p));
    if (!problems.empty()) return problems;

    // Together: the merged rules after the change.
    std::map<std::string, std::string> merged = rules();
    for (const auto& [key, value] : values) merged[key] = normalized(key, value);
    auto number = [&](const std::string& key) { return std::strtod(merged[key].c_str(), nullptr); };
    for (std::size_t i = 1, below = 0; i < kTitleLevels.size(); ++i) {
        if (!kTitleLevelOnLadder[i]) continue;   // 县(市), 行业/系统: beside the ladder
        const std::string lower = std::string("points.title.") + kTitleLevels[below];
        const std::string higher = std::string("points.title.") + kTitleLevels[i];
        below = i;
        if (number(higher) < number(lower))
            problems.push_back("“" + labelOf(higher) + "”（" + merged[higher] + "）少于“" + labelOf(lower) + "”（" +
                               merged[lower] + "）：级别越高的荣誉计分应不少于低一级，请调高或调低其中一项。");
    }
    if (number("badge.occasions_many") <= number("badge.occasions_few"))
        problems.push_back("“" + labelOf("badge.occasions_many") + "”（" + merged["badge.occasions_many"] +
                           "）必须大于“" + labelOf("badge.occasions_few") + "”（" + merged["badge.occasions_few"] + "）。");
    if (number("badge.hours_many") <= number("badge.hours_few"))
        problems.push_back("“" + labelOf("badge.hours_many") + "”（" + merged["badge.hours_many"] + "）必须大于“" +
                           labelOf("badge.hours_few") + "”（" + merged["badge.hours_few"] + "）。");
    if (!problems.empty()) return problems;

    // One save is one undo step, however many keys it changes; each row is
    // audited whole by its key so that undo puts back value and note.
    Database& db = m_storage.db();
    const std::map<std::string, std::string> before = rules();
    AuditedChange change(m_storage, "修改规则设置");
    bool changed = false;
    for (const auto& [key, raw] : values) {
        const std::string value = normalized(key, raw);
        if (before.at(key) == value) continue;
        change.upsertByKey("setting", key, [&] {
            auto st = db.cached(
                "INSERT INTO setting (key, value, note) VALUES (?, ?, ?)"
                " ON CONFLICT(key) DO UPDATE SET value = excluded.value");
            st.bind(1, key).bind(2, value).bind(3, labelOf(key));
            st.run();
        });
        if (key.rfind(kTitlePointsPrefix, 0) == 0)
            repriceTitlesAtLevel(key.substr(std::strlen(kTitlePointsPrefix)), std::strtod(before.at(key).c_str(), nullptr),
                                 std::strtod(value.c_str(), nullptr));
        changed = true;
    }
    if (changed) change.commit();
    else change.commitUnchanged();
    return problems;
}

// Boards count each title's own points. A level's points setting is the
// default its titles were given, so changing it moves the titles still at the
// old default with it; a title the user priced by hand keeps its price.
void SettingsStore::repriceTitlesAtLevel(const std::string& level, double oldPoints, double newPoints) {
    Database& db = m_storage.db();
    std::vector<RowId> ids;
    {
        Statement st = db.prepare("SELECT id FROM award_title WHERE level = ? AND abs(points - ?) < 1e-9");
        st.bind(1, level).bind(2, oldPoints);
        while (st.step()) ids.push_back(st.columnInt(0));
    }
    for (RowId id : ids) {
        RowAudit row(m_storage, "award_title", id);
        Statement st = db.prepare("UPDATE award_title SET points = ? WHERE id = ?");
        st.bind(1, newPoints).bind(2, id);
        st.run();
        row.done();
    }
}

void SettingsStore::restoreDefaults() {
    std::map<std::string, std::string> defaults;
    for (const SettingDefault& d : rulesDefaults()) defaults[d.key] = d.value;
    UndoStep step(m_storage, "恢复默认设置");
    const std::vector<std::string> problems = saveRules(defaults);
    if (!problems.empty()) throw SettingsError(problems.front());   // the defaults are valid: a defect
}

// ------------------------------------------------------------ titles

const char* subjectKindLabel(const std::string& kind) {
    if (kind == "family") return "家庭";
    if (kind == "person") return "个人";
    if (kind == "collective") return "集体";
    if (kind == "post") return "巾帼文明岗";
    return "";
}

std::vector<TitleRow> SettingsStore::titles() {
    Statement st = m_storage.db().prepare(withWords(R"(
        SELECT t.id, t.name, t.subject_kind, t.level, t.points, t.cycle_years, t.builtin, t.active,
               coalesce(a.n, 0), coalesce(g.n, 0), t.valid_years
        FROM award_title t
        LEFT JOIN (SELECT title_id, count(*) AS n FROM award GROUP BY title_id) a ON a.title_id = t.id
        LEFT JOIN (SELECT title_id, count(*) AS n FROM target WHERE title_id IS NOT NULL GROUP BY title_id) g
               ON g.title_id = t.id
        ORDER BY CASE t.subject_kind WHEN 'family' THEN 1 WHEN 'person' THEN 2 WHEN 'collective' THEN 3 ELSE 4 END,
                 t.name,
                 {level_order}, t.id)"));
    std::vector<TitleRow> out;
    while (st.step()) {
        TitleRow r;
        r.title.id = st.columnInt(0);
        r.title.name = st.columnText(1);
        r.title.subjectKind = st.columnText(2);
        r.title.level = st.columnText(3);
        r.title.points = st.columnDouble(4);
        r.title.cycleYears = static_cast<int>(st.columnInt(5));
        r.title.builtin = st.columnInt(6) != 0;
        r.title.active = st.columnInt(7) != 0;
        r.awards = st.columnInt(8);
        r.targets = st.columnInt(9);
        if (!st.columnIsNull(10)) r.validYears = static_cast<int>(st.columnInt(10));
        out.push_back(std::move(r));
    }
    return out;
}

namespace {

std::string checkedName(const std::string& name) {
    const std::string n = normalizeName(name);
    if (n.empty()) throw SettingsError("称号名称不能为空，请填写，例如“平安家庭”。");
    if (codepointCount(n) > 40) throw SettingsError("称号名称太长（最多 40 个字），请缩短。");
    return n;
}

void checkPoints(double points) {
    if (!std::isfinite(points) || points < 0)
        throw SettingsError("称号计分不能是负数，请填写 0 或更大的数。");
}

} // namespace

RowId SettingsStore::addTitle(const std::string& name, const std::string& subjectKind, const std::string& level,
                              double points) {
    const std::string n = checkedName(name);
    if (subjectKindLabel(subjectKind)[0] == '\0')
        throw SettingsError("称号的授予对象必须是 家庭、个人、集体 或 巾帼文明岗。");
    if (titleLevelRank(level) < 0) throw SettingsError("称号级别必须是 社区、街道、区、市、省、全国 之一。");
    checkPoints(points);
    if (m_storage.awardTitleId(n, subjectKind, level) != 0)
        throw SettingsError(level + "级" + std::string(subjectKindLabel(subjectKind)) + "称号“" + n +
                            "”已在目录中；如已停用，可在目录中恢复使用。");
    Database& db = m_storage.db();
    AuditedChange change(m_storage, "新增称号 " + n);
    auto st = db.cachedInsert(
        "INSERT INTO award_title (name, subject_kind, level, points, builtin, active) VALUES (?, ?, ?, ?, 0, 1)");
    st.bind(1, n).bind(2, subjectKind).bind(3, level).bind(4, points);
    const RowId id = change.insert("award_title", st);
    change.commit();
    return id;
}

void SettingsStore::updateTitle(RowId id, const char* sql, const std::function<void(Statement&)>& bind) {
    Database& db = m_storage.db();
    AuditedChange change(m_storage, "修改称号");   // the caller's step names it
    RowAudit row = change.row("award_title", id);
    if (!row.existed()) throw SettingsError("要修改的称号已不存在（可能已被删除）。");
    auto st = db.cached(sql);
    bind(st);
    st.run();
    row.done();
    change.commit();
}

void SettingsStore::renameTitle(RowId id, const std::string& name) {
    const std::string n = checkedName(name);
    auto clash = m_storage.db().cached(
        "SELECT b.id FROM award_title a JOIN award_title b"
        " ON b.subject_kind = a.subject_kind AND b.level = a.level AND b.name = ? AND b.id <> a.id WHERE a.id = ?");
    clash.bind(1, n).bind(2, id);
    if (clash.step()) throw SettingsError("同一对象、同一级别已有称号“" + n + "”，请换一个名称。");
    clash.reset();
    UndoStep step(m_storage, "重命名称号 " + titleName(id) + " → " + n);
    updateTitle(id, "UPDATE award_title SET name = ? WHERE id = ?",
                [&](Statement& st) { st.bind(1, n).bind(2, id); });
}

void SettingsStore::setTitlePoints(RowId id, double points) {
    checkPoints(points);
    UndoStep step(m_storage, "修改称号计分 " + titleName(id));
    updateTitle(id, "UPDATE award_title SET points = ? WHERE id = ?",
                [&](Statement& st) { st.bind(1, points).bind(2, id); });
}

void SettingsStore::setTitleActive(RowId id, bool active) {
    UndoStep step(m_storage, std::string(active ? "恢复使用称号 " : "停用称号 ") + titleName(id));
    updateTitle(id, "UPDATE award_title SET active = ? WHERE id = ?",
                [&](Statement& st) { st.bind(1, active ? 1 : 0).bind(2, id); });
}

std::optional<int> parseValidityYears(const std::string& text, std::string& problem) {
    const std::string folded = trim(foldFullWidth(text));
    problem.clear();
    if (folded.empty() || folded == "无" || folded == "不限" || folded == "长期") return std::nullopt;
    char* stop = nullptr;
    const double v = std::strtod(folded.c_str(), &stop);
    if (*stop != '\0' || !std::isfinite(v) || v != std::floor(v) || v < 1 || v > kMaxValidityYears) {
        problem = "有效期“" + trim(text) + "”不对：请填写 1 到 " + std::to_string(kMaxValidityYears) +
                  " 之间的整数年数；长期有效请留空或填“无”。";
        return std::nullopt;
    }
    return static_cast<int>(v);
}

void SettingsStore::setTitleValidity(RowId id, std::optional<int> years) {
    if (years && (*years < 1 || *years > kMaxValidityYears))
        throw SettingsError("称号有效期必须是 1 到 " + std::to_string(kMaxValidityYears) + " 年，或留空表示长期有效。");
    {
        auto kind = m_storage.db().cached("SELECT subject_kind FROM award_title WHERE id = ?");
        kind.bind(1, id);
        const bool post = kind.step() && kind.columnText(0) == "post";
        kind.reset();
        if (post) throw SettingsError("巾帼文明岗按自身的复核流程管理，不设有效期。");
    }
    UndoStep step(m_storage, (years ? "设置称号有效期 " + std::to_string(*years) + " 年 " : std::string("取消称号有效期 ")) +
                                 titleName(id));
    updateTitle(id, "UPDATE award_title SET valid_years = ? WHERE id = ?", [&](Statement& st) {
        if (years) st.bind(1, *years);
        else st.bindNull(1);
        st.bind(2, id);
    });
}

void SettingsStore::deleteTitle(RowId id) {
    Database& db = m_storage.db();
    auto use = db.cached(
        "SELECT (SELECT count(*) FROM award WHERE title_id = ?1), (SELECT count(*) FROM target WHERE title_id = ?1),"
        " (SELECT name FROM award_title WHERE id = ?1)");
    use.bind(1, id);
    use.step();
    const std::int64_t awards = use.columnInt(0), targets = use.columnInt(1);
    const std::string name = use.columnText(2);
    use.reset();
    if (name.empty()) return;   // already gone
    if (awards > 0 || targets > 0)
        throw SettingsError("称号“" + name + "”正在使用（" + std::to_string(awards) + " 条荣誉记录、" +
                            std::to_string(targets) + " 个创建目标），不能删除；可以改为“停用”，历史记录保留。");
    UndoStep step(m_storage, "删除称号 " + name);
    UndoStore(m_storage).deleteRow("award_title", id);
}

std::string SettingsStore::titleName(RowId id) {
    auto st = m_storage.db().cached("SELECT name FROM award_title WHERE id = ?");
    st.bind(1, id);
    const std::string name = st.step() ? st.columnText(0) : std::string();
    st.reset();
    return name;
}

} // namespace jinguo::storage
