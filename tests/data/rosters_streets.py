#!/usr/bin/python3
"""rosters_streets.py — the rosters of tests/storage_import_streets_test.cpp and
tests/ui_import_streets_test.cpp: community names that repeat across streets
(新村社区 in 江滨街道 and in 城关街道), written by openpyxl and by Python's csv
module. Run by make_rosters.sh; alone: /usr/bin/python3 rosters_streets.py OUTDIR."""
import csv
import os
import sys

import openpyxl

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"


def id_number(birth, seq):
    """An 18-character ID of 朝阳区 (110105) with a valid check character."""
    body = "110105" + birth + "%03d" % seq
    return body + CHECK[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def volunteers_with_street(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "志愿者"
    ws.append(["姓名", "身份证号", "所属街道", "所属社区", "服务时长(小时)"])
    rows = [
        ("王芳", id_number("19900101", 2), "江滨街道", "新村社区", 10),    # 江滨's 新村
        ("李娜", id_number("19910202", 4), "城关街道", "新村社区", 11),    # 城关's 新村
        ("张敏", id_number("19920303", 6), "", "幸福社区", 12),            # unique without a street
        ("赵丽", id_number("19930404", 8), "", "新村社区", 13),            # ambiguous: refused
        ("陈静", id_number("19940505", 20), "江宾街道", "新村社区", 14),   # misspelt street: refused
        ("刘洋", id_number("19950606", 22), "城关街道", "幸福社区", 15),   # 幸福社区 is 江滨's: placed, warned
        ("孙燕", id_number("19960707", 24), "江滨", "新村社区", 16),       # street without 街道
        ("周红", id_number("19970808", 26), "江滨街道", "新材社区", 17),   # misspelt community: no unit
    ]
    for r in rows:
        ws.append(list(r))
    wb.save(path)


def volunteers_without_street(path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["姓名", "身份证号", "所属社区", "服务时长(小时)"])
        w.writerow(["李娜", id_number("19910202", 4), "新村社区", 30])           # stored in 城关's: kept
        w.writerow(["吴霞", id_number("19800909", 28), "新村社区", 31])          # new: refused
        w.writerow(["郑洁", id_number("19811010", 40), "江滨街道/新村社区", 32])  # street in the cell
        w.writerow(["冯丹", id_number("19821111", 42), "城关街道 新村社区", 33])  # … with a space
        w.writerow(["张敏", id_number("19920303", 6), "幸福社区", 34])           # unique
        w.writerow(["王芳", id_number("19900101", 2), "城关社区", 35])           # moves: unique name


def families_with_street(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "家庭"
    ws.append(["户主姓名", "家庭住址", "街道/乡镇", "所属社区", "荣誉称号", "获评年度", "级别"])
    ws.append(["李建国", "新村12号", "江滨街道", "新村社区", "平安家庭", 2026, "社区"])
    ws.append(["王大伟", "新村3号", "城关街道", "新村社区", "平安家庭", 2026, "社区"])
    ws.append(["钱多多", "新村8号", "", "新村社区", "平安家庭", 2026, "社区"])     # ambiguous: refused
    wb.save(path)


if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "rosters")
    volunteers_with_street(os.path.join(out, "openpyxl_streets.xlsx"))
    volunteers_without_street(os.path.join(out, "python_csv_no_street.csv"))
    families_with_street(os.path.join(out, "openpyxl_street_families.xlsx"))
