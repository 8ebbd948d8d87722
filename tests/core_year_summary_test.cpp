// core_year_summary_test.cpp — numbers in 万 and the year-end paragraph.
#include "core/year_summary.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>

using namespace jinguo;

TEST_CASE("chineseQuantity: in full below 10,000, in 万 from there, in 亿 from 10^8") {
    CHECK(chineseQuantity(0) == "0");
    CHECK(chineseQuantity(1152) == "1,152");   // grouped like every count on screen
    CHECK(chineseQuantity(62.5) == "62.5");
    CHECK(chineseQuantity(1075.54) == "1,075.5");
    CHECK(chineseQuantity(9999) == "9,999");
    CHECK(chineseQuantity(10000) == "1万");
    CHECK(chineseQuantity(32178) == "3.2万");
    CHECK(chineseQuantity(160000) == "16万");
    CHECK(chineseQuantity(163499) == "16.3万");
    CHECK(chineseQuantity(1000000) == "100万");
    CHECK(chineseQuantity(9999.96) == "1万");      // shown as 10000.0 would be 1万
    CHECK(chineseQuantity(123456789) == "1.2亿");
    CHECK(chineseQuantity(-32178) == "-3.2万");
    CHECK(chineseQuantity(std::numeric_limits<double>::quiet_NaN()) == "0");
}

TEST_CASE("chinesePercent: one decimal, a trailing .0 dropped") {
    CHECK(chinesePercent(0.8534) == "85.3%");
    CHECK(chinesePercent(0.9) == "90%");
    CHECK(chinesePercent(1.0) == "100%");
    CHECK(chinesePercent(0.0004) == "0%");
    CHECK(chinesePercent(0.00051) == "0.1%");
}

namespace {

YearFigures sample() {
    YearFigures f;
    f.year = 2025;
    f.districtName = "临江区";
    f.volunteersRegistered = 412;
    f.volunteersNew = 37;
    f.volunteersActive = 389;
    f.serviceHours = 19415.5;
    f.activities = 1152;
    f.participantsRecorded = 25955;
    f.participantsReported = 160512;
    f.titlesByLevel = {{"社区", 10070}, {"街道", 35}, {"区", 42}, {"市", 10}, {"省", 2}};
    f.postsByLevelAndState = {{"区", "命名", 4}, {"市", "命名", 2}, {"区", "撤销", 1}};
    f.postsHeldByLevel = {{"区", 9}, {"市", 5}};
    f.households = 59177;
    f.familyRates = {{"五好文明家庭", 34, 34 / 59177.0}, {"平安家庭", 9984, 9984 / 59177.0}, {"和谐家庭", 0, 0}};
    f.indicators = {{"投入经费", 126.5, "万元"}, {"培训场次", 76, "场"}};
    return f;
}

} // namespace

TEST_CASE("yearSummaryText: a closed year, every part present") {
    const std::string text = yearSummaryText(sample(), Date{2026, 11, 29});
    CHECK(text ==
          "2025年，临江区共有注册巾帼志愿者412名，其中当年新增37名；389名志愿者参加志愿服务，累计服务1.9万小时。"
          "全年开展活动1,152场，参与16.1万人次。"
          "获评区级以上荣誉54项（省级2项、市级10项、区级42项）。"
          "临江区现有巾帼文明岗14个，当年新命名6个（市级2个、区级4个），撤销1个。"
          "平安家庭创建率达到16.9%；累计命名五好文明家庭34户。"
          "此外，投入经费126.5万元，培训场次76场。");
}

TEST_CASE("yearSummaryText: the current year says so and drops 全年") {
    YearFigures f = sample();
    f.year = 2026;
    f.postsByLevelAndState = {{"区", "申报", 5}, {"区", "创建", 5}, {"区", "考核验收", 4}, {"区", "命名", 4},
                              {"省", "命名", 2}};
    const std::string text = yearSummaryText(f, Date{2026, 11, 29});
    CHECK(text.rfind("2026年以来（截至11月29日），临江区共有注册巾帼志愿者412名，其中今年新增37名", 0) == 0);
    CHECK(text.find("全年") == std::string::npos);
    CHECK(text.find("开展活动1,152场，参与16.1万人次。") != std::string::npos);
    CHECK(text.find("今年新命名6个（省级2个、区级4个），另有14个正在创建（申报5个、创建5个、考核验收4个）。") !=
          std::string::npos);
}

TEST_CASE("yearSummaryText: recorded participants when no figure was reported; empty parts left out") {
    YearFigures f;
    f.year = 2024;
    f.volunteersRegistered = 3;
    f.activities = 2;
    f.participantsRecorded = 45;
    const std::string text = yearSummaryText(f, Date{2026, 1, 5});
    CHECK(text == "2024年，全区共有注册巾帼志愿者3名。全年开展活动2场，参与45人次。");
    f.participantsReported = 50;   // a reported figure wins, even when smaller
    CHECK(yearSummaryText(f, Date{2026, 1, 5}).find("参与50人次") != std::string::npos);
}
