// paged_window.hpp — the window of pages a big list keeps around its view
// (issue 17). A list that cannot hold all of its rows reads them a page at a
// time on a worker (Task: its own connection): by keyset after the page
// before when that one is kept and current, else by OFFSET (a far jump). It
// keeps at most kKeptPages pages, dropping the ones farthest from the view;
// rows not read yet are drawn as placeholders by the screen. A new query
// (another search, filter or sort) drops every page and starts at the top.
//
// The screen gives what is its own: the query's key, how to read a page
// (Reader) and the key a row continues from (KeyOf). It draws the rows with
// rowAt(), tells the window what the clipper showed (noteShown) and calls
// update() once a frame.
#pragma once

#include "ui/task_runner.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jinguo::ui {

// The rows in view among a frame's clipper steps, for PagedWindow::noteShown.
// ImGui 1.86's clipper also steps through row 0 alone (to measure it) and
// through the row holding keyboard focus (a ticked checkbox, a clicked row),
// wherever the view is; the view is the largest range. Taking the span of
// all steps instead asked for every page from the top down to the view, so
// End in a long list showed placeholder rows that never filled.
class ShownRows {
public:
    void step(int displayStart, int displayEnd) {
        if (displayEnd - displayStart > m_last - m_first) m_first = displayStart, m_last = displayEnd;
    }
    int first() const { return m_first; }
    int last() const { return m_last; }

private:
    int m_first = 0, m_last = 0;
};

template <class Row, class Key>
class PagedWindow {
public:
    static constexpr int kPageRows = 64;
    static constexpr int kKeptPages = 12;   // ~800 rows around the view
    // Reads page `page` of the list: after `after` when given, else from `page * kPageRows` on.
    using Reader = std::function<std::vector<Row>(storage::Storage&, int page, const std::optional<Key>& after)>;
    using KeyOf = std::function<Key(const Row&)>;
    // The text of a row the screen will draw, for the font atlas (AppState::noteText).
    using TextOf = std::function<std::string(const Row&)>;

    // The list the screen shows now. Another query drops the pages of the
    // old one and asks the view to start at the top; true when it changed.
    bool show(const std::string& queryKey) {
        if (queryKey == m_queryKey) return false;
        m_pages.clear();
        m_queryKey = queryKey;
        m_firstShown = m_lastShown = 0;
        m_scrollToTop = true;
        return true;
    }
    const std::string& queryKey() const { return m_queryKey; }

    // The row at `index` of the current list, if its page is kept.
    const Row* rowAt(int index) const {
        if (index < 0) return nullptr;
        const auto it = m_pages.find(index / kPageRows);
        if (it == m_pages.end()) return nullptr;
        const std::size_t at = static_cast<std::size_t>(index % kPageRows);
        return at < it->second.rows.size() ? &it->second.rows[at] : nullptr;
    }

    // The rows of the list: `counted` when the count of this query is known,
    // else what the pages read so far say.
    int rowCount(std::optional<std::int64_t> counted) const {
        if (counted) return static_cast<int>(*counted);
        int known = 0;
        for (const auto& [page, kept] : m_pages)
            known = std::max(known, page * kPageRows + static_cast<int>(kept.rows.size()));
        return known;
    }

    // The index of the first kept row `matches` accepts, or -1.
    template <class Match>
    int find(Match matches) const {
        for (const auto& [page, kept] : m_pages)
            for (std::size_t i = 0; i < kept.rows.size(); ++i)
                if (matches(kept.rows[i])) return page * kPageRows + static_cast<int>(i);
        return -1;
    }

    // The clipper's rows in this frame [first, last).
    void noteShown(int first, int last) {
        m_firstShown = std::min(first, last);
        m_lastShown = last;
    }
    int firstShown() const { return m_firstShown; }
    // True once after a new query: the screen scrolls its list to the top.
    bool takeScrollToTop() { return std::exchange(m_scrollToTop, false); }
    std::size_t keptPages() const { return m_pages.size(); }
    // The page reader's state: a read running or not yet delivered, its
    // failure (Chinese, for the screen to show), and waiting (tests).
    bool busy() const { return m_pager.busy(); }
    const std::string& error() const { return m_pager.error(); }
    void wait() { m_pager.wait(); }

    // Once a frame: takes a page that arrived, asks for the first page the
    // view (and `wantedRow`, a row a key moved to; -1 none) needs that is
    // missing or older than `storage`'s revision — one page in flight — and
    // drops the pages farthest from the view beyond kKeptPages.
    // `noteText` (with `textOf`) gets each arriving page's text once: at a
    // million rows the character scan reaches these rows' glyphs seconds later.
    void update(storage::Storage& storage, int count, int wantedRow, const std::string& taskName, Reader read,
                KeyOf keyOf, const TextOf& textOf = {}, const std::function<void(std::string_view)>& noteText = {}) {
        const std::uint64_t revision = storage.revision();
        m_textOf = textOf && noteText ? &textOf : nullptr;
        m_noteText = m_textOf ? &noteText : nullptr;
        take(revision);
        const int per = kPageRows;
        int first = std::max(0, m_firstShown / per), last = std::max(first, (m_lastShown + per - 1) / per);
        if (count > 0) {
            last = std::min(last, (count + per - 1) / per);
            first = std::min(first, std::max(0, last - 1));
        }
        last = std::max(last, first + 1);   // the first page, before anything is known
        std::vector<int> needed;
        for (int p = first; p < last; ++p) needed.push_back(p);
        if (wantedRow >= 0) needed.push_back(wantedRow / per);
        int wanted = -1;
        for (const int p : needed) {
            const auto it = m_pages.find(p);
            if (it == m_pages.end() || it->second.revision != revision) {
                wanted = p;
                break;
            }
        }
        if (wanted >= 0) {
            std::optional<Key> after;
            if (wanted > 0) {
                const auto before = m_pages.find(wanted - 1);
                if (before != m_pages.end() && before->second.revision == revision &&
                    static_cast<int>(before->second.rows.size()) == per)
                    after = keyOf(before->second.rows.back());
            }
            m_pager.request(storage, taskName + m_queryKey + '#' + std::to_string(wanted),
                            [queryKey = m_queryKey, wanted, after, read = std::move(read)](storage::Storage& own) {
                                return PageRead{queryKey, wanted, read(own, wanted, after)};
                            });
            take(revision);   // inline executors deliver at once
        }
        const int centre = (first + last) / 2;
        while (static_cast<int>(m_pages.size()) > kKeptPages) {
            auto far = m_pages.begin();
            if (std::abs(std::prev(m_pages.end())->first - centre) > std::abs(far->first - centre))
                far = std::prev(m_pages.end());
            m_pages.erase(far);
        }
        m_textOf = nullptr;
        m_noteText = nullptr;
    }

private:
    struct PageRead {
        std::string queryKey;
        int page = 0;
        std::vector<Row> rows;
    };
    struct Kept {
        std::vector<Row> rows;
        std::uint64_t revision = 0;   // read at; an older page shows until it is replaced
    };

    void take(std::uint64_t revision) {
        if (!m_pager.poll()) return;
        if (std::optional<PageRead> read = m_pager.takeResult(); read && read->queryKey == m_queryKey) {
            if (m_textOf) {
                std::string text;
                for (const Row& row : read->rows) text += (*m_textOf)(row);
                (*m_noteText)(text);
            }
            m_pages[read->page] = {std::move(read->rows), revision};
        }
    }

    Task<PageRead> m_pager;
    std::map<int, Kept> m_pages;   // of m_queryKey
    std::string m_queryKey;
    int m_firstShown = 0, m_lastShown = 0;
    bool m_scrollToTop = false;
    const TextOf* m_textOf = nullptr;                                  // during update() only
    const std::function<void(std::string_view)>* m_noteText = nullptr;
};

} // namespace jinguo::ui
