// text_columns.hpp — plain-text tables for the terminal, aligned for Chinese.
//
// `jinguo leaderboard` and `jinguo targets` print readable tables when --json
// is not given. A Chinese character takes two terminal columns, so padding by
// bytes or code points would break the alignment; widths here count East
// Asian wide and full-width characters as two (★, arrows and dashes, which
// terminals draw narrow in a UTF-8 locale, as one).
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace jinguo::cli {

// Terminal columns `text` occupies.
std::size_t displayWidth(std::string_view text);

class TextColumns {
public:
    enum class Align { Left, Right };
    void addColumn(std::string heading, Align align = Align::Left);
    void addRow(std::vector<std::string> cells);   // as many cells as columns
    // Two spaces between columns, no trailing spaces, one line per row.
    void print(std::ostream& out) const;

private:
    std::vector<std::string> m_headings;
    std::vector<Align> m_align;
    std::vector<std::vector<std::string>> m_rows;
};

} // namespace jinguo::cli
