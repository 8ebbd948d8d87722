// year_summary.cpp — numbers in 万 and the year-end paragraph.
#include "core/year_summary.hpp"

#include "core/number_format.hpp"
#include "core/points.hpp"

#include <cmath>
#include <cstdio>

namespace jinguo {

std::int64_t YearFigures::postsHeld() const {
    std::int64_t n = 0;
    for (const LevelCount& c : postsHeldByLevel) n += c.count;
    return n;
}

namespace {

double roundTo(double value, double step) { return std::round(value / step) * step; }

std::string levelWord(const std::string& level) { return levelWithSuffix(level); }

bool isHighLevel(const std::string& level) { return titleLevelRank(level) >= rankOf(TitleLevel::District); }

} // namespace

std::string chineseQuantity(double value) {
    if (!std::isfinite(value)) return "0";
    if (value < 0) return "-" + chineseQuantity(-value);
    // Decide the unit on the value as it will be shown: 9999.96 reads 1万, not 10000.
    if (roundTo(value / 1e8, 0.1) >= 1) return fmt::oneDecimal(value / 1e8) + "亿";
    if (roundTo(value / 1e4, 0.1) >= 1 && roundTo(value, 0.1) >= 10000) return fmt::oneDecimal(value / 1e4) + "万";
    return fmt::grouped(value, 1);   // "1,152", as every other count on screen
}

std::string chinesePercent(double rate) {
    if (!std::isfinite(rate)) return "0%";
    return fmt::oneDecimal(rate * 100) + "%";
}

std::string yearSummaryText(const YearFigures& f, const Date& today) {
    const bool soFar = today.year == f.year;
    const std::string who = f.districtName.empty() ? "全区" : f.districtName;
    std::string text;

    // Opening: the period and the volunteers.
    text += std::to_string(f.year) + "年";
    if (soFar)
        text += "以来（截至" + std::to_string(today.month) + "月" + std::to_string(today.day) + "日）";
    text += "，" + who + "共有注册巾帼志愿者" + chineseQuantity(static_cast<double>(f.volunteersRegistered)) + "名";
    if (f.volunteersNew > 0) text += "，其中" + std::string(soFar ? "今年" : "当年") + "新增" +
                                     chineseQuantity(static_cast<double>(f.volunteersNew)) + "名";
    if (f.volunteersActive > 0 || f.serviceHours > 0) {
        text += "；" + chineseQuantity(static_cast<double>(f.volunteersActive)) + "名志愿者参加志愿服务，累计服务" +
                chineseQuantity(f.serviceHours) + "小时";
    }
    text += "。";

    // Activities and participation.
    text += std::string(soFar ? "" : "全年") + "开展活动" + chineseQuantity(static_cast<double>(f.activities)) + "场";
    if (f.participants() > 0) text += "，参与" + chineseQuantity(f.participants()) + "人次";
    text += "。";

    // Titles of 区 level and above, highest level first.
    std::int64_t high = 0;
    std::string byLevel;
    for (auto it = f.titlesByLevel.rbegin(); it != f.titlesByLevel.rend(); ++it) {
        if (!isHighLevel(it->level) || it->count <= 0) continue;
        high += it->count;
        byLevel += (byLevel.empty() ? "" : "、") + levelWord(it->level) + chineseQuantity(static_cast<double>(it->count)) + "项";
    }
    if (high > 0) text += "获评区级以上荣誉" + chineseQuantity(static_cast<double>(high)) + "项（" + byLevel + "）。";

    // 巾帼文明岗: held, named this year by level, in progress, revoked.
    std::int64_t named = 0, inProgress = 0, revoked = 0;
    std::string namedByLevel, progressByState;
    for (auto it = f.postsByLevelAndState.rbegin(); it != f.postsByLevelAndState.rend(); ++it) {
        if (!titleStatusCounts(it->state)) continue;
        named += it->count;
    }
    // Named counts per level (a level may have both 命名 and 复核 rows), highest first.
    for (auto level = kTitleLevels.rbegin(); level != kTitleLevels.rend(); ++level) {
        std::int64_t n = 0;
        for (const auto& c : f.postsByLevelAndState)
            if (c.level == *level && titleStatusCounts(c.state)) n += c.count;
        if (n > 0) namedByLevel += (namedByLevel.empty() ? "" : "、") + levelWord(*level) + fmt::count(n) + "个";
    }
    for (AwardStatus status : {AwardStatus::Apply, AwardStatus::Create, AwardStatus::Assess}) {
        const char* state = toWord(status);
        std::int64_t n = 0;
        for (const auto& c : f.postsByLevelAndState)
            if (c.state == state) n += c.count;
        if (n > 0) progressByState += (progressByState.empty() ? "" : "、") + std::string(state) + fmt::count(n) + "个";
        inProgress += n;
    }
    for (const auto& c : f.postsByLevelAndState)
        if (c.state == toWord(AwardStatus::Revoke)) revoked += c.count;
    if (f.postsHeld() > 0 || named > 0 || inProgress > 0) {
        text += who + "现有巾帼文明岗" + fmt::count(f.postsHeld()) + "个";
        if (named > 0) text += "，" + std::string(soFar ? "今年" : "当年") + "新命名" + fmt::count(named) + "个（" +
                               namedByLevel + "）";
        if (inProgress > 0) text += "，另有" + fmt::count(inProgress) + "个正在创建（" + progressByState + "）";
        if (revoked > 0) text += "，撤销" + fmt::count(revoked) + "个";
        text += "。";
    }

    // Family titles: a creation rate where it is a mass creation (1 % or
    // more of households), otherwise the number of households titled.
    std::string rates, counts;
    for (const YearFigures::FamilyRate& r : f.familyRates) {
        if (r.households <= 0) continue;
        if (r.rate >= 0.01)
            rates += (rates.empty() ? "" : "，") + r.title + "创建率达到" + chinesePercent(r.rate);
        else
            counts += (counts.empty() ? "" : "、") + r.title + chineseQuantity(static_cast<double>(r.households)) + "户";
    }
    if (!rates.empty() || !counts.empty()) {
        text += rates;
        if (!counts.empty()) text += (rates.empty() ? "" : "；") + std::string("累计命名") + counts;
        text += "。";
    }

    // The other reported figures, as reported.
    std::string others;
    for (const YearFigures::Indicator& i : f.indicators)
        others += (others.empty() ? "" : "，") + i.name + chineseQuantity(i.value) + i.unit;
    if (!others.empty()) text += "此外，" + others + "。";
    return text;
}

} // namespace jinguo
