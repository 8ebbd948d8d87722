// post_store.cpp — see post_store.hpp.
#include "storage/post_store.hpp"

#include "core/points.hpp"
#include "core/text.hpp"
#include "storage/audited_change.hpp"
#include "storage/stale_form.hpp"
#include "storage/title_events.hpp"
#include "storage/undo_store.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace jinguo::storage {

using namespace jinguo::posts;

namespace {

Post readPost(const Statement& st) {
    Post p;
    p.id = st.columnInt(0);
    p.workUnit = st.columnText(1);
    p.name = st.columnText(2);
    p.unitId = st.columnInt(3);
    p.members = static_cast<int>(st.columnInt(4));
    p.womenMembers = static_cast<int>(st.columnInt(5));
    p.womenLeaders = static_cast<int>(st.columnInt(6));
    p.contactName = st.columnText(7);
    p.contactPhone = st.columnText(8);
    p.note = st.columnText(9);
    p.kindId = st.columnInt(10);
    p.headIsWoman = st.columnInt(11) != 0;
    return p;
}

// The general veto items every kind starts with (巾帼文明岗 adds its women's share).
std::string generalVetoItems() {
    std::string out;
    for (std::size_t i = 0; i < 3; ++i) out += (i ? "\n" : "") + std::string(kVetoItems[i]);
    return out;
}

std::vector<std::string> splitLines(const std::string& text) {
    std::vector<std::string> out;
    std::size_t from = 0;
    while (from <= text.size()) {
        const std::size_t end = text.find('\n', from);
        const std::string line = trim(text.substr(from, end == std::string::npos ? std::string::npos : end - from));
        if (!line.empty()) out.push_back(line);
        if (end == std::string::npos) break;
        from = end + 1;
    }
    return out;
}

// The schema's CHECKs would refuse these too, in English; say it in Chinese
// before SQLite does.
void checkPostFields(const Post& p) {
    if (trim(p.workUnit).empty()) throw StorageError("请填写所在单位。");
    if (trim(p.name).empty()) throw StorageError("请填写岗位或集体名称。");
    if (p.members < 0 || p.womenMembers < 0 || p.womenLeaders < 0) throw StorageError("人数不能为负数。");
    if (p.womenMembers > p.members) throw StorageError("女职工人数不能多于岗位总人数。");
    if (!p.contactPhone.empty() && p.contactPhone.size() != 11) throw StorageError("联系电话应为11位手机号。");
}

struct AwardOfPost {
    RowId postId = 0;
    AwardHistory award;
};

// Another post of the same work unit and name (`self` excluded; 0 for a new
// post) refuses the save.
void refuseDuplicatePost(Database& db, const Post& p, RowId self) {
    auto dup = db.cached("SELECT id FROM post WHERE work_unit = ? AND name = ? AND id <> ?");
    dup.bind(1, trim(p.workUnit)).bind(2, trim(p.name)).bind(3, self);
    const bool exists = dup.step();
    dup.reset();
    if (exists) throw StorageError("“" + trim(p.workUnit) + "”已登记名为“" + trim(p.name) + "”的创建对象，不能重复登记。");
}

// Parameters 1-9 of the INSERT and the UPDATE: the form's fields, trimmed.
void bindPostFields(Statement& st, const Post& p) {
    st.bind(1, trim(p.workUnit)).bind(2, trim(p.name)).bindIdOrNull(3, p.unitId).bind(4, p.members)
        .bind(5, p.womenMembers).bind(6, p.womenLeaders).bind(7, trim(p.contactName))
        .bindTextOrNull(8, p.contactPhone).bind(9, trim(p.note));
}

} // namespace

PostStore::PostStore(Storage& storage) : m_storage(storage), m_db(storage.db()) {}

// ------------------------------------------------------------ kinds

std::vector<CreationKind> PostStore::kinds() {
    std::vector<CreationKind> out;
    std::map<RowId, std::size_t> index;
    {
        auto st = m_db.cached(
            "SELECT id, name, subject_word, conditions = 'post', veto_items, builtin, women_percent, leader_rule,"
            " ladder_years, pass_score, basic_pass_score, name_after_basic_pass FROM creation_kind ORDER BY id");
        while (st.step()) {
            CreationKind k;
            k.id = st.columnInt(0);
            k.name = st.columnText(1);
            k.subjectWord = st.columnText(2);
            k.memberConditions = st.columnInt(3) != 0;
            k.vetoItems = splitLines(st.columnText(4));
            k.builtin = st.columnInt(5) != 0;
            k.rules.womenPercent = static_cast<int>(st.columnInt(6));
            k.rules.leaderRule = st.columnText(7) == "head" ? LeaderRule::HeadIsWoman : LeaderRule::WomanAmongLeaders;
            k.rules.ladderYears = static_cast<int>(st.columnInt(8));
            k.rules.passScore = st.columnDouble(9);
            k.rules.basicPassScore = st.columnDouble(10);
            k.rules.nameAfterBasicPass = st.columnInt(11) != 0;
            index[k.id] = out.size();
            out.push_back(std::move(k));
        }
    }
    // Its levels are its titles (a retired title no longer takes applications).
    auto st = m_db.cached("SELECT kind_id, level, coalesce(review_years, 0) FROM award_title"
                          " WHERE subject_kind = 'post' AND active = 1 AND kind_id IS NOT NULL ORDER BY builtin DESC, id");
    while (st.step()) {
        const auto it = index.find(st.columnInt(0));
        if (it == index.end()) continue;
        CreationKind& k = out[it->second];
        const std::string level = st.columnText(1);
        if (std::find(k.levels.begin(), k.levels.end(), level) != k.levels.end()) continue;
        k.levels.push_back(level);
        k.rules.reviewYears.emplace_back(level, static_cast<int>(st.columnInt(2)));
    }
    st.reset();
    const auto byRank = [](const std::string& a, const std::string& b) { return titleLevelRank(a) < titleLevelRank(b); };
    for (CreationKind& k : out) {
        std::stable_sort(k.levels.begin(), k.levels.end(), byRank);
        std::stable_sort(k.rules.reviewYears.begin(), k.rules.reviewYears.end(),
                         [&](const auto& a, const auto& b) { return byRank(a.first, b.first); });
    }
    return out;
}

std::optional<CreationKind> PostStore::kind(RowId id) {
    for (CreationKind& k : kinds())
        if (k.id == id) return std::move(k);
    return std::nullopt;
}

CreationKind PostStore::kindOrDefault(RowId kindId) {
    if (auto k = kind(kindId)) return *k;
    return postKind();
}

RowId PostStore::addKind(const std::string& name, const std::string& subjectWord,
                         const std::vector<std::string>& levels) {
    const std::string n = trim(name);
    const std::string word = trim(subjectWord);
    if (n.empty()) throw StorageError("请填写类别名称，如“妇女之家”。");
    if (word.empty()) throw StorageError("请填写创建对象的叫法，如“岗位”“村”“学校”。");
    if (levels.empty()) throw StorageError("请至少选择一个命名级别。");
    for (const std::string& level : levels)
        if (titleLevelRank(level) < 0) throw StorageError("级别“" + level + "”不在级别表中。");
    AuditedChange change(m_storage, "新增创建类别 " + n);
    {
        auto dup = m_db.cached("SELECT 1 FROM creation_kind WHERE name = ?");
        dup.bind(1, n);
        if (dup.step()) throw StorageError("已有名为“" + n + "”的创建类别，不能重复添加。");
    }
    for (const std::string& level : levels) {
        auto dup = m_db.cached("SELECT 1 FROM award_title WHERE name = ? AND subject_kind = 'post' AND level = ?");
        dup.bind(1, n).bind(2, level);
        if (dup.step())
            throw StorageError("荣誉目录中已有" + levelWithSuffix(level) + "“" + n + "”称号，请换一个类别名称。");
    }
    auto ins = m_db.cachedInsert(
        "INSERT INTO creation_kind (name, subject_word, conditions, veto_items) VALUES (?, ?, 'ladder', ?)");
    ins.bind(1, n).bind(2, word).bind(3, generalVetoItems());
    const RowId kindId = change.insert("creation_kind", ins);
    const PointsRules points = pointsRulesFromSettings(
        [&](const std::string& key) -> std::optional<std::string> {
            std::string value = m_storage.setting(key, "\x01");
            if (value == "\x01") return std::nullopt;
            return value;
        });
    for (const std::string& level : levels) {
        auto title = m_db.cachedInsert(
            "INSERT INTO award_title (name, subject_kind, level, points, kind_id, review_years)"
            " VALUES (?, 'post', ?, ?, ?, ?)");
        title.bind(1, n).bind(2, level).bind(3, points.pointsForLevel(level)).bind(4, kindId).bind(5, kDefaultReviewYears);
        change.insert("award_title", title);
    }
    change.commit();
    return kindId;
}

void PostStore::setKindRules(RowId kindId, const KindRules& rules) {
    if (std::string problem = rulesProblem(rules); !problem.empty()) throw StorageError(problem);
    const std::optional<CreationKind> k = kind(kindId);
    if (!k) throw StorageError("没有这个创建类别（可能已被删除），请重新选择类别。");
    AuditedChange change(m_storage, "修改" + k->name + "的规则");
    change.update("creation_kind", kindId, [&] {
        auto up = m_db.cached(
            "UPDATE creation_kind SET women_percent = ?, leader_rule = ?, ladder_years = ?, pass_score = ?,"
            " basic_pass_score = ?, name_after_basic_pass = ? WHERE id = ?");
        up.bind(1, rules.womenPercent)
            .bind(2, rules.leaderRule == LeaderRule::HeadIsWoman ? "head" : "leader")
            .bind(3, rules.ladderYears)
            .bind(4, rules.passScore)
            .bind(5, rules.basicPassScore)
            .bind(6, rules.nameAfterBasicPass ? 1 : 0)
            .bind(7, kindId);
        up.run();
    });
    // The interval is the level's title's (every title of the kind at that level).
    for (const auto& [level, years] : rules.reviewYears) {
        std::vector<RowId> titles;
        auto st = m_db.cached("SELECT id FROM award_title WHERE subject_kind = 'post' AND kind_id = ? AND level = ?"
                              " AND coalesce(review_years, -1) <> ?");
        st.bind(1, kindId).bind(2, level).bind(3, years);
        while (st.step()) titles.push_back(st.columnInt(0));
        st.reset();
        for (const RowId title : titles)
            change.update("award_title", title, [&] {
                auto up = m_db.cached("UPDATE award_title SET review_years = ? WHERE id = ?");
                up.bind(1, years).bind(2, title);
                up.run();
            });
    }
    change.commit();
}

std::optional<Post> PostStore::post(RowId id) {
    auto st = m_db.cached(
        "SELECT p.id, p.work_unit, p.name, coalesce(p.unit_id, 0), p.members, p.women_members, p.women_leaders,"
        " p.contact_name, coalesce(p.contact_phone, ''), p.note, p.kind_id, p.head_is_woman FROM post p WHERE p.id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    Post p = readPost(st);
    st.reset();
    return p;
}

RowId PostStore::insertPost(const Post& p) {
    checkPostFields(p);
    const std::optional<CreationKind> k = kind(p.kindId);
    if (!k) throw StorageError("没有这个创建类别（可能已被删除），请重新选择类别。");
    AuditedChange change(m_storage, "新增" + k->name + " " + trim(p.name));
    refuseDuplicatePost(m_db, p, 0);
    auto st = m_db.cachedInsert(
        "INSERT INTO post (work_unit, name, unit_id, members, women_members, women_leaders, contact_name,"
        " contact_phone, note, kind_id, head_is_woman) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bindPostFields(*st, p);
    st.bind(10, p.kindId).bind(11, p.headIsWoman ? 1 : 0);
    const RowId id = change.insert("post", st);
    change.commit();
    return id;
}

void PostStore::updatePost(const Post& p, const Post* asLoaded) {
    checkPostFields(p);
    AuditedChange change(m_storage, "修改巾帼文明岗 " + trim(p.name));
    RowAudit row = change.row("post", p.id);
    if (!row.existed()) throw StorageError("要修改的岗位已不存在（可能已被删除）。");
    if (asLoaded) {
        if (const auto now = post(p.id)) refuseIfChangedSince(m_storage, formFields(*asLoaded), formFields(*now));
    }
    refuseDuplicatePost(m_db, p, p.id);
    auto st = m_db.cached(
        "UPDATE post SET work_unit = ?, name = ?, unit_id = ?, members = ?, women_members = ?, women_leaders = ?,"
        " contact_name = ?, contact_phone = ?, note = ?, head_is_woman = ? WHERE id = ?");
    bindPostFields(*st, p);
    st.bind(10, p.headIsWoman ? 1 : 0).bind(11, p.id);
    st.run();
    row.done();
    change.commit();
}

void PostStore::deletePost(RowId id) {
    const std::optional<Post> p = post(id);
    if (!p) return;
    // Its awards and their history go with it (ON DELETE CASCADE): deleteRow
    // audits each of them, so one Ctrl+Z brings the post back whole.
    UndoStep step(m_storage, "删除巾帼文明岗 " + p->name);
    UndoStore(m_storage).deleteRow("post", id);
}

// ------------------------------------------------------------ awards and history

std::vector<AwardHistory> PostStore::loadAwards(RowId postId) {
    std::vector<AwardHistory> out;
    std::map<RowId, std::size_t> index;
    {
        auto st = m_db.cached(
            "SELECT a.id, t.level, t.name, a.year, a.status, a.doc_number, coalesce(a.fix_by, '') FROM award a"
            " JOIN award_title t ON t.id = a.title_id WHERE a.post_id = ? ORDER BY a.year, a.id");
        st.bind(1, postId);
        while (st.step()) {
            AwardHistory a;
            a.awardId = st.columnInt(0);
            a.level = st.columnText(1);
            a.titleName = st.columnText(2);
            a.year = static_cast<int>(st.columnInt(3));
            a.status = st.columnText(4);
            a.docNumber = st.columnText(5);
            a.fixBy = st.columnText(6);
            index[a.awardId] = out.size();
            out.push_back(std::move(a));
        }
        st.reset();
    }
    auto ev = m_db.cached(
        "SELECT e.id, e.award_id, e.status, e.happened_on, e.doc_number, e.score, e.veto, coalesce(e.fix_by, ''),"
        " e.note FROM award_event e JOIN award a ON a.id = e.award_id WHERE a.post_id = ?"
        " ORDER BY e.award_id, e.happened_on, e.id");
    ev.bind(1, postId);
    while (ev.step()) {
        AwardEvent e;
        e.id = ev.columnInt(0);
        e.awardId = ev.columnInt(1);
        e.status = ev.columnText(2);
        e.happenedOn = ev.columnText(3);
        e.docNumber = ev.columnText(4);
        if (!ev.columnIsNull(5)) e.score = ev.columnDouble(5);
        e.veto = ev.columnInt(6) != 0;
        e.fixBy = ev.columnText(7);
        e.note = ev.columnText(8);
        auto it = index.find(e.awardId);
        if (it != index.end()) out[it->second].events.push_back(std::move(e));
    }
    ev.reset();
    return out;
}

std::vector<AwardHistory> PostStore::awardsOf(RowId postId) {
    std::vector<AwardHistory> out = loadAwards(postId);
    std::stable_sort(out.begin(), out.end(), [](const AwardHistory& a, const AwardHistory& b) {
        if (titleLevelRank(a.level) != titleLevelRank(b.level)) return titleLevelRank(a.level) < titleLevelRank(b.level);
        return a.year < b.year;
    });
    return out;
}

std::vector<TimelineEntry> PostStore::timeline(RowId postId) {
    std::vector<TimelineEntry> out;
    std::map<RowId, std::pair<std::string, std::string>> coReviews;
    {
        auto st = m_db.cached("SELECT e.id, e.co_reviewer, e.co_opinion FROM award_event e JOIN award a ON a.id = e.award_id"
                              " WHERE a.post_id = ? AND (e.co_reviewer <> '' OR e.co_opinion <> '')");
        st.bind(1, postId);
        while (st.step()) coReviews[st.columnInt(0)] = {st.columnText(1), st.columnText(2)};
        st.reset();
    }
    for (const AwardHistory& a : loadAwards(postId))
        for (const AwardEvent& e : a.events) {
            TimelineEntry entry{e, a.level, a.titleName, a.year, {}, {}};
            if (const auto it = coReviews.find(e.id); it != coReviews.end())
                std::tie(entry.coReviewer, entry.coOpinion) = it->second;
            out.push_back(std::move(entry));
        }
    std::stable_sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
        if (a.event.happenedOn != b.event.happenedOn) return a.event.happenedOn < b.event.happenedOn;
        return a.event.id < b.event.id;
    });
    return out;
}

RowId PostStore::titleFor(RowId kindId, const std::string& level) {
    auto st = m_db.cached(
        "SELECT id FROM award_title WHERE subject_kind = 'post' AND kind_id = ? AND level = ?"
        " ORDER BY active DESC, builtin DESC, id LIMIT 1");
    st.bind(1, kindId).bind(2, level);
    const RowId id = st.step() ? st.columnInt(0) : 0;
    st.reset();
    return id;
}

PostStore::Result PostStore::apply(RowId postId, const std::string& level, int year, const TransitionRequest& r,
                                   std::string_view today) {
    Result result;
    const std::optional<Post> p = post(postId);
    if (!p) {
        result.reason = "该岗位已不存在（可能已被删除）。";
        return result;
    }
    const CreationKind k = kindOrDefault(p->kindId);
    const Decision d = checkApplication(loadAwards(postId), level, year, r, today, k);
    if (!d.allowed) {
        result.reason = d.reason;
        return result;
    }
    const RowId title = titleFor(k.id, level);
    if (title == 0) {
        result.reason = "荣誉目录中没有" + level + "级" + k.name + "称号，请先在“设置”中添加。";
        return result;
    }
    try {
        AuditedChange change(m_storage, k.name + " " + p->name + " 申报" + level + "级");
        auto ins = m_db.cachedInsert(
            "INSERT INTO award (title_id, year, post_id, unit_id, status, doc_number) VALUES (?, ?, ?, ?, ?, '')");
        ins.bind(1, title).bind(2, year).bind(3, postId).bindIdOrNull(4, p->unitId).bind(5, kApply);
        const RowId awardId = change.insert("award", ins);
        auto ev = m_db.cachedInsert(
            "INSERT INTO award_event (award_id, status, happened_on, doc_number, note) VALUES (?, ?, ?, ?, ?)");
        ev.bind(1, awardId).bind(2, kApply).bind(3, r.date).bind(4, trim(r.docNumber)).bind(5, trim(r.note));
        change.insert("award_event", ev);
        change.commit();
        result.ok = true;
        result.id = awardId;
    } catch (const StorageError& e) {
        result.reason = e.what();
        return result;
    }
    return result;
}

bool PostStore::importState(RowId postId, const ImportedState& s) {
    const std::optional<Post> p = post(postId);
    if (!p) throw StorageError("该岗位已不存在（可能已被删除）。");
    const CreationKind k = kindOrDefault(p->kindId);
    if (std::find(k.levels.begin(), k.levels.end(), s.level) == k.levels.end())
        throw StorageError(k.name + "的级别应为" + levelsText(k) + "。");
    if (!isStatus(s.status)) throw StorageError("状态应为申报、创建、考核验收、命名、复核或撤销。");
    if (s.year < 1949 || s.year > 2100) throw StorageError("年度应在1949到2100之间。");
    if (!isIsoDate(s.date) || (!s.appliedOn.empty() && !isIsoDate(s.appliedOn)))
        throw StorageError("日期应写成 2026-03-08 这样的格式，且是真实存在的日期。");
    const RowId title = titleFor(k.id, s.level);
    if (title == 0) throw StorageError("荣誉目录中没有" + s.level + "级" + k.name + "称号，请先在“设置”中添加。");
    const std::string doc = trim(s.docNumber);
    const AwardHistory* open = nullptr;
    const std::vector<AwardHistory> awards = loadAwards(postId);
    for (const AwardHistory& a : awards)
        if (a.level == s.level && a.status != kRevoke) open = &a;
    if (open && open->status == s.status && (doc.empty() || doc == open->docNumber)) return false;
    AuditedChange change(m_storage, k.name + " " + p->name + " " + s.level + "级" + s.status + "（导入）");
    auto event = [&](RowId awardId, const std::string& status, const std::string& on, const std::string& docNumber) {
        auto ev = m_db.cachedInsert(
            "INSERT INTO award_event (award_id, status, happened_on, doc_number, note) VALUES (?, ?, ?, ?, '导入')");
        ev.bind(1, awardId).bind(2, status).bind(3, on).bind(4, docNumber);
        change.insert("award_event", ev);
    };
    if (!open) {
        auto ins = m_db.cachedInsert(
            "INSERT INTO award (title_id, year, post_id, unit_id, status, doc_number) VALUES (?, ?, ?, ?, ?, ?)");
        ins.bind(1, title).bind(2, s.year).bind(3, postId).bindIdOrNull(4, p->unitId).bind(5, s.status).bind(6, doc);
        const RowId awardId = change.insert("award", ins);
        if (!s.appliedOn.empty() && s.status != kApply) event(awardId, kApply, s.appliedOn, "");
        event(awardId, s.status, s.status == kApply && !s.appliedOn.empty() ? s.appliedOn : s.date, doc);
    } else {
        RowAudit row = change.row("award", open->awardId);
        if (open->status != s.status) event(open->awardId, s.status, s.date, doc);
        auto up = m_db.cached(
            "UPDATE award SET status = ?, doc_number = ?, fix_by = CASE WHEN ? = status THEN fix_by END WHERE id = ?");
        up.bind(1, s.status).bind(2, doc.empty() ? open->docNumber : doc).bind(3, s.status).bind(4, open->awardId);
        up.run();
        row.done();
    }
    change.commit();
    return true;
}

PostStore::Result PostStore::transition(RowId awardId, const TransitionRequest& r, std::string_view today,
                                        const AwardHistory* asSeen) {
    Result result;
    try {
        // The rules and the stale-form check read inside the write
        // transaction: nobody can record a step in between.
        AuditedChange change(m_storage);
        auto owner = m_db.cached("SELECT coalesce(post_id, 0) FROM award WHERE id = ?");
        owner.bind(1, awardId);
        const RowId postId = owner.step() ? owner.columnInt(0) : 0;
        owner.reset();
        const std::vector<AwardHistory> awards = postId == 0 ? std::vector<AwardHistory>() : loadAwards(postId);
        const auto award = std::find_if(awards.begin(), awards.end(),
                                        [&](const AwardHistory& a) { return a.awardId == awardId; });
        if (award == awards.end()) {
            result.reason = "找不到这条创建记录（可能已被删除）。";
            return result;
        }
        if (asSeen) refuseIfChangedSince(m_storage, formFields(*asSeen), formFields(*award));
        const std::optional<Post> p = post(postId);
        const CreationKind k = p ? kindOrDefault(p->kindId) : postKind();
        const Decision d = checkTransition(*award, r, today, k);
        result.grade = d.grade;
        if (!d.allowed) {
            result.reason = d.reason;
            return result;
        }
        const std::string fixBy = r.status == kReview ? trim(r.fixBy) : std::string();
        if (trim(r.coReviewer).empty() && !trim(r.coOpinion).empty()) {
            result.reason = "填写了会同审核意见，请同时填写会同审核单位（如 区总工会）。";
            return result;
        }
        const std::string kindName = k.name;
        UndoStep step(m_storage, kindName + " " + (p ? p->name : std::string()) + " " + award->level + "级" + r.status);
        auto ev = m_db.cachedInsert(
            "INSERT INTO award_event (award_id, status, happened_on, doc_number, score, veto, fix_by, note,"
            " co_reviewer, co_opinion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ev.bind(1, awardId).bind(2, r.status).bind(3, r.date).bind(4, trim(r.docNumber));
        if (r.score && (r.status == kAssess || r.status == kReview)) ev.bind(5, *r.score); else ev.bindNull(5);
        ev.bind(6, r.veto ? 1 : 0).bindTextOrNull(7, fixBy).bind(8, trim(r.note)).bind(9, trim(r.coReviewer))
            .bind(10, trim(r.coOpinion));
        const RowId eventId = change.insert("award_event", ev);

        // The award follows its latest step; the naming 文号 is the award's own.
        change.update("award", awardId, [&] {
            auto move = m_db.cached(
                "UPDATE award SET status = ?, fix_by = ?, doc_number = CASE WHEN ? THEN ? ELSE doc_number END"
                " WHERE id = ?");
            move.bind(1, r.status).bindTextOrNull(2, fixBy).bind(3, r.status == kName ? 1 : 0)
                .bind(4, trim(r.docNumber)).bind(5, awardId);
            move.run();
        });
        change.commit();
        result.ok = true;
        result.id = eventId;
    } catch (const StorageError& e) {
        result.reason = e.what();
        return result;
    }
    return result;
}

// ------------------------------------------------------------ the list

std::vector<PostListRow> PostStore::rows(const PostFilter& filter, std::string_view today) {
    // Three set queries (posts, awards, events), then the rules per post in
    // memory: never a query per post.
    std::vector<PostListRow> all;
    std::map<RowId, std::size_t> postIndex;
    {
        auto st = m_db.cached(
            "SELECT p.id, p.work_unit, p.name, coalesce(p.unit_id, 0), p.members, p.women_members, p.women_leaders,"
            " p.contact_name, coalesce(p.contact_phone, ''), p.note, p.kind_id, p.head_is_woman, coalesce(u.name, '')"
            " FROM post p LEFT JOIN org_unit u ON u.id = p.unit_id WHERE ?1 = 0 OR p.kind_id = ?1 ORDER BY p.id");
        st.bind(1, filter.kindId);
        while (st.step()) {
            PostListRow row;
            row.post = readPost(st);
            row.unitName = st.columnText(12);
            postIndex[row.post.id] = all.size();
            all.push_back(std::move(row));
        }
        st.reset();
    }
    std::vector<std::vector<AwardHistory>> awards(all.size());
    std::map<RowId, std::pair<std::size_t, std::size_t>> awardIndex;   // award -> (post row, position)
    {
        auto st = m_db.cached(
            "SELECT a.id, a.post_id, t.level, t.name, a.year, a.status, a.doc_number, coalesce(a.fix_by, '')"
            " FROM award a JOIN award_title t ON t.id = a.title_id WHERE a.post_id IS NOT NULL ORDER BY a.year, a.id");
        while (st.step()) {
            auto it = postIndex.find(st.columnInt(1));
            if (it == postIndex.end()) continue;
            AwardHistory a;
            a.awardId = st.columnInt(0);
            a.level = st.columnText(2);
            a.titleName = st.columnText(3);
            a.year = static_cast<int>(st.columnInt(4));
            a.status = st.columnText(5);
            a.docNumber = st.columnText(6);
            a.fixBy = st.columnText(7);
            awardIndex[a.awardId] = {it->second, awards[it->second].size()};
            awards[it->second].push_back(std::move(a));
        }
        st.reset();
    }
    {
        // The cache keys on the text's address: one string for the program's life.
        static const std::string sql = std::string("SELECT ") + kAwardEventColumns
                                       + " FROM award_event e JOIN award a ON a.id = e.award_id"
                                         " WHERE a.post_id IS NOT NULL ORDER BY e.award_id, e.happened_on, e.id";
        auto st = m_db.cached(sql.c_str());
        while (st.step()) {
            auto it = awardIndex.find(st.columnInt(1));
            if (it == awardIndex.end()) continue;
            awards[it->second.first][it->second.second].events.push_back(readAwardEvent(st));
        }
        st.reset();
    }
    // The unit filter takes the chosen unit and everything below it.
    std::set<RowId> units;
    if (filter.unitId != 0) {
        std::multimap<RowId, RowId> children;
        auto st = m_db.cached("SELECT id, coalesce(parent_id, 0) FROM org_unit");
        while (st.step()) children.emplace(st.columnInt(1), st.columnInt(0));
        st.reset();
        std::vector<RowId> pending{filter.unitId};
        while (!pending.empty()) {
            const RowId u = pending.back();
            pending.pop_back();
            if (!units.insert(u).second) continue;
            auto [from, to] = children.equal_range(u);
            for (auto it = from; it != to; ++it) pending.push_back(it->second);
        }
    }

    std::map<RowId, CreationKind> kindById;
    for (CreationKind& k : kinds()) kindById[k.id] = std::move(k);
    std::vector<PostListRow> out;
    for (std::size_t i = 0; i < all.size(); ++i) {
        PostListRow& row = all[i];
        const auto kindIt = kindById.find(row.post.kindId);
        const CreationKind& k = kindIt == kindById.end() ? postKind() : kindIt->second;
        row.unmetConditions = unmetConditions(checkConditions(row.post, awards[i], k));
        if (const AwardHistory* a = currentAward(awards[i])) {
            row.awardId = a->awardId;
            row.level = a->level;
            row.titleName = a->titleName;
            row.year = a->year;
            row.status = a->status;
            row.docNumber = a->docNumber;
            row.fixBy = a->fixBy;
            row.latestScore = latestScore(*a);
            row.grade = latestGrade(*a, k.rules);
            row.review = reviewState(*a, today, k.rules);
            const int years = reviewYearsFor(k.rules, a->level);
            row.reviewDue = nextReviewDue(*a, years);
            // A title in its fix-by period or due for revocation is past 复核 already.
            row.reviewOverdue = row.review == ReviewState::None && reviewOverdue(*a, years, today);
        }
        if (filter.unitId != 0 && !units.count(row.post.unitId)) continue;
        if (!filter.level.empty() && row.level != filter.level) continue;
        if (filter.year != 0 && row.year != filter.year) continue;
        if (!filter.status.empty()) {
            if (filter.status == kDueForRevocation) {
                if (row.review != ReviewState::DueForRevocation) continue;
            } else if (filter.status == kReviewOverdue) {
                if (!row.reviewOverdue) continue;
            } else if (row.status != filter.status) {
                continue;
            }
        }
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<int> PostStore::years(RowId kindId) {
    std::vector<int> out;
    auto st = m_db.cached("SELECT DISTINCT a.year FROM award a JOIN post p ON p.id = a.post_id"
                          " WHERE ?1 = 0 OR p.kind_id = ?1 ORDER BY a.year DESC");
    st.bind(1, kindId);
    while (st.step()) out.push_back(static_cast<int>(st.columnInt(0)));
    st.reset();
    return out;
}

} // namespace jinguo::storage
