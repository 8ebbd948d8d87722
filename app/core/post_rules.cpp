// post_rules.cpp — see post_rules.hpp.
#include "core/post_rules.hpp"

#include "core/number_format.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace jinguo::posts {

namespace {

int yearOf(std::string_view isoDate) {
    if (isoDate.size() < 4) return 0;
    return std::atoi(std::string(isoDate.substr(0, 4)).c_str());
}

const AwardEvent* lastEvent(const AwardHistory& award) {
    return award.events.empty() ? nullptr : &award.events.back();
}

bool isAssessment(std::string_view status) { return status == kAssess || status == kReview; }

Decision refuse(std::string reason) {
    Decision d;
    d.reason = std::move(reason);
    return d;
}

// The date rules every step shares: a real date, not in the future, not
// before the step it follows.
std::string dateProblem(std::string_view date, std::string_view today, const AwardEvent* previous) {
    if (!isIsoDate(date)) return "日期应写成 2026-03-08 这样的格式，且是真实存在的日期。";
    if (!today.empty() && date > today) return "日期不能晚于今天（" + std::string(today) + "）。";
    if (previous && date < previous->happenedOn)
        return "日期不能早于上一步“" + previous->status + "”的日期（" + previous->happenedOn + "）。";
    return {};
}

} // namespace

int levelRank(std::string_view level) {
    for (std::size_t i = 0; i < kLevels.size(); ++i)
        if (level == kLevels[i]) return static_cast<int>(i);
    return -1;
}

bool isStatus(std::string_view status) { return parseAwardStatus(status).has_value(); }

Grade gradeFor(double score, bool veto, double passScore, double basicPassScore) {
    if (veto || score < basicPassScore) return Grade::Fail;
    return score >= passScore ? Grade::Pass : Grade::BasicPass;
}

Grade gradeFor(double score, bool veto, const KindRules& rules) {
    return gradeFor(score, veto, rules.passScore, rules.basicPassScore);
}

int reviewYearsFor(const KindRules& rules, std::string_view level) {
    for (const auto& [l, years] : rules.reviewYears)
        if (l == level) return years;
    return 0;
}

std::string rulesProblem(const KindRules& r) {
    if (r.womenPercent < 1 || r.womenPercent > 100) return "女性占比下限应在1%到100%之间（如60或50）。";
    if (r.ladderYears < 0 || r.ladderYears > 10) return "申报上一级前持有下一级称号的年数应在0到10之间（0表示不要求）。";
    if (!(r.basicPassScore > 0 && r.basicPassScore < r.passScore && r.passScore <= 100))
        return "评分标准应满足 0 < 基本合格分 < 合格分 ≤ 100（如 60 和 80）。";
    for (const auto& [level, years] : r.reviewYears)
        if (years < 0 || years > 20) return level + "级复核周期应在0到20年之间（0表示不定期复核）。";
    return {};
}

const char* gradeLabel(Grade grade) {
    switch (grade) {
    case Grade::Pass: return "合格";
    case Grade::BasicPass: return "基本合格";
    case Grade::Fail: return "不合格";
    case Grade::None: break;
    }
    return "";
}

std::string vetoNote(const std::vector<bool>& checked) { return vetoNote(checked, postKind().vetoItems); }

std::string vetoNote(const std::vector<bool>& checked, const std::vector<std::string>& vetoItems) {
    std::string items;
    for (std::size_t index = 0; index < vetoItems.size(); ++index) {
        if (index < checked.size() && checked[index]) {
            if (!items.empty()) items += "、";
            items += vetoItems[index];
        }
    }
    return items.empty() ? std::string() : "一票否决：" + items;
}

const CreationKind& postKind() {
    static const CreationKind kind = [] {
        CreationKind k;
        k.id = kPostKindId;
        k.name = "巾帼文明岗";
        k.subjectWord = "岗位";
        k.memberConditions = true;
        for (const char* item : kVetoItems) k.vetoItems.emplace_back(item);
        for (const char* level : kLevels) {
            k.levels.emplace_back(level);
            k.rules.reviewYears.emplace_back(level, kDefaultReviewYears);
        }
        k.builtin = true;
        return k;
    }();
    return kind;
}

std::string levelsText(const CreationKind& kind) {
    std::string out;
    for (std::size_t i = 0; i < kind.levels.size(); ++i) {
        if (i > 0) out += i + 1 == kind.levels.size() ? "或" : "、";
        out += kind.levels[i];
    }
    return out;
}

Grade latestGrade(const AwardHistory& award, const KindRules& rules) {
    for (auto it = award.events.rbegin(); it != award.events.rend(); ++it)
        if (isAssessment(it->status) && it->score) return gradeFor(*it->score, it->veto, rules);
    return Grade::None;
}

std::optional<double> latestScore(const AwardHistory& award) {
    for (auto it = award.events.rbegin(); it != award.events.rend(); ++it)
        if (isAssessment(it->status) && it->score) return it->score;
    return std::nullopt;
}

Decision checkTransition(const AwardHistory& award, const TransitionRequest& r, std::string_view today,
                         const CreationKind& kind) {
    const KindRules& rules = kind.rules;
    if (!isStatus(r.status)) return refuse("未知的状态“" + r.status + "”。");
    if (r.status == kApply)
        return refuse("申报是新一级创建的开始：请选择“新申报”并选定级别，不能在已有记录上再次申报。");
    const std::string& from = award.status;
    const AwardEvent* previous = lastEvent(award);
    if (from == kRevoke)
        return refuse("该称号已" + (previous ? "于" + previous->happenedOn : std::string()) +
                      "撤销，这条记录已经结束；如需重新创建，请重新申报。");
    const bool named = from == kName || from == kReview;
    const bool beforeAssessment = from == kApply || from == kCreate;

    // Which step may follow which.
    if (r.status == kCreate && from != kApply) {
        if (from == kCreate) return refuse("已列入创建名单，无需重复登记“创建”。");
        return refuse("只有处于“申报”的岗位才能列入创建名单（当前状态：" + from + "）。");
    }
    if (r.status == kAssess) {
        if (from == kApply) return refuse("尚未列入创建名单，不能考核验收：请先登记“创建”。");
        if (named) return refuse("已命名的岗位应登记“复核”，而不是考核验收。");
    }
    if (r.status == kName) {
        if (beforeAssessment) return refuse("尚未考核验收，不能命名：请先登记考核验收及其得分。");
        if (named)
            return refuse("已经命名" + (award.docNumber.empty() ? std::string() : "（" + award.docNumber + "）") +
                          "，不能重复命名。");
        const Grade latest = latestGrade(award, rules);
        const auto score = latestScore(award);
        if (latest == Grade::Fail)
            return refuse("最近一次考核验收不合格（" + (score ? fmt::score(*score) + "分" : std::string()) +
                          "），不能命名；整改后可重新考核验收。");
        if (latest == Grade::BasicPass && !rules.nameAfterBasicPass)
            return refuse("最近一次考核验收为基本合格（" + (score ? fmt::score(*score) + "分" : std::string()) +
                          "），按" + kind.name + "的规则须考核验收合格（" + fmt::score(rules.passScore) +
                          "分及以上）才能命名；整改后可重新考核验收，或在本类别的规则中允许基本合格命名。");
    }
    if (r.status == kReview && !named) return refuse("尚未命名，没有称号可复核。");
    if (r.status == kRevoke && !named) return refuse("尚未命名，没有称号可撤销。");

    // The fields the step needs.
    if (std::string problem = dateProblem(r.date, today, previous); !problem.empty()) return refuse(problem);
    Decision d;
    if (isAssessment(r.status)) {
        if (!r.score) return refuse(r.status + "须填写百分制得分（0–100）。");
        if (!(*r.score >= 0 && *r.score <= 100)) return refuse("得分应在0到100之间。");
        d.grade = gradeFor(*r.score, r.veto, rules);
    }
    if ((r.status == kName || r.status == kRevoke) && trim(r.docNumber).empty())
        return refuse(r.status + "须填写文件的文号（如 临妇字〔2026〕30号）。");
    const std::string fixBy = trim(r.fixBy);
    if (r.status == kReview && r.veto) {
        // 一票否决 leads straight to 撤销 (汶上县 practice): no deadline to invent.
        if (!fixBy.empty()) return refuse("复核一票否决，应直接撤销称号，不设整改期限；请清空整改期限。");
    } else if (r.status == kReview) {
        if (d.grade == Grade::Fail && fixBy.empty())
            return refuse("复核不合格（" + fmt::score(*r.score) + "分" + (r.veto ? "，一票否决" : "") +
                          "），须填写整改期限。");
        if (!fixBy.empty()) {
            if (d.grade == Grade::Pass) return refuse("复核合格，无需整改期限；请清空整改期限。");
            if (!isIsoDate(fixBy)) return refuse("整改期限应写成 2027-03-31 这样的格式，且是真实存在的日期。");
            if (fixBy <= r.date) return refuse("整改期限应晚于复核日期（" + r.date + "）。");
        }
    } else if (!fixBy.empty()) {
        return refuse("只有复核不合格时才设整改期限。");
    }
    d.allowed = true;
    return d;
}

Decision checkApplication(const std::vector<AwardHistory>& awards, std::string_view level, int year,
                          const TransitionRequest& r, std::string_view today, const CreationKind& kind) {
    if (std::find(kind.levels.begin(), kind.levels.end(), level) == kind.levels.end())
        return refuse(kind.name + "的级别应为" + levelsText(kind) + "。");
    if (year < 1949 || year > 2100) return refuse("年度应在1949到2100之间。");
    for (const AwardHistory& a : awards) {
        if (a.level != level) continue;
        if (a.status != kRevoke)
            return refuse("该" + kind.subjectWord + "已有" + a.level + "级记录（" + std::to_string(a.year) + "年度，当前：" + a.status +
                          "），不能重复申报；称号撤销后才能重新申报。");
        if (a.year == year)
            return refuse("该" + kind.subjectWord + std::to_string(year) + "年度已有" + a.level +
                          "级记录，同一年度同一级别只能申报一次。");
    }
    if (std::string problem = dateProblem(r.date, today, nullptr); !problem.empty()) return refuse(problem);
    if (!trim(r.fixBy).empty() || r.score) return refuse("申报时不填写得分和整改期限。");
    Decision d;
    d.allowed = true;
    return d;
}

ReviewState reviewState(const AwardHistory& award, std::string_view today, const KindRules& rules) {
    if (award.status != kReview) return ReviewState::None;
    const AwardEvent* last = lastEvent(award);
    if (!last || last->status != kReview) return ReviewState::None;
    // A veto recorded without a deadline (since 0019) is due at once; one that
    // carries the deadline the old rules demanded keeps it.
    if (last->veto && award.fixBy.empty()) return ReviewState::DueForRevocation;
    if (award.fixBy.empty() || !last->score || gradeFor(*last->score, last->veto, rules) != Grade::Fail)
        return ReviewState::None;
    return today > std::string_view(award.fixBy) ? ReviewState::DueForRevocation : ReviewState::Fixing;
}

std::string nextReviewDue(const AwardHistory& award, int years) {
    if (years <= 0 || !holdsTitle(award)) return {};
    std::string base;
    for (const AwardEvent& e : award.events)
        if ((e.status == kName || e.status == kReview) && isIsoDate(e.happenedOn) && e.happenedOn > base)
            base = e.happenedOn;
    if (base.empty()) return {};
    const int year = yearOf(base) + years;
    std::string monthDay = base.substr(4);   // "-MM-DD"
    if (monthDay == "-02-29" && !isIsoDate(std::to_string(year) + monthDay)) monthDay = "-02-28";
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d", year);
    return buffer + monthDay;
}

bool reviewOverdue(const AwardHistory& award, int years, std::string_view today) {
    const std::string due = nextReviewDue(award, years);
    return !due.empty() && today > std::string_view(due);
}

int applicationYear(const AwardHistory& award) {
    for (const AwardEvent& e : award.events)
        if (e.status == kApply) return yearOf(e.happenedOn);
    return award.year;
}

int namingYear(const AwardHistory& award) {
    for (const AwardEvent& e : award.events)
        if (e.status == kName) return yearOf(e.happenedOn);
    // An award stored without its history (an old roster) is named in its year.
    if (award.status == kName || award.status == kReview) return award.year;
    return 0;
}

bool holdsTitle(const AwardHistory& award) { return award.status == kName || award.status == kReview; }

const AwardHistory* currentAward(const std::vector<AwardHistory>& awards) {
    const AwardHistory* best = nullptr;
    for (const AwardHistory& a : awards) {
        if (!best || a.year > best->year || (a.year == best->year && titleLevelRank(a.level) > titleLevelRank(best->level)) ||
            (a.year == best->year && a.level == best->level && a.awardId > best->awardId))
            best = &a;
    }
    return best;
}

std::vector<Condition> checkConditions(const Post& post, const std::vector<AwardHistory>& awards,
                                       const CreationKind& kind) {
    std::vector<Condition> out;
    const KindRules& rules = kind.rules;
    if (kind.memberConditions) {
        Condition c;
        c.label = "女职工占比不低于" + std::to_string(rules.womenPercent) + "%";
        if (post.members <= 0) {
            c.figures = "未填写人数";
        } else {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%d/%d = %.1f%%", post.womenMembers, post.members,
                          100.0 * post.womenMembers / post.members);
            c.figures = buffer;
            c.met = post.womenMembers * 100 >= post.members * rules.womenPercent;   // integers: 60 % exactly passes
        }
        out.push_back(std::move(c));
    }
    if (kind.memberConditions) {
        Condition c;
        c.label = "岗位人数不少于3人";
        c.figures = std::to_string(post.members) + "人";
        c.met = post.members >= 3;
        out.push_back(std::move(c));
    }
    if (kind.memberConditions && rules.leaderRule == LeaderRule::WomanAmongLeaders) {
        Condition c;
        c.label = "至少有1名女性负责人";
        c.figures = "女性负责人" + std::to_string(post.womenLeaders) + "名";
        c.met = post.womenLeaders >= 1;
        out.push_back(std::move(c));
    }
    if (kind.memberConditions && rules.leaderRule == LeaderRule::HeadIsWoman) {
        Condition c;
        c.label = "岗长为女性";
        c.figures = post.headIsWoman ? "岗长为女性" : "未登记岗长为女性";
        c.met = post.headIsWoman;
        out.push_back(std::move(c));
    }
    {
        Condition c;
        const int need = rules.ladderYears;
        const std::string needText = std::to_string(need) + "年";
        const AwardHistory* current = currentAward(awards);
        const auto at = current ? std::find(kind.levels.begin(), kind.levels.end(), current->level) : kind.levels.end();
        const int rank = at == kind.levels.end() ? -1 : static_cast<int>(at - kind.levels.begin());
        if (rank <= 0) {
            c.label = need > 0 ? "申报上一级须持有下一级称号满" + needText : "申报上一级须持有下一级称号";
            c.applicable = false;
            c.met = true;
            c.figures = !current ? "尚无申报记录"
                        : kind.levels.empty() ? "无此要求"
                                              : kind.levels.front() + "级为起点，无此要求";
            // When the post holds its 区 title, say from when it may go further.
            if (current && holdsTitle(*current) && namingYear(*current) > 0)
                c.figures = current->level + "级" + std::to_string(namingYear(*current)) + "年命名，" +
                            std::to_string(namingYear(*current) + need) + "年起可申报" +
                            (kind.levels.size() > 1 ? kind.levels[1] : current->level) + "级";
        } else {
            const std::string below = kind.levels[static_cast<std::size_t>(rank - 1)];
            c.label = "申报" + current->level + "级须持有" + below + "级称号" + (need > 0 ? "满" + needText : std::string());
            const int applied = applicationYear(*current);
            int bestYear = 0;
            bool revokedBefore = false;
            for (const AwardHistory& a : awards) {
                if (a.level != below) continue;
                const int named = namingYear(a);
                if (named == 0) continue;
                // A title revoked before the application no longer counts.
                if (a.status == kRevoke) {
                    const AwardEvent* last = lastEvent(a);
                    const int revoked = last ? yearOf(last->happenedOn) : a.year;
                    if (revoked <= applied) { revokedBefore = true; continue; }
                }
                if (bestYear == 0 || named < bestYear) bestYear = named;
            }
            if (bestYear == 0) {
                c.figures = revokedBefore ? below + "级称号已撤销" : "未持有" + below + "级称号";
            } else {
                c.met = applied - bestYear >= need;
                c.figures = below + "级" + std::to_string(bestYear) + "年命名，" + std::to_string(applied) + "年申报" +
                            current->level + "级" +
                            (need > 0 ? std::string("（") + (c.met ? "已满" : "不足") + needText + "）" : std::string());
            }
        }
        out.push_back(std::move(c));
    }
    return out;
}

int unmetConditions(const std::vector<Condition>& conditions) {
    int n = 0;
    for (const Condition& c : conditions)
        if (c.applicable && !c.met) ++n;
    return n;
}

} // namespace jinguo::posts
