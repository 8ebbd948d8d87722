// pdf_report.cpp — lays a PdfDocument out on A4 pages and draws it with cairo + pango.
//
// Two passes over one cairo context: the layout pass measures every piece of
// text with pango and records what each page draws (closures holding their
// PangoLayouts); the drawing pass adds the header and footer, which need the
// page count, and replays the closures page by page.
#include "report/pdf_report.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <functional>
#include <memory>
#include <numbers>
#include <sys/stat.h>
#include <unistd.h>

namespace jinguo::report {

namespace {

// A4 portrait in points, and the page's furniture.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.890;
constexpr double kMarginX = 50;
constexpr double kContentTop = 64;       // below the header
constexpr double kContentBottom = kPageHeight - 52;   // above the footer
constexpr double kContentWidth = kPageWidth - 2 * kMarginX;

// Pango picks this face from fontconfig; the SC face draws Han as Simplified
// Chinese prints them (the JP face of the same .ttc would not).
constexpr const char* kFontFamily = "Noto Sans CJK SC";

constexpr Rgb kInk = 0x2B2B2B;
constexpr Rgb kGrey = 0x6E6A66;
constexpr Rgb kRule = 0xD9D2C5;
constexpr Rgb kZebra = 0xFAF6EE;
constexpr Rgb kCardPaper = 0xFBF7EE;
constexpr Rgb kLabelDark = 0x3A2A1A;

void setColor(cairo_t* cr, Rgb c) {
    cairo_set_source_rgb(cr, ((c >> 16) & 0xFF) / 255.0, ((c >> 8) & 0xFF) / 255.0, (c & 0xFF) / 255.0);
}

struct TextStyle {
    double size = 9.5;
    bool bold = false;
    Rgb color = kInk;
};

using Layout = std::shared_ptr<PangoLayout>;

// One piece of text; width > 0 wraps it there (between Chinese characters,
// never inside a number: pango follows the Unicode line-breaking rules).
Layout makeLayout(PangoContext* context, const std::string& text, const TextStyle& style, double width = -1,
                  PangoAlignment align = PANGO_ALIGN_LEFT, bool ellipsize = false) {
    PangoLayout* layout = pango_layout_new(context);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, kFontFamily);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    if (width > 0) {
        pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
        if (ellipsize) pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END);
        else pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout, align);
    pango_layout_set_text(layout, text.c_str(), -1);
    return Layout(layout, g_object_unref);
}

struct Size {
    double width = 0, height = 0;
};
Size sizeOf(const Layout& layout) {
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return {logical.width / static_cast<double>(PANGO_SCALE), logical.height / static_cast<double>(PANGO_SCALE)};
}

void show(cairo_t* cr, const Layout& layout, double x, double y, Rgb color) {
    setColor(cr, color);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, layout.get());
}

using DrawOp = std::function<void(cairo_t*)>;
struct Page {
    std::vector<DrawOp> ops;
};

//-----------------------------------------------------------------------------
// The layout pass
//-----------------------------------------------------------------------------

class Layouter {
public:
    explicit Layouter(PangoContext* context) : m_context(context) { newPage(); }

    std::vector<Page> takePages() { return std::move(m_pages); }

    void title(const std::string& text) {
        const Layout l = makeLayout(m_context, text, {18, true, kDeepRed}, kContentWidth);
        const double h = sizeOf(l).height;
        const double y = m_y;
        add([l, y, h](cairo_t* cr) {
            show(cr, l, kMarginX, y, kDeepRed);
            setColor(cr, kGold);
            cairo_rectangle(cr, kMarginX, y + h + 4, 56, 2.5);
            cairo_fill(cr);
        });
        m_y += h + 16;
    }

    void heading(const PdfHeading& h) {
        const Layout l = makeLayout(m_context, h.text, {12, true, kDeepRed}, kContentWidth - 10);
        const double height = sizeOf(l).height;
        // Kept with what follows: a heading alone at the foot of a page reads as lost.
        ensure(height + 90);
        if (m_y > kContentTop) m_y += 6;
        const double y = m_y;
        add([l, y, height](cairo_t* cr) {
            setColor(cr, kGold);
            cairo_rectangle(cr, kMarginX, y + height * 0.2, 3.5, height * 0.6);
            cairo_fill(cr);
            show(cr, l, kMarginX + 10, y, kDeepRed);
        });
        m_y += height + 6;
    }

    void note(const PdfNote& n) {
        const Layout l = makeLayout(m_context, n.text, {8, false, kGrey}, kContentWidth);
        const double h = sizeOf(l).height;
        ensure(h);
        const double y = m_y;
        add([l, y](cairo_t* cr) { show(cr, l, kMarginX, y, kGrey); });
        m_y += h + 6;
    }

    // Line by line, so a long paragraph continues on the next page.
    void paragraph(const PdfParagraph& p) {
        const Layout l = makeLayout(m_context, p.text, {10.5, false, kInk}, kContentWidth);
        pango_layout_set_justify(l.get(), TRUE);
        PangoLayoutIter* iter = pango_layout_get_iter(l.get());
        do {
            PangoRectangle logical;
            pango_layout_iter_get_line_extents(iter, nullptr, &logical);
            const double lineHeight = logical.height / static_cast<double>(PANGO_SCALE);
            const double baseline = (pango_layout_iter_get_baseline(iter) - logical.y) / static_cast<double>(PANGO_SCALE);
            PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
            ensure(lineHeight);
            const double y = m_y;
            const double x = kMarginX + logical.x / static_cast<double>(PANGO_SCALE);
            add([l, line, x, y, baseline](cairo_t* cr) {
                setColor(cr, kInk);
                cairo_move_to(cr, x, y + baseline);
                pango_cairo_show_layout_line(cr, line);
            });
            m_y += lineHeight + 5;
        } while (pango_layout_iter_next_line(iter));
        pango_layout_iter_free(iter);
        m_y += 6;
    }

    void cards(const PdfCards& c) {
        const int perRow = std::max(1, c.perRow);
        const double gap = 10;
        const double width = (kContentWidth - gap * (perRow - 1)) / perRow;
        for (std::size_t first = 0; first < c.cards.size(); first += static_cast<std::size_t>(perRow)) {
            const std::size_t last = std::min(c.cards.size(), first + static_cast<std::size_t>(perRow));
            std::vector<Layout> labels, values;
            double labelHeight = 0, valueHeight = 0;
            for (std::size_t i = first; i < last; ++i) {
                labels.push_back(makeLayout(m_context, c.cards[i].label, {8.5, false, kGrey}, width - 16));
                values.push_back(makeLayout(m_context, c.cards[i].value, {16, true, kDeepRed}, width - 16));
                labelHeight = std::max(labelHeight, sizeOf(labels.back()).height);
                valueHeight = std::max(valueHeight, sizeOf(values.back()).height);
            }
            const double height = labelHeight + valueHeight + 16;
            ensure(height);
            const double y = m_y;
            add([labels, values, width, gap, height, labelHeight, y](cairo_t* cr) {
                for (std::size_t i = 0; i < labels.size(); ++i) {
                    const double x = kMarginX + static_cast<double>(i) * (width + gap);
                    setColor(cr, kCardPaper);
                    cairo_rectangle(cr, x, y, width, height);
                    cairo_fill(cr);
                    setColor(cr, kGold);
                    cairo_rectangle(cr, x, y, 3, height);
                    cairo_fill(cr);
                    show(cr, labels[i], x + 10, y + 6, kGrey);
                    show(cr, values[i], x + 10, y + 8 + labelHeight, kDeepRed);
                }
            });
            m_y += height + gap;
        }
        m_y += 4;
    }

    void chartRow(const PdfChartRow& row) {
        if (row.charts.empty()) return;
        const double gap = 18;
        const double n = static_cast<double>(row.charts.size());
        const double width = (kContentWidth - gap * (n - 1)) / n;
        ensure(row.height);
        const double y = m_y;
        for (std::size_t i = 0; i < row.charts.size(); ++i)
            chart(row.charts[i], kMarginX + static_cast<double>(i) * (width + gap), y, width, row.height);
        m_y += row.height + 12;
    }

    void table(const PdfTable& t) {
        const std::size_t columns = t.headers.size();
        if (columns == 0) return;
        std::vector<double> widths(columns, 1.0);
        for (std::size_t i = 0; i < columns && i < t.widths.size(); ++i) widths[i] = std::max(0.1, t.widths[i]);
        double total = 0;
        for (double w : widths) total += w;
        for (double& w : widths) w = w / total * kContentWidth;
        const double pad = 4;
        auto right = [&](std::size_t i) { return i < t.rightAligned.size() && t.rightAligned[i]; };
        auto cells = [&](const std::vector<std::string>& texts, const TextStyle& style, double* height) {
            std::vector<Layout> out;
            *height = 0;
            for (std::size_t i = 0; i < columns; ++i) {
                const std::string& text = i < texts.size() ? texts[i] : std::string();
                out.push_back(makeLayout(m_context, text, style, widths[i] - 2 * pad,
                                         right(i) ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT));
                *height = std::max(*height, sizeOf(out.back()).height);
            }
            *height += 2 * pad;
            return out;
        };
        double headerHeight = 0;
        const std::vector<Layout> header = cells(t.headers, {9, true, 0xFFFFFF}, &headerHeight);
        auto drawRow = [widths, pad](const std::vector<Layout>& row, double y, double height, Rgb fill, Rgb ink) {
            return [row, widths, pad, y, height, fill, ink](cairo_t* cr) {
                if (fill != 0xFFFFFF) {
                    setColor(cr, fill);
                    cairo_rectangle(cr, kMarginX, y, kContentWidth, height);
                    cairo_fill(cr);
                }
                double x = kMarginX;
                for (std::size_t i = 0; i < row.size(); ++i) {
                    show(cr, row[i], x + pad, y + pad, ink);
                    x += widths[i];
                }
                setColor(cr, kRule);
                cairo_set_line_width(cr, 0.5);
                cairo_move_to(cr, kMarginX, y + height);
                cairo_line_to(cr, kMarginX + kContentWidth, y + height);
                cairo_stroke(cr);
            };
        };
        auto putHeader = [&] {
            const double y = m_y;
            add(drawRow(header, y, headerHeight, kDeepRed, 0xFFFFFF));
            m_y += headerHeight;
        };
        if (t.rows.empty()) {
            ensure(headerHeight * 2);
            putHeader();
            note({t.emptyText});
            return;
        }
        std::vector<std::vector<Layout>> rows;
        std::vector<double> heights;
        for (const auto& r : t.rows) {
            double h = 0;
            rows.push_back(cells(r, {9, false, kInk}, &h));
            heights.push_back(h);
        }
        ensure(headerHeight + heights.front());
        putHeader();
        for (std::size_t r = 0; r < rows.size(); ++r) {
            if (heights[r] > room()) {
                newPage();
                putHeader();   // the header row again on every page the table reaches
            }
            add(drawRow(rows[r], m_y, heights[r], r % 2 == 1 ? kZebra : 0xFFFFFF, kInk));
            m_y += heights[r];
        }
        m_y += 12;
    }

private:
    void add(DrawOp op) { m_pages.back().ops.push_back(std::move(op)); }
    void newPage() {
        m_pages.emplace_back();
        m_y = kContentTop;
    }
    double room() const { return kContentBottom - m_y; }
    // Starts a new page unless `height` fits (or the page is still empty).
    void ensure(double height) {
        if (height > room() && m_y > kContentTop) newPage();
    }

    // Shrinks `text` until it is at most `width` wide (down to 5 pt): a value
    // label over a narrow bar stays readable instead of running into the next.
    Layout fitted(const std::string& text, double size, double width, Rgb color, bool bold = false) {
        Layout l = makeLayout(m_context, text, {size, bold, color});
        while (sizeOf(l).width > width && size > 5) {
            size -= 0.5;
            l = makeLayout(m_context, text, {size, bold, color});
        }
        return l;
    }

    void chart(const PdfChart& c, double x, double y, double width, double height) {
        const Layout title = makeLayout(m_context, c.title, {10, true, kInk}, width, PANGO_ALIGN_LEFT, true);
        const double titleHeight = sizeOf(title).height + 6;
        add([title, x, y](cairo_t* cr) { show(cr, title, x, y, kInk); });
        const double top = y + titleHeight;
        const double plotHeight = height - titleHeight;
        double maxValue = 0;
        for (double v : c.values) maxValue = std::max(maxValue, v);
        const bool empty = c.values.empty() || maxValue <= 0;
        maxValue = std::max(maxValue, c.scaleMax);
        if (empty) {
            const Layout empty = makeLayout(m_context, c.emptyText, {9, false, kGrey}, width, PANGO_ALIGN_CENTER);
            const double h = sizeOf(empty).height;
            add([empty, x, top, plotHeight, h, width](cairo_t* cr) {
                setColor(cr, kRule);
                cairo_set_line_width(cr, 0.5);
                cairo_rectangle(cr, x, top, width, plotHeight);
                cairo_stroke(cr);
                show(cr, empty, x, top + (plotHeight - h) / 2, kGrey);
            });
            return;
        }
        auto textAt = [&](std::size_t i) { return i < c.valueTexts.size() ? c.valueTexts[i] : std::string(); };
        const std::size_t n = c.values.size();
        if (c.style == PdfChart::Style::Bars) {
            // Labels on the left, bars to the right; a value sits inside its bar
            // when it fits there (in the colour readable on the bar), else just
            // outside it, in room kept free for the longest value.
            const double rowHeight = std::min(20.0, plotHeight / static_cast<double>(n));
            const double barHeight = rowHeight * 0.68;
            const double fontSize = std::clamp(rowHeight * 0.45, 6.0, 8.5);
            double labelWidth = 0;
            for (const std::string& label : c.labels)
                labelWidth = std::max(labelWidth, sizeOf(makeLayout(m_context, label, {fontSize, false, kInk})).width);
            labelWidth = std::min(labelWidth + 6, width * 0.42);
            std::vector<Layout> values;
            double valueWidth = 0;
            for (std::size_t i = 0; i < n; ++i) {
                values.push_back(makeLayout(m_context, textAt(i), {fontSize, true, kInk}));
                valueWidth = std::max(valueWidth, sizeOf(values.back()).width);
            }
            const double barLeft = x + labelWidth;
            const double barSpan = std::max(10.0, width - labelWidth - valueWidth - 6);
            const Rgb onBar = labelColorOn(c.color);
            for (std::size_t i = 0; i < n; ++i) {
                const Layout label = makeLayout(m_context, i < c.labels.size() ? c.labels[i] : std::string(),
                                                {fontSize, false, kInk}, labelWidth - 6, PANGO_ALIGN_RIGHT, true);
                const double rowTop = top + static_cast<double>(i) * rowHeight;
                const double length = std::max(0.0, c.values[i] / maxValue * barSpan);
                const Size valueSize = sizeOf(values[i]);
                const bool inside = valueSize.width + 8 <= length;
                const Size labelSize = sizeOf(label);
                const Layout value = values[i];
                const Rgb color = c.color;
                add([=](cairo_t* cr) {
                    show(cr, label, x, rowTop + (rowHeight - labelSize.height) / 2, kInk);
                    setColor(cr, color);
                    cairo_rectangle(cr, barLeft, rowTop + (rowHeight - barHeight) / 2, length, barHeight);
                    cairo_fill(cr);
                    const double vy = rowTop + (rowHeight - valueSize.height) / 2;
                    if (inside) show(cr, value, barLeft + length - valueSize.width - 4, vy, onBar);
                    else show(cr, value, barLeft + length + 3, vy, kLabelDark);
                });
            }
            return;
        }
        // Columns and Line: the categories along the bottom, the values above
        // their column or point (outside the bar: readable on any colour).
        const double slot = width / static_cast<double>(n);
        std::vector<Layout> names, values;
        double nameHeight = 0, valueHeight = 0;
        for (std::size_t i = 0; i < n; ++i) {
            names.push_back(fitted(i < c.labels.size() ? c.labels[i] : std::string(), 7.5, slot - 2, kGrey));
            values.push_back(fitted(textAt(i), 7, slot - 1, kLabelDark, true));
            nameHeight = std::max(nameHeight, sizeOf(names.back()).height);
            valueHeight = std::max(valueHeight, sizeOf(values.back()).height);
        }
        const double baseY = top + plotHeight - nameHeight - 3;
        const double span = std::max(10.0, baseY - top - valueHeight - 3);
        std::vector<double> xs, ys;
        for (std::size_t i = 0; i < n; ++i) {
            xs.push_back(x + slot * (static_cast<double>(i) + 0.5));
            ys.push_back(baseY - std::max(0.0, c.values[i]) / maxValue * span);
        }
        const bool line = c.style == PdfChart::Style::Line;
        const Rgb color = c.color;
        add([=](cairo_t* cr) {
            setColor(cr, kRule);
            cairo_set_line_width(cr, 0.6);
            cairo_move_to(cr, x, baseY);
            cairo_line_to(cr, x + width, baseY);
            cairo_stroke(cr);
            setColor(cr, color);
            if (line) {
                cairo_set_line_width(cr, 1.6);
                cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
                for (std::size_t i = 0; i < n; ++i) {
                    if (i == 0) cairo_move_to(cr, xs[i], ys[i]);
                    else cairo_line_to(cr, xs[i], ys[i]);
                }
                cairo_stroke(cr);
                for (std::size_t i = 0; i < n; ++i) {
                    cairo_arc(cr, xs[i], ys[i], 2.2, 0, 2 * std::numbers::pi);
                    cairo_fill(cr);
                }
            } else {
                const double barWidth = std::min(28.0, slot * 0.62);
                for (std::size_t i = 0; i < n; ++i) {
                    cairo_rectangle(cr, xs[i] - barWidth / 2, ys[i], barWidth, baseY - ys[i]);
                    cairo_fill(cr);
                }
            }
            for (std::size_t i = 0; i < n; ++i) {
                const Size ns = sizeOf(names[i]);
                show(cr, names[i], xs[i] - ns.width / 2, baseY + 3, kGrey);
                const Size vs = sizeOf(values[i]);
                show(cr, values[i], xs[i] - vs.width / 2, ys[i] - vs.height - (line ? 3 : 1), kLabelDark);
            }
        });
    }

    PangoContext* m_context;
    std::vector<Page> m_pages;
    double m_y = kContentTop;
};

void drawFurniture(cairo_t* cr, PangoContext* context, const PdfDocument& d, int page, int pages) {
    const Layout unit = makeLayout(context, d.unitName, {9, true, kDeepRed}, kContentWidth * 0.45, PANGO_ALIGN_LEFT, true);
    const std::string rightText = d.periodText + "　　打印日期：" + d.printedOn;
    const Layout right = makeLayout(context, rightText, {8.5, false, kGrey}, kContentWidth * 0.55, PANGO_ALIGN_RIGHT, true);
    show(cr, unit, kMarginX, 26, kDeepRed);
    show(cr, right, kMarginX + kContentWidth * 0.45, 27, kGrey);
    setColor(cr, kDeepRed);
    cairo_rectangle(cr, kMarginX, 44, kContentWidth, 1.2);
    cairo_fill(cr);
    setColor(cr, kGold);
    cairo_rectangle(cr, kMarginX, 46.2, kContentWidth, 0.6);
    cairo_fill(cr);

    setColor(cr, kRule);
    cairo_rectangle(cr, kMarginX, kPageHeight - 40, kContentWidth, 0.5);
    cairo_fill(cr);
    const Layout brand = makeLayout(context, "巾帼荣誉榜", {8, false, kGrey});
    show(cr, brand, kMarginX, kPageHeight - 34, kGrey);
    const std::string number = "第 " + std::to_string(page) + " 页 / 共 " + std::to_string(pages) + " 页";
    const Layout footer = makeLayout(context, number, {8.5, false, kGrey}, kContentWidth, PANGO_ALIGN_CENTER);
    show(cr, footer, kMarginX, kPageHeight - 34, kGrey);
}

// cairo writes through this, so the file is ours to create (0600, O_EXCL).
struct Sink {
    int fd = -1;
    int error = 0;
};
cairo_status_t writeToSink(void* closure, const unsigned char* data, unsigned int length) {
    Sink* sink = static_cast<Sink*>(closure);
    while (length > 0) {
        const ssize_t n = ::write(sink->fd, data, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            sink->error = errno;
            return CAIRO_STATUS_WRITE_ERROR;
        }
        data += n;
        length -= static_cast<unsigned int>(n);
    }
    return CAIRO_STATUS_SUCCESS;
}

std::string lowerTail(const std::string& s, std::size_t n) {
    std::string tail = s.size() >= n ? s.substr(s.size() - n) : s;
    for (char& ch : tail) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return tail;
}

} // namespace

Rgb labelColorOn(Rgb background) {
    auto channel = [](unsigned v) {
        const double c = v / 255.0;
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    const double luminance = 0.2126 * channel((background >> 16) & 0xFF) + 0.7152 * channel((background >> 8) & 0xFF)
                           + 0.0722 * channel(background & 0xFF);
    // Contrast with white (1.05 / (L + 0.05)) against contrast with the dark label.
    const double withWhite = 1.05 / (luminance + 0.05);
    const double dark = 0.2126 * channel(0x3A) + 0.7152 * channel(0x2A) + 0.0722 * channel(0x1A);
    const double withDark = (luminance + 0.05) / (dark + 0.05);
    return withWhite >= withDark ? 0xFFFFFF : kLabelDark;
}

std::string pdfPathProblem(const std::string& path) {
    namespace fs = std::filesystem;
    if (path.empty()) return "请给出要保存的PDF文件名，例如 年度数据.pdf。";
    std::error_code ec;
    if (fs::is_directory(path, ec))
        return "“" + path + "”是一个文件夹：请在后面加上PDF文件名，例如 " + (fs::path(path) / "年度数据.pdf").string() + "。";
    if (lowerTail(path, 4) != ".pdf")
        return "输出文件应以 .pdf 结尾，例如 年度数据.pdf；收到“" + path + "”。";
    const fs::path folder = fs::path(path).parent_path().empty() ? fs::path(".") : fs::path(path).parent_path();
    if (!fs::exists(folder, ec))
        return "文件夹“" + folder.string() + "”不存在：请先建好这个文件夹，或换一个保存位置。";
    if (!fs::is_directory(folder, ec))
        return "“" + folder.string() + "”不是文件夹：请换一个保存位置。";
    if (::access(folder.c_str(), W_OK | X_OK) != 0)
        return "没有在文件夹“" + folder.string() + "”中写入的权限：请换一个保存位置（例如桌面或主目录）。";
    return {};
}

std::string writePdf(const PdfDocument& document, const std::string& path, int* pageCount) {
    namespace fs = std::filesystem;
    if (std::string problem = pdfPathProblem(path); !problem.empty()) return problem;
    const fs::path target(path);
    const fs::path temp = target.parent_path()
                        / ("." + target.filename().string() + ".part-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::remove(temp, ec);   // a leftover of an earlier crash of this same pid
    Sink sink;
    sink.fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (sink.fd < 0)
        return "无法在“" + target.parent_path().string() + "”中写入PDF（" + std::strerror(errno) + "）：请换一个保存位置。";

    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(writeToSink, &sink, kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "巾帼荣誉榜 (Jinguo)");
    cairo_t* cr = cairo_create(surface);
    // A font map of our own, not the thread's default: a worker thread's
    // default map would live (and hold its fonts) until the process ends.
    PangoFontMap* fontMap = pango_cairo_font_map_new();
    PangoContext* context = pango_font_map_create_context(fontMap);
    pango_cairo_update_context(cr, context);
    // Without a language pango may pick Japanese forms for shared Han characters.
    pango_context_set_language(context, pango_language_from_string("zh-cn"));
    int pages = 0;
    {
        Layouter layout(context);
        if (!document.title.empty()) layout.title(document.title);
        for (const PdfBlock& block : document.blocks) {
            std::visit([&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, PdfHeading>) layout.heading(b);
                else if constexpr (std::is_same_v<T, PdfParagraph>) layout.paragraph(b);
                else if constexpr (std::is_same_v<T, PdfNote>) layout.note(b);
                else if constexpr (std::is_same_v<T, PdfCards>) layout.cards(b);
                else if constexpr (std::is_same_v<T, PdfChartRow>) layout.chartRow(b);
                else if constexpr (std::is_same_v<T, PdfTable>) layout.table(b);
            }, block);
        }
        const std::vector<Page> laidOut = layout.takePages();
        pages = static_cast<int>(laidOut.size());
        for (int p = 0; p < pages; ++p) {
            drawFurniture(cr, context, document, p + 1, pages);
            for (const DrawOp& op : laidOut[static_cast<std::size_t>(p)].ops) op(cr);
            cairo_show_page(cr);
        }
    }   // the closures (and their layouts) go before the context
    g_object_unref(context);
    g_object_unref(fontMap);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    const bool synced = sink.error == 0 && ::fsync(sink.fd) == 0;
    if (sink.error == 0 && !synced) sink.error = errno;
    ::close(sink.fd);
    if (status != CAIRO_STATUS_SUCCESS || sink.error != 0) {
        fs::remove(temp, ec);
        const std::string why = sink.error != 0 ? std::strerror(sink.error) : cairo_status_to_string(status);
        return "写入PDF“" + path + "”失败（" + why + "），没有留下不完整的文件：请检查磁盘空间后重试。";
    }
    fs::rename(temp, target, ec);
    if (ec) {
        const std::string why = ec.message();
        fs::remove(temp, ec);
        return "无法保存PDF“" + path + "”（" + why + "）：请换一个文件名或位置。";
    }
    if (pageCount) *pageCount = pages;
    return {};
}

} // namespace jinguo::report
