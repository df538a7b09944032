#!/usr/bin/python3
"""Spoil a filled form the way a clerk might, for the import's error tests.

usage: break-form.py FORM.xlsx CASE [CASE]...

Cases: above (1.1.1 appraised 5, max 1), negative (1.1.2 self -1),
nan (1.1.2 appraised "abc"), stray (a point in the empty row below the
total, which has no criterion code), unknown (a point in the legend's row,
whose first cell is no criterion code), unit (another unit's id), year (2021), issuer
(another issuer), missing (the row of criterion 2.1.1 deleted).
Prints the cell each case touched, as SHEET!CELL (or the sheet).
"""
import sys

import openpyxl


def main():
    path = sys.argv[1]
    wb = openpyxl.load_workbook(path)
    ws = wb["Phiếu chấm điểm"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for case in sys.argv[2:]:
        if case == "above":
            ws["E%d" % rows["1.1.1"]] = 5
            print("Phiếu chấm điểm!E%d" % rows["1.1.1"])
        elif case == "negative":
            ws["D%d" % rows["1.1.2"]] = -1
            print("Phiếu chấm điểm!D%d" % rows["1.1.2"])
        elif case == "nan":
            ws["E%d" % rows["1.1.2"]] = "abc"
            print("Phiếu chấm điểm!E%d" % rows["1.1.2"])
        elif case == "stray":
            # the empty row below "Tổng điểm"
            total = [r for r in range(1, ws.max_row + 1)
                     if ws.cell(r, 2).value == "Tổng điểm"][0]
            ws["D%d" % (total + 1)] = 1
            print("Phiếu chấm điểm!D%d" % (total + 1))
        elif case == "unknown":
            ws["D%d" % rows["Hướng dẫn"]] = 1
            print("Phiếu chấm điểm!D%d" % rows["Hướng dẫn"])
        elif case == "unit":
            ws["B4"] = "xa-khong-co"
            print("Phiếu chấm điểm!B4")
        elif case == "year":
            ws["B5"] = 2021
            print("Phiếu chấm điểm!B5")
        elif case == "issuer":
            ws["B6"] = "ỦY BAN NHÂN DÂN HUYỆN THANH HÀ"
            print("Phiếu chấm điểm!B6")
        elif case == "missing":
            ws.delete_rows(rows["2.1.1"])
            print("Phiếu chấm điểm")
        else:
            sys.exit("unknown case " + case)
    wb.save(path)


if __name__ == "__main__":
    main()
