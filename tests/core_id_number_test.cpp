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
