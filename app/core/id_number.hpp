// id_number.hpp — citizen ID numbers (GB 11643-1999) and mainland mobiles.
//
// An ID number is 17 digits and an ISO 7064 MOD 11-2 check character (0–9 or
// X). Digits 7–14 are a real birth date; the 17th digit is odd for men and
// even for women. The checks return a code (shared with the importer's report)
// and a sentence in Chinese that tells the user what is wrong and what to do.
#pragma once

#include <string>
#include <string_view>

namespace jinguo {

enum class IdProblem {
    None,
    Empty,
    Length,          // id_length: not 18 characters
    Characters,      // id_length: a letter other than a final X, or other junk
    Region,          // id_region: the first six digits cannot be a division code (GB/T 2260)
    Checksum,        // id_checksum
    BirthDate,       // id_birthdate: no such date, or in the future, or before 1900
    GenderMismatch,  // gender_id_mismatch: the 17th digit disagrees with the stated gender
};

struct IdCheck {
    IdProblem problem = IdProblem::None;
    std::string normalized;   // upper-case X, full-width digits and spaces removed
    std::string birthDate;    // YYYY-MM-DD when the date part is valid
    std::string gender;       // "男" / "女" from the 17th digit, when readable
    std::string message;      // Chinese, empty when valid

    bool ok() const { return problem == IdProblem::None; }
    const char* code() const; // the report code: id_length, id_checksum, …
};

// The check character for the first 17 digits (which must all be digits).
char idCheckCharacter(std::string_view first17Digits);

// Whether the first six digits can be an administrative division code (GB/T
// 2260): the province (first two digits) is one of 11–15, 21–23, 31–37,
// 41–46, 50–54, 61–65, 71, 81–83, 91, and a mainland code is not a province's
// own (XX0000). Only the province is checked against the list: counties are
// renamed and renumbered every year.
bool plausibleDivisionCode(std::string_view first6Digits);

// Normalizes (full-width digits, lower-case x, spaces) and checks. `today` is
// YYYY-MM-DD (a birth date after it is refused with its own message: pass the
// real today, tests fix it); `statedGender` ("男"/"女" or empty) is compared
// with the 17th digit. A 15-digit number is told it is an old (first-
// generation) ID to replace by the 18-digit one.
IdCheck checkIdNumber(std::string_view input, std::string_view today, std::string_view statedGender = {});

struct PhoneCheck {
    bool ok = false;
    std::string normalized;   // 11 digits, separators and full-width digits removed
    std::string message;      // Chinese, empty when valid
};

// Mainland mobile: 11 digits beginning with 1. Spaces, '-' and full-width
// digits are accepted and removed; a leading +86 / 86 country code too.
PhoneCheck checkMobilePhone(std::string_view input);

// Today's date in local time as YYYY-MM-DD.
std::string todayIso();

} // namespace jinguo
