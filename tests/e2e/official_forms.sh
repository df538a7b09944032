# Issue #12: official forms a clerk can sign. The signature block follows
# who issues each document and who signs (decree 30/2020, appendix I):
# the report is the committee's ("TM. ỦY BAN NHÂN DÂN"), the two
# decisions are the chairman's (no "TM."); a deputy signs "KT. CHỦ TỊCH" /
# "PHÓ CHỦ TỊCH". The report has no "Như Điều 3"; the issuing body breaks
# before its place; counts carry the thousands dot; the appendix names
# tiers by their labels; commendation counts say what they count; the
# message is addressed to "UBND xã Thống Nhất"; with last year's file the
# unit's score sheet gives last year's score and the change per criterion.
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's, with python3-openpyxl

# the signature column: the lines after "- Lưu: …" up to the signer's name
sig() {
    pdftotext "$1" - 2>/dev/null | awk -v n="$2" '
        /^- Lưu/ { f = 1; next }
        f && NF { printf "%s|", $0 }
        f && $0 == n { exit }'
}
text() { pdftotext "$1" - 2>/dev/null | tr '\f' '\n' | tr '\n' ' ' | tr -s ' '; }

R=bao-cao-chi-so-cchc-2022.pdf
D=quyet-dinh-cong-bo-chi-so-cchc-2022.pdf
A=quyet-dinh-khen-thuong-cchc-2022.pdf

# a deputy signs (the file in the new form: office="deputy")
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --out "$WORK/dep" --quiet 2> /dev/null
expect_eq "deputy: build exits 0" $? 0
expect_eq "deputy, report: the committee's block" "$(sig "$WORK/dep/$R" 'Phạm Văn Tuyên')" \
    "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Phạm Văn Tuyên|"
expect_eq "deputy, decision: the chairman's, no TM." "$(sig "$WORK/dep/$D" 'Phạm Văn Tuyên')" \
    "KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Phạm Văn Tuyên|"
expect_eq "deputy, commendation: the chairman's, no TM." "$(sig "$WORK/dep/$A" 'Phạm Văn Tuyên')" \
    "KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Phạm Văn Tuyên|"

# the chairman signs himself (office="chairman", title and body by default)
$PARPACK build fixtures/gia-loc-2022-chairman.xml --out "$WORK/ch" --quiet 2> /dev/null
expect_eq "chairman: build exits 0" $? 0
expect_eq "chairman, report" "$(sig "$WORK/ch/$R" 'Lê Văn Hiệu')" "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH|Lê Văn Hiệu|"
expect_eq "chairman, decision" "$(sig "$WORK/ch/$D" 'Lê Văn Hiệu')" "CHỦ TỊCH|Lê Văn Hiệu|"
expect_eq "chairman, commendation" "$(sig "$WORK/ch/$A" 'Lê Văn Hiệu')" "CHỦ TỊCH|Lê Văn Hiệu|"

# the older form (authority="TM. …" capacity="KT. CHỦ TỊCH") still loads,
# and each document still derives its own block from it
$PARPACK build fixtures/gia-loc-2021.xml --only report,decision --out "$WORK/old" --quiet 2> /dev/null
expect_eq "old form: build exits 0" $? 0
expect_eq "old form, report" "$(sig "$WORK/old/bao-cao-chi-so-cchc-2021.pdf" 'Phạm Văn Tuyên')" \
    "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Phạm Văn Tuyên|"
expect_eq "old form, decision: no TM." "$(sig "$WORK/old/quyet-dinh-cong-bo-chi-so-cchc-2021.pdf" 'Phạm Văn Tuyên')" \
    "KT. CHỦ TỊCH|PHÓ CHỦ TỊCH|Phạm Văn Tuyên|"

# recipients: a report has no articles
text "$WORK/dep/$R" > "$WORK/r"; text "$WORK/dep/$D" > "$WORK/d"; text "$WORK/dep/$A" > "$WORK/a"
expect_nogrep "report: no Như Điều 3" "Như Điều" "$WORK/r"
expect_grep "report: the other recipients" "- UBND tỉnh Hải Dương (để báo cáo); - Sở Nội vụ tỉnh Hải Dương;" "$WORK/r"
expect_grep "decision: Như Điều 3 kept" "- Như Điều 3;" "$WORK/d"
expect_grep "commendation: Như Điều 3 kept" "- Như Điều 3;" "$WORK/a"

# the results file: last year's final score beside this year's (Thống Nhất first)
expect_grep "results: previous score per criterion" '<score c="1.2.2" self="1.25" appraised="1.25" final="1.25" previous="1"/>' "$WORK/dep/ket-qua-chi-so-cchc-2022.xml"

# the issuing body breaks where a clerk breaks it
for f in "$R" "$D" "$A"; do
    pdftotext -f 1 -l 1 "$WORK/dep/$f" - 2>/dev/null | head -4 > "$WORK/h"
    grep -qx 'ỦY BAN NHÂN DÂN' "$WORK/h" && grep -qx 'HUYỆN GIA LỘC' "$WORK/h" \
        && ok "$f: ỦY BAN NHÂN DÂN / HUYỆN GIA LỘC" || { bad "$f: header lines"; cat "$WORK/h"; }
done

# one date style: the appendix of the report as the header dates it
expect_grep "report appendix dated as the header" "(Kèm theo Báo cáo số /BC-UBND ngày 17 tháng 3 năm 2023 của Ủy ban nhân dân huyện Gia Lộc)" "$WORK/r"
expect_nogrep "no dd/mm/yyyy date in the report" "17/03/2023" "$WORK/r"

# the appendix names each unit's tier by its label, no code in a footnote
pdftotext -layout "$WORK/dep/$R" - 2>/dev/null > "$WORK/rl"
grep -qE '^ *18 +Đức Xương +66,45 .* Từ 65% đến ' "$WORK/rl" && ok "appendix: Đức Xương's tier by its label" \
    || { bad "appendix tier label"; grep 'Đức Xương' "$WORK/rl"; }
expect_nogrep "no tier codes explained in a footnote" "Nhóm: 1 -" "$WORK/r"

# commendations: 8 awards to collectives, Thống Nhất twice: 7 collectives
expect_grep "commendation: what the count counts" "Điều 1. Khen thưởng 7 tập thể (8 lượt khen thưởng) và 6 cá nhân" "$WORK/a"
expect_grep "commendation list: the same totals" "Tổng cộng: 7 tập thể (8 lượt khen thưởng) và 6 cá nhân; tổng số tiền thưởng: 9.900.000 đồng" "$WORK/a"

# counts with the thousands dot: 1,200 units
python3 tools/gen-national.py --units 1200 --blocks 1 --leaves 8 > "$WORK/n.xml"
$PARPACK build "$WORK/n.xml" --only report,decision --out "$WORK/n" --quiet 2> /dev/null
expect_eq "1,200 units: build exits 0" $? 0
text "$(ls "$WORK"/n/bao-cao-*.pdf)" > "$WORK/nr"
text "$(ls "$WORK"/n/quyet-dinh-cong-bo-*.pdf)" > "$WORK/nd"
expect_grep "report: 1.200 đơn vị" "đối với 1.200 đơn vị" "$WORK/nr"
expect_grep "report: 1.200/1.200" "Kết quả 1.200/1.200 đơn vị" "$WORK/nr"
expect_grep "decision: 1.200 đơn vị" "của 1.200 đơn vị" "$WORK/nd"
expect_nogrep "no count without its dot" "1200 đơn vị" "$WORK/nr"

# the message's To: the unit as it is addressed
$PY - "$WORK/dep/units/thong-nhat/thu-thong-nhat-2022.eml" > "$WORK/m" <<'PY'
import email, sys
from email import policy
msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
print("TO", msg["To"]); print("NAME", msg["To"].addresses[0].display_name)
PY
expect_grep "To display name" "NAME UBND xã Thống Nhất" "$WORK/m"

# last year per criterion in the unit's score sheet. Last year's file has
# criterion 1.1.1 under another id, so that 1.1.1 is new this year.
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; finish; }
sed 's/"1\.1\.1"/"1.1.9"/g' fixtures/gia-loc-2021.xml > "$WORK/prev.xml"
$PARPACK build fixtures/gia-loc-2022.xml --previous "$WORK/prev.xml" \
    --only unit-workbook,workbook --out "$WORK/pw" --quiet 2> /dev/null
expect_eq "previous with a renamed criterion: exit 0" $? 0
$PY - "$WORK/pw/units/thong-nhat/bang-diem-thong-nhat-2022.xlsx" > "$WORK/u" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], data_only=True)["Bảng điểm"]
head = [c.value for c in ws[4]]
print("HEAD", "|".join(str(v) for v in head))
col = {v: i for i, v in enumerate(head)}
fmt = ws.cell(row=8, column=col["Tăng, giảm so với năm 2021"] + 1).number_format
print("FORMAT", fmt)
for row in ws.iter_rows(min_row=5, values_only=True):
    if row[0] in ("1", "1.1", "1.1.1", "1.1.2", "1.2.1", "1.2.2"):
        print("ROW", row[0], row[col["Thẩm định"]], row[col["Điểm năm 2021"]],
              row[col["Tăng, giảm so với năm 2021"]])
PY
cat "$WORK/u"
expect_grep "columns headed with the previous year" "HEAD Mã|Tiêu chí, tiêu chí thành phần|Điểm tối đa|Tự đánh giá|Thẩm định|Điểm năm 2021|Tăng, giảm so với năm 2021|Ghi chú của Hội đồng thẩm định|Loại" "$WORK/u"
expect_grep "the change reads tăng/giảm" 'FORMAT "tăng "0.00;"giảm "0.00;"không đổi"' "$WORK/u"
expect_grep "1.1.1 is new this year" "ROW 1.1.1 0.75 Tiêu chí mới None" "$WORK/u"
expect_grep "1.1.2 unchanged: 1.5 both years" "ROW 1.1.2 1.5 1.5 0" "$WORK/u"
expect_grep "1.2.1 unchanged: 0.75" "ROW 1.2.1 0.75 0.75 0" "$WORK/u"
expect_grep "1.2.2 rose by 0.25" "ROW 1.2.2 1.25 1 0.25" "$WORK/u"
expect_grep "1.1 subtotal against last year's (1.1.9 + 1.1.2)" "ROW 1.1 2.25 2.25 0" "$WORK/u"
# the consolidated criteria sheet: the change per criterion, "mới" for 1.1.1
$PY - "$WORK/pw/bang-tong-hop-chi-so-cchc-2022.xlsx" > "$WORK/c" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], data_only=True)["Điểm tiêu chí"]
groups = [c.value for c in ws[2]]; ids = [c.value for c in ws[3]]; names = [c.value for c in ws[4]]
k = groups.index("So với năm 2021")
print("GROUPS", sorted(set(groups[4:])))
print("NAME", ids[4], names[4])
for row in ws.iter_rows(min_row=6, values_only=True):
    if row[3] == "Thống Nhất":
        # each criterion's columns side by side: 1.2.2's change column
        print("TN", row[k], row[[i for i in range(len(ids)) if groups[i] == groups[k] and ids[i] == "1.2.2"][0]])
print("HIDDEN", ws.column_dimensions["B"].hidden)
PY
cat "$WORK/c"
expect_grep "consolidated: three groups on every column" "GROUPS ['So với năm 2021', 'Thẩm định', 'Tự đánh giá']" "$WORK/c"
expect_grep "consolidated: criterion names" "NAME 1.1.1 Ban hành kế hoạch cải cách hành chính năm kịp thời" "$WORK/c"
expect_grep "consolidated: 1.1.1 new, 1.2.2 +0.25" "TN mới 0.25" "$WORK/c"
expect_grep "consolidated: no Khối column for one block" "HIDDEN True" "$WORK/c"
# workbooks that print: a wrapped note gets the height it needs, and the
# ranking's chart stands on its own sheet (the ranking prints at full size)
$PY - "$WORK/pw/units/toan-thang/bang-diem-toan-thang-2022.xlsx" "$WORK/pw/bang-tong-hop-chi-so-cchc-2022.xlsx" > "$WORK/p" <<'PY'
import sys, openpyxl, zipfile
ws = openpyxl.load_workbook(sys.argv[1])["Bảng điểm"]
for row in ws.iter_rows(min_row=5):
    note = row[7].value
    if isinstance(note, str) and len(note) > 45:
        print("TALL", ws.row_dimensions[row[0].row].height or 15)
        break
z = zipfile.ZipFile(sys.argv[2])
names = [n for n in z.namelist() if n.startswith("xl/worksheets/_rels/")]
wb = openpyxl.load_workbook(sys.argv[2])
print("SHEETS", "|".join(wb.sheetnames))
for i, name in enumerate(wb.sheetnames, 1):
    rel = "xl/worksheets/_rels/sheet%d.xml.rels" % i
    print("DRAWING", name, rel in names and b"drawing" in z.read(rel))
PY
cat "$WORK/p"
awk '/^TALL/ { exit !($2 > 25) }' "$WORK/p" && grep -q '^TALL' "$WORK/p" && ok "a wrapped note gets two lines' height" || bad "wrapped note height"
expect_grep "sheets: the chart after its ranking" "SHEETS Điểm tiêu chí|Xếp hạng|Biểu đồ|Lĩnh vực" "$WORK/p"
expect_grep "no chart on the ranking sheet" "DRAWING Xếp hạng False" "$WORK/p"
expect_grep "the chart on its own sheet" "DRAWING Biểu đồ True" "$WORK/p"
finish
