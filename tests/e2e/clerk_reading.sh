# What a clerk reads wrong in a packet the input allows.
# 1. A scheme without a title (`<scheme max="100">`, as ties.xml and
#    ties-report.xml write it): the report's summary reads "Thực hiện Bộ
#    tiêu chí xác định Chỉ số cải cách hành chính, việc đánh giá …", not
#    "Thực hiện , việc …"; the decision's legal basis "Căn cứ Bộ tiêu chí
#    xác định Chỉ số cải cách hành chính;", not "Căn cứ ;"; the unit's
#    score sheet's subtitle starts with it, not with " - "; the form's
#    message (parpack forms) says "theo Bộ tiêu chí …", not "theo .".
# 2. A year built without last year's file (Hà Tĩnh 2023): no unit is
#    "mới" (new) in the workbooks, and there is no column or line for a
#    change of rank that cannot be known; with last year's file (Gia Lộc
#    2022) they are there, "mới" only for a unit not scored last year.
# 3. The DOCX report's chart of a few bars (ties.xml: six communes;
#    small.xml: two), opened in LibreOffice, names every bar, as the
#    PDF's chart does (it was as high as the PDF's, and LibreOffice left
#    every other name out).
# 4. A weak field (Gia Lộc 2022: "Cải cách thủ tục hành chính" under 75%,
#    4 communes): the decision's Điều 2 says which field and what level
#    (it said "lĩnh vực dưới mức quy định tại Phụ lục", and the appendix
#    states no level); the unit's message says it in a sentence with the
#    unit's own figure, as the report does ("Đức Xương (60,00%)"), not
#    "Lưu ý: Làm rõ trách nhiệm người đứng đầu: Cải cách …".
# 5. Commendations of collectives only (or of individuals only): the
#    award decision says "Khen thưởng 7 tập thể (8 lượt khen thưởng)",
#    not "… và 0 cá nhân", gives in Điều 2 the amount of what is awarded
#    only, charges in Điều 3 "các tập thể" (or "các cá nhân"), and its
#    list numbers the individuals "I." when they come first.
# 6. A block of four or five units: the report's "thấp nhất" sentence
#    names only units below the first three (it named "Bình Minh … đứng
#    thứ hai" again among "Ba đơn vị có chỉ số thấp nhất").
# 7. No unit scored itself higher than the council: the report says so
#    ("Không có đơn vị nào tự chấm điểm cao hơn kết quả thẩm định."), not
#    "Điểm tự đánh giá của các đơn vị phù hợp với kết quả thẩm định" where
#    the file holds no self-assessed points (Hà Tĩnh, Kon Tum) or a unit
#    scored itself lower than the council.
# 8. The decision's appendix (PDF, and the DOCX printed by LibreOffice):
#    each head's rating on one line ("Hoàn thành tốt nhiệm" left "vụ"
#    alone on a second), the note broken "Làm rõ" / "trách nhiệm".
# 9. A label that begins with the unit's kind (ha-tinh-2023-kinds.xml:
#    "thành phố Hà Tĩnh", "huyện Kỳ Anh") starts a table's cell or a
#    chart's bar with a capital, in PDF, DOCX and workbooks ("Huyện Kỳ
#    Anh"); in a sentence it stays lower case ("gồm: huyện Kỳ Anh").
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3 # Debian's, with python3-openpyxl
flat() { pdftotext "$1" - 2>/dev/null | tr '\f' '\n' | grep -v '^[0-9]*$' | tr '\n' ' ' | tr -s ' '; }

# 1. no scheme title
$PARPACK build fixtures/ties.xml --only report,decision,report-docx,decision-docx,unit-workbook \
    --out "$WORK/t" --quiet 2> /dev/null
expect_eq "ties: exit 0" $? 0
flat "$WORK/t/bao-cao-chi-so-cchc-2024.pdf" > "$WORK/tr"
flat "$WORK/t/quyet-dinh-cong-bo-chi-so-cchc-2024.pdf" > "$WORK/td"
expect_grep "report: the scheme named" "Thực hiện Bộ tiêu chí xác định Chỉ số cải cách hành chính, việc đánh giá" "$WORK/tr"
expect_nogrep "report: no 'Thực hiện ,'" "Thực hiện ," "$WORK/tr"
expect_grep "decision: the scheme as a legal basis" "Căn cứ Bộ tiêu chí xác định Chỉ số cải cách hành chính;" "$WORK/td"
expect_nogrep "decision: no empty basis" "Căn cứ ;" "$WORK/td"
if $PY -c 'import docx, openpyxl' 2> /dev/null; then
    $PY - "$WORK/t" > "$WORK/tx" <<'EOF'
import docx, openpyxl, sys
d = sys.argv[1]
for f in ("bao-cao-chi-so-cchc-2024.docx", "quyet-dinh-cong-bo-chi-so-cchc-2024.docx"):
    for p in docx.Document(d + "/" + f).paragraphs:
        print(p.text)
print(openpyxl.load_workbook(d + "/units/an-lao/bang-diem-an-lao-2024.xlsx")["Bảng điểm"]["A3"].value)
EOF
    expect_grep "report DOCX: the scheme named" "Thực hiện Bộ tiêu chí xác định Chỉ số cải cách hành chính, việc" "$WORK/tx"
    expect_grep "decision DOCX: the scheme as a legal basis" "Căn cứ Bộ tiêu chí xác định Chỉ số cải cách hành chính;" "$WORK/tx"
    expect_nogrep "DOCX: no empty basis" "Căn cứ ;" "$WORK/tx"
    expect_eq "unit sheet: the subtitle names the scheme" \
        "$(tail -n 1 "$WORK/tx")" "Bộ tiêu chí xác định Chỉ số cải cách hành chính - Ủy ban nhân dân huyện Mẫu"
else
    echo "python3-docx or python3-openpyxl missing: DOCX and workbook not read"
fi
# the form's message (parpack forms) names the scheme too, not "theo ."
sed -e 's|<score [^>]*/>||g' -e 's|<symbol>UBND</symbol>|&<email>vanphong@mauson.example.vn</email>|' \
    -e 's|<unit id="\([^"]*\)" name|<unit id="\1" email="\1@mauson.example.vn" name|' fixtures/ties.xml > "$WORK/blank.xml"
$PARPACK forms "$WORK/blank.xml" --out "$WORK/fo" --quiet 2> /dev/null
expect_eq "ties forms: exit 0" $? 0
$PY - "$WORK/fo/units/an-lao/thu-phieu-cham-diem-an-lao-2024.eml" > "$WORK/fo.txt" 2> /dev/null <<'EOF'
import email, email.policy, sys
with open(sys.argv[1], "rb") as f:
    print(email.message_from_bytes(f.read(), policy=email.policy.default).get_body(("plain",)).get_content())
EOF
expect_grep "form's message: the scheme named" "(tệp đính kèm), theo Bộ tiêu chí xác định Chỉ số cải cách hành chính." "$WORK/fo.txt"
# a titled scheme is cited by its title, as before
$PARPACK build fixtures/kon-ray-na.xml --only report,decision --out "$WORK/k" --quiet 2> /dev/null
flat "$WORK/k/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" > "$WORK/kd"
expect_grep "titled scheme: cited by its title" "Căn cứ Bộ tiêu chí xác định Chỉ số cải cách hành chính của UBND cấp huyện;" "$WORK/kd"

# 3. the DOCX chart of a few bars names each of them
if command -v soffice > /dev/null; then
    for name in ties small; do
        $PARPACK build fixtures/$name.xml --only report,report-docx --out "$WORK/c-$name" --quiet 2> /dev/null
        soffice --headless -env:UserInstallation=file://$WORK/lo-profile --convert-to pdf \
            --outdir "$WORK/lo-$name" "$WORK/c-$name/bao-cao-chi-so-cchc-2024.docx" > /dev/null 2>&1
        # the appendix's page: each unit's name once on the chart, once
        # in the table, in LibreOffice's PDF as in parpack's
        for pdf in "$WORK/c-$name/bao-cao-chi-so-cchc-2024.pdf" "$WORK/lo-$name/bao-cao-chi-so-cchc-2024.pdf"; do
            pdftotext "$pdf" - 2> /dev/null | awk 'BEGIN { RS = "\f" } /PHỤ LỤC/ { print }' > "$WORK/page"
            xmllint --xpath '//unit/@name' fixtures/$name.xml | sed 's/.*"\(.*\)"/\1/' | while IFS= read -r u; do
                printf '%s %s\n' "$(grep -cxF "$u" "$WORK/page")" "$u"
            done > "$WORK/names"
            expect_eq "$name $(basename "$(dirname "$pdf")"): every name on the chart and in the table" \
                "$(grep -vc '^2 ' "$WORK/names")" 0
            grep -v '^2 ' "$WORK/names"
        done
    done
else
    echo "LibreOffice missing: the DOCX chart not converted"
fi

# 4. the weak field named in the decision and the unit's message
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only report,decision,unit-mail --out "$WORK/f" --quiet 2> /dev/null
flat "$WORK/f/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" > "$WORK/fd"
flat "$WORK/f/bao-cao-chi-so-cchc-2022.pdf" > "$WORK/fr"
expect_grep "decision: Điều 2 names the field and the level" \
    "Người đứng đầu các đơn vị có lĩnh vực “Cải cách thủ tục hành chính” đạt dưới 75% số điểm tối đa (ghi chú tại Phụ lục) có trách nhiệm làm rõ nguyên nhân" "$WORK/fd"
expect_nogrep "decision: no level 'quy định tại Phụ lục'" "dưới mức quy định tại Phụ lục" "$WORK/fd"
expect_grep "report: Đức Xương at 60,00% in the field" "Đức Xương (60,00%)" "$WORK/fr"
$PY - "$WORK/f/units" > "$WORK/fm" <<'EOF'
import email, email.policy, sys
for u in ("duc-xuong", "pham-tran", "thong-nhat"):
    with open("%s/%s/thu-%s-2022.eml" % (sys.argv[1], u, u), "rb") as f:
        m = email.message_from_bytes(f.read(), policy=email.policy.default)
    for line in m.get_body(("plain",)).get_content().splitlines():
        print(u, line)
EOF
expect_grep "Đức Xương's message: the field, its figure, the level" \
    "duc-xuong Lưu ý: lĩnh vực “Cải cách thủ tục hành chính” của đơn vị đạt 60,00% số điểm tối đa, dưới 75%; đề nghị người đứng đầu đơn vị làm rõ trách nhiệm" "$WORK/fm"
expect_grep "Phạm Trấn's message: 68,00%" "pham-tran Lưu ý: lĩnh vực “Cải cách thủ tục hành chính” của đơn vị đạt 68,00%" "$WORK/fm"
expect_grep "Phạm Trấn's message: the rating quoted as the documents quote" "nên chỉ được xếp loại “Hoàn thành nhiệm vụ”." "$WORK/fm"
expect_nogrep "no 'Lưu ý: Làm rõ trách nhiệm người đứng đầu:'" "Lưu ý: Làm rõ" "$WORK/fm"
expect_nogrep "Thống Nhất's message: no weak field" "thong-nhat Lưu ý" "$WORK/fm"

# 5. commendations of collectives only, or of individuals only
grep -v '<individual ' fixtures/gia-loc-2022.xml > "$WORK/coll.xml"
grep -v '<collective ' fixtures/gia-loc-2022.xml > "$WORK/ind.xml"
for k in coll ind; do
    $PARPACK build "$WORK/$k.xml" --only award-decision --out "$WORK/a-$k" --quiet 2> /dev/null
    expect_eq "$k only: exit 0" $? 0
    flat "$WORK/a-$k/quyet-dinh-khen-thuong-cchc-2022.pdf" > "$WORK/a-$k.txt"
    expect_nogrep "$k only: no 'và 0'" "và 0 " "$WORK/a-$k.txt"
done
expect_grep "collectives only: Điều 1" "Điều 1. Khen thưởng 7 tập thể (8 lượt khen thưởng) (có danh sách kèm theo), gồm:" "$WORK/a-coll.txt"
expect_grep "collectives only: Điều 2 gives the collective's amount only" "Giấy khen của Chủ tịch UBND huyện: tập thể 900.000 đồng; tổng số tiền thưởng là 7.200.000 đồng" "$WORK/a-coll.txt"
expect_grep "collectives only: Điều 3" "Trưởng phòng Tài chính - Kế hoạch và các tập thể có tên tại Điều 1" "$WORK/a-coll.txt"
expect_grep "collectives only: the list's total" "Tổng cộng: 7 tập thể (8 lượt khen thưởng); tổng số tiền thưởng: 7.200.000 đồng." "$WORK/a-coll.txt"
expect_grep "individuals only: Điều 1" "Điều 1. Khen thưởng 6 cá nhân (có danh sách kèm theo), gồm:" "$WORK/a-ind.txt"
expect_grep "individuals only: Điều 2 gives the individual's amount only" "Giấy khen của Chủ tịch UBND huyện: cá nhân 450.000 đồng; tổng số tiền thưởng là 2.700.000 đồng" "$WORK/a-ind.txt"
expect_grep "individuals only: Điều 3" "Trưởng phòng Tài chính - Kế hoạch và các cá nhân có tên tại Điều 1" "$WORK/a-ind.txt"
expect_grep "individuals only: the list's first part is I" "I. Cá nhân (5)" "$WORK/a-ind.txt"
expect_nogrep "individuals only: no 'II.' without an 'I.'" "II. Cá nhân" "$WORK/a-ind.txt"
expect_grep "individuals only: the list's total" "Tổng cộng: 6 cá nhân; tổng số tiền thưởng: 2.700.000 đồng." "$WORK/a-ind.txt"
# both, as before
$PARPACK build fixtures/gia-loc-2022.xml --only award-decision --out "$WORK/a-both" --quiet 2> /dev/null
flat "$WORK/a-both/quyet-dinh-khen-thuong-cchc-2022.pdf" > "$WORK/a-both.txt"
expect_grep "both: Điều 1" "Khen thưởng 7 tập thể (8 lượt khen thưởng) và 6 cá nhân (có danh sách kèm theo)" "$WORK/a-both.txt"
expect_grep "both: Điều 2" "tập thể 900.000 đồng, cá nhân 450.000 đồng; tổng số tiền thưởng là 9.900.000 đồng" "$WORK/a-both.txt"
expect_grep "both: Điều 3" "và các tập thể, cá nhân có tên tại Điều 1" "$WORK/a-both.txt"

# 6. a block of four or five: the lowest are not the first three again
for n in 4 5; do
    $PY - "$n" fixtures/small.xml > "$WORK/u$n.xml" <<'EOF'
import sys
n, s = int(sys.argv[1]), open(sys.argv[2], encoding="utf-8").read()
names = ["An Lạc", "Bình Minh", "Cẩm Giàng", "Dương Quang", "Đông Hưng"]
units = "".join('<unit id="u%d" name="%s"><score c="1.1" appraised="%s"/>'
                '<score c="1.2" appraised="3"/><score c="2.1" appraised="5"/></unit>\n'
                % (i, names[i], 2 - 0.25 * i) for i in range(n))
print(s[:s.index("<units>")] + "<units>\n" + units + s[s.index("</units>"):], end="")
EOF
    $PARPACK build "$WORK/u$n.xml" --only report --out "$WORK/r$n" --quiet 2> /dev/null
    expect_eq "$n units: exit 0" $? 0
    flat "$WORK/r$n/bao-cao-chi-so-cchc-2024.pdf" > "$WORK/r$n.txt"
    expect_grep "$n units: the first three" "Bình Minh với 97,50% số điểm đứng thứ hai; Cẩm Giàng với 95,00% số điểm đứng thứ ba." "$WORK/r$n.txt"
    expect_nogrep "$n units: the second is not among the lowest" "thấp nhất gồm: Bình Minh" "$WORK/r$n.txt"
    expect_nogrep "$n units: nor the third" "thấp nhất gồm: Cẩm Giàng" "$WORK/r$n.txt"
done
expect_grep "4 units: the one left named alone" "đứng thứ ba. Dương Quang với 92,50% số điểm có chỉ số thấp nhất." "$WORK/r4.txt"
expect_grep "5 units: the two left" "Hai đơn vị có chỉ số thấp nhất gồm: Dương Quang (92,50%) và Đông Hưng (90,00%); trong đó Đông Hưng với 90,00% số điểm có chỉ số thấp nhất." "$WORK/r5.txt"

# 7. no unit over-scored: said as such, not "phù hợp"
$PARPACK build fixtures/ha-tinh-2023.xml --only report --out "$WORK/s-ht" --quiet 2> /dev/null
flat "$WORK/s-ht/bao-cao-chi-so-cchc-2023.pdf" > "$WORK/s-ht.txt"
expect_nogrep "Hà Tĩnh (no self-assessed points): no 'phù hợp'" "phù hợp với kết quả thẩm định" "$WORK/s-ht.txt"
expect_eq "Hà Tĩnh: each block says no unit scored itself higher" \
    "$(grep -o 'Không có đơn vị nào tự chấm điểm cao hơn kết quả thẩm định.' "$WORK/s-ht.txt" | wc -l)" 3
sed 's|self="3" appraised="2.5"|self="2" appraised="2.5"|' fixtures/small.xml > "$WORK/under.xml"
$PARPACK build "$WORK/under.xml" --only report --out "$WORK/s-un" --quiet 2> /dev/null
flat "$WORK/s-un/bao-cao-chi-so-cchc-2024.pdf" > "$WORK/s-un.txt"
expect_nogrep "a unit under its appraisal: no 'phù hợp'" "phù hợp với kết quả thẩm định" "$WORK/s-un.txt"
expect_grep "a unit under its appraisal: none higher" "Không có đơn vị nào tự chấm điểm cao hơn kết quả thẩm định." "$WORK/s-un.txt"
expect_grep "Gia Lộc: the over-scorers, as before" "Có 18/18 đơn vị tự chấm điểm cao hơn kết quả thẩm định; chênh lệch nhiều nhất: Tân Tiến tự chấm 85,36 điểm" "$WORK/fr"

# 8. the decision's appendix: each head's rating on one line (the
#    column was too narrow: "Hoàn thành tốt nhiệm" / "vụ"), the note
#    "Làm rõ" / "trách nhiệm", in the PDF and in LibreOffice's PDF of
#    the DOCX
# appendix PDF: the rating lines, the unit count, the orphaned words
appendix_lines() {
    pdftotext "$1" - 2> /dev/null | tr '\f' '\n' | awk '/^Phụ lục$/ { on = 1 } on' > "$WORK/app"
    printf '%s %s\n' "$(grep -cxE 'Hoàn thành xuất sắc nhiệm vụ|Hoàn thành tốt nhiệm vụ|Hoàn thành nhiệm vụ|Không hoàn thành nhiệm vụ' "$WORK/app")" \
        "$(grep -cxE 'vụ|nhiệm vụ|nhiệm|Hoàn thành tốt nhiệm|Hoàn thành xuất sắc|Hoàn thành xuất sắc nhiệm|trách' "$WORK/app")"
}
for f in ha-tinh-2023:2023:36 gia-loc-2022:2022:18; do
    name=${f%%:*} y=${f#*:}; n=${y#*:}; y=${y%:*}
    $PARPACK build fixtures/$name.xml --only decision,decision-docx --out "$WORK/w-$name" --quiet 2> /dev/null
    expect_eq "$name decision PDF: $n ratings each on one line" \
        "$(appendix_lines "$WORK/w-$name/quyet-dinh-cong-bo-chi-so-cchc-$y.pdf")" "$n 0"
    if command -v soffice > /dev/null; then
        soffice --headless -env:UserInstallation=file://$WORK/lo-profile --convert-to pdf \
            --outdir "$WORK/lo-w-$name" "$WORK/w-$name/quyet-dinh-cong-bo-chi-so-cchc-$y.docx" > /dev/null 2>&1
        expect_eq "$name decision DOCX (LibreOffice): $n ratings each on one line" \
            "$(appendix_lines "$WORK/lo-w-$name/quyet-dinh-cong-bo-chi-so-cchc-$y.pdf")" "$n 0"
    fi
done
expect_eq "Gia Lộc decision: 'Làm rõ' / 'trách nhiệm' (4 units)" \
    "$(pdftotext "$WORK/w-gia-loc-2022/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" - | grep -cx 'trách nhiệm')" 4

# 9. a label that begins with the unit's kind starts a cell or a bar
#    with a capital ("Huyện Kỳ Anh"), stays lower case in a sentence
$PARPACK build fixtures/ha-tinh-2023-kinds.xml --only report,decision,report-docx,decision-docx,workbook,unit-workbook \
    --out "$WORK/k9" --quiet 2> /dev/null
expect_eq "kinds: exit 0" $? 0
for f in bao-cao-chi-so-cchc-2023 quyet-dinh-cong-bo-chi-so-cchc-2023; do
    pdftotext "$WORK/k9/$f.pdf" - 2> /dev/null | tr '\f' '\n' > "$WORK/k9-$f.txt"
    expect_eq "$f PDF: no cell or bar starts 'thành phố', 'thị xã', 'huyện'" \
        "$(grep -cE '^(thành phố Hà Tĩnh|thị xã Kỳ Anh|huyện Kỳ Anh)$' "$WORK/k9-$f.txt")" 0
done
# the report: each on the chart and in the table; the decision: in its table
expect_eq "report PDF: 'Thành phố Hà Tĩnh', 'Thị xã Kỳ Anh', 'Huyện Kỳ Anh' on the chart and in the table" \
    "$(grep -cE '^(Thành phố Hà Tĩnh|Thị xã Kỳ Anh|Huyện Kỳ Anh)$' "$WORK/k9-bao-cao-chi-so-cchc-2023.txt")" 6
expect_eq "decision PDF: the three in the appendix's table" \
    "$(grep -cE '^(Thành phố Hà Tĩnh|Thị xã Kỳ Anh|Huyện Kỳ Anh)$' "$WORK/k9-quyet-dinh-cong-bo-chi-so-cchc-2023.txt")" 3
expect_grep "report PDF: lower case inside a sentence" "Ba đơn vị có chỉ số thấp nhất gồm: huyện Kỳ Anh (86,80%)" "$WORK/k9-bao-cao-chi-so-cchc-2023.txt"
$PY - "$WORK/k9" > "$WORK/k9x" <<'EOF2'
import docx, openpyxl, glob, re, sys, zipfile
d = sys.argv[1]
for f in ("bao-cao-chi-so-cchc-2023.docx", "quyet-dinh-cong-bo-chi-so-cchc-2023.docx"):
    for t in docx.Document(d + "/" + f).tables:
        for r in t.rows:
            for c in r.cells:
                print("docx-cell", c.text)
    with zipfile.ZipFile(d + "/" + f) as z:
        for n in z.namelist():
            if n.startswith("word/charts/chart"):
                for v in re.findall(r"<c:v>([^<]*)</c:v>", z.read(n).decode()):
                    print("docx-chart", v)
for f in [d + "/bang-tong-hop-chi-so-cchc-2023.xlsx", d + "/units/huyen-11/bang-diem-huyen-11-2023.xlsx"]:
    for ws in openpyxl.load_workbook(f).worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str):
                    print("xlsx", c.value)
EOF2
for w in docx-cell docx-chart xlsx; do
    expect_eq "$w: none starts 'thành phố', 'thị xã', 'huyện'" \
        "$(grep -cE "^$w (thành phố|thị xã|huyện) " "$WORK/k9x")" 0
    expect_eq "$w: 'Huyện Kỳ Anh'" "$(grep -c "^$w Huyện Kỳ Anh$" "$WORK/k9x")" \
        "$(case $w in docx-cell) echo 2;; docx-chart) echo 1;; xlsx) echo 4;; esac)"
done
expect_grep "unit sheet: its own title keeps 'UBND huyện Kỳ Anh'" "xlsx UBND huyện Kỳ Anh" "$WORK/k9x"

# 2. without last year's file: nothing compared, no unit "mới"
$PY -c 'import openpyxl' 2> /dev/null || { echo "python3-openpyxl missing"; finish; }
# every cell of every sheet, one a line: SHEET!CELL<TAB>value
cells() {
    $PY - "$1" <<'EOF'
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.value is not None:
                print("%s!%s\t%s" % (ws.title, c.coordinate, c.value))
EOF
}
$PARPACK build fixtures/ha-tinh-2023.xml --only workbook,unit-workbook --out "$WORK/h" --quiet 2> /dev/null
expect_eq "Hà Tĩnh: exit 0" $? 0
cells "$WORK/h/bang-tong-hop-chi-so-cchc-2023.xlsx" > "$WORK/hw"
expect_eq "consolidated: no unit 'mới'" "$(grep -c "	mới$" "$WORK/hw")" 0
expect_nogrep "consolidated: no 'Hạng năm trước' column" "Hạng năm trước" "$WORK/hw"
expect_nogrep "consolidated: no 'Thay đổi' column" "	Thay đổi" "$WORK/hw"
expect_grep "consolidated: the ranking still there" "XH2 UBND cấp huyện!G3	Xếp loại người đứng đầu" "$WORK/hw"
expect_grep "consolidated: its first unit" "XH2 UBND cấp huyện!B4	UBND thành phố Hà Tĩnh" "$WORK/hw"
cells "$WORK/h/units/huyen-11/bang-diem-huyen-11-2023.xlsx" > "$WORK/hu"
expect_eq "unit sheet: no unit 'mới'" "$(grep -c "	mới$" "$WORK/hu")" 0
expect_nogrep "unit sheet: no 'So với năm trước' line" "So với năm trước" "$WORK/hu"
expect_nogrep "unit sheet: no 'Thay đổi thứ hạng' column" "Thay đổi thứ hạng" "$WORK/hu"
expect_grep "unit sheet: its rank" "Thứ 11/13 đơn vị" "$WORK/hu"
# with last year's file: the columns and the line are there
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only workbook,unit-workbook --out "$WORK/g" --quiet 2> /dev/null
cells "$WORK/g/bang-tong-hop-chi-so-cchc-2022.xlsx" > "$WORK/gw"
expect_grep "Gia Lộc: 'Hạng năm trước' column" "Xếp hạng!H3	Hạng năm trước" "$WORK/gw"
expect_grep "Gia Lộc: Thống Nhất was 13th" "Xếp hạng!H4	13" "$WORK/gw"
cells "$WORK/g/units/thong-nhat/bang-diem-thong-nhat-2022.xlsx" > "$WORK/gu"
expect_grep "Gia Lộc unit sheet: the change of rank" "tăng 12 bậc so với năm 2021" "$WORK/gu"
expect_grep "Gia Lộc unit sheet: 'Thay đổi thứ hạng' column" "Xếp hạng!H2	Thay đổi thứ hạng" "$WORK/gu"
# a unit not scored last year is still "mới": Thống Nhất left out of 2021
sed '/<unit id="thong-nhat"/,/<\/unit>/d' fixtures/gia-loc-2021.xml > "$WORK/prev.xml"
$PARPACK build fixtures/gia-loc-2022.xml --previous "$WORK/prev.xml" \
    --only workbook,unit-workbook --out "$WORK/n" --quiet 2> /dev/null
expect_eq "Gia Lộc without Thống Nhất in 2021: exit 0" $? 0
cells "$WORK/n/bang-tong-hop-chi-so-cchc-2022.xlsx" > "$WORK/nw"
expect_grep "new unit: 'mới' in the consolidated ranking" "Xếp hạng!I4	mới" "$WORK/nw"
cells "$WORK/n/units/thong-nhat/bang-diem-thong-nhat-2022.xlsx" > "$WORK/nu"
expect_grep "new unit: 'So với năm trước' on its own sheet" "	So với năm trước" "$WORK/nu"
expect_grep "new unit: 'mới' in its sheet's ranking" "Xếp hạng!H3	mới" "$WORK/nu"
finish
