// core_id_number_test.cpp — GB 11643-1999 ID numbers and mobile numbers.
#include <doctest/doctest.h>

#include "core/id_number.hpp"

using namespace jinguo;

namespace {
constexpr const char* kToday = "2026-11-29";
}

TEST_CASE("check character follows ISO 7064 MOD 11-2") {
    // The example of GB 11643-1999 itself: 11010519491231002X.
    CHECK(idCheckCharacter("11010519491231002") == 'X');
    // Worked by hand: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over
    // 4 4 0 5 2 4 1 9 8 0 0 1 0 1 0 0 1 -> sum 196, 196 mod 11 = 9 -> '3'.
    CHECK(idCheckCharacter("44052419800101001") == '3');
}

TEST_CASE("valid numbers pass and reveal birth date and gender") {
    IdCheck woman = checkIdNumber("11010519491231002X", kToday);
    CHECK(woman.ok());
    CHECK(woman.birthDate == "1949-12-31");
    CHECK(woman.gender == "女");   // 17th digit 2 is even
    CHECK(woman.message.empty());

    IdCheck man = checkIdNumber("440524198001010013", kToday, "男");
    CHECK(man.ok());
    CHECK(man.gender == "男");
}

TEST_CASE("input is normalized: lower-case x, full-width digits, spaces") {
    IdCheck lower = checkIdNumber("11010519491231002x", kToday);
    CHECK(lower.ok());
    CHECK(lower.normalized == "11010519491231002X");

    IdCheck fullWidth = checkIdNumber("１１０１０５１９４９１２３１００２Ｘ", kToday);
    CHECK(fullWidth.ok());
    CHECK(fullWidth.normalized == "11010519491231002X");

    IdCheck spaced = checkIdNumber(" 110105 19491231 002X ", kToday);
    CHECK(spaced.ok());
}

TEST_CASE("invalid numbers are refused with the right code and a Chinese reason") {
    IdCheck empty = checkIdNumber("", kToday);
    CHECK(empty.problem == IdProblem::Empty);

    IdCheck shortNumber = checkIdNumber("11010519491231002", kToday);
    CHECK(shortNumber.problem == IdProblem::Length);
    CHECK(std::string(shortNumber.code()) == "id_length");
    CHECK(shortNumber.message.find("17位") != std::string::npos);

    IdCheck letter = checkIdNumber("1101051949123100AX", kToday);
    CHECK(letter.problem == IdProblem::Characters);

    IdCheck checksum = checkIdNumber("110105194912310021", kToday);
    CHECK(checksum.problem == IdProblem::Checksum);
    CHECK(std::string(checksum.code()) == "id_checksum");
    CHECK(checksum.message.find("X") != std::string::npos);   // says what the check char should be

    // 2023-02-29 does not exist; the check character is made right so only
    // the date can be what is wrong.
    std::string feb29 = "11010520230229002";
    feb29 += idCheckCharacter(feb29);
    IdCheck noSuchDate = checkIdNumber(feb29, kToday);
    CHECK(noSuchDate.problem == IdProblem::BirthDate);
    CHECK(std::string(noSuchDate.code()) == "id_birthdate");

    std::string leap = "11010520240229002";
    leap += idCheckCharacter(leap);
    CHECK(checkIdNumber(leap, kToday).ok());

    std::string future = "11010520270101002";
    future += idCheckCharacter(future);
    CHECK(checkIdNumber(future, kToday).problem == IdProblem::BirthDate);
}

TEST_CASE("the 17th digit must agree with the stated gender") {
    IdCheck mismatch = checkIdNumber("11010519491231002X", kToday, "男");
    CHECK(mismatch.problem == IdProblem::GenderMismatch);
    CHECK(std::string(mismatch.code()) == "gender_id_mismatch");
    CHECK(mismatch.message.find("女") != std::string::npos);
    CHECK(checkIdNumber("11010519491231002X", kToday, "女").ok());
}

TEST_CASE("mobile numbers: 11 digits beginning with 1") {
    CHECK(checkMobilePhone("13812345678").ok);
    CHECK(checkMobilePhone("138-1234-5678").normalized == "13812345678");
    CHECK(checkMobilePhone("138 1234 5678").ok);
    CHECK(checkMobilePhone("１３８１２３４５６７８").ok);
    CHECK(checkMobilePhone("+86 138 1234 5678").normalized == "13812345678");

    PhoneCheck shortPhone = checkMobilePhone("1381234567");
    CHECK_FALSE(shortPhone.ok);
    CHECK(shortPhone.message.find("10位") != std::string::npos);
    CHECK_FALSE(checkMobilePhone("23812345678").ok);
    CHECK_FALSE(checkMobilePhone("138123456789").ok);
    CHECK_FALSE(checkMobilePhone("1381234567a").ok);
    CHECK_FALSE(checkMobilePhone("").ok);
    CHECK_FALSE(checkMobilePhone("").message.empty());
}

// ------------------------------------------------------------ issue 11, item 4 and 5

namespace {
// 17 digits and their right check character: only the part under test is wrong.
std::string withCheck(const std::string& first17) { return first17 + idCheckCharacter(first17); }
} // namespace

TEST_CASE("the first six digits must be able to be a division code (GB/T 2260)") {
    // Each passes the checksum and has a real birth date: only the region is wrong.
    for (const char* first17 : {"00000019800101002", "99010519800101002", "16010519800101002",
                                "24010519800101002", "38010519800101002", "72010519800101002",
                                "11000019800101002", "42000019800101002"}) {
        CAPTURE(first17);
        const IdCheck c = checkIdNumber(withCheck(first17), kToday);
        CHECK(c.problem == IdProblem::Region);
        CHECK(std::string(c.code()) == "id_region");
        CHECK(c.message.find("地区代码") != std::string::npos);
        CHECK(c.message.find(std::string(first17).substr(0, 6)) != std::string::npos);
    }
    // Every province of the list, a 港澳台 residence permit and a county.
    for (const char* first17 : {"11010519800101002", "15010219800101002", "21010219800101002", "23010219800101002",
                                "31010119800101002", "37010219800101002", "41010219800101002", "46010619800101002",
                                "50010119800101002", "54010219800101002", "61010219800101002", "65010219800101002",
                                "71010119800101002", "81000019800101002", "82000019800101002", "83000019800101002",
                                "91010119800101002"}) {
        CAPTURE(first17);
        CHECK(checkIdNumber(withCheck(first17), kToday).ok());
    }
    CHECK(plausibleDivisionCode("420103"));
    CHECK_FALSE(plausibleDivisionCode("000000"));
    CHECK_FALSE(plausibleDivisionCode("4201"));
}

TEST_CASE("a 15-digit ID is an old one to replace; a birth date after today says so") {
    const IdCheck old = checkIdNumber("110105491231002", kToday);
    CHECK(old.problem == IdProblem::Length);
    CHECK(std::string(old.code()) == "id_length");
    CHECK(old.message == "这是15位旧身份证号，请换成18位新号码（见本人现在的身份证）。");
    // 15 characters that are not all digits are just the wrong length.
    CHECK(checkIdNumber("11010549123100X", kToday).message.find("漏填或多填") != std::string::npos);

    // Tomorrow (kToday is 2026-11-29) is a real date, but nobody is born yet.
    const IdCheck future = checkIdNumber(withCheck("11010520261130002"), kToday);
    CHECK(future.problem == IdProblem::BirthDate);
    CHECK(future.message.find("出生日期晚于今天") != std::string::npos);
    CHECK(future.message.find("20261130") != std::string::npos);
    CHECK(future.message.find("不是有效日期") == std::string::npos);
    // The same number is fine once that day has come: "today" is the caller's.
    CHECK(checkIdNumber(withCheck("11010520261130002"), "2026-11-30").ok());
    // A date that does not exist keeps its own message.
    CHECK(checkIdNumber(withCheck("11010520260230002"), kToday).message.find("不是有效日期") != std::string::npos);
}
