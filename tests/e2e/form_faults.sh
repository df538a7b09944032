# Issue #21: faults found by fuzzing the form reader. A damaged form whose
# package relationships name a workbook part that is missing
# (fixtures/bad/form-missing-workbook.xlsx) crashed `import` (a free with
# a count never reset); a row numbered -9223372036854775808
# (fixtures/bad/form-row-overflow.xlsx) overflowed. Each is now an error
# naming the form, among good forms, and nothing is written.
. tests/lib.sh
python3 - fixtures/gia-loc-2022.xml "$WORK/blank.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r"\n\s*<score [^>]*/>", "", s))
PY
$PARPACK forms "$WORK/blank.xml" --out "$WORK/forms" --quiet 2> /dev/null
expect_eq "forms: exit 0" $? 0
cp fixtures/bad/form-missing-workbook.xlsx "$WORK/forms/units/"
$PARPACK import "$WORK/blank.xml" "$WORK/forms" --out "$WORK/a.xml" 2> "$WORK/missing.err"
rc=$?
expect_eq "a form without its workbook part among 18: exit 1, no crash" $rc 1
expect_grep "the damaged form is named" "form-missing-workbook.xlsx: error: cannot read the form: not a spreadsheet: no workbook part" "$WORK/missing.err"
[ ! -e "$WORK/a.xml" ] && ok "nothing written" || bad "a.xml written"
rm "$WORK/forms/units/form-missing-workbook.xlsx"
cp fixtures/bad/form-row-overflow.xlsx "$WORK/forms/units/doan-thuong/phieu-cham-diem-doan-thuong-2022.xlsx"
$PARPACK import "$WORK/blank.xml" "$WORK/forms" --out "$WORK/b.xml" 2> "$WORK/row.err"
expect_eq "a row number below the sheet: exit 1" $? 1
expect_grep "the row is named" "row r=\"-9223372036854775808\" is outside the sheet" "$WORK/row.err"
[ ! -e "$WORK/b.xml" ] && ok "nothing written" || bad "b.xml written"
# 200,000 entries: refused from the central directory's count, at once
python3 - "$WORK/many.xlsx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:
    for i in range(200000):
        z.writestr("e%d" % i, b"")
PY
t0=$(date +%s%N)
$PARPACK import "$WORK/blank.xml" "$WORK/many.xlsx" > /dev/null 2> "$WORK/many.err"
rc=$?; t1=$(date +%s%N)
expect_eq "200,000 entries: exit 1" $rc 1
expect_grep "200,000 entries: said" "the archive holds 200000 entries, more than 10000" "$WORK/many.err"
ms=$(( (t1 - t0) / 1000000 ))
[ $ms -lt 1500 ] && ok "200,000 entries: refused in $ms ms" || bad "200,000 entries: $ms ms"
finish
