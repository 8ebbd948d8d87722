#!/bin/bash
# make_rosters.sh — regenerates tests/data/rosters/, the spreadsheet corpus of
# core_spreadsheet_test.cpp, with the real writers found on Debian 12:
#   openpyxl (python3-openpyxl, Debian's /usr/bin/python3), libxlsxwriter
#   (libxlsxwriter-dev, through rosters_xlsxwriter.c), LibreOffice headless
#   (libreoffice-calc-nogui) and ../shared/tools/gen_roster.py.
# The corpus is committed; rerun this only to change it, then update the
# expectations in tests/core_spreadsheet_test.cpp. Zip timestamps and
# docProps dates change on every run; the cell contents do not.
#
# usage: tests/data/make_rosters.sh [OUTDIR]   (default: tests/data/rosters)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$here/rosters}
gen=${GEN_ROSTER:-$root/../shared/tools/gen_roster.py}
py=/usr/bin/python3   # the python3 first on PATH may lack openpyxl

command -v soffice >/dev/null || { echo "needs LibreOffice: apt-get install --no-install-recommends libreoffice-calc-nogui" >&2; exit 1; }
"$py" -c 'import openpyxl' || { echo "needs python3-openpyxl for $py" >&2; exit 1; }
[ -f "$gen" ] || { echo "needs gen_roster.py (set GEN_ROSTER)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out"

# openpyxl workbooks, hand-written CSVs, look-alikes, hostile archives.
"$py" "$here/rosters_python.py" "$out"
# Community names repeated across streets (openpyxl and Python's csv module).
"$py" "$here/rosters_streets.py" "$out"

# libxlsxwriter: shared strings, rich text, date formats; constant_memory mode.
cc -O1 -o "$work/rosters_xlsxwriter" "$here/rosters_xlsxwriter.c" $(pkg-config --cflags --libs xlsxwriter)
"$work/rosters_xlsxwriter" "$out"

# gen_roster.py: realistic rosters in each of its formats (seed 7, 6 rows).
"$py" "$gen" --rows 6 --seed 7 --format csv-utf8 -o "$out/gen_utf8.csv"
"$py" "$gen" --rows 6 --seed 7 --format csv-utf8-bom -o "$out/gen_utf8_bom.csv"
"$py" "$gen" --rows 6 --seed 7 --format csv-gbk -o "$out/gen_gbk.csv"
"$py" "$gen" --rows 6 --seed 7 --format xlsx -o "$out/gen_writeonly.xlsx"

# LibreOffice: a UTF-8 CSV opened as Calc would (numbers and dates
# recognized, so the ID number becomes a number), saved as xlsx, ods and xls.
cat > "$work/libreoffice_roster.csv" <<'CSV'
姓名,身份证号,手机号,服务时长(小时),加入日期,备注
王芳,110105194912310000,13800138000,12.5,2019-03-05,党员
李娜,11010519491231002X,13912345678,3,2024-03-08,"含,逗号"
CSV
lo() {   # a private profile: no user settings, no clash with a running soffice
    soffice -env:UserInstallation="file://$work/profile" --headless \
        --infilter="CSV:44,34,76,1" "$@" --outdir "$out" "$work/libreoffice_roster.csv" >/dev/null
}
lo --convert-to xlsx
lo --convert-to ods
lo --convert-to 'xls:MS Excel 97'
cp "$out/libreoffice_roster.xls" "$out/renamed_xls.xlsx"

ls -l "$out"
du -sh "$out"
