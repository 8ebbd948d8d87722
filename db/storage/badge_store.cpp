// badge_store.cpp — gathering the facts of the badge rules and storing what
// they award.
//
// [SECTION] People
// [SECTION] Units: dated changes of every target
// [SECTION] Units: badges
// [SECTION] Storing and listing
#include "storage/badge_store.hpp"

#include "storage/session_scope.hpp"
#include "storage/sql_dialect.hpp"

#include "core/org_tree.hpp"
#include "core/points.hpp"
#include "core/targets.hpp"
#include "storage/aggregates.hpp"
#include "storage/audited_change.hpp"
#include "storage/storage.hpp"
#include "storage/undo_store.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/unit_subtree.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace jinguo::storage {

namespace {

struct Pending {
    std::string code;
    RowId personId = 0;
    RowId unitId = 0;
    std::string period;
    std::string earnedOn;
};

// A date of a year's event, kept inside the year (a naming document dated
// after the award year still counts for that year, on its last day).
std::string clampToYear(const std::string& date, int year) {
    const std::string first = std::to_string(year) + "-01-01";
    const std::string last = std::to_string(year) + "-12-31";
    if (!parseDate(date)) return last;
    return std::clamp(date.substr(0, 10), first, last);
}

// Facts kept per unit, so that a unit's subtree is gathered from its units'
// buckets rather than by testing every fact against every unit.
template <typename T>
using ByUnit = std::unordered_map<RowId, std::vector<T>>;

// The unit tree (core/org_tree.hpp), with a walk over facts kept per unit.
class Tree : public OrgTree {
public:
    explicit Tree(Storage& storage) : OrgTree(storage.units()) {}
    // Calls f for every fact of the subtree of `root`.
    template <typename T, typename F>
    void forSubtree(const ByUnit<T>& byUnit, RowId root, F&& f) const {
        for (RowId unit : subtree(root)) {
            const auto it = byUnit.find(unit);
            if (it == byUnit.end()) continue;
            for (const T& fact : it->second) f(fact);
        }
    }
};


// The people of the units in the JSON array bound to `parameter` (a
// session's subtree, BadgeStore::WriteScope): whose marks it drains.
std::string peopleOfUnits(const SqlDialect& dialect, const std::string& parameter) {
    return "SELECT p.id FROM person p WHERE p.unit_id IN (" + dialect.jsonArrayIds(parameter) + ")";
}

//-----------------------------------------------------------------------------
// [SECTION] People
//-----------------------------------------------------------------------------

// Where found badges go as they are found (the evaluation's temporary table):
// at a million people they are millions, never all held in memory at once.
using BadgeSink = std::function<void(const Pending&)>;

// People are judged in slices of ids: each slice's facts are read by range on
// the person_id indexes and judged before the next is read, so memory holds
// one slice, not a million people's histories (several hundred MB at 1M/5M).
constexpr RowId kPeopleSlice = 20000;

// Everyone, or only the people in badge_people (an incremental run):
// the same statements with the range narrowed to those ids.
enum class Whom { Everyone, Marked };

std::string inSlice(const char* column, Whom whom) {
    const std::string c = column;
    return whom == Whom::Everyone
               ? c + " >= ?1 AND " + c + " < ?2"
               : c + " IN (SELECT id FROM badge_people WHERE id >= ?1 AND id < ?2)";
}

void evaluatePeople(Database& db, const BadgeParams& params, const BadgeSink& sink, BadgeEvaluation& stats,
                    Whom whom = Whom::Everyone) {
    RowId lastId = 0;
    {
        Statement st = db.prepare(whom == Whom::Everyone ? "SELECT coalesce(max(id), 0) FROM person"
                                                         : "SELECT coalesce(max(id), 0) FROM badge_people");
        if (st.step()) lastId = st.columnInt(0);
    }
    Statement people = db.prepare("SELECT id, roster_hours, coalesce(roster_hours_as_of, '') FROM person WHERE "
                                  + inSlice("id", whom));
    // Titles ever named: held now (命名/复核), or revoked after a naming
    // event (a badge, once earned, is not taken back).
    Statement titles = db.prepare(withWords(R"(
        SELECT person_id, name, level, year, named_on FROM (
            SELECT a.person_id, t.name, t.level, a.year, a.status,
                   (SELECT min(happened_on) FROM award_event e
                    WHERE e.award_id = a.id AND e.status = {named}) AS named_on
            FROM award a JOIN award_title t ON t.id = a.title_id
            WHERE )" + inSlice("a.person_id", whom) + R"() AS ever_named
        WHERE status IN {held} OR named_on IS NOT NULL)"));
    // Roster credits: hours a later roster added, dated (not occasions).
    Statement credits = db.prepare("SELECT person_id, credited_on, hours FROM roster_credit WHERE "
                                   + inSlice("person_id", whom) + " ORDER BY person_id, credited_on");
    // Verified records in person order (service_record_board's range): each
    // person is finished as soon as the next begins.
    Statement records = db.prepare(
        "SELECT person_id, served_on, hours, coalesce(activity_id, 0) FROM service_record"
        " WHERE verified = 1 AND " + inSlice("person_id", whom) + " ORDER BY person_id, served_on");

    auto finish = [&](RowId id, const PersonFacts& f) {
        ++stats.peopleEvaluated;
        for (EarnedBadge& b : personBadges(f, params)) sink({b.code, id, 0, b.period, b.earnedOn});
    };
    for (RowId from = 1; from <= lastId; from += kPeopleSlice) {
        const RowId to = from + kPeopleSlice;
        std::unordered_map<RowId, PersonFacts> facts;
        auto range = [&](Statement& st) {
            st.reset();
            st.bind(1, from).bind(2, to);
        };
        range(people);
        while (people.step()) {
            PersonFacts& f = facts[people.columnInt(0)];
            f.rosterHours = people.columnDouble(1);
            f.rosterHoursAsOf = people.columnText(2);
        }
        range(titles);
        while (titles.step()) {
            TitleFact t;
            t.name = titles.columnText(1);
            t.level = titles.columnText(2);
            t.year = static_cast<int>(titles.columnInt(3));
            t.namedOn = titles.columnText(4);
            facts[titles.columnInt(0)].titles.push_back(std::move(t));
        }
        range(credits);
        while (credits.step())
            facts[credits.columnInt(0)].rosterCredits.push_back(
                {credits.columnText(1).substr(0, 10), credits.columnDouble(2)});
        range(records);
        RowId current = 0;
        PersonFacts running;
        while (records.step()) {
            const RowId id = records.columnInt(0);
            if (id != current) {
                if (current != 0) finish(current, running);
                current = id;
                const auto it = facts.find(id);
                running = it != facts.end() ? std::move(it->second) : PersonFacts{};
                if (it != facts.end()) facts.erase(it);
            }
            running.services.push_back({records.columnText(1), records.columnDouble(2), records.columnInt(3)});
        }
        if (current != 0) finish(current, running);
        // The rest have no verified record; ids in order, as before the slicing.
        std::vector<RowId> rest;
        for (const auto& [id, f] : facts)
            if (f.rosterHours > 0 || !f.rosterCredits.empty() || !f.titles.empty()) rest.push_back(id);
        std::sort(rest.begin(), rest.end());
        for (RowId id : rest) finish(id, facts.at(id));
    }
    people.reset();
    titles.reset();
    credits.reset();
    records.reset();
}

//-----------------------------------------------------------------------------
// [SECTION] Units: dated changes of every target
//-----------------------------------------------------------------------------

struct UnitChange {
    RowId unit = 0;
    std::string date;
    double delta = 0;
};

// The households holding a title of this name (any level), counted by the
// unit, year and day of their earliest held award (held = 命名/复核 now, as
// the targets count it; the day its first 命名, kept inside the year).
struct Holder {
    RowId unit = 0;
    int year = 0;
    std::string date;
    double households = 0;
};
// An award's first naming day: looked up per award on award_event's
// (award_id, status) index. The grouped form (BadgeStore's reference read)
// aggregated every 命名 event of the file (603,000 at 1M) for each read.
const char* const kFirstNamedOn =
    "(SELECT min(e.happened_on) FROM award_event e WHERE e.award_id = a.id AND e.status = {named})";
const char* const kFirstNamedJoin = R"(
        LEFT JOIN (SELECT award_id, min(happened_on) AS named_on FROM award_event
                   WHERE status = {named} GROUP BY award_id) e ON e.award_id = a.id)";

// Kept: 0043's unit_title_first_held, a row per (unit, year, day) — not the
// ~440,000 平安家庭 households at 1M (~1 s and tens of MB a read). The
// reference read (fromBaseTables) finds each household's earliest held award
// from award/award_event as before 0043 and counts the same way.
ByUnit<Holder> holdersOf(Database& db, const std::string& titleName, bool fromBaseTables) {
    ByUnit<Holder> out;
    auto add = [&](RowId unit, int year, const std::string& heldOn, double households) {
        out[unit].push_back({unit, year, clampToYear(heldOn, year), households});
    };
    if (!fromBaseTables) {
        Statement st = db.prepare(
            "SELECT unit_id, year, held_on, households FROM unit_title_first_held"
            " WHERE title_name = ? AND households > 0");
        st.bind(1, titleName);
        while (st.step())
            add(st.columnInt(0), static_cast<int>(st.columnInt(1)), st.columnText(2), st.columnDouble(3));
        return out;
    }
    Statement st = db.prepare(withWords(std::string(R"(
        SELECT a.family_id, a.unit_id, a.year, coalesce(e.named_on, a.year || '-12-31')
        FROM award a)") + kFirstNamedJoin + R"(
        WHERE a.title_id IN (SELECT id FROM award_title WHERE name = ? AND subject_kind = 'family')
          AND a.status IN {held} AND a.family_id IS NOT NULL AND a.unit_id IS NOT NULL
        ORDER BY a.family_id, a.year, 4, a.id)"));
    st.bind(1, titleName);
    std::map<std::tuple<RowId, int, std::string>, double> counts;
    RowId last = 0;
    while (st.step()) {
        const RowId family = st.columnInt(0);
        if (family == last) continue;   // the earliest award of the household
        last = family;
        counts[{st.columnInt(1), static_cast<int>(st.columnInt(2)), st.columnText(3)}] += 1;
    }
    for (const auto& [key, n] : counts) add(std::get<0>(key), std::get<1>(key), std::get<2>(key), n);
    return out;
}

class TargetChanges {
public:
    // `holders` caches the holders per title name across years (the same for every year).
    TargetChanges(Database& db, const Tree& tree, int year, std::map<std::string, ByUnit<Holder>>& holders,
                  bool factsFromBaseTables)
        : m_db(db), m_tree(tree), m_year(year), m_holders(holders), m_factsFromBaseTables(factsFromBaseTables) {
        m_first = std::to_string(year) + "-01-01";
        m_after = std::to_string(year + 1) + "-01-01";
    }

    // The timeline of one target line of the year.
    TargetTimeline timeline(const TargetLine& line, const Date& today) {
        TargetTimeline t;
        t.year = m_year;
        t.kind = line.facts.kind;
        t.goal = line.facts.goal;
        t.denominator = line.facts.denominator;
        const RowId root = line.target.unitId;
        const std::string& m = line.target.metric;
        auto add = [&](const ByUnit<UnitChange>& changes) {
            m_tree.forSubtree(changes, root, [&](const UnitChange& c) {
                if (c.date < m_first) t.startValue += c.delta;
                else if (c.date < m_after) t.changes.push_back({c.date, c.delta});
            });
        };
        if (m == "title_rate") {
            auto it = m_holders.find(line.subject);
            if (it == m_holders.end())
                it = m_holders.emplace(line.subject, holdersOf(m_db, line.subject, m_factsFromBaseTables)).first;
            m_tree.forSubtree(it->second, root, [&](const Holder& h) {
                if (h.year < m_year) t.startValue += h.households;
                else if (h.year == m_year) t.changes.push_back({h.date, h.households});
            });
        } else if (m == "title_count" || m == "post_count") {
            loadAwards();
            m_tree.forSubtree(m_awards, root, [&](const AwardOfYear& a) {
                const bool counts = line.target.titleId != 0
                                        ? a.title == line.target.titleId
                                        : m == "post_count" && a.post && a.level == toWord(TitleLevel::District);
                if (counts) t.changes.push_back({a.date, 1});
            });
        } else if (m == "volunteer_hours") {
            add(hours());
        } else if (m == "activities") {
            add(activities());
        } else if (m == "volunteers") {
            add(volunteers());
        } else if (line.facts.numerator > 0) {
            // A manual indicator has no date: reached, as far as the data
            // tells, on the day it is first seen reached (the year's last day
            // for a closed year).
            const std::string on = std::min(formatDate(today), std::to_string(m_year) + "-12-31");
            t.changes.push_back({on, line.facts.numerator});
        }
        return t;
    }

private:
    struct AwardOfYear {
        RowId unit = 0, title = 0;
        std::string level;
        bool post = false;
        std::string date;
    };
    void loadAwards() {
        if (m_awardsLoaded) return;
        m_awardsLoaded = true;
        Statement st = m_db.prepare(withWords(std::string(R"(
            SELECT a.unit_id, a.title_id, t.level, t.subject_kind = 'post', coalesce()")
            + (m_factsFromBaseTables ? "e.named_on" : kFirstNamedOn) + R"(, a.year || '-12-31')
            FROM award a JOIN award_title t ON t.id = a.title_id)" + (m_factsFromBaseTables ? kFirstNamedJoin : "") + R"(
            WHERE a.year = ? AND a.status IN {held} AND a.unit_id IS NOT NULL)"));
        st.bind(1, m_year);
        while (st.step())
            m_awards[st.columnInt(0)].push_back({st.columnInt(0), st.columnInt(1), st.columnText(2),
                                                 st.columnInt(3) != 0, clampToYear(st.columnText(4), m_year)});
    }
    const ByUnit<UnitChange>& hours() {
        if (m_hoursLoaded) return m_hours;
        m_hoursLoaded = true;
        // The year's hours as every target counts them (the dated_hours view),
        // arm by arm: the verified records per unit and day from
        // unit_day_hours (migration 0038: ≤ 366 rows a unit, where the join
        // of the year's records to their people took seconds at 5M), the
        // roster credits from their table.
        Statement st = m_db.prepare(m_factsFromBaseTables ? R"(
            SELECT p.unit_id, substr(r.served_on, 1, 10), coalesce(sum(r.hours), 0.0)
            FROM service_record r JOIN person p ON p.id = r.person_id
            WHERE r.verified = 1 AND r.served_on >= ?1 AND r.served_on < ?2 AND p.unit_id IS NOT NULL
            GROUP BY p.unit_id, r.served_on)" : R"(
            SELECT unit_id, day, hours FROM unit_day_hours WHERE day >= ?1 AND day < ?2)");
        st.bind(1, m_first).bind(2, m_after);
        while (st.step()) m_hours[st.columnInt(0)].push_back({st.columnInt(0), st.columnText(1), st.columnDouble(2)});
        Statement credits = m_db.prepare(R"(
            SELECT p.unit_id, c.credited_on, coalesce(sum(c.hours), 0.0)
            FROM roster_credit c JOIN person p ON p.id = c.person_id
            WHERE c.credited_on >= ?1 AND c.credited_on < ?2 AND p.unit_id IS NOT NULL
            GROUP BY p.unit_id, c.credited_on)");
        credits.bind(1, m_first).bind(2, m_after);
        while (credits.step())
            m_hours[credits.columnInt(0)].push_back(
                {credits.columnInt(0), credits.columnText(1).substr(0, 10), credits.columnDouble(2)});
        return m_hours;
    }
    const ByUnit<UnitChange>& activities() {
        if (m_activitiesLoaded) return m_activities;
        m_activitiesLoaded = true;
        Statement st = m_db.prepare(R"(
            SELECT unit_id, held_on, count(*) FROM activity
            WHERE held_on >= ?1 AND held_on < ?2 AND unit_id IS NOT NULL GROUP BY unit_id, held_on)");
        st.bind(1, m_first).bind(2, m_after);
        while (st.step())
            m_activities[st.columnInt(0)].push_back({st.columnInt(0), st.columnText(1).substr(0, 10), st.columnDouble(2)});
        return m_activities;
    }
    const ByUnit<UnitChange>& volunteers() {
        if (m_volunteersLoaded) return m_volunteers;
        m_volunteersLoaded = true;
        // On the roll by the year's end; an unknown joining date counts from
        // the start. Those before the year are one count per unit: 0030's
        // unit_person_tally (its joined_key compares with a year's first day
        // exactly as joined_on does, '' as NULL); only the year's joiners
        // are read, by unit, on person_volunteer_joined (0023) — not the
        // million volunteers of every year.
        if (m_factsFromBaseTables) {
            Statement st = m_db.prepare(R"(
                SELECT unit_id, coalesce(joined_on, ''), count(*) FROM person
                WHERE is_volunteer = 1 AND unit_id IS NOT NULL AND (joined_on IS NULL OR joined_on < ?2)
                GROUP BY unit_id, joined_on)");
            st.bind(2, m_after);
            while (st.step()) m_volunteers[st.columnInt(0)].push_back({st.columnInt(0), st.columnText(1), st.columnDouble(2)});
            return m_volunteers;
        }
        Statement before = m_db.prepare(R"(
            SELECT unit_id, sum(people) FROM unit_person_tally
            WHERE is_volunteer = 1 AND unit_id <> 0 AND joined_key < ?1 GROUP BY unit_id)");
        before.bind(1, m_first);
        while (before.step()) m_volunteers[before.columnInt(0)].push_back({before.columnInt(0), "", before.columnDouble(1)});
        Statement ofYear = m_db.prepare(R"(
            SELECT p.unit_id, p.joined_on, count(*) FROM person p
            WHERE p.is_volunteer = 1
              AND p.unit_id IN (SELECT unit_id FROM unit_person_tally WHERE is_volunteer = 1 AND unit_id <> 0)
              AND p.joined_on >= ?1 AND p.joined_on < ?2
            GROUP BY p.unit_id, p.joined_on)");
        ofYear.bind(1, m_first).bind(2, m_after);
        while (ofYear.step())
            m_volunteers[ofYear.columnInt(0)].push_back({ofYear.columnInt(0), ofYear.columnText(1), ofYear.columnDouble(2)});
        return m_volunteers;
    }

    Database& m_db;
    const Tree& m_tree;
    int m_year;
    std::string m_first, m_after;
    std::map<std::string, ByUnit<Holder>>& m_holders;
    ByUnit<AwardOfYear> m_awards;
    bool m_awardsLoaded = false;
    ByUnit<UnitChange> m_hours, m_activities, m_volunteers;
    bool m_hoursLoaded = false, m_activitiesLoaded = false, m_volunteersLoaded = false;
    bool m_factsFromBaseTables = false;
};

//-----------------------------------------------------------------------------
// [SECTION] Units: badges
//-----------------------------------------------------------------------------

void evaluateTeams(Database& db, const Tree& tree, const BadgeParams& params, const BadgeSink& sink);

// Which unit facts to judge: every year and the team (a full run), or only
// the years and the team an incremental run found marked.
struct UnitScope {
    bool everyYear = true;
    std::set<int> years;      // when !everyYear
    bool team = true;         // 百人队伍
    bool factsFromBaseTables = false;   // the reference reads (BadgeStore::setUnitFactsFromBaseTables)
};

void evaluateUnits(Storage& storage, const BadgeParams& params, const Date& today, const BadgeSink& sink,
                   BadgeEvaluation& stats, const UnitScope& scope = {}) {
    Database& db = storage.db();
    const Tree tree(storage);
    stats.unitsEvaluated = static_cast<std::int64_t>(tree.units().size());

    // Years with something to judge: targets, and re-reviews of posts.
    std::set<int> years;
    {
        Statement st = db.prepare(withWords(
            "SELECT DISTINCT year FROM target UNION"
            " SELECT DISTINCT CAST(substr(happened_on, 1, 4) AS INTEGER) FROM award_event WHERE status = {reviewed}"));
        while (st.step()) {
            const int y = static_cast<int>(st.columnInt(0));
            if (y >= 1949 && y <= today.year && (scope.everyYear || scope.years.count(y))) years.insert(y);
        }
    }

    if (years.empty()) {   // an incremental run without a year to judge
        if (scope.team) evaluateTeams(db, tree, params, sink);
        return;
    }

    // Post re-reviews, by post, with the unit each post belongs to.
    struct PostInfo { RowId unit = 0; PostReviews reviews; };
    std::map<RowId, PostInfo> posts;
    ByUnit<const PostInfo*> postsByUnit;
    {
        Statement st = db.prepare(withWords(R"(
            SELECT a.post_id, coalesce(p.unit_id, 0), e.happened_on, e.score, e.veto
            FROM award_event e JOIN award a ON a.id = e.award_id JOIN post p ON p.id = a.post_id
            WHERE e.status || '' = {reviewed})"));   // from the posts' awards, not 0038's index of every 复核
                                                     // (|| '' keeps the index out on both engines; SQLite's unary + is not PostgreSQL's)
        while (st.step()) {
            PostInfo& info = posts[st.columnInt(0)];
            info.unit = st.columnInt(1);
            info.reviews.postId = st.columnInt(0);
            ReviewFact r;
            r.date = st.columnText(2);
            if (!st.columnIsNull(3)) r.score = st.columnDouble(3);
            r.veto = st.columnInt(4) != 0;
            info.reviews.reviews.push_back(std::move(r));
        }
        for (const auto& [id, info] : posts) postsByUnit[info.unit].push_back(&info);
    }

    std::unordered_map<RowId, UnitKind> kindOf;
    for (const OrgUnit& u : tree.units()) kindOf[u.id] = u.kind;
    Aggregates aggregates(storage);
    std::map<std::string, ByUnit<Holder>> holdersByTitle;
    const ByUnit<Holder>& holders = holdersByTitle.emplace(kRateTitleName, holdersOf(db, kRateTitleName, scope.factsFromBaseTables)).first->second;
    for (const int year : years) {
        const TargetsReport report = aggregates.targets(year, today);
        TargetChanges changes(db, tree, year, holdersByTitle, scope.factsFromBaseTables);
        std::map<RowId, UnitFacts> facts;
        std::map<RowId, std::vector<std::optional<std::string>>> rateDates;   // per unit with rate targets
        for (const TargetLine& line : report.lines) {
            TargetTimeline t = changes.timeline(line, today);
            // A rate resting on more titled households than households is a
            // data error (rollUp flags it): no badge until it is mended.
            t.dataError = line.facts.kind == TargetKind::Rate &&
                          (line.facts.numerator > line.facts.denominator || line.facts.overfullUnits > 0);
            if (t.kind == TargetKind::Rate) rateDates[line.target.unitId].push_back(targetReachedOn(t));
            facts[line.target.unitId].targets.push_back(std::move(t));
        }
        std::map<RowId, std::optional<std::string>> rateMetOn;   // every rate target of the unit met: when
        for (const auto& [unit, dates] : rateDates) rateMetOn[unit] = allReachedOn(dates);
        const std::string first = std::to_string(year) + "-01-01";
        const std::string after = std::to_string(year + 1) + "-01-01";
        // Each unit's facts are completed and judged one unit at a time, in
        // id order as before: a unit's posts are copies of its subtree's (the
        // district holds them all), so keeping every unit's at once was tens
        // of MB at 1M people.
        std::set<RowId> unitIds;
        for (const OrgUnit& u : tree.units()) unitIds.insert(u.id);
        for (const auto& [unit, f] : facts) unitIds.insert(unit);
        for (const RowId id : unitIds) {
            UnitFacts f;
            if (const auto it = facts.find(id); it != facts.end()) f = std::move(it->second);
            f.year = year;
            if (const auto kind = kindOf.find(id); kind != kindOf.end()) {
                tree.forSubtree(postsByUnit, id, [&](const PostInfo* info) {
                    const bool due = std::any_of(info->reviews.reviews.begin(), info->reviews.reviews.end(),
                                                 [&](const ReviewFact& r) { return r.date >= first && r.date < after; });
                    if (due) f.posts.push_back(info->reviews);
                });
                if (isStreetKind(kind->second)) {
                    for (RowId c : tree.subtree(id)) {
                        if (!isCommunityKind(kindOf.at(c))) continue;
                        const auto met = rateMetOn.find(c);
                        f.communitiesRateMetOn.push_back(met == rateMetOn.end() ? std::nullopt : met->second);
                    }
                }
            }
            for (EarnedBadge& b : unitBadges(f, params)) sink({b.code, 0, id, b.period, b.earnedOn});
        }

        // 进步之星: each closed quarter, among the communities of a street and
        // the streets of a district, by the rise of the 平安家庭 rate.
        for (int q = 1; q <= 4; ++q) {
            const Period quarter = Period::ofQuarter(year, q);
            const auto lastDay = parseDate(quarter.lastDay());
            if (!lastDay || !(today > *lastDay)) continue;
            std::unordered_map<RowId, double> before, after;
            const std::string firstDay = quarter.firstDay(), lastDayText = quarter.lastDay();
            for (const auto& [unit, held] : holders)
                for (const Holder& h : held) {
                    if (h.date < firstDay) before[unit] += h.households;
                    if (h.date <= lastDayText) after[unit] += h.households;
                }
            auto tallies = [&](const std::unordered_map<RowId, double>& numerators) {
                std::vector<UnitTally> v;
                for (const OrgUnit& u : tree.units()) {
                    const auto it = numerators.find(u.id);
                    v.push_back({u.id, u.parentId, u.households, it == numerators.end() ? 0.0 : it->second, 0});
                }
                return rollUp(v, Numerators::TitledHouseholds);
            };
            const std::vector<RolledTally> was = tallies(before), now = tallies(after);
            std::map<std::pair<RowId, bool>, std::vector<PeerChange>> leagues;   // (parent, streets?) → peers
            for (std::size_t i = 0; i < tree.units().size(); ++i) {
                const OrgUnit& u = tree.units()[i];
                if (!isCommunityKind(u.kind) && !isStreetKind(u.kind)) continue;
                leagues[{u.parentId, isStreetKind(u.kind)}].push_back({u.id, was[i].rate(), now[i].rate()});
            }
            for (const auto& [key, peers] : leagues)
                for (const UnitBadge& b : mostImprovedBadges(peers, quarter, today))
                    sink({b.badge.code, 0, b.unitId, b.badge.period, b.badge.earnedOn});
        }
    }

    if (scope.team) evaluateTeams(db, tree, params, sink);
}

// 百人队伍 (once ever): volunteers of the subtree by the day they joined
// (or first served, when the joining date is unknown).
void evaluateTeams(Database& db, const Tree& tree, const BadgeParams& params, const BadgeSink& sink) {
    // The rule needs a subtree's teamSize-th earliest day only, which is
    // among its units' own teamSize earliest: each unit keeps those (a
    // max-heap), not its volunteers' million dates (~80 MB at 1M with the
    // subtree copies).
    if (params.teamSize < 1) return;
    const auto keep = static_cast<std::size_t>(params.teamSize);
    ByUnit<Date> earliest;
    {
        Statement st = db.prepare(R"(
            SELECT p.unit_id, coalesce(p.joined_on, (SELECT min(served_on) FROM service_record r WHERE r.person_id = p.id))
            FROM person p WHERE p.is_volunteer = 1 AND p.unit_id IS NOT NULL)");
        while (st.step()) {
            if (st.columnIsNull(1)) continue;
            const auto day = parseDate(st.columnText(1).substr(0, 10));
            if (!day) continue;   // teamReachedOn skips it too
            std::vector<Date>& heap = earliest[st.columnInt(0)];
            if (heap.size() < keep) {
                heap.push_back(*day);
                std::push_heap(heap.begin(), heap.end());
            } else if (*day < heap.front()) {
                std::pop_heap(heap.begin(), heap.end());
                heap.back() = *day;
                std::push_heap(heap.begin(), heap.end());
            }
        }
    }
    for (const OrgUnit& u : tree.units()) {
        std::vector<Date> days;
        tree.forSubtree(earliest, u.id, [&](const Date& day) { days.push_back(day); });
        if (days.size() < keep) continue;
        std::nth_element(days.begin(), days.begin() + static_cast<std::ptrdiff_t>(keep - 1), days.end());
        days.resize(keep);
        UnitFacts f;
        for (const Date& day : days) f.volunteerJoinDates.push_back(formatDate(day));
        for (EarnedBadge& b : unitBadges(f, params)) sink({b.code, 0, u.id, b.period, b.earnedOn});
    }
}

} // namespace

//-----------------------------------------------------------------------------
// [SECTION] Storing and listing
//-----------------------------------------------------------------------------

BadgeStore::BadgeStore(Storage& storage) : m_storage(storage) {}

BadgeParams BadgeStore::params() {
    std::map<std::string, std::string> settings;
    Statement st = m_storage.db().prepare("SELECT key, value FROM setting");
    while (st.step()) settings.emplace(st.columnText(0), st.columnText(1));
    return badgeParamsFromSettings(lookupIn(settings));
}

bool BadgeStore::evaluatedBefore() {
    auto st = m_storage.db().cached(
        "SELECT EXISTS (SELECT 1 FROM setting WHERE key = ?) OR EXISTS (SELECT 1 FROM badge_earned)");
    st.bind(1, kBadgesFirstEvaluatedKey);
    st.step();
    const bool before = st.columnInt(0) != 0;
    st.reset();
    return before;
}

void BadgeStore::markBackfillPending() {
    OutsideUndo outsideUndo(m_storage);
    Database& db = m_storage.db();
    const std::string before = m_storage.rowJsonByKey("setting", kBadgesBackfillPendingKey);
    auto mark = db.cached("INSERT INTO setting (key, value, note) VALUES (?, '1', ?)"
                          " ON CONFLICT (key) DO UPDATE SET value = excluded.value, note = excluded.note");
    mark.bind(1, kBadgesBackfillPendingKey).bind(2, "导入带来的徽章待补记（补记时不提示）");
    mark.run();
    m_storage.auditByKey(before.empty() ? "insert" : "update", "setting", kBadgesBackfillPendingKey, before,
                         m_storage.rowJsonByKey("setting", kBadgesBackfillPendingKey));
}

BadgeStore::WriteScope BadgeStore::writeScope() {
    Database& db = m_storage.db();
    WriteScope scope;
    auto st = db.cached(db.dialect().badgeMayStore);
    scope.stores = st.step() && st.columnInt(0) != 0;
    st.reset();
    scope.root = sessionScopeUnit(db);
    if (scope.root != 0) scope.unitsJson = unitSubtreeJson(db, scope.root);
    return scope;
}

bool BadgeStore::storesBadges() { return writeScope().stores; }

BadgeEvaluation BadgeStore::evaluate(const Date& today, NewBadges mode) {
    BadgeEvaluation stats;
    const WriteScope writable = writeScope();
    if (!writable.stores) return stats;   // 只读: nothing she may store, every mark left
    // A subtree's session (see the header): her people's and units' badges only.
    const bool partial = writable.root != 0;
    const BadgeParams p = params();
    // Badges are the app's own conclusions, not a user's change: audited but
    // no undo step, so Ctrl+Z never takes them back instead of the user's
    // last change (and a badge once earned stays, see above).
    Database& db = m_storage.db();
    OutsideUndo outsideUndo(m_storage);
    // The first evaluation of a database finds the badges of all its history:
    // they are backfilled as announced (a card of 1,679 "new" badges helps
    // nobody); only what is earned after it is news.
    const bool first = !evaluatedBefore();
    // That first run records the marker setting, which only a district user may write.
    if (first && partial) return stats;
    // An import since the last run: what its data earned is backfilled quietly.
    const bool backfill = !m_storage.rowJsonByKey("setting", kBadgesBackfillPendingKey).empty();
    stats.storedAsAnnounced = mode == NewBadges::StoreAsAnnounced || first || backfill;

    // What is found goes to a table of this connection's temporary database
    // as it is found (at 1M people, millions of badges: never all in memory),
    // and what is stored already (a badge is earned once) is struck from it
    // there: neither takes the write lock on the database file. The write
    // transaction is then two set statements over the new badges only —
    // after a large import that is a million badges, and a user's save waits
    // for the lock meanwhile (a statement and an audit entry per badge held
    // it for many seconds, and the save failed with "database is locked").
    // seq: the order found, which the stored badges' ids follow (SQLite's rowid).
    db.exec(std::string("CREATE TEMP TABLE IF NOT EXISTS found_badge (seq ") + db.dialect().autoIncrementKey
            + ", badge_code TEXT NOT NULL, person_id INTEGER, unit_id INTEGER, period TEXT NOT NULL, earned_on TEXT NOT NULL)");
    // Deferred: it writes the temporary database only, and its read snapshot
    // makes every slice of people see the same data. Inside a caller's
    // transaction (the demo's) it simply joins it.
    const bool ownBegin = !db.inTransaction();
    // A rule whose day the data does not tell (a title without a naming date
    // counts on 31 December of its year) cannot be earned after today.
    const std::string todayText = formatDate(today);
    db.exec("CREATE TEMP TABLE IF NOT EXISTS badge_people (id INTEGER PRIMARY KEY)");
    RowId drainUpTo = 0;
    std::int64_t markedPeople = 0;   // of those she stores, in a subtree's session
    bool full = true, newDay = true;
    if (ownBegin) db.exec("BEGIN");
    try {
        db.exec("DELETE FROM found_badge");
        db.exec("DELETE FROM badge_people");
        auto found = db.cached(
            "INSERT INTO found_badge (badge_code, person_id, unit_id, period, earned_on) VALUES (?, ?, ?, ?, ?)");
        const BadgeSink sink = [&](const Pending& b) {
            found.reset();
            found.bind(1, b.code).bindIdOrNull(2, b.personId).bindIdOrNull(3, b.unitId).bind(4, b.period)
                .bind(5, std::min(b.earnedOn, todayText));
            found.run();
            ++stats.badgesFound;
        };
        // The marks this run drains (badge_dirty, migration 0036), read in
        // the same snapshot as the facts: those with seq ≤ drainUpTo.
        bool markedAll = false;
        UnitScope marked;
        marked.everyYear = false;
        marked.team = false;
        {
            Statement st = db.prepare(partial ? "SELECT scope, id, seq FROM badge_dirty WHERE scope <> 'person' OR id IN ("
                                                    + peopleOfUnits(db.dialect(), "?1") + ")"
                                              : std::string("SELECT scope, id, seq FROM badge_dirty"));
            if (partial) st.bind(1, writable.unitsJson);
            while (st.step()) {
                drainUpTo = std::max(drainUpTo, st.columnInt(2));
                const std::string scope = st.columnText(0);
                if (scope == "person") ++markedPeople;
                else if (scope == "unit_year") marked.years.insert(static_cast<int>(st.columnInt(1)));
                else if (scope == "team") marked.team = true;
                else if (scope == "units") marked.everyYear = marked.team = true;
                else markedAll = true;
            }
        }
        // The day the last run judged the date-dependent rules up to (the
        // table's name is 0036's, when only full runs wrote it).
        std::optional<Date> lastEvaluatedDay;
        {
            Statement st = db.prepare("SELECT day FROM badge_full_evaluation WHERE \"only\" = 1");
            if (st.step()) lastEvaluatedDay = parseDate(st.columnText(0));
        }
        // Everything is judged on the first run, after an import, for the
        // demo, after a setting or the title catalogue changed, when so many
        // people are marked that one pass over everyone is cheaper, and when
        // the clock went back (never seen: judged whole to be safe).
        full = first || backfill || mode == NewBadges::StoreAsAnnounced || markedAll || !lastEvaluatedDay
            || today < *lastEvaluatedDay || markedPeople > m_incrementalPeopleLimit;
        stats.incremental = !full;
        // A new day moves no person's badge (their rules read only her own
        // dated facts; a change of those marks her) and, for units, only the
        // years whose quarter closed since the last evaluated day (进步之星)
        // or that today's year lets in: those years are judged on top of the
        // marks (unitYearsOpenedBetween).
        newDay = !lastEvaluatedDay || *lastEvaluatedDay != today;
        if (!full && newDay)
            for (const int y : unitYearsOpenedBetween(*lastEvaluatedDay, today)) marked.years.insert(y);
        if (full) {
            evaluatePeople(db, p, sink, stats);
            UnitScope everything;
            everything.factsFromBaseTables = m_unitFactsFromBaseTables;
            evaluateUnits(m_storage, p, today, sink, stats, everything);
        } else {
            marked.factsFromBaseTables = m_unitFactsFromBaseTables;
            if (partial) {
                Statement mine = db.prepare("INSERT INTO badge_people (id) SELECT id FROM badge_dirty WHERE scope = 'person'"
                                            " AND id IN (" + peopleOfUnits(db.dialect(), "?1") + ")");
                mine.bind(1, writable.unitsJson);
                mine.run();
            } else {
                db.exec("INSERT INTO badge_people (id) SELECT id FROM badge_dirty WHERE scope = 'person'");
            }
            if (markedPeople > 0) evaluatePeople(db, p, sink, stats, Whom::Marked);
            if (marked.team || !marked.years.empty()) evaluateUnits(m_storage, p, today, sink, stats, marked);
        }
        // The same expressions as the unique index badge_once, so it is used.
        db.exec("DELETE FROM found_badge WHERE EXISTS (SELECT 1 FROM badge_earned e"
                " WHERE e.badge_code = found_badge.badge_code AND coalesce(e.person_id, 0) = coalesce(found_badge.person_id, 0)"
                " AND coalesce(e.unit_id, 0) = coalesce(found_badge.unit_id, 0) AND e.period = found_badge.period)");
        // Outside her subtree the facts she reads are partial (row security)
        // and the rows are not hers to write: a district user stores those.
        if (partial) {
            Statement outside = db.prepare(
                "DELETE FROM found_badge WHERE CASE WHEN person_id IS NOT NULL THEN person_id NOT IN ("
                + peopleOfUnits(db.dialect(), "?1") + ") ELSE unit_id NOT IN (" + db.dialect().jsonArrayIds("?1") + ") END");
            outside.bind(1, writable.unitsJson);
            outside.run();
            stats.badgesFound -= db.changes();
        }
        if (ownBegin) db.exec("COMMIT");
    } catch (...) {
        if (ownBegin) {
            try { db.exec("ROLLBACK"); } catch (...) {}
        }
        throw;
    }
    Statement waiting = db.prepare("SELECT count(*) FROM found_badge");
    const bool anythingNew = waiting.step() && waiting.columnInt(0) > 0;
    waiting.reset();
    stats.marksReadUpTo = drainUpTo;
    // Nothing new and nothing to drain or remember: no write, no lock. A
    // subtree's session drains her people's marks only and remembers nothing.
    const bool drains = partial ? markedPeople > 0 : drainUpTo > 0;
    const bool remembers = !partial && (first || backfill || full || newDay);
    if (!anythingNew && !drains && !remembers) return stats;

    Transaction tx(db);
    Statement last = db.prepare("SELECT coalesce(max(id), 0) FROM badge_earned");
    const RowId lastBefore = last.step() ? last.columnInt(0) : 0;
    last.reset();
    Statement store = db.prepare(
        "INSERT INTO badge_earned (badge_code, person_id, unit_id, period, earned_on, announced)"
        " SELECT badge_code, person_id, unit_id, period, earned_on, ? FROM found_badge ORDER BY seq"
        " ON CONFLICT DO NOTHING");
    store.bind(1, stats.storedAsAnnounced ? 1 : 0);
    store.run();
    stats.newlyStored = db.changes();
    if (stats.newlyStored > 0) m_storage.auditInsertedAfter("badge_earned", lastBefore);
    if (first) {
        // Remembered even when nothing was found (an empty new database), so
        // the first badges its users earn are announced.
        auto mark = db.cached("INSERT INTO setting (key, value, note) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");
        mark.bind(1, kBadgesFirstEvaluatedKey).bind(2, todayText).bind(3, "首次评定徽章的日期（此前已得的徽章不再提示）");
        mark.run();
        // Audited as Storage::setSetting does: the whole row, by its key.
        if (db.changes() > 0)
            m_storage.auditByKey("insert", "setting", kBadgesFirstEvaluatedKey, "",
                                 m_storage.rowJsonByKey("setting", kBadgesFirstEvaluatedKey));
    }
    // Drained with the badges they led to: a crash before this commit leaves
    // the marks, and marks made since the snapshot have a larger seq.
    if (drains && partial) {
        Statement drain = db.prepare("DELETE FROM badge_dirty WHERE seq <= ?1 AND scope = 'person' AND id IN ("
                                     + peopleOfUnits(db.dialect(), "?2") + ")");
        drain.bind(1, drainUpTo).bind(2, writable.unitsJson);
        drain.run();
    } else if (drains) {
        auto drain = db.cached("DELETE FROM badge_dirty WHERE seq <= ?");
        drain.bind(1, drainUpTo);
        drain.run();
    }
    if (remembers && (full || newDay)) {   // the day the date-dependent rules have been judged up to
        auto day = db.cached("INSERT INTO badge_full_evaluation (\"only\", day) VALUES (1, ?)"
                             " ON CONFLICT (\"only\") DO UPDATE SET day = excluded.day");
        day.bind(1, todayText);
        day.run();
    }
    if (remembers && backfill) {
        const std::string before = m_storage.rowJsonByKey("setting", kBadgesBackfillPendingKey);
        auto clear = db.cached("DELETE FROM setting WHERE key = ?");
        clear.bind(1, kBadgesBackfillPendingKey);
        clear.run();
        if (db.changes() > 0) m_storage.auditByKey("delete", "setting", kBadgesBackfillPendingKey, before, "");
    }
    tx.commit();
    if (stats.newlyStored > 0 || first || backfill) m_storage.bump();
    return stats;
}

BadgeStore::NextRun BadgeStore::nextRun(const Date& today, const Judged& judged) {
    const WriteScope writable = writeScope();
    if (!writable.stores) return NextRun::Nothing;
    // Index lookups only (setting's key, badge_dirty's (scope, id)): the
    // announcer asks this on the frame loop.
    Database& db = m_storage.db();
    if (writable.root != 0) {
        // A subtree's session: marks she has not judged yet (her people's, or
        // unit years, which she judges for her units but leaves), or a day
        // neither she nor a district user has judged. The first run is a
        // district user's (evaluate).
        if (!evaluatedBefore()) return NextRun::Nothing;
        Statement st = db.prepare(
            "SELECT EXISTS (SELECT 1 FROM badge_dirty WHERE seq > ?1 AND (scope <> 'person' OR id IN ("
            + peopleOfUnits(db.dialect(), "?2") + "))),"
            " coalesce((SELECT day FROM badge_full_evaluation WHERE \"only\" = 1), '') <> ?3,"
            " EXISTS (SELECT 1 FROM badge_dirty WHERE scope IN ('all', 'units')) OR EXISTS (SELECT 1 FROM setting WHERE key = ?4)");
        const std::string day = formatDate(today);
        st.bind(1, judged.marksUpTo).bind(2, writable.unitsJson).bind(3, day).bind(4, kBadgesBackfillPendingKey);
        if (!st.step()) return NextRun::Full;
        const bool marks = st.columnInt(0) != 0, newDay = st.columnInt(1) != 0 && judged.day != day;
        if (!marks && !newDay) return NextRun::Nothing;
        return st.columnInt(2) != 0 ? NextRun::Full : NextRun::Incremental;
    }
    auto st = db.cached(R"(
        SELECT EXISTS (SELECT 1 FROM setting WHERE key = ?1)
           AND NOT EXISTS (SELECT 1 FROM setting WHERE key = ?2)
           AND coalesce((SELECT day FROM badge_full_evaluation WHERE "only" = 1), '9') <= ?3
           AND NOT EXISTS (SELECT 1 FROM badge_dirty WHERE scope IN ('all', 'units'))
           AND (SELECT count(*) FROM (SELECT 1 FROM badge_dirty WHERE scope = 'person' LIMIT CAST(?4 AS bigint) + 1) AS marked) <= CAST(?4 AS bigint),
               EXISTS (SELECT 1 FROM badge_dirty)
            OR coalesce((SELECT day FROM badge_full_evaluation WHERE "only" = 1), '') <> ?3)");
    st.bind(1, kBadgesFirstEvaluatedKey).bind(2, kBadgesBackfillPendingKey).bind(3, formatDate(today))
        .bind(4, m_incrementalPeopleLimit);
    NextRun next = NextRun::Full;
    if (st.step() && st.columnInt(0) != 0) next = st.columnInt(1) != 0 ? NextRun::Incremental : NextRun::Nothing;
    st.reset();
    return next;
}

std::vector<EarnedBadgeRow> BadgeStore::rows(const char* sql, RowId bindId, int limit) {
    const std::vector<BadgeInfo> catalogue = badgeCatalogue(params());
    Statement st = m_storage.db().prepare(sql);
    if (bindId != 0) st.bind(1, bindId);
    if (limit > 0) st.bind(1, limit);
    std::vector<EarnedBadgeRow> out;
    while (st.step()) {
        EarnedBadgeRow r;
        r.id = st.columnInt(0);
        r.code = st.columnText(1);
        r.personId = st.columnInt(2);
        r.unitId = st.columnInt(3);
        r.period = st.columnText(4);
        r.earnedOn = st.columnText(5);
        r.announced = st.columnInt(6) != 0;
        r.subjectName = st.columnText(7);
        r.name = r.code;
        for (const BadgeInfo& info : catalogue)
            if (info.code == r.code) {
                r.name = info.name;
                r.rule = info.rule;
            }
        out.push_back(std::move(r));
    }
    return out;
}

#define JINGUO_BADGE_COLUMNS                                                                          \
    "SELECT b.id, b.badge_code, coalesce(b.person_id, 0), coalesce(b.unit_id, 0), b.period, b.earned_on, " \
    "b.announced, coalesce(p.name, u.name, '') FROM badge_earned b "                                  \
    "LEFT JOIN person p ON p.id = b.person_id LEFT JOIN org_unit u ON u.id = b.unit_id "

std::vector<EarnedBadgeRow> BadgeStore::earnedByPerson(RowId personId) {
    return rows(JINGUO_BADGE_COLUMNS "WHERE b.person_id = ? ORDER BY b.earned_on, b.id", personId, 0);
}

std::vector<EarnedBadgeRow> BadgeStore::earnedByUnit(RowId unitId) {
    return rows(JINGUO_BADGE_COLUMNS "WHERE b.unit_id = ? ORDER BY b.earned_on, b.id", unitId, 0);
}

std::vector<EarnedBadgeRow> BadgeStore::unannounced(int limit) {
    return rows(JINGUO_BADGE_COLUMNS "WHERE b.announced = 0 ORDER BY b.earned_on DESC, b.id DESC LIMIT ?", 0,
                std::max(1, limit));
}
#undef JINGUO_BADGE_COLUMNS

std::int64_t BadgeStore::unannouncedCount() {
    auto st = m_storage.db().cached("SELECT count(*) FROM badge_earned WHERE announced = 0");
    const std::int64_t n = st.step() ? st.columnInt(0) : 0;
    st.reset();
    return n;
}

RowId BadgeStore::newestId() {
    auto st = m_storage.db().cached("SELECT coalesce(max(id), 0) FROM badge_earned");
    const RowId id = st.step() ? st.columnInt(0) : 0;
    st.reset();
    return id;
}

std::map<std::string, std::int64_t> BadgeStore::countsByCode() {
    Statement st = m_storage.db().prepare("SELECT badge_code, count(*) FROM badge_earned GROUP BY badge_code");
    std::map<std::string, std::int64_t> out;
    while (st.step()) out[st.columnText(0)] = st.columnInt(1);
    return out;
}

void BadgeStore::markAnnounced(RowId upToId) {
    // Showing a badge is not a change the user made: no undo step.
    Database& db = m_storage.db();
    OutsideUndo outsideUndo(m_storage);
    AuditedChange change(m_storage);
    std::vector<RowId> ids;
    {
        Statement st = db.prepare("SELECT id FROM badge_earned WHERE announced = 0 AND id <= ?");
        st.bind(1, upToId);
        while (st.step()) ids.push_back(st.columnInt(0));
    }
    for (RowId id : ids) {
        change.update("badge_earned", id, [&] {
            auto st = db.cached("UPDATE badge_earned SET announced = 1 WHERE id = ?");
            st.bind(1, id);
            st.run();
        });
    }
    if (!ids.empty()) change.commit();
    else change.commitUnchanged();
}

} // namespace jinguo::storage
