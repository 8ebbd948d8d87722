#!/usr/bin/python3
# make_records.py — the units, targets and indicators files of the record
# import tests, written by openpyxl (a real program, not strings typed in a
# test). Run with Debian's /usr/bin/python3 (python3-openpyxl):
#   /usr/bin/python3 tests/data/make_records.py tests/data/records
import os
import sys

from openpyxl import Workbook

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "records")
os.makedirs(out, exist_ok=True)


def save(name, title, header, rows, notes=None):
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append([header[0] and "临江区" + title])   # a title row above the table (row 1)
    ws.append(header)                              # the header (row 2)
    for r in rows:
        ws.append(r)
    if notes:
        n = wb.create_sheet("填写说明")
        for line in notes:
            n.append([line])
    wb.save(os.path.join(out, name))


# Units: children before parents (rows 3-5 name 滨江街道, which comes at row
# 8), a 乡 (row 9, a kind since 0014), an unknown parent (row 10), a cycle
# (rows 11-12), a household count that is no number (row 13).
save("units_openpyxl.xlsx", "单位",
     ["序号", "单位名称", "上级单位", "类型", "总户数"],
     [[1, "幸福社区", "滨江街道", "社区", 3200],
      [2, "和平社区", "滨江街道", "社区", "2,860户"],
      [3, "白鹭社区", "滨江街道", "社区居委会", 1500],
      [4, "临江区", None, "区", None],
      [5, "青山镇", "临江区", "镇", None],
      [6, "滨江街道", "临江区", "街道", None],
      [7, "石桥乡", "临江区", "乡", None],
      [8, "望江社区", "江北街道", "社区", 900],
      [9, "东湖社区", "西湖社区", "社区", 100],
      [10, "西湖社区", "东湖社区", "社区", 100],
      [11, "柳林村", "青山镇", "村", "约600"],
      [12, "松林村", "青山镇", "村", 640]],
     ["单位名称、上级单位、类型、总户数"])

# Targets for 2026 on the units above: any level and 区级 rates, a count, and
# bad rows: an unknown metric (row 6), a rate above 100 % (row 7), an unknown
# unit (row 8), a rate without its title (row 9).
save("targets_openpyxl.xlsx", "目标",
     ["年度", "单位", "指标", "称号", "级别", "目标值"],
     [[2026, "临江区", "创建率", "平安家庭", "不限", "90%"],
      [2026, "临江区", "创建率", "平安家庭", "区", 0.25],
      [2026, "滨江街道", "命名数", "五好文明家庭", "区", 30],
      [2026, "临江区", "幸福指数", "平安家庭", None, "90%"],
      [2026, "滨江街道", "创建率", "平安家庭", None, "120%"],
      [2026, "江北街道", "创建率", "平安家庭", None, "80%"],
      [2026, "滨江街道", "创建率", None, None, "80%"]])

# Manual indicators, with a value written with its unit (row 4) and a bad
# value (row 6).
save("indicators_openpyxl.xlsx", "指标",
     ["年度", "单位", "指标名称", "数值", "计量单位", "备注"],
     [[2026, "临江区", "来访件数", 12, "件", "调处率100%"],
      [2026, "临江区", "帮扶困难妇女资金", "4000元", None, None],
      [2026, "滨江街道", "宣讲", 9, "次", None],
      [2026, "滨江街道", "就业培训", "很多", "期", None]])
print("written to", out)
