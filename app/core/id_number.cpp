// id_number.cpp — GB 11643-1999 ID numbers and mainland mobile numbers.
#include "core/id_number.hpp"

#include "core/text.hpp"

#include <ctime>

namespace jinguo {

const char* IdCheck::code() const {
    switch (problem) {
    case IdProblem::None: return "";
    case IdProblem::Empty:
    case IdProblem::Length:
    case IdProblem::Characters: return "id_length";
    case IdProblem::Region: return "id_region";
    case IdProblem::Checksum: return "id_checksum";
    case IdProblem::BirthDate: return "id_birthdate";
    case IdProblem::GenderMismatch: return "gender_id_mismatch";
    }
    return "";
}

char idCheckCharacter(std::string_view first17) {
    // ISO 7064 MOD 11-2: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11.
    static constexpr int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static constexpr char checks[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    for (int i = 0; i < 17 && i < static_cast<int>(first17.size()); ++i)
        sum += (first17[i] - '0') * weights[i];
    return checks[sum % 11];
}

bool plausibleDivisionCode(std::string_view code) {
    if (code.size() < 6) return false;
    for (std::size_t i = 0; i < 6; ++i)
        if (code[i] < '0' || code[i] > '9') return false;
    const int province = (code[0] - '0') * 10 + (code[1] - '0');
    const bool known = (province >= 11 && province <= 15) || (province >= 21 && province <= 23)
                    || (province >= 31 && province <= 37) || (province >= 41 && province <= 46)
                    || (province >= 50 && province <= 54) || (province >= 61 && province <= 65)
                    || province == 71 || (province >= 81 && province <= 83) || province == 91;
    if (!known) return false;
    // 810000/820000/830000 are the codes of the residence permits of Hong
    // Kong, Macao and Taiwan residents; 91 is not a division. On the mainland
    // an ID names a county, never a province's own code.
    if (province <= 71 && code.substr(2, 4) == "0000") return false;
    return true;
}

std::string todayIso() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &local);
    return buf;
}

IdCheck checkIdNumber(std::string_view input, std::string_view today, std::string_view statedGender) {
    IdCheck r;
    for (char c : foldFullWidth(input)) {
        if (c == ' ' || c == '\t' || c == '-') continue;
        r.normalized.push_back(c == 'x' ? 'X' : c);
    }
    if (r.normalized.empty()) {
        r.problem = IdProblem::Empty;
        r.message = "请填写身份证号。";
        return r;
    }
    const std::size_t length = codepointCount(r.normalized);
    if (length == 15 && r.normalized.find_first_not_of("0123456789") == std::string::npos) {
        r.problem = IdProblem::Length;
        r.message = "这是15位旧身份证号，请换成18位新号码（见本人现在的身份证）。";
        return r;
    }
    if (length != 18) {
        r.problem = IdProblem::Length;
        r.message = "身份证号应为18位，现在是" + std::to_string(length) + "位；请核对是否漏填或多填。";
        return r;
    }
    for (std::size_t i = 0; i < 18; ++i) {
        const char c = r.normalized[i];
        const bool digit = c >= '0' && c <= '9';
        if (!(digit || (i == 17 && c == 'X'))) {
            r.problem = IdProblem::Characters;
            r.message = i == 17 ? "身份证号最后一位只能是数字或X。"
                                : "身份证号前17位只能是数字，第" + std::to_string(i + 1) + "位不是。";
            return r;
        }
    }
    if (!plausibleDivisionCode(r.normalized)) {
        r.problem = IdProblem::Region;
        r.message = "身份证号前6位" + r.normalized.substr(0, 6) + "不是有效的地区代码（前两位应是省份代码，如11北京、42湖北）；"
                    "多半是开头几位录错了，请对照身份证核对。";
        return r;
    }
    // The birth date comes before the checksum: a wrong date explains more
    // than a wrong check character does.
    const std::string date = r.normalized.substr(6, 4) + "-" + r.normalized.substr(10, 2) + "-" + r.normalized.substr(12, 2);
    if (isIsoDate(date) && !today.empty() && date > today) {
        r.problem = IdProblem::BirthDate;
        r.message = "身份证号中的出生日期晚于今天：第7–14位是" + r.normalized.substr(6, 8) + "，今天是" + std::string(today)
                    + "；请核对这几位数字。";
        return r;
    }
    if (!isIsoDate(date) || date < "1900-01-01") {
        r.problem = IdProblem::BirthDate;
        r.message = "身份证号中的出生日期（第7–14位）" + r.normalized.substr(6, 8) + "不是有效日期；请核对。";
        return r;
    }
    r.birthDate = date;
    r.gender = ((r.normalized[16] - '0') % 2 == 1) ? "男" : "女";
    const char expected = idCheckCharacter(r.normalized);
    if (r.normalized[17] != expected) {
        r.problem = IdProblem::Checksum;
        r.message = "身份证号校验位不对（最后一位应为" + std::string(1, expected) + "）；多半是某一位数字录错了，请逐位核对。";
        return r;
    }
    if (!statedGender.empty() && statedGender != r.gender) {
        r.problem = IdProblem::GenderMismatch;
        r.message = "身份证号第17位表示" + r.gender + "性，与所填性别“" + std::string(statedGender) + "”不符；请核对性别或身份证号。";
        return r;
    }
    return r;
}

PhoneCheck checkMobilePhone(std::string_view input) {
    PhoneCheck r;
    std::string digits;
    bool junk = false;
    for (char c : foldFullWidth(input)) {
        if (c >= '0' && c <= '9') digits.push_back(c);
        else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '+' || c == '\t') continue;
        else junk = true;
    }
    if (digits.size() == 13 && digits.compare(0, 2, "86") == 0) digits.erase(0, 2);
    r.normalized = digits;
    if (junk) {
        r.message = "手机号只能包含数字；请删去其中的文字或符号。";
    } else if (digits.empty()) {
        r.message = "请填写手机号。";
    } else if (digits.size() != 11) {
        r.message = "手机号应为11位数字，现在是" + std::to_string(digits.size()) + "位。";
    } else if (digits[0] != '1') {
        r.message = "大陆手机号以1开头；请核对第一位。";
    } else {
        r.ok = true;
    }
    return r;
}

} // namespace jinguo
