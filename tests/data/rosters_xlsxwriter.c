/* rosters_xlsxwriter.c — writes the libxlsxwriter files of tests/data/rosters/
 * (built and run by make_rosters.sh). libxlsxwriter keeps strings in
 * sharedStrings.xml like Excel; in constant_memory mode it writes them inline.
 * The expected values are in tests/core_spreadsheet_test.cpp.
 *
 * usage: rosters_xlsxwriter OUTDIR
 */
#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

static void roster(const char *path) {
    lxw_workbook *wb = workbook_new(path);
    lxw_format *title = workbook_add_format(wb);
    format_set_bold(title);
    format_set_align(title, LXW_ALIGN_CENTER);
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    lxw_format *cnDate = workbook_add_format(wb);
    format_set_num_format(cnDate, "[$-804]yyyy\"年\"m\"月\"d\"日\"");
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00\"元\";[Red]\\-#,##0.00\"元\"");
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *red = workbook_add_format(wb);
    format_set_font_color(red, LXW_COLOR_RED);
    lxw_format *wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);

    /* Sheet 1: a merged title above the header, as communities send it. */
    lxw_worksheet *ws = workbook_add_worksheet(wb, "幸福社区");
    worksheet_merge_range(ws, 0, 0, 0, 6, "幸福社区巾帼志愿者花名册", title);
    const char *header[] = {"序号", "姓名", "身份证号", "手机号", "服务时长(小时)", "加入日期", "备注"};
    for (int c = 0; c < 7; ++c) worksheet_write_string(ws, 2, c, header[c], bold);

    lxw_datetime d1 = {2019, 3, 5, 0, 0, 0};
    worksheet_write_number(ws, 3, 0, 1, NULL);
    worksheet_write_string(ws, 3, 1, "王芳", NULL);
    worksheet_write_string(ws, 3, 2, "11010519491231002X", NULL);
    worksheet_write_string(ws, 3, 3, "13800138000", NULL);
    worksheet_write_number(ws, 3, 4, 12.5, NULL);
    worksheet_write_datetime(ws, 3, 5, &d1, date);
    worksheet_write_string(ws, 3, 6, "第一行\r\n第二行", wrap);   /* Alt+Enter from Windows */

    /* An ID number typed into a number cell: Excel keeps 15 digits. */
    lxw_datetime d2 = {2024, 3, 8, 0, 0, 0};
    worksheet_write_number(ws, 4, 0, 2, NULL);
    lxw_rich_string_tuple a = {.format = bold, .string = "欧阳"};
    lxw_rich_string_tuple b = {.format = red, .string = "娜娜"};
    lxw_rich_string_tuple *rich[] = {&a, &b, NULL};
    worksheet_write_rich_string(ws, 4, 1, rich, NULL);
    worksheet_write_number(ws, 4, 2, 110105194912310000.0, NULL);
    worksheet_write_number(ws, 4, 3, 13912345678.0, NULL);
    worksheet_write_number(ws, 4, 4, 1234.5, money);
    worksheet_write_datetime(ws, 4, 5, &d2, cnDate);
    worksheet_write_formula_str(ws, 4, 6, "=B5&\"（党员）\"", NULL, "欧阳娜娜（党员）");

    /* A row with gaps; then a footer. */
    worksheet_write_number(ws, 5, 0, 3, NULL);
    worksheet_write_string(ws, 5, 1, "  李娜 ", NULL);
    worksheet_write_boolean(ws, 5, 4, 1, NULL);
    worksheet_write_string(ws, 7, 0, "填表人：张三", NULL);
    worksheet_write_string(ws, 7, 3, "审核人：李四", NULL);

    /* Sheet 2: a second community, header in row 1. */
    ws = workbook_add_worksheet(wb, "和平社区");
    worksheet_write_string(ws, 0, 0, "姓名", NULL);
    worksheet_write_string(ws, 0, 1, "身份证号", NULL);
    worksheet_write_string(ws, 1, 0, "王芳", NULL);   /* shared with sheet 1 */
    worksheet_write_string(ws, 1, 1, "420106198203154321", NULL);

    workbook_close(wb);
}

static void constantMemory(const char *path) {
    lxw_workbook_options options = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &options);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "志愿者");
    const char *header[] = {"姓名", "手机号", "服务时长(小时)"};
    for (int c = 0; c < 3; ++c) worksheet_write_string(ws, 0, c, header[c], NULL);
    worksheet_write_string(ws, 1, 0, "张𠮷", NULL);   /* beyond the BMP */
    worksheet_write_string(ws, 1, 1, "13800138000", NULL);
    worksheet_write_number(ws, 1, 2, 8, NULL);
    worksheet_write_string(ws, 2, 0, "赵犇", NULL);
    worksheet_write_number(ws, 2, 2, 0.1, NULL);
    workbook_close(wb);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s OUTDIR\n", argv[0]);
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/xlsxwriter_roster.xlsx", argv[1]);
    roster(path);
    snprintf(path, sizeof path, "%s/xlsxwriter_constant_memory.xlsx", argv[1]);
    constantMemory(path);
    return 0;
}
