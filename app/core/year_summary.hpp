// year_summary.hpp — the year in figures, and the paragraph a 年度工作总结 quotes.
//
// YearFigures is plain data: db/storage/year_figures.hpp fills it from the
// records (what each figure counts is written there), screens and slides show
// it, and yearSummaryText() turns it into the Chinese paragraph organizers
// paste into their year-end report ("2025年，临江区……全年开展活动326场，参与
// 3.1万人次……"). Numbers of 10,000 and more are written in 万 (亿 from 10^8),
// as such reports do; smaller ones in full.
#pragma once

#include "core/periods.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jinguo {

struct YearFigures {
    int year = 0;
    std::string districtName;              // the root unit ("临江区"); "全区" when there is none or several

    // Volunteers and service.
    std::int64_t volunteersRegistered = 0; // on the roll by the year's end
    std::int64_t volunteersNew = 0;        // joined during the year
    std::int64_t volunteersActive = 0;     // with hours dated in the year (a verified record or a roster credit)
    double serviceHours = 0;               // the year's dated hours (the dated_hours view): records + roster credits
    double rosterHours = 0;                // the part of serviceHours that later rosters added
    std::array<double, 12> monthlyHours{}; // dated hours per month, January first (sum: serviceHours)

    // Activities.
    std::int64_t activities = 0;           // held in the year
    std::int64_t participantsRecorded = 0; // the sum of the activities' participants
    std::optional<double> participantsReported;   // the manual indicator 活动参与人次, when there is one
    std::array<std::int64_t, 12> monthlyActivities{};
    double participants() const {
        return participantsReported ? *participantsReported : static_cast<double>(participantsRecorded);
    }

    // Titles named in the year (status 命名/复核), every subject kind, by level
    // from 社区 up to 全国 (levels with none are left out).
    struct LevelCount {
        std::string level;
        std::int64_t count = 0;
    };
    std::vector<LevelCount> titlesByLevel;

    // 巾帼文明岗: the awards of the year by level and their state now, and the
    // posts holding a title at the year's end by the highest level held.
    struct PostCount {
        std::string level;
        std::string state;                 // 申报, 创建, 考核验收, 命名, 复核, 撤销
        std::int64_t count = 0;
    };
    std::vector<PostCount> postsByLevelAndState;   // level order, then lifecycle order
    std::vector<LevelCount> postsHeldByLevel;      // level order
    std::int64_t postsHeld() const;

    // Creation rates of the district per family title: households holding the
    // title (any level, 命名/复核, award year ≤ the year) ÷ all households.
    struct FamilyRate {
        std::string title;
        std::int64_t households = 0;       // titled households
        double rate = 0;                   // 0–1
    };
    std::int64_t households = 0;           // the district's households (rolled up from its units)
    std::vector<FamilyRate> familyRates;   // catalogue order of the family titles

    // Other manual indicators of the year (投入经费, 培训场次 …), as reported.
    struct Indicator {
        std::string name;
        double value = 0;
        std::string unit;                  // 万元, 场 …
    };
    std::vector<Indicator> indicators;
};

// The manual indicator whose value, when present, replaces the recorded participants.
inline constexpr const char* kParticipantsIndicator = "活动参与人次";

// A quantity as a report writes it: below 10,000 in full ("1152", "62.5");
// from 10,000 in 万 with at most one decimal ("3.2万", "16万", "100万"); from
// 10^8 in 亿. Negative values keep their sign; NaN and infinities give "0".
std::string chineseQuantity(double value);

// A rate as a percentage with one decimal ("85.3%"); 100 % exactly is "100%".
std::string chinesePercent(double rate);

// The paragraph for a year-end report. When `today` falls inside the year the
// figures are the year so far and the text says so ("2026年以来（截至11月29
// 日）"); otherwise it speaks of the whole year ("全年").
std::string yearSummaryText(const YearFigures& figures, const Date& today);

} // namespace jinguo
