// title_standing_sql.hpp — core/title_standing.hpp's rule in SQL, written
// once: every query that counts held family, person or collective titles
// asks `a.id IN <sqlTitlesHeldOn("?N")>` (the awards that count on day ?N)
// instead of `a.status IN {held}` and a year test. A storage test checks it
// against titleStandingOn on a table of boundary days.
//
// The list is one uncorrelated subquery: SQLite builds it once per run of the
// statement, however many rows ask. Its words come from core/vocabulary.hpp
// (withWords), the grace from the `titles.grace_months` setting (default
// kDefaultGraceMonths), the validity from award_title.valid_years (NULL =
// never expires, the default, so nothing moves until the organizer sets one).
// The date arithmetic is the engine's (SqlDialect: a month added as a
// calendar does, the later of two days); days stay YYYY-MM-DD text on both,
// compared as text.
#pragma once

#include "core/title_standing.hpp"
#include "storage/kinds_sql.hpp"
#include "storage/sql_dialect.hpp"

#include <string>
#include <string_view>

namespace jinguo::storage {

// The settings key of the grace period, in months.
inline constexpr const char* kGraceMonthsKey = "titles.grace_months";

namespace detail {
// The region's grace in months, as SQL.
inline std::string sqlGraceMonths() {
    return "coalesce((SELECT CAST(value AS INTEGER) FROM setting WHERE key = '" + std::string(kGraceMonthsKey) + "'), " +
           std::to_string(kDefaultGraceMonths) + ")";
}
// "(SELECT …) c": one row per held (命名/复核) award whose title passes
// `titleCondition` (SQL on award_title ht, "true" for all): award_id, named_on
// (latest 命名, else YYYY-12-31), valid_years and confirmed_on (the later of
// named_on and the latest 复核 on or before `d`).
// Grouped by the award's and its title's keys: PostgreSQL takes valid_years
// only from a grouped key's table.
inline std::string sqlHeldTitleLives(const SqlDialect& dialect, const std::string& d, std::string_view titleCondition) {
    return "(SELECT h.award_id, h.named_on, h.valid_years,"
           "        " + dialect.greaterOf("h.named_on", "coalesce(h.reviewed_on, '')") + " AS confirmed_on"
           "   FROM (SELECT ha.id AS award_id,"
           "                coalesce(max(CASE WHEN he.status = {named} THEN he.happened_on END), ha.year || '-12-31') AS named_on,"
           "                max(CASE WHEN he.status = {reviewed} AND he.happened_on <= " + d + " THEN he.happened_on END) AS reviewed_on,"
           "                ht.valid_years AS valid_years"
           "         FROM award ha JOIN award_title ht ON ht.id = ha.title_id"
           "         LEFT JOIN award_event he ON he.award_id = ha.id"
           "         WHERE ha.status IN {held} AND " + std::string(titleCondition) + " GROUP BY ha.id, ht.id) h) c";
}
} // namespace detail

// "(SELECT … )": the ids of the awards (any subject kind) held on `day` — a
// parameter such as "?1" or a SQL date expression — by titleStandingOn:
// 命名/复核 now, named on or before `day`, and within validity plus grace.
inline std::string sqlTitlesHeldOn(const SqlDialect& dialect, std::string_view day) {
    const std::string d(day);
    return withWords("(SELECT c.award_id FROM " + detail::sqlHeldTitleLives(dialect, d, "true") +
                     " WHERE c.named_on <= " + d + "   AND (c.valid_years IS NULL OR " + d + " < " +
                     dialect.addMonthsClamped("c.confirmed_on", "c.valid_years * 12 + " + detail::sqlGraceMonths()) +
                     "))");
}

// The same rule read from award_held_span (migration 0023): its rows are the
// date ranges in which each held award counts, kept by triggers from the
// views that spell this rule out (tests/storage_title_spans_test.cpp holds
// them equal). A condition on one range row: held on `day` (a parameter).
// An award's ranges never overlap, so at most one row of it holds on a day.
inline std::string sqlSpanHeldOn(std::string_view day) {
    const std::string d(day);
    return "(held_from <= " + d + " AND (held_until IS NULL OR " + d + " < held_until))";
}

// "(SELECT … )": the ids of the awards that stand `standing` on `day` by
// titleStandingOn, for the two standings a list filters by: 待复核
// (DueForReview: from confirmation + validity, still counting) and 已过期
// (Expired: from there + grace). Only titles with a validity can reach
// either, so only their awards are read. Any other standing: no rows.
inline std::string sqlTitlesInStandingOn(const SqlDialect& dialect, std::string_view day, TitleStanding standing,
                                         std::string_view onlyAward = {}) {
    const std::string d(day);
    const std::string grace = detail::sqlGraceMonths();
    std::string window;
    if (standing == TitleStanding::DueForReview)
        window = d + " >= " + dialect.addMonthsClamped("c.confirmed_on", "c.valid_years * 12") + " AND " + d + " < " +
                 dialect.addMonthsClamped("c.confirmed_on", "c.valid_years * 12 + " + grace);
    else if (standing == TitleStanding::Expired)
        window = d + " >= " + dialect.addMonthsClamped("c.confirmed_on", "c.valid_years * 12 + " + grace);
    else
        return "(SELECT CAST(NULL AS bigint) WHERE false)";
    const std::string titles = onlyAward.empty() ? std::string("ht.valid_years IS NOT NULL")
                                                 : "ht.valid_years IS NOT NULL AND ha.id = " + std::string(onlyAward);
    return withWords("(SELECT c.award_id FROM " + detail::sqlHeldTitleLives(dialect, d, titles) + " WHERE c.named_on <= " + d +
                     " AND " + window + ")");
}

// The same for one award, `award` an SQL expression of the outer query
// ("a.id"): a correlated list read with a few indexed look-ups, for a filter
// that asks award by award (inside a correlated EXISTS an uncorrelated list
// would be built again for every row).
inline std::string sqlAwardInStandingOn(const SqlDialect& dialect, std::string_view award, std::string_view day,
                                        TitleStanding standing) {
    return std::string(award) + " IN " + sqlTitlesInStandingOn(dialect, day, standing, award);
}

} // namespace jinguo::storage
