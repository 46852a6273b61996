#!/usr/bin/env python3
"""openpyxl side of the command-line tests, one python process per call (startup is the cost).

  xlsx_tool.py write SPEC.json   writes every workbook the spec lists
  xlsx_tool.py dump FILE...      prints one JSON object per file: what openpyxl sees
  xlsx_tool.py dump-values FILE...   the same with cached formula results instead of formulas

Spec: {"files": [{"path": "...", "sheets": [SHEET, ...]}]}; SHEET is
  {"name": "2018年7月", "unit": "云集镇", "date": "2018-08-05" | null,
   "month": [11 values], "cumulative": [11 values] | null,
   "cells": {"H2": "a note"}}
A value is a number, a string (written as text, as clerks type it) or null (blank).
The layout is a clerk's: form at B3, merged title, 序号 and 备注 columns, styled cells, a
note below, so a fill must keep things our own writer would not produce.
"""
import datetime
import json
import os
import sys

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill

# The annex text is shared with the fixture scripts in test/fixtures.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from annex_text import ITEMS, NOTE, TITLE  # noqa: E402

FIRST_ROW = 6  # first item row; 本月数 in column E, 累计数 in column F


def annex_sheet(ws, sheet):
    ws.merge_cells("B3:G3")
    ws["B3"] = TITLE
    ws["B3"].font = Font(bold=True, size=16)
    ws["B3"].alignment = Alignment(horizontal="center")
    ws["B4"] = "填报单位(盖章):"
    if sheet.get("unit") is not None:
        ws["C4"] = sheet["unit"]
        ws["C4"].data_type = "s"  # typed text, even when it starts with "=" (openpyxl would make it a formula)
    ws["E4"] = "填报时间:"
    if sheet.get("date"):
        ws["F4"] = datetime.datetime.strptime(sheet["date"], "%Y-%m-%d")
        ws["F4"].number_format = 'yyyy"年"m"月"d"日"'
    for i, h in enumerate(["序号", "项目", "单位", "本月数", "累计数", "备注"]):
        c = ws.cell(row=5, column=2 + i, value=h)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="FFDDEEFF")
    cumulative = sheet.get("cumulative") or [None] * len(ITEMS)
    for i, ((label, unit), m, c) in enumerate(zip(ITEMS, sheet["month"], cumulative)):
        r = FIRST_ROW + i
        ws.cell(row=r, column=2, value=i + 1)
        ws.cell(row=r, column=3, value=label)
        ws.cell(row=r, column=4, value=unit)
        ws.cell(row=r, column=5, value=m)
        cum = ws.cell(row=r, column=6, value=c)
        cum.fill = PatternFill("solid", fgColor="FFFFF2CC")
        cum.number_format = "0.0000" if unit == "万元" else "0"
    ws.cell(row=FIRST_ROW + len(ITEMS), column=2, value=NOTE)
    ws.column_dimensions["C"].width = 40
    for addr, v in (sheet.get("cells") or {}).items():
        ws[addr] = v


def write(spec_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    for book in spec["files"]:
        wb = Workbook()
        wb.remove(wb.active)
        for sheet in book["sheets"]:
            annex_sheet(wb.create_sheet(sheet["name"]), sheet)
        wb.save(book["path"])


def plain(v):
    if isinstance(v, (datetime.datetime, datetime.date)):
        return v.isoformat()
    return v


def dump_sheet(ws):
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style:
                continue
            cells[c.coordinate] = {
                "value": plain(c.value),
                "type": c.data_type,
                "numberFormat": c.number_format,
                "bold": bool(c.font and c.font.b),
                "fill": c.fill.fgColor.rgb if c.fill and c.fill.fill_type == "solid" else None,
                "locked": c.protection.locked if c.protection else True,
            }
    ps = ws.page_setup
    return {
        "name": ws.title,
        "cells": cells,
        "merges": sorted(str(r) for r in ws.merged_cells.ranges),
        "protected": bool(ws.protection.sheet),
        "paperSize": None if ps.paperSize is None else int(ps.paperSize),
        "orientation": ps.orientation,
        "fitToWidth": ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
        "validations": len(ws.data_validations.dataValidation),
        "columnWidths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
    }


def dump(paths, values=False):
    out = {}
    for p in paths:
        # Formulas as written, or (values=True) the cached results a formula cell carries.
        wb = load_workbook(p, data_only=values)
        names = {}
        for ws in wb.worksheets:
            for n, d in getattr(ws, "defined_names", {}).items():
                names[f"{ws.title}!{n}"] = d.attr_text
        for n in wb.defined_names.definedName if hasattr(wb.defined_names, "definedName") else []:
            names[n.name if n.localSheetId is None else f"#{n.localSheetId}!{n.name}"] = n.attr_text
        out[p] = {"sheets": [dump_sheet(ws) for ws in wb.worksheets], "names": names}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    if sys.argv[1] == "write":
        write(sys.argv[2])
    elif sys.argv[1] == "dump":
        dump(sys.argv[2:])
    elif sys.argv[1] == "dump-values":
        dump(sys.argv[2:], values=True)
    else:
        sys.exit("usage: xlsx_tool.py write SPEC.json | dump FILE...")
