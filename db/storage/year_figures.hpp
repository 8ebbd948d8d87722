// year_figures.hpp — the year in figures (年度数据), counted from the records.
//
// What each figure of core/year_summary.hpp's YearFigures counts, for the
// whole district (every unit, and people without one):
//   volunteersRegistered  volunteers (person.is_volunteer) joined before the
//                         next year began, or with no join date
//   volunteersNew         volunteers joined during the year
//   volunteersActive      volunteers with a verified service record dated in
//                         the year, or roster hours reported as of a day in it
//   serviceHours          verified hours dated in the year (anyone's) + roster
//                         hours reported as of a day in it — the same count as
//                         the volunteer_hours target; monthlyHours splits the
//                         verified part by month
//   activities            activities held in the year; participantsRecorded
//                         sums their participants; participantsReported is the
//                         manual indicator 活动参与人次 of the root unit, or the
//                         sum over all units when the root has none
//   titlesByLevel         awards of the year in state 命名/复核, by the title's level
//   postsByLevelAndState  awards of 巾帼文明岗 titles of the year, by level and
//                         their current state
//   postsHeldByLevel      posts holding a post title (命名/复核, award year ≤
//                         the year) at the year's end, by the highest level held
//   familyRates           for each family title of the catalogue: distinct
//                         households holding it (any level) on the year's
//                         last day (sqlTitlesHeldOn: named by then, within
//                         validity and grace; counted where award.unit_id says) ÷ the
//                         district's households, rolled up as targets.hpp does
//   indicators            the other manual indicators of the year, the root's
//                         own value or the sum over the units that report one
// Dates compare as half-open ranges (>= first day, < next year's first day).
#pragma once

#include "core/year_summary.hpp"

#include <vector>

namespace jinguo::storage {

class Storage;

class YearFiguresReader {
public:
    explicit YearFiguresReader(Storage& storage);

    YearFigures figures(int year);

    // Years that have any service record, activity or award, newest first.
    std::vector<int> years();

    // Count volunteers and hours from person and board_person_period (the
    // SQL before migration 0030's per-unit summaries): the tests' reference
    // and the benchmark's "before".
    void setFromBaseTables(bool fromBaseTables) { m_fromBaseTables = fromBaseTables; }

private:
    Storage& m_storage;
    bool m_fromBaseTables = false;
};

} // namespace jinguo::storage
