// targets.hpp — creation targets (创建目标): roll-up, progress, pace, status.
//
// A target is a goal for one unit and one year, on a rate (平安家庭 households
// ÷ all households ≥ 90 %) or a count (区级巾帼文明岗 named ≥ 27, volunteer
// hours ≥ 50,000, …). Rates roll up by sums: a street's rate is the sum of
// its communities' numerators over the sum of their households, never an
// average of their rates (1000/900 and 3000/2400 make 3300/4000 = 82.5 %, not
// the 85 % an average would claim).
//
// Pace is linear through the year, but a rate does not start the year at zero:
// most titled households were titled in earlier years. So a rate target is
// measured from its base — the rate counting only titles held before the year
// began — and every pace figure is about the gain since then:
//   expected-by-today = base + (goal − base) × elapsed
//   forecast          = base + (actual − base) ÷ elapsed, within [0 %, 100 %]
//   status thresholds compare the gain achieved with the gain expected.
// A count of new things (活动, 服务时长) starts the year at zero: expected =
// goal × elapsed, forecast = actual ÷ elapsed. A stock (注册志愿者) starts
// the year at what was there on 1 January and is paced from that base, like a
// rate. `elapsed` is the fraction of the year's days gone by the end of
// `today` (2024-07-01 is day 183 of 366, so exactly one half).
//
// Once the year is over there is no pace left to judge: a target is 已完成
// or 未完成.
#pragma once

#include "core/model.hpp"
#include "core/periods.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

// ---------------------------------------------------------------- roll-up

// One unit's own figures: households registered at it and the numerator
// counted at it (titled households, or any count), now and at the year start.
struct UnitTally {
    RowId id = 0;
    RowId parentId = 0;            // 0 for a root
    std::int64_t households = 0;
    double numerator = 0;
    double baseNumerator = 0;      // the numerator counting only titles held before the year
};

struct RolledTally {
    RowId id = 0;
    RowId parentId = 0;
    std::int64_t households = 0;   // a leaf: its own; a parent: the sum of its children's
    double numerator = 0;          // own + the sum of its children's
    double baseNumerator = 0;      // likewise
    std::int64_t ownHouseholds = 0;// as registered at the unit itself
    // Units of this subtree (itself included) whose own titled households
    // exceed their own households: a data error. Such a unit counts at most
    // its households, so one wrong village cannot lift its town past a goal.
    int overfullUnits = 0;
    bool overfull = false;         // this unit itself
    int children = 0;
    // A parent whose registered households differ from its children's sum (and
    // are not zero): worth a note on the screen, the sum is what counts.
    bool householdsMismatch = false;

    double rate() const { return households > 0 ? numerator / static_cast<double>(households) : 0; }
    double baseRate() const { return households > 0 ? baseNumerator / static_cast<double>(households) : 0; }
};

// Rolls up bottom-up; the result is in the input's order. A parent's own
// households are replaced by its children's sum (they are the same
// households, counted where they live); numerators registered at the parent
// itself are kept and added. A unit whose parent is unknown is a root; a
// parent link that would close a loop is ignored. For TitledHouseholds, a
// leaf whose numerator exceeds its households (and has households) is flagged
// overfull and counted at its households when summed into its parents.
// What the numerators count. Titled households cannot exceed households; an
// amount (hours, points, titles named) has no such bound.
enum class Numerators { Amounts, TitledHouseholds };
std::vector<RolledTally> rollUp(const std::vector<UnitTally>& units, Numerators numerators = Numerators::Amounts);

// ---------------------------------------------------------------- progress

// Rate: titled households ÷ households. Count: new things in the year,
// from zero. Stock: a total that exists before the year (注册志愿者), paced
// from its value on 1 January.
enum class TargetKind { Rate, Count, Stock };
// What a target measures (target.metric), its kind and how it is named and
// counted. The one table screens, slides, the command line and the imports
// read; the schema's CHECK on target.metric lists the same codes.
enum class TargetMetric { TitleRate, TitleCount, PostCount, VolunteerHours, Activities, Participants, Volunteers,
                          Indicator };
struct TargetMetricInfo {
    TargetMetric metric;
    const char* code;              // stored in target.metric: "title_rate" …
    TargetKind kind;
    const char* name;              // "创建率", "命名数", "志愿服务时长（小时）" …
    const char* measure;           // the gap's unit word: "户", "个", "小时", "场", "人次", "名", ""
    bool needsTitle;               // names an award title (title_id)
    bool needsIndicator;           // names a manual indicator
};
const std::vector<TargetMetricInfo>& targetMetrics();
// nullptr for an unknown code.
const TargetMetricInfo* targetMetricInfo(std::string_view code);
// The metric whose name or code is `text` ("创建率", "title_rate", "志愿服务时长" …),
// as an import's 指标 column may say it; nullptr when none.
const TargetMetricInfo* targetMetricFromText(std::string_view text);
// A target line's label: "平安家庭创建率", "区级平安家庭创建率", "区级巾帼文明岗命名数",
// "志愿服务时长（小时）", or the indicator's name. `subject` is the title as the
// target names it ("平安家庭", "区级平安家庭") or the indicator's name.
std::string targetMetricLabel(std::string_view code, std::string_view subject);

// A goal as an organizer writes it: "90%", "90" or "0.9" for a rate (all
// 0.9); "1,200" or "1200" for a count. nullopt with `error` (Chinese) set
// when it is not a number, is negative, or is a rate above 100 %.
std::optional<double> parseTargetGoal(std::string_view text, TargetKind kind, std::string* error = nullptr);
// What is wrong with a target before any lookup (Chinese; "" when nothing):
// an unknown metric, a year outside 1949–2100, a negative goal, a rate above
// 100 %, a title missing for a metric that needs one, an indicator without
// its name, a level flag on anything but a rate.
std::string targetProblem(const Target& target);

// The award title a target written as text is about: `name` (平安家庭) and
// `level` ("区", "区级"; "", "不限" or "任意级别" = any level) against the
// title catalogue. A rate needs a family title (any level: the lowest-level
// title of that name stands for the name); a post count a post title (none
// given: 区级 posts, titleId 0); a title count any title, its level needed
// when the name exists at several. `error` (Chinese) lists what exists.
struct TargetTitle {
    RowId titleId = 0;
    bool atLevel = false;
    std::string error;
    bool ok() const { return error.empty(); }
};
TargetTitle resolveTargetTitle(const std::vector<AwardTitle>& catalogue, const TargetMetricInfo& metric,
                               std::string_view name, std::string_view level);

// Green/Amber/Red while the year runs; Completed/Missed once it is over.
enum class TargetStatus { Green, Amber, Red, Completed, Missed };

// "green", "amber", "red", "completed", "missed" (the JSON of `jinguo targets`).
const char* targetStatusCode(TargetStatus status);
// "正常", "预警", "滞后", "已完成", "未完成" (the screens).
const char* targetStatusLabel(TargetStatus status);
// The colour family a status is drawn in: Completed reads as Green, Missed as Red.
TargetStatus targetStatusTone(TargetStatus status);

// Green when the goal is met or the gain achieved is at least `green` × the
// gain expected by today; amber at least `amber` ×; red below.
struct RagThresholds {
    double green = 1.0;
    double amber = 0.9;
};

struct TargetFacts {
    TargetKind kind = TargetKind::Count;
    int year = 0;
    double goal = 0;               // rate: a fraction (0.9 = 90 %); count: a number
    double numerator = 0;          // rate: titled households now; count: the count this year so far;
                                   // stock: the total now
    double denominator = 0;        // rate: the unit's households (rolled up); unused otherwise
    double baseNumerator = 0;      // rate: titled households before the year began; stock: the
                                   // total on 1 January; unused for counts
    int overfullUnits = 0;         // rate: units below this one flagged overfull by rollUp
};

struct TargetProgress {
    double goal = 0;
    double actual = 0;             // rate: numerator ÷ denominator; count, stock: numerator
    double base = 0;               // rate: base rate; stock: total on 1 January; count: 0
    double elapsed = 0;            // fraction of the target year gone by today, 0–1
    double progress = 0;           // actual ÷ goal (1 when the goal is 0), not capped
    double progressSinceBase = 0;  // (actual − base) ÷ (goal − base); = progress for counts
    double expected = 0;           // expected by today at a linear pace
    double forecast = 0;           // at the current pace by year end
    double gap = 0;                // still to close: households (rates, whole) or count; ≥ 0
    bool goalMet = false;
    bool yearOver = false;         // today is after 31 December of the target's year
    TargetStatus status = TargetStatus::Red;
    std::string problem;           // Chinese, when the figures cannot mean much (no households)
};

// Fraction of `year` gone by the end of `today`: 0 before the year, 1 after.
double yearElapsed(int year, const Date& today);

TargetProgress evaluateTarget(const TargetFacts& facts, const Date& today, const RagThresholds& thresholds = {});
// `today` as YYYY-MM-DD; throws std::invalid_argument when it is not a date.
TargetProgress evaluateTarget(const TargetFacts& facts, std::string_view today, const RagThresholds& thresholds = {});

// Households still to title for a rate goal: ceil(goal × households − numerator), ≥ 0.
double householdsToGoal(double goal, double households, double numerator);

// How a target's actual is written beside its goal. A rate that falls short
// by a hair would print the same percentage twice ("90.0% / 90.0%, 未完成");
// then the text says how far instead: "还差1户". `measure` is the count's
// unit word (小时, 个, 人; empty for none).
struct ActualText {
    std::string actual;            // "89.95%", "还差1户", "1,234.5"
    bool shortfallOnly = false;    // the actual would read as the goal: `actual` is the shortfall
};
ActualText targetActualText(TargetKind kind, const TargetProgress& progress, int percentDecimals,
                            std::string_view measure = {});
// "还差3户" / "还差12.5小时": the gap of a target not yet met ("" when met).
std::string shortfallText(TargetKind kind, const TargetProgress& progress, std::string_view measure = {});

} // namespace jinguo
