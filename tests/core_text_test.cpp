// core_text_test.cpp — UTF-8 helpers and name normalization.
#include <doctest/doctest.h>

#include "core/text.hpp"

using namespace jinguo;

TEST_CASE("UTF-8 round trip, including a character beyond U+FFFF") {
    const std::string name = "高\xF0\xA0\xAE\xB7";   // 高𠮷
    std::u32string cps = utf8ToCodepoints(name);
    REQUIRE(cps.size() == 2);
    CHECK(cps[1] == 0x20BB7);
    CHECK(codepointsToUtf8(cps) == name);
    CHECK(hasCodepointsBeyondBmp(name));
    CHECK_FALSE(hasCodepointsBeyondBmp("巾帼文明岗"));
    CHECK(codepointCount(name) == 2);
}

TEST_CASE("invalid UTF-8 becomes U+FFFD, never a crash") {
    std::u32string cps = utf8ToCodepoints(std::string("a\xE5\xB7") + "b");
    CHECK(cps.front() == U'a');
    CHECK(cps.back() == U'b');
    CHECK(cps.find(0xFFFD) != std::u32string::npos);
    CHECK(utf8ToCodepoints("\xC0\xAF") == std::u32string(2, 0xFFFD));   // overlong '/'
}

TEST_CASE("names: full-width folded, inner spaces dropped, middle dot kept") {
    CHECK(normalizeName(" 张 三 ") == "张三");
    CHECK(normalizeName("王\xE3\x80\x80芳") == "王芳");          // U+3000 ideographic space
    CHECK(normalizeName("李\xC2\xA0娜") == "李娜");              // no-break space
    CHECK(normalizeName("迪丽娜尔·艾买提") == "迪丽娜尔·艾买提");
    CHECK(foldFullWidth("ＡＢ１２") == "AB12");
    CHECK(trim("\xE3\x80\x80 巾帼 \t") == "巾帼");
}

TEST_CASE("ISO dates are real calendar dates") {
    CHECK(isIsoDate("2024-02-29"));
    CHECK_FALSE(isIsoDate("2023-02-29"));
    CHECK_FALSE(isIsoDate("2024-13-01"));
    CHECK_FALSE(isIsoDate("2024-3-8"));
    CHECK(isIsoDate("2026-11-29"));
}

TEST_CASE("case-folded containment for search") {
    CHECK(containsFolded("Zhang San", "zhang"));
    CHECK(containsFolded("张三丰", "三"));
    CHECK_FALSE(containsFolded("张三", "李"));
}
