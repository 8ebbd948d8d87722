// masking.cpp — masking by code point, so Chinese text stays valid UTF-8.
#include "core/masking.hpp"

#include "core/text.hpp"

namespace jinguo {

namespace {
std::string keepEnds(std::string_view text, std::size_t head, std::size_t tail) {
    const std::u32string cps = utf8ToCodepoints(text);
    if (cps.empty()) return {};
    if (cps.size() <= head + tail) return std::string(cps.size(), '*');
    std::u32string out = cps;
    for (std::size_t i = head; i < cps.size() - tail; ++i) out[i] = U'*';
    return codepointsToUtf8(out);
}
} // namespace

std::string maskIdNumber(std::string_view idNumber) { return keepEnds(idNumber, 3, 4); }
std::string maskPhone(std::string_view phone) { return keepEnds(phone, 3, 4); }

std::string maskName(std::string_view name) {
    std::u32string cps = utf8ToCodepoints(name);
    if (cps.size() <= 1) return std::string(name);
    if (cps.size() == 2) {
        cps[1] = U'*';
        return codepointsToUtf8(cps);
    }
    for (std::size_t i = 1; i + 1 < cps.size(); ++i)
        if (cps[i] != U'·') cps[i] = U'*';
    return codepointsToUtf8(cps);
}

void maskIdAndPhoneCells(std::vector<std::string>& row, int idColumn, int phoneColumn) {
    if (idColumn >= 0 && static_cast<std::size_t>(idColumn) < row.size())
        row[static_cast<std::size_t>(idColumn)] = maskIdNumber(row[static_cast<std::size_t>(idColumn)]);
    if (phoneColumn >= 0 && static_cast<std::size_t>(phoneColumn) < row.size())
        row[static_cast<std::size_t>(phoneColumn)] = maskPhone(row[static_cast<std::size_t>(phoneColumn)]);
}

void maskIdAndPhoneColumns(std::vector<std::vector<std::string>>& rows, int idColumn, int phoneColumn) {
    for (auto& row : rows) maskIdAndPhoneCells(row, idColumn, phoneColumn);
}

} // namespace jinguo
