# Returned forms as clerks' programs leave them, and what import says:
# - a score cell with a formula never calculated (a workbook saved by a
#   script, by openpyxl): an error at the cell; it was read as an empty
#   cell, and the council's appraised figure dropped for the self-assessed
#   one, silently;
# - TRUE in a score cell: said as TRUE, not "'1' is not a number";
# - a note longer than the appraisal's 2,000 characters (a cell holds
#   32,767): an error at the cell; it was written, then refused by check;
# - a form saved as .ods or .xls beside the others: said (a warning
#   naming the file and what to do), not silently left out while the
#   unit "has no form"; given by name, with .xls, a password-protected
#   workbook, an empty file, a file cut short, an XML file, each said in
#   the clerk's words, not "not a ZIP archive";
# - --out naming the blank or a form being read: refused, exit 3, the
#   file as it was (it was replaced by the scored appraisal);
# - a blank in windows-1258: the notes written as character references,
#   which check reads back as written (they were UTF-8 bytes in a
#   windows-1258 file); a blank in UTF-16 said, not "0 <unit> elements";
# - a workbook that is no form (a packet's score sheet) among the forms:
#   one error naming it, not forty asking to mend it;
# - a link in the forms folder back to it, or a form named twice: read
#   once (the same file was "a second form" of its unit);
# - Excel's escapes in a cell's text ("_x000D_" after a line pasted from
#   Word) read as the characters they stand for, not written into the
#   note as they stood.
. tests/lib.sh
vi_locale
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; exit 77; }
$PY - fixtures/gia-loc-2022.xml "$WORK/blank.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r"\n\s*<score [^>]*/>", "", s))
PY
B=$WORK/blank.xml
$PARPACK forms "$B" --out "$WORK/forms" --quiet 2> /dev/null
expect_eq "forms: exit 0" $? 0
$PY tests/fill-forms.py fixtures/gia-loc-2022.xml "$WORK/forms"
$PARPACK import "$B" "$WORK/forms" --out "$WORK/all.xml" 2> /dev/null
expect_eq "the filled forms: import exit 0" $? 0
T=units/thong-nhat/phieu-cham-diem-thong-nhat-2022
fresh() { rm -rf "$WORK/e" "$WORK/no.xml"; cp -r "$WORK/forms" "$WORK/e"; }
# set FORM CELLCODE COLUMN VALUE: the cell of the criterion's row
setcell() {
    $PY - "$@" <<'PY'
import sys, openpyxl
path, code, col, value = sys.argv[1:5]
value = True if value == "@TRUE" else value  # a logical cell
wb = openpyxl.load_workbook(path)
ws = wb["Phiếu chấm điểm"]
row = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == code][0]
ws["%s%d" % (col, row)] = value
wb.save(path)
print("Phiếu chấm điểm!%s%d" % (col, row))
PY
}
nothing() { [ -e "$WORK/no.xml" ] && bad "$1: a file was written" || ok "$1: nothing written"; }

# a formula never calculated, in the appraised column
fresh
cell=$(setcell "$WORK/e/$T.xlsx" 1.1.1 E "=0.5+0.25")
en $PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "formula never calculated: exit 1" $? 1
expect_grep "formula never calculated: at its cell" \
    "$T.xlsx:$cell: error: criterion 1.1.1: the cell holds a formula that was never calculated" "$WORK/err"
nothing "formula never calculated"
vi $PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_grep "formula never calculated: in Vietnamese" "ô chứa một công thức chưa từng được tính" "$WORK/err"
# the same formula calculated (LibreOffice saves its value): the value
if command -v soffice > /dev/null; then
    mkdir -p "$WORK/lo"
    HOME=$WORK timeout 120 soffice -env:UserInstallation=file://$WORK/lo-profile --headless \
        --convert-to xlsx --outdir "$WORK/lo" "$WORK/e/$T.xlsx" > /dev/null 2>&1
    cp "$WORK/lo/phieu-cham-diem-thong-nhat-2022.xlsx" "$WORK/e/$T.xlsx"
    $PARPACK import "$B" "$WORK/e" --out "$WORK/lo.xml" 2> "$WORK/err"
    expect_eq "the formula calculated by LibreOffice: exit 0" $? 0
    cmp -s "$WORK/lo.xml" "$WORK/all.xml" && ok "the formula calculated: its value, 0.75" \
        || bad "the formula calculated: another appraisal"
fi

# TRUE in a score cell: said as TRUE (it was "'1' is not a number")
fresh
cell=$(setcell "$WORK/e/$T.xlsx" 1.1.1 E @TRUE)
en $PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "TRUE in a score cell: exit 1" $? 1
expect_grep "TRUE in a score cell: said as TRUE" \
    "$T.xlsx:$cell: error: criterion 1.1.1: the cell holds the logical value TRUE, not points" "$WORK/err"
nothing "TRUE in a score cell"

# a note of 3,000 characters
fresh
cell=$(setcell "$WORK/e/$T.xlsx" 1.1.1 F "$(printf 'ghi chú %.0s' $(seq 375))")
en $PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "a note of 3,000 characters: exit 1" $? 1
expect_grep "a note of 3,000 characters: at its cell" \
    "$T.xlsx:$cell: error: criterion 1.1.1: the note is 3000 characters long; at most 2000 are allowed" "$WORK/err"
nothing "a long note"
# 2,000 exactly: written, and check accepts it
fresh
setcell "$WORK/e/$T.xlsx" 1.1.1 F "$(printf 'x%.0s' $(seq 2000))" > /dev/null
$PARPACK import "$B" "$WORK/e" --out "$WORK/n.xml" 2> "$WORK/err"
expect_eq "a note of 2,000 characters: import exit 0" $? 0
$PARPACK check "$WORK/n.xml" > /dev/null 2>&1
expect_eq "a note of 2,000 characters: check accepts what import wrote" $? 0

# a note pasted from Word: Excel writes its carriage return "_x000D_"
# (ECMA-376's escape), and a control character "_x0007_": read as the
# line break, the control character left out (XML cannot hold it); an
# escaped underscore "_x005F_" as "_" (it was all written as it stood)
fresh
setcell "$WORK/e/$T.xlsx" 1.1.1 F "Dòng từ Word_x000D_
hai_x0007_ba _x005F_x0041_" > /dev/null
$PARPACK import "$B" "$WORK/e" --out "$WORK/x.xml" 2> "$WORK/err"
expect_eq "a note pasted from Word: import exit 0" $? 0
expect_grep "a note pasted from Word: its line break, no escape" 'note="Dòng từ Word&#13;&#10;haiba _x0041_"' "$WORK/x.xml"
$PARPACK check "$WORK/x.xml" > /dev/null 2>&1
expect_eq "a note pasted from Word: check accepts it" $? 0

# files that are not .xlsx workbooks (made as their programs write them:
# the first bytes are what tells them)
$PY - "$WORK" <<'PY'
import sys, zipfile
w = sys.argv[1]
with zipfile.ZipFile(w + "/form.ods", "w") as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("content.xml", "<office:document-content/>")
ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 4088
open(w + "/form.xls", "wb").write(ole + "Workbook".encode("utf-16-le") + b"\0" * 4000)
open(w + "/locked.xlsx", "wb").write(ole + "EncryptionInfo".encode("utf-16-le") + b"\0" * 50
                                     + "EncryptedPackage".encode("utf-16-le") + b"\0" * 4000)
open(w + "/empty.xlsx", "wb").close()
full = open(w + "/forms/units/thong-nhat/phieu-cham-diem-thong-nhat-2022.xlsx", "rb").read()
open(w + "/cut.xlsx", "wb").write(full[: len(full) // 2])
open(w + "/xml2003.xlsx", "w").write('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook/>\n')
PY
# in the folder, instead of the unit's .xlsx: said, and the unit missing
for x in ods xls; do
    fresh; rm "$WORK/e/$T.xlsx"; cp "$WORK/form.$x" "$WORK/e/$T.$x"
    en $PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
    expect_eq ".$x in the folder: exit 1 (the unit has no .xlsx)" $? 1
    expect_grep ".$x in the folder: the file is named, with what to do" \
        "$T.$x: warning: not read: only .xlsx forms are read (the form is" "$WORK/err"
    expect_grep ".$x in the folder: the unit is missing" "unit 'thong-nhat' (Thống Nhất) has no form" "$WORK/err"
    nothing ".$x in the folder"
done
# beside the unit's .xlsx: a warning only, the import done
fresh; cp "$WORK/form.ods" "$WORK/e/$T.ods"
$PARPACK import "$B" "$WORK/e" --out "$WORK/both.xml" 2> "$WORK/err"
expect_eq ".ods beside the .xlsx: exit 0" $? 0
expect_grep ".ods beside the .xlsx: said" "$T.ods: warning: not read" "$WORK/err"
# each given by name: in the clerk's words
while IFS='|' read -r f want; do
    [ -n "$f" ] || continue
    en $PARPACK import "$B" "$WORK/$f" --partial --out "$WORK/no.xml" 2> "$WORK/err"
    expect_eq "$f: exit 1" $? 1
    expect_grep "$f: said" "$WORK/$f: error: $want" "$WORK/err"
    expect_nogrep "$f: not the archive's words" "Not a zip archive" "$WORK/err"
    nothing "$f"
done <<'LIST'
form.ods|the form is an OpenDocument file (.ods), not an .xlsx; open it and save it as 'Excel 2007-365 (.xlsx)'
form.xls|the form is an Excel 97-2003 workbook (.xls), not an .xlsx; open it and save it as 'Excel Workbook (.xlsx)'
locked.xlsx|the form is protected by a password, so it cannot be read; open it, remove the password
empty.xlsx|the file is empty (0 bytes)
cut.xlsx|the form is cut short (its end is missing)
xml2003.xlsx|the form is a text file (XML or a web page), not an .xlsx workbook
LIST
vi $PARPACK import "$B" "$WORK/locked.xlsx" --partial --out "$WORK/no.xml" 2> "$WORK/err"
expect_grep "a password, in Vietnamese" "phiếu được bảo vệ bằng mật khẩu nên không đọc được" "$WORK/err"
# a damaged archive that is none of those: the reader's reason, as before
en $PARPACK import "$B" fixtures/bad/form-missing-workbook.xlsx --partial --out "$WORK/no.xml" 2> "$WORK/err"
expect_grep "a damaged archive: the reader's reason" "cannot read the form: not a spreadsheet: no workbook part" "$WORK/err"
vi $PARPACK import "$B" fixtures/bad/form-missing-workbook.xlsx --partial --out "$WORK/no.xml" 2> "$WORK/err"
expect_grep "a damaged archive: the reason in Vietnamese too" "không đọc được phiếu: không phải bảng tính: thiếu phần bảng tính chính" "$WORK/err"
# a form whose sheet's XML is broken (a program that wrote it badly, a
# byte changed): where, in the clerk's words, not libxml2's English
$PY - "$WORK/forms/$T.xlsx" "$WORK/broken.xlsx" <<'PY'
import sys, zipfile
src, dst = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED)
for i in src.infolist():
    data = src.read(i.filename)
    if i.filename == "xl/worksheets/sheet1.xml":
        data = data.replace(b"</row>", b"</rw>", 1)
    dst.writestr(i, data)
dst.close()
PY
en $PARPACK import "$B" "$WORK/broken.xlsx" --partial --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "a broken sheet: exit 1" $? 1
expect_grep "a broken sheet: the part and its line" "cannot read the sheet: xl/worksheets/sheet1.xml: line 1: the XML is broken or cut short" "$WORK/err"
vi $PARPACK import "$B" "$WORK/broken.xlsx" --partial --out "$WORK/no.xml" 2> "$WORK/err"
expect_grep "a broken sheet: in Vietnamese" "xl/worksheets/sheet1.xml: dòng 1: XML bị hỏng hoặc bị cắt cụt" "$WORK/err"
expect_nogrep "a broken sheet: not libxml2's English" "mismatch" "$WORK/err"

# a blank in windows-1258 (declared in its first line): the scores and
# notes written in its encoding's terms (character references), so that
# check reads the notes as written; they were UTF-8 bytes in a
# windows-1258 file (mojibake, or a byte the code page lacks)
$PY tools/enc-windows-1258.py "$B" > "$WORK/blank1258.xml"
$PARPACK import "$WORK/blank1258.xml" "$WORK/forms" --out "$WORK/i1258.xml" 2> "$WORK/err"
expect_eq "a windows-1258 blank: import exit 0" $? 0
$PARPACK check "$WORK/i1258.xml" > /dev/null 2> "$WORK/err"
expect_eq "a windows-1258 blank: check accepts what import wrote" $? 0
$PARPACK score "$WORK/i1258.xml" > "$WORK/i1258.csv" 2> /dev/null
$PARPACK score "$WORK/all.xml" > "$WORK/all.csv"
cmp -s "$WORK/i1258.csv" "$WORK/all.csv" && ok "a windows-1258 blank: the same scores" || bad "a windows-1258 blank: other scores"
rm -rf "$WORK/r"
$PARPACK build "$WORK/i1258.xml" --only results --out "$WORK/r" --quiet 2> /dev/null
expect_grep "a windows-1258 blank: the notes as written" 'Chưa có minh chứng kèm theo' "$WORK/r/ket-qua-chi-so-cchc-2022.xml"
# a blank in UTF-16: said, nothing written
$PY -c 'import sys; s = open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[2], "wb").write(s.replace("UTF-8", "UTF-16").encode("utf-16"))' "$B" "$WORK/blank16.xml"
rm -f "$WORK/no.xml"
en $PARPACK import "$WORK/blank16.xml" "$WORK/forms" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "a UTF-16 blank: exit 1" $? 1
expect_grep "a UTF-16 blank: said" "the blank appraisal is saved in UTF-16, into which import cannot write the scores; save it as UTF-8" "$WORK/err"
nothing "a UTF-16 blank"

# a packet's score sheet among the forms (it has the headings of a form,
# no unit and no year): one error naming it (it was forty, each asking
# to mend a cell of it: "write the unit's id there", "the row of
# criterion 1.1.1 is missing", …)
$PARPACK build "$WORK/all.xml" --only unit-workbook --out "$WORK/pk" --quiet 2> /dev/null
fresh; cp "$WORK/pk/units/thong-nhat/bang-diem-thong-nhat-2022.xlsx" "$WORK/e/"
en $PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "a packet's score sheet among the forms: exit 1" $? 1
expect_grep "a packet's score sheet among the forms: said once" \
    "bang-diem-thong-nhat-2022.xlsx: error: this workbook is not a scoring form: it names no unit and no year" "$WORK/err"
expect_eq "a packet's score sheet among the forms: one error" "$(grep -c ': error: ' "$WORK/err")" 1
nothing "a packet's score sheet"

# a link in the folder back to it (units/loop -> ..), and a form named
# twice on the command line: each form read once (they were "a second
# form for unit …", 54 errors, and nothing written)
fresh; ln -s .. "$WORK/e/units/loop"
$PARPACK import "$B" "$WORK/e" --out "$WORK/loop.xml" 2> "$WORK/err"
expect_eq "a link back to the folder: exit 0" $? 0
cmp -s "$WORK/loop.xml" "$WORK/all.xml" && ok "a link back to the folder: the same appraisal" || bad "a link back: differs"
$PARPACK import "$B" "$WORK/forms/$T.xlsx" "$WORK/forms" --out "$WORK/twice.xml" 2> "$WORK/err"
expect_eq "a form named twice: exit 0" $? 0
expect_grep "a form named twice: 18 forms read" "18 of 18 forms: 18 complete" "$WORK/err"

# --out naming the blank, or a form
cp "$B" "$WORK/blank2.xml"
en $PARPACK import "$WORK/blank2.xml" "$WORK/forms" --out "$WORK/blank2.xml" 2> "$WORK/err"
expect_eq "--out the blank: exit 3" $? 3
expect_grep "--out the blank: said" "--out names the blank appraisal itself" "$WORK/err"
cmp -s "$B" "$WORK/blank2.xml" && ok "--out the blank: the blank as it was" || bad "--out the blank: the blank changed"
cp "$WORK/forms/$T.xlsx" "$WORK/one.xlsx"
en $PARPACK import "$B" "$WORK/one.xlsx" --partial --out "$WORK/one.xlsx" 2> "$WORK/err"
expect_eq "--out a form: exit 3" $? 3
expect_grep "--out a form: said" "--out names a form being read" "$WORK/err"
cmp -s "$WORK/forms/$T.xlsx" "$WORK/one.xlsx" && ok "--out a form: the form as it was" || bad "--out a form: changed"
# another existing file: replaced, as -o does (a re-import after a fix)
echo old > "$WORK/prev.xml"
$PARPACK import "$B" "$WORK/forms" --out "$WORK/prev.xml" 2> /dev/null
expect_eq "--out an earlier import: exit 0" $? 0
cmp -s "$WORK/prev.xml" "$WORK/all.xml" && ok "--out an earlier import: replaced" || bad "--out an earlier import"
finish
