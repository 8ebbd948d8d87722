// text_columns.cpp — display widths and column padding.
#include "cli/text_columns.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ostream>

namespace jinguo::cli {

namespace {
bool isWide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) || (cp >= 0x3041 && cp <= 0x33FF) ||
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}
} // namespace

std::size_t displayWidth(std::string_view text) {
    std::size_t width = 0;
    for (char32_t cp : utf8ToCodepoints(text)) width += isWide(cp) ? 2 : 1;
    return width;
}

void TextColumns::addColumn(std::string heading, Align align) {
    m_headings.push_back(std::move(heading));
    m_align.push_back(align);
}

void TextColumns::addRow(std::vector<std::string> cells) {
    cells.resize(m_headings.size());
    m_rows.push_back(std::move(cells));
}

void TextColumns::print(std::ostream& out) const {
    std::vector<std::size_t> widths(m_headings.size(), 0);
    for (std::size_t c = 0; c < m_headings.size(); ++c) widths[c] = displayWidth(m_headings[c]);
    for (const auto& row : m_rows)
        for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], displayWidth(row[c]));
    auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::size_t pad = widths[c] - displayWidth(cells[c]);
            if (c > 0) text += "  ";
            if (m_align[c] == Align::Right) text.append(pad, ' ');
            text += cells[c];
            if (m_align[c] == Align::Left && c + 1 < cells.size()) text.append(pad, ' ');
        }
        while (!text.empty() && text.back() == ' ') text.pop_back();
        out << text << '\n';
    };
    line(m_headings);
    for (const auto& row : m_rows) line(row);
}

} // namespace jinguo::cli
