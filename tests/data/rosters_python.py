#!/usr/bin/python3
"""Writes the Python-made files of tests/data/rosters/ (run by make_rosters.sh
with Debian's /usr/bin/python3, which has python3-openpyxl).

* openpyxl workbooks (openpyxl 3.0 writes strings inline, as numeric
  character entities, even outside write-only mode);
* hand-written CSV/TSV/“Unicode text” files that exercise quoting, line ends,
  delimiters and encodings exactly;
* look-alikes that must be refused (OLE2 header, Numbers, Word);
* hostile archives (zip bomb, lying sizes, deep nesting, DOCTYPE, bad refs)
  and one hand-written workbook with the OOXML features no writer here
  produces (phonetic runs, _xHHHH_ escapes, t="d", prefixed elements, ...).

The expected values live in tests/core_spreadsheet_test.cpp.
"""
import datetime
import struct
import sys
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(sys.argv[1])


# ------------------------------------------------------------- openpyxl

def openpyxl_communities():
    wb = Workbook()
    ws = wb.active
    ws.title = "幸福社区"
    ws["A1"] = "幸福社区巾帼志愿者名单（2024年）"
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:G1")
    ws.append([])  # row 2 stays blank
    ws.append(["序号", "姓名", "身份证号", "手机号", "服务时长(小时)", "加入日期", "备注"])
    ws.append([1, "王芳", "11010519491231002X", "13800138000", 12.5,
               datetime.date(2019, 3, 5), None])
    # An ID number and a phone that were typed into number cells.
    ws.append([2, "欧阳娜娜", 110105194912310000, 13912345678, 3,
               datetime.datetime(2020, 1, 1, 8, 30), "党员"])
    # Full-width digits and an ideographic space, a date written as text.
    ws.append([3, "李\u3000娜", "１１０１０５１９４９１２３１００２Ｘ",
               "１３８００１３８０００", 0.5, "2024.3.8", "长期服务于“爱心驿站”"])
    ws["A8"] = "填表人：张三"
    ws["D8"] = "审核人：李四"
    ws.column_dimensions["C"].width = 22

    ws2 = wb.create_sheet("和平社区")
    ws2.append(["姓名", "身份证号", "是否党员", "核对", "服务时长(小时)", "合计"])
    ws2.append(["赵敏", 1.1010519491231e17, True, "#N/A", 2.25, "=E2*2"])
    ws2.append(["钱𠮷", "420106198203154321", False, None, 40])

    hidden = wb.create_sheet("选项")
    hidden.append(["幸福社区"])
    hidden.append(["和平社区"])
    hidden.sheet_state = "hidden"
    wb.save(OUT / "openpyxl_communities.xlsx")


def openpyxl_1904():
    wb = Workbook()
    wb.epoch = datetime.datetime(1904, 1, 1)   # openpyxl.utils.datetime.CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "Mac名单"
    ws.append(["姓名", "加入日期"])
    ws.append(["王芳", datetime.date(2024, 3, 8)])
    wb.save(OUT / "openpyxl_1904.xlsx")


# ------------------------------------------------------------- CSV family

def write(name, data: bytes):
    (OUT / name).write_bytes(data)


def csv_files():
    # RFC 4180 quoting, CRLF with one bare LF, a blank record, no final newline.
    write("quoted.csv", (
        '姓名,备注,电话\r\n'
        '王芳,"住址：幸福路1号,3栋","138 0013 8000"\r\n'
        '"李""小""娜","第一行\r\n第二行",\r\n'
        '\r\n'
        '张三,,\n'
        '"",末尾无换行,"x"').encode("utf-8"))
    write("tabs.tsv", (
        "姓名\t身份证号\t备注\n"
        "王芳\t11010519491231002X\t含,逗号\n"
        '李娜\t420106198203154321\t说"好"\n').encode("utf-8"))
    # Excel with a European locale: semicolons and decimal commas.
    write("semicolon.csv", b"Name;Hours\r\nAnna;1,5\r\nBerta;2\r\n")
    # Excel's "Unicode 文本 (*.txt)": UTF-16LE with BOM, tab-separated.
    write("unicode_text.txt", "\ufeff姓名\t手机号\r\n王芳\t13800138000\r\n张𠮷\t\r\n".encode("utf-16-le"))
    # Excel in China, "CSV (逗号分隔)": GB18030/GBK, a title row padded with
    # commas, and code page 936's one-byte euro sign (0x80).
    gbk = ("幸福社区志愿者名单,,,\r\n"
           "姓名,身份证号,服务时长(小时),备注\r\n"
           "王芳,11010519491231002X,12,EURO100补贴\r\n"
           '张𠮷,420106198203154321,3.5,"含,逗号"\r\n').encode("gb18030")
    write("gbk_title.csv", gbk.replace(b"EURO", b"\x80"))


# ------------------------------------------------------------- refusals

def look_alikes():
    ole2 = bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504)
    write("fake_ole2.et", ole2)
    with zipfile.ZipFile(OUT / "numbers_like.numbers", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("Index/Document.iwa", b"\x00" * 64)
        z.writestr("Metadata/Properties.plist", "<plist/>")
    with zipfile.ZipFile(OUT / "word_document.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("word/document.xml", "<w:document xmlns:w='x'/>")
    write("not_a_zip.xlsx", "这不是xlsx文件，只是改了扩展名。\n".encode("utf-8"))


# ------------------------------------------------------------- hand-made OOXML

CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="xml" ContentType="application/xml"/></Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def workbook_parts(sheets, extra_rels=""):
    """sheets: list of (name, target, rel type, state)."""
    wb = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          f'<workbook xmlns="{MAIN}" xmlns:r="{REL[:-1]}"><sheets>']
    rels = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">']
    for i, (name, target, kind, state) in enumerate(sheets, 1):
        st = f' state="{state}"' if state else ""
        wb.append(f'<sheet name="{name}" sheetId="{i}"{st} r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}{kind}" Target="{target}"/>')
    wb.append("</sheets></workbook>")
    rels.append(extra_rels + "</Relationships>")
    return "".join(wb), "".join(rels)


def minimal_xlsx(name, sheet_xml, compress=zipfile.ZIP_DEFLATED):
    wb, rels = workbook_parts([("Sheet1", "worksheets/sheet1.xml", "worksheet", None)])
    with zipfile.ZipFile(OUT / name, "w", compress) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)


def sheet(rows_xml):
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}">'
            f'<sheetData>{rows_xml}</sheetData></worksheet>')


FIRST_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row>'


def hostile():
    # 8 MiB of blanks inside sheetData deflate to a few KB.
    minimal_xlsx("hostile_bomb.xlsx", sheet(FIRST_ROW + " " * (8 << 20)))

    # The same, but the archive claims the sheet inflates to 2,000 bytes.
    minimal_xlsx("hostile_lying.xlsx", sheet(FIRST_ROW + " " * (4 << 20)))
    path = OUT / "hostile_lying.xlsx"
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    lfh = data.find(b"PK\x03\x04")
    while lfh >= 0:
        n = struct.unpack_from("<H", data, lfh + 26)[0]
        if data[lfh + 30:lfh + 30 + n] == name:
            struct.pack_into("<I", data, lfh + 22, 2000)
        lfh = data.find(b"PK\x03\x04", lfh + 4)
    cd = data.find(b"PK\x01\x02")
    while cd >= 0:
        n = struct.unpack_from("<H", data, cd + 28)[0]
        if data[cd + 46:cd + 46 + n] == name:
            struct.pack_into("<I", data, cd + 24, 2000)
        cd = data.find(b"PK\x01\x02", cd + 4)
    path.write_bytes(bytes(data))

    # Nesting far past any real sheet (Excel needs about 6 levels).
    minimal_xlsx("hostile_deep.xlsx", sheet(FIRST_ROW + "<x>" * 200 + "</x>" * 200))

    # "Billion laughs": refused at the DOCTYPE, before any entity expands.
    lol = ('<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY lol "lol">'
           + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                     for i in range(1, 10))
           + f']>\n<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
           '<is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
    minimal_xlsx("hostile_doctype.xlsx", lol)

    minimal_xlsx("hostile_bad_ref.xlsx", sheet(FIRST_ROW + '<row r="2"><c r="ABCD2"><v>1</v></c></row>'))
    minimal_xlsx("hostile_bad_xml.xlsx", sheet(FIRST_ROW + '<row r="2"><c r="A2"><v>1</v></row>'))
    minimal_xlsx("hostile_bad_shared.xlsx", sheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>'))

    # The workbook names a sheet part that the archive does not hold.
    wb, rels = workbook_parts([("缺页", "worksheets/sheet9.xml", "worksheet", None)])
    with zipfile.ZipFile(OUT / "hostile_missing_part.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)


def partly_missing():
    """Two sheets; the second's part is missing (a cut-off download): the
    first is imported, the second skipped and said."""
    def cell(ref, text):
        return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
    rows = ('<row r="1">' + cell("A1", "姓名") + cell("B1", "身份证号") + cell("C1", "手机号") + '</row>'
            '<row r="2">' + cell("A2", "王芳") + cell("B2", "110105194912310021") + cell("C2", "13800138000") + '</row>')
    wb, rels = workbook_parts([("幸福社区", "worksheets/sheet1.xml", "worksheet", None),
                               ("和平社区", "worksheets/sheet2.xml", "worksheet", None)])
    with zipfile.ZipFile(OUT / "partly_missing.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet(rows))


def handmade_features():
    """OOXML that Excel/WPS write but no writer on this machine does."""
    wb, rels = workbook_parts(
        [("图表", "charts/chart1.xml", "chartsheet", None),
         ("名单", "/xl/worksheets/sheet2.xml", "worksheet", None),       # absolute target
         ("隐藏", "worksheets/../worksheets/sheet3.xml", "worksheet", "veryHidden")],
        extra_rels=(f'<Relationship Id="rId8" Type="{REL}sharedStrings" Target="sharedStrings.xml"/>'
                    f'<Relationship Id="rId9" Type="{REL}styles" Target="styles.xml"/>'))
    wb = wb.replace("<sheets>", '<workbookPr date1904="false"/><sheets>')
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<sst xmlns="{MAIN}" count="5" uniqueCount="5">'
              '<si><t>姓名</t></si>'
              # rich text runs, joined; the phonetic guide is not part of the value
              '<si><r><rPr><b/></rPr><t>欧阳</t></r><r><t xml:space="preserve">娜娜 </t></r>'
              '<rPh sb="0" eb="2"><t>ōuyáng</t></rPh><phoneticPr fontId="1"/></si>'
              '<si><t>第一行_x000D_\n第二行</t></si>'
              '<si><t>_x005F_x0041_ 与 &amp; &lt;标签&gt;</t></si>'
              '<si><t/></si>'
              '</sst>')
    styles = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<styleSheet xmlns="{MAIN}"><numFmts count="3">'
              '<numFmt numFmtId="164" formatCode="yyyy/m/d;@"/>'
              '<numFmt numFmtId="165" formatCode="0.00&quot;天&quot;"/>'
              '<numFmt numFmtId="166" formatCode="[Red]#,##0;[Blue]\\-#,##0"/></numFmts>'
              '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>'
              '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/>'
              '<xf numFmtId="166"/><xf numFmtId="14"/><xf numFmtId="49"/></cellXfs></styleSheet>')
    # Prefixed elements (x:), cells and rows without r, every cell type.
    sheet2 = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              f'<x:worksheet xmlns:x="{MAIN}"><x:dimension ref="A1:F4"/><x:sheetData>'
              '<x:row r="2"><x:c r="B2" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c>'
              '<x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c><x:c t="s"><x:v>4</x:v></x:c></x:row>'
              '<x:row><x:c r="A3" s="1"><x:v>45359</x:v></x:c><x:c s="2"><x:v>1.5</x:v></x:c>'
              '<x:c s="3"><x:v>-7</x:v></x:c><x:c s="4"><x:v>45359.5</x:v></x:c>'
              '<x:c s="5" t="s"><x:v>0</x:v></x:c><x:c s="99"><x:v>3</x:v></x:c></x:row>'
              '<x:row r="5"><x:c r="a5" t="d"><x:v>2024-03-08T12:00:00</x:v></x:c>'
              '<x:c r="B5" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="C5" t="b"><x:v>0</x:v></x:c>'
              '<x:c r="D5" t="str"><x:f>A1</x:f><x:v>公式结果</x:v></x:c>'
              '<x:c r="E5"><x:f>1/0</x:f></x:c><x:c r="F5" s="1"/></x:row>'
              '<x:row r="6" spans="1:3" ht="20" customHeight="1"/>'
              '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:F1"/></x:mergeCells>'
              '</x:worksheet>')
    sheet3 = sheet('<row r="1"><c r="A1" t="inlineStr"><is><r><t>幸福</t></r><r><t>社区</t></r>'
                   '<rPh><t>xìngfú</t></rPh></is></c></row>')
    with zipfile.ZipFile(OUT / "handmade_features.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/charts/chart1.xml", "<chartsheet/>")
        z.writestr("xl/worksheets/sheet2.xml", sheet2)
        z.writestr("xl/worksheets/sheet3.xml", sheet3)


openpyxl_communities()
openpyxl_1904()
csv_files()
look_alikes()
hostile()
partly_missing()
handmade_features()
