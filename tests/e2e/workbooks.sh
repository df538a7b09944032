# Issue: score workbooks with live formulas. LibreOffice (private profile,
# recalculation on load) recalculates every formula to the cached figure
# and to `parpack score`; two builds are byte-identical; each unit's sheet
# holds only its own criterion scores; Vietnamese names survive.
. tests/lib.sh
command -v soffice >/dev/null 2>&1 || { echo "LibreOffice missing"; exit 77; }
O=$WORK/out
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only workbook,unit-workbook --out "$O" --quiet
expect_eq "build exits 0" $? 0
W=$O/bang-tong-hop-chi-so-cchc-2022.xlsx
U=$O/units/thong-nhat/bang-diem-thong-nhat-2022.xlsx
[ -f "$W" ] && ok "consolidated workbook" || bad "no consolidated workbook"
expect_eq "18 unit workbooks" "$(ls "$O"/units/*/bang-diem-*-2022.xlsx | wc -l)" 18
expect_eq "manifest: 19 files" "$(wc -l < "$O/manifest.tsv")" 19
unzip -p "$W" xl/workbook.xml > "$WORK/wb.xml"
for s in "Điểm tiêu chí" "Xếp hạng" "Lĩnh vực"; do
    expect_grep "sheet '$s'" "name=\"$s\"" "$WORK/wb.xml"
done
unzip -p "$W" docProps/core.xml > "$WORK/core.xml"
expect_grep "created from SOURCE_DATE_EPOCH" "2023-03-17T00:00:00Z" "$WORK/core.xml"
# numbers are numbers: no cell of the ranking sheet stores a figure as text
unzip -p "$W" xl/worksheets/sheet2.xml > "$WORK/s2.xml"
grep -o '<c r="[C-E][0-9]*"[^>]*t="inlineStr"><is><t>[0-9.,]*</t>' "$WORK/s2.xml" | head -3 > "$WORK/txtnum"
[ -s "$WORK/txtnum" ] && bad "figures stored as text: $(cat "$WORK/txtnum")" || ok "figures stored as numbers"
expect_grep "index is a formula with its value" '<f>ROUND(100*C4/D4,2)</f><v>87.4' "$WORK/s2.xml"
# recalculated = cached, for every sheet of both workbooks
sh tests/lo-recalc.sh "$W" "$WORK/lo"
diff -r "$WORK/lo/recalc" "$WORK/lo/cached" > "$WORK/diff" && ok "consolidated: recalculated = cached" || { bad "recalculated differs"; head "$WORK/diff"; }
sh tests/lo-recalc.sh "$U" "$WORK/lu"
diff -r "$WORK/lu/recalc" "$WORK/lu/cached" > "$WORK/diff" && ok "unit sheet: recalculated = cached" || { bad "unit recalculated differs"; head "$WORK/diff"; }
# the recalculation really happens: a wrong cached value is corrected
python3 tests/xlsx-tamper.py "$W" "$WORK/t.xlsx" 2 E4 11
sh tests/lo-recalc.sh "$WORK/t.xlsx" "$WORK/lt"
grep -q '^1,Thống Nhất,87.49,100,87.49,' "$WORK/lt/recalc/t-Xếp hạng.csv" && ok "LibreOffice recalculates on load" || bad "no recalculation"
grep -q '^1,Thống Nhất,87.49,100,11,' "$WORK/lt/cached/t-Xếp hạng.csv" && ok "the tampered cache is visible without recalculation" || bad "tamper not visible"
# recalculated ranking = parpack score (rank, name, points, max, index)
$PARPACK score fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    | tr -d '\r' | awk -F, 'NR>1 {printf "%s,%s,%s,%s,%.2f,%s\n", $2, $4, $5, $6, $7, $11}' > "$WORK/score"
awk -F, 'NR>3 && $1 != "" {printf "%s,%s,%s,%s,%.2f,%s\n", $1, $2, $3, $4, $5, $9}' \
    "$WORK/lo/recalc/bang-tong-hop-chi-so-cchc-2022-Xếp hạng.csv" > "$WORK/wbk"
diff "$WORK/score" "$WORK/wbk" > "$WORK/d2" && ok "workbook ranking = parpack score" || { bad "ranking differs"; head "$WORK/d2"; }
# the unit's sheet: its total and index, and its block's ranking
R=$WORK/lu/recalc
grep -q '^,Chỉ số cải cách hành chính (%),,[0-9.]*,87.49,' "$R/bang-diem-thong-nhat-2022-Bảng điểm.csv" && ok "unit sheet index 87.49 (recalculated)" || bad "unit sheet index"
grep -q 'Tổng điểm (các tiêu chí áp dụng đối với đơn vị),100,[0-9.]*,87.49' "$R/bang-diem-thong-nhat-2022-Bảng điểm.csv" && ok "unit sheet total 87.49 of 100" || bad "unit sheet total"
expect_eq "unit's ranking sheet lists its block" "$(grep -c '^[0-9][0-9]*,' "$R/bang-diem-thong-nhat-2022-Xếp hạng.csv")" 18
unzip -p "$U" xl/worksheets/sheet1.xml > "$WORK/u1.xml"
leak=""
for other in "Toàn Thắng" "Đức Xương" "Gia Khánh"; do grep -q "$other" "$WORK/u1.xml" && leak="$leak $other"; done
[ -z "$leak" ] && ok "no other unit on the unit's score sheet" || bad "other units on the score sheet:$leak"
# reproducible
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only workbook,unit-workbook --out "$WORK/out2" --quiet
cmp -s "$W" "$WORK/out2/bang-tong-hop-chi-so-cchc-2022.xlsx" && cmp -s "$U" "$WORK/out2/units/thong-nhat/bang-diem-thong-nhat-2022.xlsx" \
    && ok "two builds byte-identical" || bad "workbooks differ between builds"
# several blocks: ranking formulas reach each unit's row of the criteria
# sheet through bound rows (seq); recalculated = cached on every sheet
$PARPACK build fixtures/ha-tinh-2023.xml --only workbook,unit-workbook --out "$WORK/ht" --quiet
expect_eq "Hà Tĩnh: exit 0" $? 0
sh tests/lo-recalc.sh "$WORK/ht/bang-tong-hop-chi-so-cchc-2023.xlsx" "$WORK/lh"
diff -r "$WORK/lh/recalc" "$WORK/lh/cached" > "$WORK/diff" && ok "three blocks: recalculated = cached" || { bad "three blocks: recalculated differs"; head "$WORK/diff"; }
HU=$(ls "$WORK"/ht/units/*/bang-diem-*-2023.xlsx | tail -n 1)
sh tests/lo-recalc.sh "$HU" "$WORK/lhu"
diff -r "$WORK/lhu/recalc" "$WORK/lhu/cached" > "$WORK/diff" && ok "last unit of the last block: recalculated = cached" || { bad "unit of the last block differs"; head "$WORK/diff"; }
# not-applicable criteria (Kon Rẫy): left out of the subtotals by their
# marker column, and recalculated = cached
$PARPACK build fixtures/kon-ray-na.xml --only unit-workbook --out "$WORK/kr" --quiet
sh tests/lo-recalc.sh "$WORK/kr/units/kon-ray/bang-diem-kon-ray-2022.xlsx" "$WORK/lkr"
diff -r "$WORK/lkr/recalc" "$WORK/lkr/cached" > "$WORK/diff" && ok "n/a criteria: recalculated = cached" || { bad "n/a criteria: recalculated differs"; head "$WORK/diff"; }
expect_grep "n/a criterion marked" "Không áp dụng đối với đơn vị,na" "$WORK/lkr/recalc/bang-diem-kon-ray-2022-Bảng điểm.csv"
grep -q '^,Chỉ số cải cách hành chính (%),,[0-9.]*,86.471,' "$WORK/lkr/recalc/bang-diem-kon-ray-2022-Bảng điểm.csv" && ok "Kon Rẫy index 86.471 (recalculated)" || bad "Kon Rẫy index"
# a template naming a field the data has not: exit 4, the field named,
# nothing written
cp -R templates "$WORK/tplf"
sed -i 's|field="tier-label"|field="tier-lable"|' "$WORK/tplf/unit-workbook.xsl"
$PARPACK build fixtures/gia-loc-2022.xml --only unit-workbook --templates "$WORK/tplf" --out "$WORK/bad-field" --quiet 2> "$WORK/ef"
expect_eq "unknown field: exit 4" $? 4
expect_grep "unknown field: named" "no field 'tier-lable'" "$WORK/ef"
[ ! -e "$WORK/bad-field" ] && ok "unknown field: nothing written" || bad "unknown field: a packet was written"

# same names in different blocks, hostile ids: distinct files, all inside DIR
sed -e 's|<units>|<units><block id="b1" name="Khối 1">|' \
    -e 's|</units>|</block><block id="b2" name="Khối 2"><unit id="../../../tmp/escape" name="An Lạc"><score c="1.1" appraised="1"/><score c="1.2" appraised="1"/><score c="2.1" appraised="1"/></unit><unit id="An-Lac" name="An Lạc"><score c="1.1" appraised="1"/><score c="1.2" appraised="1"/><score c="2.1" appraised="1"/></unit></block></units>|' \
    fixtures/small.xml > "$WORK/dup.xml"
$PARPACK build "$WORK/dup.xml" --only unit-workbook --out "$WORK/dup" --quiet
expect_eq "blocks with twin names: exit 0" $? 0
expect_eq "4 unit workbooks for 4 units" "$(find "$WORK/dup" -name '*.xlsx' | wc -l)" 4
[ ! -e /tmp/escape ] && ! find "$WORK" -maxdepth 1 -name 'escape*' | grep -q . && ok "no file outside DIR" || bad "a file escaped DIR"
cut -f3 "$WORK/dup/manifest.tsv" | grep -q '\.\.' && bad "'..' in a packet path" || ok "no '..' in packet paths"
# rows of wrapped text as tall as Excel sets them: widths from the serif
# font's advances, in a column whose unit is Calibri's digit. "Sở Tài
# nguyên và Môi trường" (27 letters) wraps in a 22-wide column, and the
# note "Số hóa kết quả giải quyết chưa đạt yêu cầu" in a 36-wide one: a
# count of letters kept both one line tall, and Excel cut them
$PARPACK build fixtures/ha-tinh-2023.xml --only workbook --out "$WORK/hth" --quiet 2> /dev/null
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3 # Debian's, with python3-openpyxl
$PY - "$WORK"/hth/*.xlsx "$O/units/doan-thuong/bang-diem-doan-thuong-2022.xlsx" > "$WORK/heights" << 'PY'
import sys, openpyxl
def height(path, sheet, col, text):
    ws = openpyxl.load_workbook(path)[sheet]
    for row in ws.iter_rows():
        if row[col].value == text:
            h = ws.row_dimensions[row[col].row].height
            return "%s: %s" % (text, "one line" if h is None or h < 20 else "%d lines" % round((h - 3) / 14.3))
    return "%s: not found" % text
print(height(sys.argv[1], "Điểm tiêu chí", 3, "Sở Tài nguyên và Môi trường"))
print(height(sys.argv[1], "Điểm tiêu chí", 3, "Sở Tư pháp"))
print(height(sys.argv[1], "Điểm tiêu chí", 3, "Cục Thuế tỉnh"))
print(height(sys.argv[2], "Bảng điểm", 7, "Số hóa kết quả giải quyết chưa đạt yêu cầu"))
print(height(sys.argv[2], "Bảng điểm", 1, "Ban hành kế hoạch cải cách hành chính năm kịp thời"))
PY
expect_grep "a name wider than its column: two lines" "Sở Tài nguyên và Môi trường: 2 lines" "$WORK/heights"
expect_grep "a short name: one line" "Sở Tư pháp: one line" "$WORK/heights"
expect_grep "'Cơ quan Trung ương đóng trên địa bàn' in an 18-wide column: three lines" "Cục Thuế tỉnh: 3 lines" "$WORK/heights"
expect_grep "a note wider than its column: two lines" "Số hóa kết quả giải quyết chưa đạt yêu cầu: 2 lines" "$WORK/heights"
expect_grep "a criterion's name that fits: one line" "Ban hành kế hoạch cải cách hành chính năm kịp thời: one line" "$WORK/heights"
finish
