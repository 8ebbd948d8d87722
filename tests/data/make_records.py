#!/usr/bin/python3
# make_records.py — the units, targets and indicators files of the record
# import tests, written by openpyxl (a real program, not strings typed in a
# test). Run with Debian's /usr/bin/python3 (python3-openpyxl):
#   /usr/bin/python3 tests/data/make_records.py tests/data/records
import os
import sys
from datetime import datetime

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

# Honours of people and collectives on the units above: a person with her ID
# number, one by name, a collective, and bad rows: no holder (row 6), an
# unknown level (row 7), an unknown unit (row 8), an ID number that fails its
# checksum (row 9). 授予单位 has no column in Jinguo (an unknown column).
save("honours_openpyxl.xlsx", "荣誉",
     ["序号", "姓名", "身份证号", "集体名称", "所属社区", "荣誉称号", "级别", "年度", "文号", "授予单位"],
     [[1, "王芳", "110105199003071220", None, "幸福社区", "三八红旗手", "区", 2026, "临妇字〔2026〕5号", "临江区妇联"],
      [2, "李娜", None, None, "和平社区", "巾帼建功标兵", "街道级", "2025年", None, None],
      [3, None, None, "幸福社区妇联", "幸福社区", "三八红旗集体", "市", 2026, "市妇字〔2026〕8号", None],
      [4, None, None, None, "幸福社区", "三八红旗手", "区", 2026, None, None],
      [5, "赵敏", None, None, "幸福社区", "三八红旗手", "优秀", 2026, None, None],
      [6, "孙丽", None, None, "江北街道", "三八红旗手", "区", 2026, None, None],
      [7, "周红", "11010519900307122X", None, "和平社区", "三八红旗手", "区", 2026, None, None]])

# 巾帼文明岗: named (real date cells), applied at 市 level, assessed, and bad
# rows: no post name (row 6), a level posts are not named at (row 7), an
# unknown state (row 8), more women than members (row 9), an unknown unit
# (row 10).
save("posts_openpyxl.xlsx", "巾帼文明岗",
     ["岗位名称", "所在单位", "所属单位", "当前级别", "状态", "申报日期", "命名日期", "文号", "负责人", "联系电话",
      "人数", "女职工人数"],
     [["收费一班", "临江区税务局", "滨江街道", "区", "命名", datetime(2024, 3, 1), datetime(2024, 12, 20),
       "临妇字〔2024〕30号", "陈静", "13812345678", 12, 9],
      ["导诊服务台", "临江区人民医院", "幸福社区", "市", "申报", "2026/3/1", None, None, "刘敏", None, 8, 7],
      ["窗口服务组", "临江区政务中心", None, "区", "考核验收", "2025年4月2日", None, None, None, None, 10, 8],
      [None, "临江区税务局", None, "区", "命名", None, None, None, None, None, 5, 4],
      ["客服班", "临江区电力局", None, "社区", "命名", "2025-03-01", None, None, None, None, 6, 5],
      ["维修班", "临江区电力局", None, "区", "已完成", "2025-03-01", None, None, None, None, 6, 5],
      ["财务组", "临江区财政局", None, None, None, None, None, None, None, None, 5, 6],
      ["出纳组", "临江区财政局", "江北街道", None, None, None, None, None, None, None, 4, 4]])

# Activities: a real date cell, 2026/1/20, 2026年5月10日, and bad rows: a date
# that does not exist (row 6), no name (row 7), a date after the import's
# day 2026-06-30 (row 8), participants that are no number (row 9). 地点 has
# no column in Jinguo (an unknown column).
save("activities_openpyxl.xlsx", "活动",
     ["活动名称", "活动日期", "所属社区", "活动类型", "参加人数", "地点", "备注"],
     [["三八妇女节宣传", datetime(2026, 3, 8), "幸福社区", "宣传", 120, "社区广场", None],
      ["困难妇女走访慰问", "2026/1/20", "滨江街道", "帮扶", "15人", None, "发放慰问品"],
      ["家庭教育讲座", "2026年5月10日", None, "培训", 40, None, None],
      ["反家暴宣传", "2026-13-01", "幸福社区", "宣传", 30, None, None],
      [None, datetime(2026, 2, 1), "幸福社区", "宣传", 30, None, None],
      ["平安巡逻", datetime(2026, 12, 1), "和平社区", "巡逻", 8, None, None],
      ["健康讲座", "2026-04-01", "幸福社区", "培训", "很多", None, None]])
print("written to", out)

# Record files with a 所属街道 column (community names repeated across streets).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import records_streets  # noqa: E402
records_streets.main(out)
