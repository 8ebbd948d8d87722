// slide_data.cpp — the queries behind the meeting slides.
#include "storage/slide_data.hpp"
#include "storage/sql_dialect.hpp"

#include "core/badges.hpp"
#include "core/periods.hpp"
#include "storage/aggregates.hpp"
#include "storage/post_store.hpp"
#include "storage/storage.hpp"
#include "storage/year_figures.hpp"
#include "storage/kinds_sql.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace jinguo::storage {

namespace {

// Every unit of the scope's subtree; ?1 = 0 means the whole district.
#define SCOPE_CTE                                                                           \
    "WITH RECURSIVE scope(id) AS ("                                                         \
    " SELECT id FROM org_unit WHERE (?1 = 0 AND parent_id IS NULL) OR id = ?1"              \
    " UNION SELECT c.id FROM org_unit c JOIN scope s ON c.parent_id = s.id) "

// 1 for 社区 … 6 for 全国; 0 for an unknown level.
int levelRank(const std::string& level) { return titleLevelRank(level) + 1; }

// Posts of the 巾帼文明岗 kind in the scope (?1; 0 = the district, where a
// post without a unit counts too), as `p`.
#define POSTS_IN_SCOPE " p.kind_id = {post_kind} AND (?1 = 0 OR p.unit_id IN (SELECT id FROM scope)) "

// Posts holding a title by the end of year ?2 (awards of that year or before):
// the 在册巾帼文明岗 figure of a street and the slide's 已命名 total, one query.
constexpr const char* kPostsHeldSql = SCOPE_CTE
    "SELECT count(DISTINCT a.post_id) FROM award a JOIN post p ON p.id = a.post_id "
    "WHERE a.status IN {held} AND a.year <= ?2 AND" POSTS_IN_SCOPE;

const char* metricSubject(const std::string& metric) {
    if (metric == "volunteer_hours") return "志愿服务时长";
    if (metric == "activities") return "开展活动";
    if (metric == "volunteers") return "志愿者人数";
    return "";
}

// The 巾帼文明岗 slide's part (slide_data.hpp, PostsOfYear).
PostsOfYear readPostsOfYear(Database& db, Storage& storage, RowId scope, int year) {
    PostsOfYear out;
    const std::string first = std::to_string(year) + "-01-01", after = std::to_string(year + 1) + "-01-01";
    {
        // The named date read per award (post awards are few; the index
        // award_event_award_status answers each), the 撤销 check likewise.
        Statement st = db.prepare(withWords(SCOPE_CTE
            "SELECT p.name, p.work_unit, t.level, t.name, n.named_on FROM ("
            "  SELECT a.id, a.post_id, a.title_id, a.status,"
            "         (SELECT max(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = {named})"
            "           AS named_on"
            "  FROM award a WHERE a.post_id IS NOT NULL) n "
            "JOIN post p ON p.id = n.post_id JOIN award_title t ON t.id = n.title_id "
            "WHERE" POSTS_IN_SCOPE "AND n.named_on >= ?2 AND n.named_on < ?3 "
            "AND (n.status IN {held} OR (n.status = {revoked} AND NOT EXISTS ("
            "  SELECT 1 FROM award_event r WHERE r.award_id = n.id AND r.status = {revoked} AND r.happened_on < ?3))) "
            "ORDER BY {level_order} DESC, n.named_on, p.id"));
        // Every number up to the last used (PostgreSQL cannot type a parameter the text skips).
        st.bind(1, scope).bind(2, first).bind(3, after);
        while (st.step())
            out.namings.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnText(4)});
    }
    {
        Statement st = db.prepare(withWords(kPostsHeldSql));
        st.bind(1, scope).bind(2, year);
        out.held = st.step() ? static_cast<int>(st.columnInt(0)) : 0;
    }
    {
        Statement st = db.prepare(withWords(SCOPE_CTE
            "SELECT count(DISTINCT a.post_id) FROM award a JOIN post p ON p.id = a.post_id "
            "WHERE a.status NOT IN {held} AND a.status <> {revoked} AND a.year <= ?2 AND" POSTS_IN_SCOPE));
        st.bind(1, scope).bind(2, year);
        out.creating = st.step() ? static_cast<int>(st.columnInt(0)) : 0;
    }
    {
        // Graded by the kind's own rubric (设置), as the post's screen grades it.
        // notIndexed e.status (`+e.status`): from the posts' awards (a few hundred), not from 0038's
        // index of every 复核 of the year (27,750 at 1M households, mostly
        // family titles: 100 ms of the 演示 section's wait).
        const std::optional<posts::CreationKind> kind = PostStore(storage).kind(kPostKindId);
        const posts::KindRules rules = kind ? kind->rules : posts::KindRules{};
        Statement st = db.prepare(withWords(SCOPE_CTE
            "SELECT a.post_id, e.score, e.veto FROM award_event e JOIN award a ON a.id = e.award_id "
            "JOIN post p ON p.id = a.post_id "
            "WHERE " + std::string(db.dialect().notIndexed) + "e.status = {reviewed} AND e.happened_on >= ?2 AND e.happened_on < ?3 AND" POSTS_IN_SCOPE));
        st.bind(1, scope).bind(2, first).bind(3, after);
        std::set<RowId> passed;
        while (st.step()) {
            const bool veto = st.columnInt(2) != 0;
            // A 复核 stated without a score (an imported list) kept the title.
            const bool pass = st.columnIsNull(1) ? !veto : posts::gradeFor(st.columnDouble(1), veto, rules) != posts::Grade::Fail;
            if (pass) passed.insert(st.columnInt(0));
        }
        out.reviewsPassed = static_cast<int>(passed.size());
    }
    return out;
}

} // namespace

SlideDataStore::SlideDataStore(Storage& storage) : m_storage(storage) {}

std::vector<SlideScopeOption> SlideDataStore::scopes() {
    std::vector<SlideScopeOption> out;
    Statement st = m_storage.db().prepare(
        "SELECT id, name, parent_id IS NULL FROM org_unit "
        "WHERE parent_id IS NULL OR parent_id IN (SELECT id FROM org_unit WHERE parent_id IS NULL) "
        "ORDER BY parent_id IS NOT NULL, sort_order, id");
    while (st.step()) {
        // The root is the district: scope 0 (every unit, even a second root).
        out.push_back({st.columnInt(2) ? 0 : st.columnInt(0), st.columnText(1)});
    }
    if (out.empty() || out.front().unitId != 0) out.insert(out.begin(), {0, "全区"});
    return out;
}

SlideData SlideDataStore::load(int year, RowId scopeUnitId, const std::string& today, std::size_t wallLimit) {
    SlideData data;
    data.year = year;
    Database& db = m_storage.db();
    Aggregates aggregates(m_storage);

    // The scope: a unit that still exists, else the district.
    RowId scope = 0;
    {
        Statement st = db.prepare("SELECT id, name FROM org_unit WHERE id = ?1 OR (?1 = 0 AND parent_id IS NULL) "
                                  "ORDER BY parent_id IS NOT NULL, id LIMIT 1");
        st.bind(1, scopeUnitId);
        if (st.step()) {
            scope = scopeUnitId == 0 ? 0 : st.columnInt(0);
            data.scopeName = st.columnText(1);
        }
        if (scopeUnitId != 0 && scope == 0) {
            Statement root = db.prepare("SELECT name FROM org_unit WHERE parent_id IS NULL ORDER BY id LIMIT 1");
            data.scopeName = root.step() ? root.columnText(0) : "";
        }
    }
    data.scopeUnitId = scope;
    const Period yearPeriod = Period::ofYear(year);
    const bool districtScope = scope == 0;

    // ---- the volunteer leaderboard, top 10, with badges
    BoardQuery q;
    q.board = Board::Volunteers;
    q.metric = BoardMetric::Points;
    q.period = yearPeriod;
    q.scopeUnitId = scope;
    q.rowLimit = 10;   // the slide shows ten: names are read for those only
    BoardResult volunteers = aggregates.board(q);
    for (const BoardRow& r : volunteers.rows) {
        if (data.leaders.size() >= 10) break;
        LeaderEntry e;
        e.rank = r.rank;
        e.name = r.name;
        e.unit = r.unit;
        e.points = r.points;
        e.hours = r.hours;
        e.stars = r.stars;
        e.movementDelta = r.movementDelta;
        e.isNew = r.isNew;
        Statement st = db.prepare("SELECT badge_code FROM badge_earned WHERE person_id = ? ORDER BY earned_on DESC, id DESC");
        st.bind(1, r.id);
        while (st.step()) {
            // Stars have their own column; a code this build does not know is
            // not shown (an audience should never read "hours_few").
            const std::string code = st.columnText(0);
            if (code.rfind("star_", 0) == 0) continue;
            if (const std::optional<BadgeInfo> info = findBadge(code)) e.badges.push_back(info->name);
        }
        data.leaders.push_back(std::move(e));
    }

    // ---- target progress of the year (the race uses its rate goals)
    std::vector<TargetLine> targetLines;
    try {
        const std::optional<Date> date = parseDate(today);
        targetLines = aggregates.targets(year, date ? *date : Date{year, 12, 31}).lines;
    } catch (const std::exception& e) {
        data.problems.push_back(e.what());
    }

    // ---- the creation-rate race: streets of the district, or communities of a street
    {
        BoardQuery rq;
        rq.board = districtScope ? Board::Streets : Board::Communities;
        rq.metric = BoardMetric::Rate;
        rq.period = yearPeriod;
        rq.scopeUnitId = scope;
        data.raceLeague = firstKindOf(districtScope ? UnitTier::Street : UnitTier::Community);
        BoardResult race;
        try {
            race = aggregates.board(rq);
        } catch (const std::exception& e) {
            data.problems.push_back(e.what());
        }
        // Rate goals by unit; a unit without its own borrows its nearest ancestor's.
        std::unordered_map<RowId, const TargetLine*> goalOf;
        for (const TargetLine& line : targetLines)
            if (line.target.metric == "title_rate" && line.subject == kRateTitleName) goalOf[line.target.unitId] = &line;
        std::unordered_map<RowId, RowId> parentOf;
        {
            Statement st = db.prepare("SELECT id, coalesce(parent_id, 0) FROM org_unit");
            while (st.step()) parentOf[st.columnInt(0)] = st.columnInt(1);
        }
        double sumNumerator = 0, sumHouseholds = 0;
        for (const BoardRow& r : race.rows) {
            if (r.households <= 0) continue;   // no households: no rate to race with
            if (r.rank == 0 && !r.dataError.empty()) {   // more titled than households: no place in a race
                data.problems.push_back(r.name + "：" + r.dataError);
                continue;
            }
            RaceEntry e;
            e.name = r.name;
            e.rate = r.value;
            sumNumerator += r.numerator;
            sumHouseholds += static_cast<double>(r.households);
            for (RowId u = r.id; u != 0; u = parentOf.count(u) ? parentOf[u] : 0) {
                const auto it = goalOf.find(u);
                if (it == goalOf.end()) continue;
                e.hasTarget = true;
                e.goal = it->second->target.goal;
                if (u == r.id) {
                    e.expected = it->second->progress.expected;
                    e.status = it->second->progress.status;
                } else {
                    // A borrowed goal: the unit's own base rate is unknown here, so
                    // no pace; judged by rate ÷ goal with the default thresholds.
                    const RagThresholds rag;
                    const double ratio = e.goal > 0 ? e.rate / e.goal : 1.0;
                    e.status = ratio >= rag.green ? TargetStatus::Green
                             : ratio >= rag.amber ? TargetStatus::Amber : TargetStatus::Red;
                }
                break;
            }
            if (e.hasTarget && e.rate >= e.goal) e.status = TargetStatus::Green;
            data.race.push_back(std::move(e));
        }
        std::stable_sort(data.race.begin(), data.race.end(),
                         [](const RaceEntry& a, const RaceEntry& b) { return a.rate > b.rate; });

        // ---- headline figures of the year in the scope
        std::vector<HeadlineFigure> indicators;
        if (districtScope) {
            // The district's year in figures, as 年度数据 and the year-end report count them.
            const YearFigures y = YearFiguresReader(m_storage).figures(year);
            std::int64_t titles = 0;
            for (const auto& level : y.titlesByLevel) titles += level.count;
            data.figures.push_back({"年度志愿服务时长", y.serviceHours, "小时", 0});
            data.figures.push_back({"注册志愿者", static_cast<double>(y.volunteersRegistered), "人", 0});
            data.figures.push_back({"开展志愿活动", static_cast<double>(y.activities), "场", 0});
            data.figures.push_back({"活动参与人次", y.participants(), "人次", 0});
            data.figures.push_back({"年度获评荣誉", static_cast<double>(titles), "项", 0});
            for (const auto& rate : y.familyRates)
                if (rate.title == kRateTitleName && y.households > 0)
                    data.figures.push_back({"平安家庭创建率", 100.0 * rate.rate, "%", 1});
            for (const YearFigures::Indicator& i : y.indicators) indicators.push_back({i.name, i.value, i.unit, 0});
        } else {
            // A street: the same kinds of figure, counted in its subtree.
            auto scalar = [&](const std::string& sql) {
                Statement st = db.prepare(sql);
                st.bind(1, scope).bind(2, year);
                return st.step() ? st.columnDouble(0) : 0.0;
            };
            // People and the year's dated hours (the dated_hours view) from the
            // per-unit summaries (migration 0030): rows per unit, not per person.
            const double volunteerCount = scalar(SCOPE_CTE
                "SELECT coalesce(sum(people), 0.0) FROM unit_person_tally WHERE is_volunteer = 1 AND unit_id IN (SELECT id FROM scope) AND CAST(?2 AS bigint) = CAST(?2 AS bigint)");
            const double hours = scalar(SCOPE_CTE
                "SELECT coalesce(sum(hours), 0.0) FROM unit_period_hours WHERE period = CAST(CAST(?2 AS bigint) AS text) AND unit_id IN (SELECT id FROM scope)");
            const double activities = scalar(SCOPE_CTE
                "SELECT count(*) FROM activity WHERE unit_id IN (SELECT id FROM scope) AND held_on >= CAST(CAST(?2 AS bigint) AS text) || '-01-01' "
                "AND held_on < CAST(CAST(?2 AS bigint) + 1 AS text) || '-01-01'");
            // The year's awards through award_title_year, a seek per title (every
            // award has a title: the IN takes none away).
            const double families = scalar(withWords(SCOPE_CTE
                "SELECT count(DISTINCT a.family_id) FROM award a JOIN family f ON f.id = a.family_id "
                "WHERE a.title_id IN (SELECT id FROM award_title) "
                "AND a.year = ?2 AND a.status IN {held} AND coalesce(a.unit_id, f.unit_id) IN (SELECT id FROM scope)"));
            const double postsNamed = scalar(withWords(kPostsHeldSql));
            data.figures.push_back({"年度志愿服务时长", hours, "小时", 0});
            data.figures.push_back({"注册志愿者", volunteerCount, "人", 0});
            data.figures.push_back({"开展志愿活动", activities, "场", 0});
            data.figures.push_back({"本年度获评家庭", families, "户", 0});
            data.figures.push_back({"在册巾帼文明岗", postsNamed, "个", 0});
            if (sumHouseholds > 0)
                data.figures.push_back({"平安家庭创建率", 100.0 * sumNumerator / sumHouseholds, "%", 1});
            // The manual indicators its units reported, summed by name.
            Statement st = db.prepare(SCOPE_CTE
                "SELECT name, sum(value), max(unit) FROM manual_indicator WHERE year = ?2 AND unit_id IN (SELECT id FROM scope) "
                "GROUP BY name ORDER BY min(id)");
            st.bind(1, scope).bind(2, year);
            while (st.step()) indicators.push_back({st.columnText(0), st.columnDouble(1), st.columnText(2), 0});
        }
        // The year's manual indicators (工作指标) after the computed figures,
        // as many as fit the slide's 3 × 3 cards.
        for (HeadlineFigure& i : indicators) {
            if (data.figures.size() >= kMaxFigures) break;
            if (districtScope && i.label == kParticipantsIndicator) continue;   // already its 活动参与人次 card
            i.decimals = std::fabs(i.value - std::round(i.value)) < 1e-9 ? 0 : 1;
            data.figures.push_back(std::move(i));
        }
        bool any = false;
        for (const HeadlineFigure& f : data.figures) any = any || f.value > 0;
        if (!any) data.figures.clear();   // an empty database: the slide says 暂无数据
    }

    // ---- 巾帼文明岗: the year's namings and the totals around them
    data.posts = readPostsOfYear(db, m_storage, scope, year);

    // ---- the award wall: families and individuals named this year at 区 level and above
    {
        Statement st = db.prepare(withWords(SCOPE_CTE
            "SELECT coalesce(f.head_name, p.name), t.name, t.level, coalesce(u.name, ''), a.family_id IS NOT NULL "
            "FROM award a JOIN award_title t ON t.id = a.title_id "
            "LEFT JOIN family f ON f.id = a.family_id LEFT JOIN person p ON p.id = a.person_id "
            "LEFT JOIN org_unit u ON u.id = coalesce(a.unit_id, f.unit_id, p.unit_id) "
            // The titles of 区 level and above, each with its year, through the
            // index award_title_year: a seek per title, never a pass over awards.
            "WHERE a.title_id IN (SELECT id FROM award_title WHERE level IN {levels_from_district}) "
            "AND a.year = ?2 AND a.status IN {held} AND t.level IN {levels_from_district} "
            "AND (a.family_id IS NOT NULL OR a.person_id IS NOT NULL) "
            "AND coalesce(a.unit_id, f.unit_id, p.unit_id) IN (SELECT id FROM scope)"));
        st.bind(1, scope).bind(2, year);
        while (st.step())
            data.wall.push_back({st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3), st.columnInt(4) != 0});
        std::stable_sort(data.wall.begin(), data.wall.end(), [](const WallEntry& a, const WallEntry& b) {
            if (levelRank(a.level) != levelRank(b.level)) return levelRank(a.level) > levelRank(b.level);
            if (a.title != b.title) return a.title < b.title;
            return a.family > b.family;
        });
        data.wallTotal = static_cast<int>(data.wall.size());
        if (data.wall.size() > wallLimit) data.wall.resize(wallLimit);
    }

    // ---- targets of the scope's own units (the scope and its children)
    for (const TargetLine& line : targetLines) {
        const RowId unit = line.target.unitId;
        bool inScope = districtScope;
        if (!districtScope) {
            Statement st = db.prepare("SELECT 1 FROM org_unit WHERE id = ?1 AND (id = ?2 OR parent_id = ?2)");
            st.bind(1, unit).bind(2, scope);
            inScope = st.step();
        }
        if (!inScope) continue;
        TargetEntry e;
        e.unit = line.unitName;
        e.subject = line.subject.empty() ? metricSubject(line.target.metric) : line.subject;
        if (line.facts.kind == TargetKind::Rate) e.subject += "创建率";
        e.kind = line.facts.kind;
        e.actual = line.progress.actual;
        e.goal = line.progress.goal;
        e.progress = line.progress.progress;
        e.status = line.progress.status;
        data.targets.push_back(std::move(e));
    }
    return data;
}

} // namespace jinguo::storage
