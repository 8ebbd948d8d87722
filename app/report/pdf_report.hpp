// pdf_report.hpp — a printable A4 report as a PDF, drawn with cairo and pango.
//
// A PdfDocument is plain data: a title, the header's unit, period and date
// printed, and blocks (headings, cards, charts, tables, paragraphs) laid out
// top to bottom. writePdf() lays it out on A4 portrait pages (a header on
// every page, "第 1 页 / 共 3 页" in the footer), breaks tables across pages
// with their header row repeated, and writes real, selectable text in
// "Noto Sans CJK SC" (found through fontconfig). The caller formats every
// figure (core/number_format): this file draws text, it never computes one.
//
// No ImGui, SFML or sqlite here: the CLI, the window and the tests use it alike.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace jinguo::report {

// 0xRRGGBB.
using Rgb = std::uint32_t;
inline constexpr Rgb kDeepRed = 0xB71C1C;
inline constexpr Rgb kGold = 0xC9A227;
inline constexpr Rgb kDeepGold = 0x8D6E1F;   // dark enough for white labels

struct PdfHeading {
    std::string text;
};

struct PdfParagraph {
    std::string text;
};

// A line of small grey text (what a figure counts, where it comes from).
struct PdfNote {
    std::string text;
};

struct PdfCard {
    std::string label;
    std::string value;   // as the screen writes it ("12,345.5")
};
struct PdfCards {
    std::vector<PdfCard> cards;
    int perRow = 4;
};

struct PdfChart {
    enum class Style { Columns, Bars, Line };   // vertical bars, horizontal bars, a line with points
    std::string title;
    Style style = Style::Columns;
    std::vector<std::string> labels;
    std::vector<double> values;          // bar lengths
    std::vector<std::string> valueTexts; // the labels written on or beside each bar, formatted by the caller
    Rgb color = kDeepRed;
    double scaleMax = 0;                 // the value a full-length bar stands for (rates: 100 %); 0: the largest value
    std::string emptyText = "（无数据）";
};
// Charts side by side, sharing the width.
struct PdfChartRow {
    std::vector<PdfChart> charts;
    double height = 190;                 // points
};

struct PdfTable {
    std::vector<std::string> headers;
    std::vector<double> widths;          // relative column widths
    std::vector<bool> rightAligned;      // per column (numbers)
    std::vector<std::vector<std::string>> rows;
    std::string emptyText = "（没有记录）";
};

using PdfBlock = std::variant<PdfHeading, PdfParagraph, PdfNote, PdfCards, PdfChartRow, PdfTable>;

struct PdfDocument {
    std::string title;        // "临江区2026年度数据" — the first page's title and the PDF's metadata
    std::string unitName;     // header, left
    std::string periodText;   // header: "统计期：2026年"
    std::string printedOn;    // header: the local date, YYYY-MM-DD
    std::vector<PdfBlock> blocks;
};

// What is wrong with `path` as a place to write a PDF ("" when nothing): it
// must end in .pdf, its folder must exist and be writable, and it must not be
// a folder. The Chinese message says how to fix it.
std::string pdfPathProblem(const std::string& path);

// Lays `document` out and writes it to `path`: first to a temporary file
// beside it (mode 0600, like every export), renamed over `path` only once
// complete, so a failure never leaves a half-written PDF. Returns "" or a
// Chinese message. `pages` (optional) receives the page count.
std::string writePdf(const PdfDocument& document, const std::string& path, int* pages = nullptr);

// The label colour readable on a bar of colour `background`: white on dark
// colours, a dark brown on light ones (relative luminance).
Rgb labelColorOn(Rgb background);

} // namespace jinguo::report
