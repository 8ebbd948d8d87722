// core_line_break_test.cpp — Chinese lines break between characters, never
// inside a number (the copy dialog's "共2,699,\n811行").
#include "core/line_break.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using jinguo::breakLines;

namespace {
// Every character one unit wide, as a monospaced font would draw it.
float characters(std::string_view text) {
    float n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}
} // namespace

TEST_CASE("a grouped number is never cut; Chinese breaks between characters") {
    const std::string text = "复制完成，核对一致：共2,699,811行，用时12.5秒。";
    // 16 wide: ImGui cut after "2,699,"; here the number moves down whole.
    const std::vector<std::string> lines = breakLines(text, 16, characters);
    REQUIRE(lines.size() >= 2);
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        CAPTURE(lines[i]);
        CHECK(characters(lines[i]) <= 16);
        joined += lines[i];
        // No line ends inside a number: a digit or its , or . with a digit starting the next.
        if (i + 1 < lines.size() && !lines[i].empty() && !lines[i + 1].empty()) {
            const char last = lines[i].back(), first = lines[i + 1].front();
            const bool cutNumber = ((last >= '0' && last <= '9') || last == ',' || last == '.') && first >= '0' && first <= '9';
            CHECK_FALSE(cutNumber);
        }
    }
    CHECK(joined == text);   // nothing lost, nothing added
    CHECK(lines[0] == "复制完成，核对一致：共");
    CHECK(lines[1].rfind("2,699,811行", 0) == 0);
    // Closing punctuation stays with what it closes; 12.5 is whole.
    for (const std::string& width8 : breakLines(text, 8, characters)) {
        CAPTURE(width8);
        CHECK(width8.rfind("，", 0) != 0);
        CHECK(width8.rfind("。", 0) != 0);
        CHECK(width8.find("12.") == width8.find("12.5"));
    }
}

TEST_CASE("breakLines keeps newlines, lets an unbreakable number overflow, and leaves short text alone") {
    CHECK(breakLines("短句", 10, characters) == std::vector<std::string>{"短句"});
    CHECK(breakLines("第一行\n第二行", 10, characters) == std::vector<std::string>{"第一行", "第二行"});
    const std::vector<std::string> lines = breakLines("共1,234,567,890行", 5, characters);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "共");
    CHECK(lines[1] == "1,234,567,890");   // wider than the line, but whole
    CHECK(lines[2] == "行");
    CHECK(breakLines("user jb_editor_1 logged", 10, characters)
          == std::vector<std::string>{"user ", "jb_editor_1 ", "logged"});
}
