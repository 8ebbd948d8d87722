// masking.hpp — what a projector or a shared spreadsheet may show of a person.
//
// On the big screen and in exports meant for display, ID numbers and phones
// are masked (110***********123X, 138****5678) unless the user turns masking
// off for that export; names may be masked by a setting (张*丰).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace jinguo {

// First 3 and last 4 characters kept: 110***********123X. Short or empty text
// is masked whole.
std::string maskIdNumber(std::string_view idNumber);
// First 3 and last 4 digits kept: 138****5678.
std::string maskPhone(std::string_view phone);
// 张三 -> 张*, 张三丰 -> 张*丰, 欧阳娜娜 -> 欧**娜; '·' names keep their dots
// (迪丽娜尔·艾买提 -> 迪***·**提).
std::string maskName(std::string_view name);

// Masks, in rows of display text, the ID-number column with maskIdNumber and
// the phone column with maskPhone (-1: the table has no such column). Exports
// call it unless the user ticked 显示完整证件号.
void maskIdAndPhoneColumns(std::vector<std::vector<std::string>>& rows, int idColumn, int phoneColumn);
// The same for one row (an export written as it is read).
void maskIdAndPhoneCells(std::vector<std::string>& row, int idColumn, int phoneColumn);

} // namespace jinguo
