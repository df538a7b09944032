#!/usr/bin/python3
"""Fill parpack's scoring forms from an appraisal, as a clerk would, with
python3-openpyxl (a client parpack did not write).

usage: fill-forms.py ORIGINAL.xml FORMS_DIR [--vary]

Every form under FORMS_DIR (units/*/phieu-cham-diem-*.xlsx) gets the
unit's self-assessed and appraised points and notes from ORIGINAL; a
criterion marked na="true" gets KAD. With --vary, the forms differ the way
real ones do: some points typed as text with a decimal comma ("1,5"),
KAD in lower case, a row inserted inside the criteria, a column inserted,
an extra sheet put first.
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

import openpyxl


def comma(v):
    return v.replace(".", ",")


def main():
    orig, forms = sys.argv[1], sys.argv[2]
    vary = "--vary" in sys.argv
    root = ET.parse(orig).getroot()
    units = {u.get("id"): u for u in root.iter("unit")}
    paths = sorted(glob.glob(os.path.join(forms, "units", "*", "*.xlsx")))
    for n, path in enumerate(paths):
        wb = openpyxl.load_workbook(path)
        dn = wb.defined_names["PP_UNIT"]
        (sheet, ref), = list(dn.destinations)
        ws = wb[sheet]
        uid = ws[ref.replace("$", "")].value
        u = units[uid]
        scores = {s.get("c"): s for s in u.iter("score")}
        # the heading row and its columns
        head = None
        for row in ws.iter_rows():
            texts = {c.value: c.column for c in row if isinstance(c.value, str)}
            if "Mã" in texts and "Tự đánh giá" in texts:
                head, cols = row[0].row, texts
                break
        assert head, path
        cs, ca, cn = cols["Tự đánh giá"], cols["Thẩm định"], cols["Ghi chú"]
        code_col = cols["Mã"]
        for r in range(head + 1, ws.max_row + 1):
            code = ws.cell(r, code_col).value
            s = scores.get(code)
            if s is None:
                continue
            k = (n + r) % 3  # how this cell is typed, in --vary
            if s.get("na") == "true":
                ws.cell(r, ca).value = "kad" if vary and k == 0 else "KAD"
                continue
            for attr, col in (("self", cs), ("appraised", ca)):
                v = s.get(attr)
                if v is None:
                    continue
                if vary and k == 1:
                    ws.cell(r, col).value = comma(v)       # text "1,5"
                elif vary and k == 2:
                    ws.cell(r, col).value = v              # text "1.5"
                else:
                    ws.cell(r, col).value = float(v)       # a number
            if s.get("note"):
                ws.cell(r, cn).value = s.get("note")
        if vary and n == 0:
            # a user inserts a line inside the criteria and a column
            ws.insert_rows(head + 3)
            ws.cell(head + 3, 2).value = "(dòng ghi thêm của đơn vị)"
            ws.insert_cols(3)
            ws.cell(head, 3).value = "Đơn vị tính"
        if vary and n == 1:
            extra = wb.create_sheet("Ghi chép", 0)
            extra["A1"] = "Mã"
            extra["B1"] = "Tự đánh giá"
            extra["A2"] = "1.1.1"
            extra["B2"] = 99
        wb.save(path)


if __name__ == "__main__":
    main()
