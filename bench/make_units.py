#!/usr/bin/env python3
"""Writes N unit report workbooks as openpyxl writes them (the benchmark's .xlsx inputs):
`make_units.py OUT_DIR N` → OUT_DIR/0001.xlsx … Each is one unit's July 2018 annex laid out as a
clerk does (title, 填报单位, 填报时间 as a date, the 11 rows with 本月数 and 累计数 as values, a note),
with figures from a fixed-seed generator, so every machine gets the same files. Clean reports
(at least two officers per action), so no warning skews the work.
"""
import datetime
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "test", "fixtures"))
from annex_text import ITEMS, NOTE, TITLE  # noqa: E402
from openpyxl import Workbook  # noqa: E402
from openpyxl.styles import Alignment, Font  # noqa: E402


def unit(path, i, rnd):
    wb = Workbook()
    ws = wb.active
    ws.title = "2018年7月"
    ws.merge_cells("A1:F1")
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws["A2"] = "填报单位(盖章):"
    ws["B2"] = f"测试单位{i:04d}"
    ws["D2"] = "填报时间:"
    ws["E2"] = datetime.datetime(2018, 8, 1 + i % 9)
    ws["E2"].number_format = 'yyyy"年"m"月"d"日"'
    for c, h in enumerate(["序号", "项目", "单位", "本月数", "累计数", "备注"]):
        ws.cell(row=3, column=1 + c, value=h)
    month = []
    for label, measure in ITEMS:
        month.append(rnd.randrange(200000) / 10000 if measure == "万元" else rnd.randrange(40))
    month[1] = 2 * month[0] + rnd.randrange(10)  # 出动执法人员 ≥ 2 × 执法活动
    for k, ((label, measure), m) in enumerate(zip(ITEMS, month)):
        r = 4 + k
        cum = round(m + rnd.randrange(500000) / 10000, 4) if measure == "万元" else m + rnd.randrange(200)
        ws.cell(row=r, column=1, value=k + 1)
        ws.cell(row=r, column=2, value=label)
        ws.cell(row=r, column=3, value=measure)
        ws.cell(row=r, column=4, value=m)
        ws.cell(row=r, column=5, value=cum)
    ws.cell(row=16, column=1, value=NOTE)
    ws.column_dimensions["B"].width = 40
    wb.save(path)


if __name__ == "__main__":
    out, n = sys.argv[1], int(sys.argv[2])
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(20180807)
    for i in range(1, n + 1):
        unit(os.path.join(out, f"{i:04d}.xlsx"), i, rnd)
