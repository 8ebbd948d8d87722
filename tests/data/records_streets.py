#!/usr/bin/python3
"""records_streets.py — record files (荣誉, 岗位, 活动, 目标, 指标) with a 所属街道
column, for tests/storage_record_streets_test.cpp and tests/ui_import_streets_test.cpp:
新村社区 is in 江滨街道 and in 城关街道, 幸福社区 only in 江滨街道 (the tests'
tree). Written by openpyxl (a real program). Alone:
  /usr/bin/python3 tests/data/records_streets.py tests/data/records

Every file has the same units, one row each, from row 2 (the header is row 1):
  2  江滨街道 / 新村社区    江滨's 新村社区
  3  城关街道 / 新村社区    城关's
  4  (none)   / 新村社区    ambiguous: refused, the streets named
  5  江宾街道 / 新村社区    misspelt street: refused
  6  城关街道 / 幸福社区    the only 幸福社区 is 江滨's: placed there, warned
  7  江滨     / 新村社区    a street written without 街道
  8  (none)   / 城关街道/新村社区   the street in the unit's cell
  9  江滨街道 / (none)      the street alone names the street
"""
import os
import sys
from datetime import datetime

import openpyxl

UNITS = [
    ("江滨街道", "新村社区"),
    ("城关街道", "新村社区"),
    (None, "新村社区"),
    ("江宾街道", "新村社区"),
    ("城关街道", "幸福社区"),
    ("江滨", "新村社区"),
    (None, "城关街道/新村社区"),
    ("江滨街道", None),
]


def save(path, title, header, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)


def main(out):
    os.makedirs(out, exist_ok=True)
    save(os.path.join(out, "streets_honours.xlsx"), "荣誉",
         ["集体名称", "所属街道", "所属社区", "荣誉称号", "级别", "年度"],
         [["妇联执委会%d" % i, s, u, "三八红旗集体", "区", 2026] for i, (s, u) in enumerate(UNITS, 2)])
    save(os.path.join(out, "streets_posts.xlsx"), "巾帼文明岗",
         ["岗位名称", "所在单位", "街道", "所属单位", "当前级别", "状态", "年度"],
         [["服务窗口%d" % i, "便民服务中心", s, u, "区", "命名", 2026] for i, (s, u) in enumerate(UNITS, 2)])
    save(os.path.join(out, "streets_activities.xlsx"), "活动",
         ["活动名称", "活动日期", "所属街道", "单位", "活动类型", "参加人数"],
         [["家风讲堂%d" % i, datetime(2026, 3, i), s, u, "宣传", 20 + i] for i, (s, u) in enumerate(UNITS, 2)])
    save(os.path.join(out, "streets_targets.xlsx"), "目标",
         ["年度", "乡镇(街道)", "单位", "指标", "称号", "级别", "目标值"],
         [[2020 + i, s, u, "注册志愿者", None, None, 100 * i] for i, (s, u) in enumerate(UNITS, 2)])
    save(os.path.join(out, "streets_indicators.xlsx"), "指标",
         ["年度", "所属街道", "单位", "指标名称", "数值", "计量单位"],
         [[2026, s, u, "来访件数%d" % i, i, "件"] for i, (s, u) in enumerate(UNITS, 2)])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "records"))
