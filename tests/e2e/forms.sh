# Issue 15: scoring forms out, filled forms back in. Gia Lộc 2022 without
# its scores -> `forms` -> python3-openpyxl fills every form from the
# original (numbers, "1,5" typed as text, KAD, an inserted row and column,
# an extra sheet) -> two forms re-saved by LibreOffice -> `import` gives
# back the original file byte for byte, so `score` is the same figure for
# figure; the same with Kon Rẫy's not-applicable criteria (86.471). Then
# one spoiled form per error class, each reported at its cell, several in
# one run, and nothing written. LibreOffice refuses a value above the
# maximum and prints the form on A4.
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; exit 77; }
command -v soffice >/dev/null 2>&1 || { echo "LibreOffice missing"; exit 77; }

# strip ORIGINAL BLANK: the same file without any <score> line
strip() {
    $PY - "$1" "$2" <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r"\n\s*<score [^>]*/>", "", s))
EOF
}

# --- Gia Lộc 2022 -------------------------------------------------------
B=$WORK/blank.xml
strip fixtures/gia-loc-2022.xml "$B"
$PARPACK check "$B" > /dev/null 2>&1
expect_eq "check refuses the blank file" $? 1
$PARPACK forms "$B" --out "$WORK/forms" --quiet
expect_eq "forms exits 0" $? 0
F=$WORK/forms
expect_eq "18 forms" "$(ls "$F"/units/*/phieu-cham-diem-*-2022.xlsx | wc -l)" 18
# a message to each unit with an address (17 of the 18)
expect_eq "17 messages" "$(ls "$F"/units/*/thu-phieu-cham-diem-*-2022.eml | wc -l)" "$(grep -c '<unit .*email=' "$B")"
expect_eq "manifest: 35 files" "$(wc -l < "$F/manifest.tsv")" 35
expect_eq "manifest kinds" "$(cut -f1 "$F/manifest.tsv" | sort -u | tr '\n' ' ')" "unit-form unit-form-mail "
(cd "$F" && sha256sum -c --quiet SHA256SUMS) && ok "SHA256SUMS checks" || bad "SHA256SUMS"
T=$F/units/thong-nhat/phieu-cham-diem-thong-nhat-2022.xlsx
M=$F/units/thong-nhat/thu-phieu-cham-diem-thong-nhat-2022.eml
expect_grep "message to the unit" "To: " "$M"
expect_grep "form attached" 'phieu-cham-diem-thong-nhat-2022.xlsx' "$M"
# the form's structure, as any reader sees it
unzip -p "$T" xl/workbook.xml > "$WORK/wb.xml"
unzip -p "$T" xl/worksheets/sheet1.xml > "$WORK/s1.xml"
expect_grep "unit named in the form" "<definedName name=\"PP_UNIT\">'Phiếu chấm điểm'!\$B\$4" "$WORK/wb.xml"
expect_grep "year named" 'name="PP_YEAR"' "$WORK/wb.xml"
expect_grep "issuer named" 'name="PP_ISSUER"' "$WORK/wb.xml"
expect_grep "sheet protected" '<sheetProtection sheet="1"' "$WORK/s1.xml"
expect_grep "score cells validated" 'type="custom"' "$WORK/s1.xml"
expect_grep "validation against the maximum" 'D9&lt;=$C9' "$WORK/s1.xml"
expect_grep "A4" 'paperSize="9"' "$WORK/s1.xml"
expect_grep "subtotals are formulas" '<f>SUMIF(H11:H12,"x",D11:D12)</f><v>0</v>' "$WORK/s1.xml"
# two runs, byte for byte
$PARPACK forms "$B" --out "$WORK/forms2" --quiet
cmp -s "$F/manifest.tsv" "$WORK/forms2/manifest.tsv" && ok "two runs are byte-identical" || bad "forms differ between runs"

# LibreOffice: the validation refuses what it should, on A4
$PY tests/lo-validate.py "$T" D11 1 D11 1.5 D11 0,5 D11 1,5 D11 KAD D11 abc D11 -1 E12 2 E12 2.5 > "$WORK/val" 2>&1
rc=$?
if [ $rc -eq 2 ]; then
    echo "skip - LibreOffice cannot be driven through UNO"
else
    for l in "D11 1 valid" "D11 1.5 invalid" "D11 0,5 invalid" "D11 1,5 invalid" \
             "D11 KAD valid" "D11 abc invalid" "D11 -1 invalid" "E12 2 valid" "E12 2.5 invalid"; do
        grep -qx "$l" "$WORK/val" && ok "LibreOffice: $l" || bad "LibreOffice: want '$l', got: $(tr '\n' ';' < "$WORK/val")"
    done
fi
soffice --headless --convert-to pdf --outdir "$WORK/pdf" "$T" > /dev/null 2>&1
pdfinfo "$WORK/pdf/phieu-cham-diem-thong-nhat-2022.pdf" > "$WORK/pdfinfo" 2>&1
expect_grep "prints on A4" "(A4)" "$WORK/pdfinfo"

# fill every form from the original, the way people do
cp -r "$F" "$WORK/filled"
$PY tests/fill-forms.py fixtures/gia-loc-2022.xml "$WORK/filled" --vary
expect_eq "forms filled" $? 0
# the subtotals recalculate in LibreOffice (a form filled with numbers)
cp -r "$F" "$WORK/filled0"
$PY tests/fill-forms.py fixtures/gia-loc-2022.xml "$WORK/filled0"
sh tests/lo-recalc.sh "$WORK/filled0/units/thong-nhat/phieu-cham-diem-thong-nhat-2022.xlsx" "$WORK/lr"
grep '^,Tổng điểm,' "$WORK/lr/recalc/"*.csv > "$WORK/total"
want=$($PARPACK score fixtures/gia-loc-2022.xml | awk -F, '$3 == "thong-nhat" {print $5}')
awk -F, -v w="$want" '{ if ($5 + 0 == w + 0) print "same" }' "$WORK/total" | grep -q same \
    && ok "LibreOffice sums the filled form to $want" || bad "recalculated total: $(cat "$WORK/total"), want $want"
# two forms re-saved by LibreOffice (one with an inserted row and column,
# one with an extra sheet)
mkdir -p "$WORK/lo"
set -- $(ls "$WORK"/filled/units/*/phieu-cham-diem-*.xlsx | head -2)
soffice --headless --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$WORK/lo" "$1" "$2" > /dev/null 2>&1
for f in "$1" "$2"; do
    n=$(basename "$f")
    if [ -s "$WORK/lo/$n" ] && ! cmp -s "$WORK/lo/$n" "$f"; then
        cp "$WORK/lo/$n" "$f"; ok "re-saved by LibreOffice: $n"
    else
        bad "LibreOffice did not re-save $n"
    fi
done
$PARPACK import "$B" "$WORK/filled" --out "$WORK/imported.xml" 2> "$WORK/err"
expect_eq "import exits 0" $? 0
cmp -s "$WORK/imported.xml" fixtures/gia-loc-2022.xml && ok "import gives back the original file byte for byte" \
    || { bad "imported file differs"; diff "$WORK/imported.xml" fixtures/gia-loc-2022.xml | head; }
$PARPACK check "$WORK/imported.xml" > /dev/null
expect_eq "check accepts the imported file" $? 0
$PARPACK score fixtures/gia-loc-2022.xml > "$WORK/s-orig"
$PARPACK score "$WORK/imported.xml" > "$WORK/s-imp"
cmp -s "$WORK/s-orig" "$WORK/s-imp" && ok "score: figure for figure" || bad "scores differ"
# files on the command line, to standard output
$PARPACK import "$B" "$WORK"/filled/units/*/*.xlsx > "$WORK/stdout.xml"
cmp -s "$WORK/stdout.xml" fixtures/gia-loc-2022.xml && ok "forms as files, to standard output" || bad "stdout import differs"

# --- Kon Rẫy: criteria that do not apply ---------------------------------
strip fixtures/kon-ray-na.xml "$WORK/kblank.xml"
$PARPACK forms "$WORK/kblank.xml" --out "$WORK/kforms" --quiet
$PY tests/fill-forms.py fixtures/kon-ray-na.xml "$WORK/kforms" --vary
$PARPACK import "$WORK/kblank.xml" "$WORK/kforms" --out "$WORK/kimp.xml"
expect_eq "Kon Rẫy: import exits 0" $? 0
expect_grep "KAD is na=\"true\"" '<score c="1.2.1" na="true"/>' "$WORK/kimp.xml"
$PARPACK score "$WORK/kimp.xml" | grep -q ',kon-ray,Kon Rẫy,82.58,95.5,86.471,' \
    && ok "Kon Rẫy: 82.58 of 95.5, index 86.471" || bad "Kon Rẫy index"
cmp -s "$WORK/kimp.xml" fixtures/kon-ray-na.xml && ok "Kon Rẫy: the original file" || bad "Kon Rẫy differs"

# --- errors: one spoiled form per class, each at its cell -------------------
fresh() { rm -rf "$WORK/e"; cp -r "$WORK/filled0" "$WORK/e"; }
U=$WORK/e/units/thong-nhat/phieu-cham-diem-thong-nhat-2022.xlsx
K=$WORK/e/units/toan-thang/phieu-cham-diem-toan-thang-2022.xlsx
# case  message-part
for c in "above:is above its maximum of 1" "negative:is negative" "nan:'abc' is not a number" \
         "stray:in a row without a criterion code" "unknown:the scheme has no criterion 'Hướng dẫn'" \
         "unit:which $B does not list" \
         "year:not of 2022" "issuer:not of 'ỦY BAN NHÂN DÂN HUYỆN GIA LỘC'" \
         "missing:the row of criterion 2.1.1"; do
    case=${c%%:*}; msg=${c#*:}
    fresh
    cell=$($PY tests/break-form.py "$U" "$case")
    rm -f "$WORK/no.xml"
    $PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
    rc=$?
    expect_eq "$case: exit 1" $rc 1
    grep -F "phieu-cham-diem-thong-nhat-2022.xlsx:$cell: error: " "$WORK/err" | grep -qF -- "$msg" \
        && ok "$case: reported at $cell" || { bad "$case: want '$cell' '$msg', got:"; cat "$WORK/err"; }
    [ -e "$WORK/no.xml" ] && bad "$case: a file was written" || ok "$case: nothing written"
done
# the unit's form missing: the unit without a form is named
fresh; rm "$U"
$PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "no form: exit 1" $? 1
expect_grep "no form: the unit is named" "unit 'thong-nhat' (Thống Nhất) has no form" "$WORK/err"
# two forms for one unit
fresh; cp "$K" "$WORK/e/units/toan-thang/ban-sao.xlsx"
$PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "two forms: exit 1" $? 1
expect_grep "two forms: reported at the id cell" "phieu-cham-diem-toan-thang-2022.xlsx:Phiếu chấm điểm!B4: error: a second form for unit 'toan-thang'" "$WORK/err"
expect_grep "two forms: the other one named" "ban-sao.xlsx has it already" "$WORK/err"
# several errors in several forms, all in one run
fresh
$PY tests/break-form.py "$U" above negative nan stray > /dev/null
$PY tests/break-form.py "$K" year missing > /dev/null
$PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "several: exit 1" $? 1
expect_eq "several: six errors" "$(grep -c ': error: ' "$WORK/err")" 6
expect_grep "several: the count" "6 errors: nothing was written" "$WORK/err"
expect_eq "several: in two forms" "$(grep ': error: ' "$WORK/err" | cut -d: -f1 | sort -u | wc -l)" 2
[ -e "$WORK/no.xml" ] && bad "several: a file was written" || ok "several: nothing written"
# the blank file must be blank
$PARPACK import fixtures/gia-loc-2022.xml "$WORK/filled0" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "a scored file as BLANK: exit 1" $? 1
expect_grep "a scored file as BLANK: said" "the file has scores already" "$WORK/err"
# a file that is not a workbook
fresh; echo "not a zip" > "$WORK/e/units/thong-nhat/phieu-cham-diem-thong-nhat-2022.xlsx"
$PARPACK import "$B" "$WORK/e" --out "$WORK/no.xml" 2> "$WORK/err"
expect_eq "not a workbook: exit 1" $? 1
expect_grep "not a workbook: said" "phieu-cham-diem-thong-nhat-2022.xlsx: error: cannot read the form" "$WORK/err"
finish
