// core_masking_test.cpp — masking for display and exports.
#include <doctest/doctest.h>

#include "core/masking.hpp"

using namespace jinguo;

TEST_CASE("ID numbers and phones: the ends stay, the middle is starred") {
    CHECK(maskIdNumber("11010519491231002X") == "110***********002X");
    CHECK(maskPhone("13812345678") == "138****5678");
    CHECK(maskIdNumber("") == "");
    CHECK(maskPhone("1234") == "****");               // too short to keep anything
}

TEST_CASE("names: the surname and the last character stay") {
    CHECK(maskName("张三") == "张*");
    CHECK(maskName("张三丰") == "张*丰");
    CHECK(maskName("欧阳娜娜") == "欧**娜");
    CHECK(maskName("迪丽娜尔·艾买提") == "迪***·**提");
    CHECK(maskName("李") == "李");
}
