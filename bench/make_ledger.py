#!/usr/bin/env python3
"""Writes a unit's report workbook with a ledger (台账) sheet of N rows beside it, as clerks keep
them: `make_ledger.py BASE.xlsx OUT_DIR N [N ...]` writes OUT_DIR/openpyxl-N.xlsx for each N.
The report sheet comes from BASE (a fixture); the ledger is 8 columns of dates, text, whole
numbers and 万元 decimals. bench/ledger.js re-saves the files with LibreOffice as well.
"""
import datetime
import os
import sys

from openpyxl import load_workbook

HEAD = ["序号", "检查日期", "企业名称", "地址", "检查人员", "隐患数", "罚款(万元)", "备注"]


def ledger(base, out, n):
    wb = load_workbook(base)
    ws = wb.create_sheet("台账")
    ws.append(HEAD)
    day0 = datetime.date(2018, 1, 1)
    for i in range(1, n + 1):
        ws.append(
            [
                i,
                day0 + datetime.timedelta(days=i % 365),
                f"测试企业{i:05d}有限公司",
                f"某县某镇第{i % 97}村",
                "张三、李四" if i % 2 else "王五",
                i % 7,
                (i % 1000) / 100,
                "已整改" if i % 3 else None,
            ]
        )
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "yyyy-mm-dd"
    wb.save(out)


if __name__ == "__main__":
    base, out_dir, *ns = sys.argv[1:]
    for n in ns:
        ledger(base, os.path.join(out_dir, f"openpyxl-{n}.xlsx"), int(n))
