# Issue #25: documents a chief of office signs, round two. The text of
# each PDF and DOCX for an older-form signer with an empty title, a
# provincial file with departments and a town and a district of one name
# (fixtures/ha-tinh-2023-kinds.xml), and a file with ties.
. tests/lib.sh
# a document's text on one line, page numbers left out
text() { pdftotext "$1" - 2>/dev/null | tr '\f' '\n' | grep -v '^[0-9]*$' | tr '\n' ' ' | tr -s ' '; }
# the DOCX says word for word what the PDF says
same() {
    if python3 tests/docx-text.py "$1" "$2" > "$WORK/dx" 2>&1; then ok "$(basename "$1"): the DOCX's words are the PDF's"
    else bad "$(basename "$1") differs from its PDF"; head -5 "$WORK/dx"; fi
}

# --- the signer written the older way with an empty title -----------------
K=$WORK/k
$PARPACK build fixtures/ha-tinh-2023-kinds.xml --only report,decision,report-docx,decision-docx \
    --out "$K" --quiet 2>/dev/null
expect_eq "kinds: build exits 0" $? 0
text "$K"/bao-cao-*.pdf > "$WORK/kr"; text "$K"/quyet-dinh-cong-bo-*.pdf > "$WORK/kd"
same "$K"/bao-cao-*.docx "$K"/bao-cao-*.pdf
same "$K"/quyet-dinh-cong-bo-*.docx "$K"/quyet-dinh-cong-bo-*.pdf
for f in kr; do
    expect_grep "$f: deputy of the committee, title from the office" "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" "$WORK/$f"
done
for f in kd; do
    expect_grep "$f: the chairman's decision, signed by a deputy" "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" "$WORK/$f"
    expect_nogrep "$f: no TM. on the chairman's decision" "TM. ỦY BAN" "$WORK/$f"
done
# the chairman himself, older form, empty title
sed 's/capacity="KT. CHỦ TỊCH"/capacity="CHỦ TỊCH"/; s/title="" name="Nguyễn Hồng Lĩnh"/title="" name="Võ Trọng Hải"/' \
    fixtures/ha-tinh-2023-kinds.xml > "$WORK/chair.xml"
$PARPACK build "$WORK/chair.xml" --only report,decision --out "$WORK/c" --quiet 2>/dev/null
text "$WORK"/c/bao-cao-*.pdf > "$WORK/cr"; text "$WORK"/c/quyet-dinh-cong-bo-*.pdf > "$WORK/cd"
expect_grep "chairman: report" "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Võ Trọng Hải" "$WORK/cr"
expect_grep "chairman: decision" "CHỦ TỊCH Võ Trọng Hải" "$WORK/cd"
expect_nogrep "chairman: no KT." "KT. CHỦ TỊCH" "$WORK/cd"
# nothing tells the office: check warns, and the chairman is assumed
sed 's/authority="TM. ỦY BAN NHÂN DÂN" capacity="KT. CHỦ TỊCH"/capacity=""/' \
    fixtures/ha-tinh-2023-kinds.xml > "$WORK/none.xml"
LC_ALL=C $PARPACK check "$WORK/none.xml" > /dev/null 2> "$WORK/w"
expect_eq "unknown office: check exits 0" $? 0
expect_grep "unknown office: check warns" "warning: the signer's office cannot be told" "$WORK/w"
$PARPACK check fixtures/ha-tinh-2023-kinds.xml > /dev/null 2> "$WORK/w2"
expect_nogrep "KT. CHỦ TỊCH tells the office: no warning" "office cannot be told" "$WORK/w2"

# --- who proposes and who is charged follow the issuer's level -------------
expect_grep "province: proposer" "Theo đề nghị của Giám đốc Sở Nội vụ." "$WORK/kd"
expect_grep "province: Điều 3 charges the province's offices" "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ, thủ trưởng các sở, ban, ngành, Chủ tịch UBND cấp huyện" "$WORK/kd"
expect_nogrep "province: no district office" "Trưởng phòng Nội vụ" "$WORK/kd"
G=$WORK/g
$PARPACK build fixtures/gia-loc-2022.xml --only decision,award-decision --out "$G" --quiet 2>/dev/null
text "$G"/quyet-dinh-cong-bo-*.pdf > "$WORK/gd"; text "$G"/quyet-dinh-khen-*.pdf > "$WORK/ga"
for f in gd ga; do
    expect_grep "district $f: proposer" "Theo đề nghị của Trưởng phòng Nội vụ." "$WORK/$f"
done
expect_grep "district: Điều 3 of the approval" "Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Chủ tịch UBND các xã, thị trấn" "$WORK/gd"
expect_grep "district: Điều 3 of the commendation" "Chánh Văn phòng HĐND và UBND huyện, Trưởng phòng Nội vụ, Trưởng phòng Tài chính - Kế hoạch và các tập thể" "$WORK/ga"
# the file words its own
sed 's|<recipients>|<proposer>Trưởng Ban Tổ chức</proposer><charged>Chánh Văn phòng Ban</charged><award-charged>Kế toán Ban</award-charged><recipients>|' \
    fixtures/gia-loc-2022.xml > "$WORK/own.xml"
$PARPACK build "$WORK/own.xml" --only decision,award-decision --out "$WORK/o" --quiet 2>/dev/null
expect_eq "own wording: build exits 0" $? 0
text "$WORK"/o/quyet-dinh-cong-bo-*.pdf > "$WORK/od"; text "$WORK"/o/quyet-dinh-khen-*.pdf > "$WORK/oa"
expect_grep "own proposer" "Theo đề nghị của Trưởng Ban Tổ chức." "$WORK/od"
expect_grep "own charged" "ngày ký. Chánh Văn phòng Ban, thủ trưởng" "$WORK/od"
expect_grep "own award-charged" "ngày ký. Kế toán Ban và các tập thể" "$WORK/oa"
# a district level said of a province's name
sed 's|<issuer>|<issuer level="district">|' fixtures/ha-tinh-2023-kinds.xml > "$WORK/lvl.xml"
$PARPACK build "$WORK/lvl.xml" --only decision --out "$WORK/l" --quiet 2>/dev/null
text "$WORK"/l/quyet-dinh-*.pdf > "$WORK/ld"
expect_grep "level=district wins over the name" "Theo đề nghị của Trưởng phòng Nội vụ." "$WORK/ld"

# --- departments are their names; local governments UBND + kind -----------
for f in kr kd; do
    expect_nogrep "$f: no \"UBND cơ quan\"" "UBND cơ quan" "$WORK/$f"
done
expect_grep "a department leads by its name" "Sở Khoa học và Công nghệ với 93,85% số điểm, dẫn đầu" "$WORK/kr"
expect_grep "a city leads as UBND + kind" "UBND thành phố Hà Tĩnh với 96,80% số điểm, dẫn đầu" "$WORK/kr"
expect_grep "a district last as UBND + kind" "trong đó UBND huyện Vũ Quang với 84,67% số điểm" "$WORK/kr"
# --- two units of one name print with their kinds, everywhere -------------
# (a table's cell or a chart's bar starts with a capital: "Huyện Kỳ Anh";
# the decision names them only in its appendix's table)
for f in kr kd; do
    [ $f = kr ] && set -- "thị xã" "huyện" "thành phố" || set -- "Thị xã" "Huyện" "Thành phố"
    expect_grep "$f: the town of Kỳ Anh" "$1 Kỳ Anh" "$WORK/$f"
    expect_grep "$f: the district of Kỳ Anh" "$2 Kỳ Anh" "$WORK/$f"
    expect_grep "$f: the city beside the province" "$3 Hà Tĩnh" "$WORK/$f"
    n=$(pdftotext "$K"/$( [ $f = kr ] && echo bao-cao || echo quyet-dinh-cong-bo )-*.pdf - 2>/dev/null | tr '\n' ' ' | grep -o "[^ ]* Kỳ Anh" | grep -vc "xã Kỳ Anh\|huyện Kỳ Anh\|Huyện Kỳ Anh")
    expect_eq "$f: every Kỳ Anh with its kind" "$n" 0
done
expect_grep "report: the group list names the town" "Can Lộc, thị xã Kỳ Anh, Thạch Hà" "$WORK/kr"
expect_grep "report: the bottom three name the district" "thấp nhất gồm: huyện Kỳ Anh (86,80%)" "$WORK/kr"
expect_grep "report: unique names stay bare" "Hương Sơn, huyện Kỳ Anh, Hương Khê" "$WORK/kr"
# the workbooks: the ranking and the unit's own sheet
W=$WORK/kw
$PARPACK build fixtures/ha-tinh-2023-kinds.xml --only workbook,unit-workbook --out "$W" --quiet 2>/dev/null
unzip -p "$W"/bang-tong-hop-*.xlsx 'xl/worksheets/*.xml' > "$WORK/ss"
for n in "Thị xã Kỳ Anh" "Huyện Kỳ Anh" "Thành phố Hà Tĩnh" "Sở Tư pháp"; do
    expect_grep "workbook: $n" "<t>$n</t>" "$WORK/ss"
done
expect_nogrep "workbook: no bare Kỳ Anh" "<t>Kỳ Anh</t>" "$WORK/ss"
unzip -p "$W"/units/huyen-04/*.xlsx 'xl/worksheets/*.xml' > "$WORK/u4"
expect_grep "unit sheet of the town: its title" "UBND thị xã Kỳ Anh" "$WORK/u4"
unzip -p "$W"/units/so-nganh-02/*.xlsx 'xl/worksheets/*.xml' > "$WORK/u2"
expect_nogrep "unit sheet of a department: no UBND cơ quan" "UBND cơ quan" "$WORK/u2"
# "Thị trấn Gia Lộc" is "UBND thị trấn Gia Lộc"
$PARPACK build fixtures/gia-loc-2022.xml --only unit-workbook --out "$WORK/gu" --quiet 2>/dev/null
unzip -p "$WORK"/gu/units/thi-tran-gia-loc/*.xlsx 'xl/worksheets/*.xml' > "$WORK/tt"
expect_grep "UBND thị trấn Gia Lộc, kind lower case" "UBND thị trấn Gia Lộc" "$WORK/tt"

# --- ties: every sentence that names a rank names all who share it --------
T=$WORK/t
$PARPACK build fixtures/ties-report.xml --only report,decision,report-docx,decision-docx --out "$T" --quiet 2>/dev/null
expect_eq "ties: build exits 0" $? 0
text "$T"/bao-cao-*.pdf > "$WORK/tr"; text "$T"/quyet-dinh-cong-bo-*.pdf > "$WORK/td"
same "$T"/bao-cao-*.docx "$T"/bao-cao-*.pdf
same "$T"/quyet-dinh-cong-bo-*.docx "$T"/quyet-dinh-cong-bo-*.pdf
expect_grep "ties: two first, together" "UBND xã An Lão và UBND xã Ân Thi cùng đạt 91,00% số điểm, cùng dẫn đầu về chỉ số cải cách hành chính; UBND xã Bình Minh với 88,00% số điểm đứng thứ ba." "$WORK/tr"
expect_nogrep "ties: no \"đồng hạng\" contradiction" "đồng hạng" "$WORK/tr"
expect_nogrep "ties: nobody second after two firsts" "đứng thứ hai" "$WORK/tr"
expect_grep "ties: the lowest places with all four at 80%" "Sáu đơn vị có chỉ số thấp nhất gồm: Dương Quang (80,00%), Đông Hưng (80,00%), Hưng Hà (80,00%), Kim Động (80,00%), Tiên Lữ (70,00%) và Ứng Hòa (70,00%)" "$WORK/tr"
expect_grep "ties: both lowest named" "trong đó UBND xã Tiên Lữ và UBND xã Ứng Hòa cùng có chỉ số thấp nhất với 70,00% số điểm." "$WORK/tr"
expect_grep "ties: every riser at the cut" "UBND xã Kim Động tăng 1 bậc (từ thứ 6 lên thứ 5); UBND xã Ứng Hòa tăng 1 bậc (từ thứ 10 lên thứ 9)." "$WORK/tr"
expect_grep "ties: every faller at the cut" "Giảm nhiều bậc nhất: Cẩm Giàng giảm 2 bậc; Dương Quang giảm 2 bậc; Hưng Hà giảm 1 bậc; Tiên Lữ giảm 1 bậc." "$WORK/tr"
expect_grep "ties: all four that gained 6 points" "Đông Hưng 80,00%, cao hơn 6,00 điểm; Tiên Lữ 70,00%, cao hơn 6,00 điểm." "$WORK/tr"
# Gia Lộc: every commune that fell most is named
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml --only report --out "$WORK/gr" --quiet 2>/dev/null
text "$WORK"/gr/bao-cao-*.pdf > "$WORK/grt"
LC_ALL=C $PARPACK score fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml > "$WORK/gs"
cut=$(awk -F, 'NR > 1 && $11 < 0 { print $11 }' "$WORK/gs" | sort -n | sed -n 3p)
want=$(awk -F, -v t="$cut" 'NR > 1 && $11 == t' "$WORK/gs" | wc -l)
got=$(grep -o "Giảm nhiều bậc nhất: [^.]*" "$WORK/grt" | grep -o "giảm ${cut#-} bậc" | wc -l)
expect_eq "Gia Lộc: all $want communes that fell ${cut#-} places (the third greatest fall) are named" "$got" "$want"
# --- zero counts, the decision's title, "Như Điều 3" ----------------------
expect_grep "decision: zero heads in words" "Không hoàn thành nhiệm vụ: không có người nào." "$WORK/td"
expect_grep "decision (kinds): zero units in words" "từ 65% đến dưới 80%: không có đơn vị nào" "$WORK/kd"
expect_nogrep "decision (kinds): no \"0 đơn vị\"" ": 0 đơn vị" "$WORK/kd"
expect_nogrep "decision (kinds): no \"0 người\"" ": 0 người" "$WORK/kd"
expect_grep "decision: its title names the heads' ratings of Điều 2" "Phê duyệt và công bố Chỉ số cải cách hành chính năm 2024 và kết quả đánh giá mức độ hoàn thành nhiệm vụ của người đứng đầu trong thực hiện cải cách hành chính" "$WORK/td"
expect_grep "decision without recipients: Như Điều 3" "Nơi nhận: - Như Điều 3; - Lưu: VT." "$WORK/td"
expect_grep "report without recipients: the archive alone" "Nơi nhận: - Lưu: VT." "$WORK/tr"
expect_nogrep "report: no Như Điều 3" "Như Điều 3" "$WORK/tr"
expect_grep "ties: older signer, capacity CHỦ TỊCH, empty title" "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn Mẫu" "$WORK/tr"
expect_grep "ties: zero units kept in rank in words" "giữ nguyên thứ hạng" "$WORK/tr"

# --- every number in the workbooks is exact to the thousandth --------------
# (last year's subtotals too: the double stored is the one nearest to
# the exact value; libxlsxwriter writes it with 16 digits, "%.16G", so
# 9.13 reads "9.130000000000001" in the XML, the same double)
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml --only workbook,unit-workbook --out "$WORK/gw" --quiet 2>/dev/null
python3 - "$WORK/gw" > "$WORK/exact" <<'PY'
import glob, re, sys, zipfile
bad = n = 0
for f in glob.glob(sys.argv[1] + "/**/*.xlsx", recursive=True):
    z = zipfile.ZipFile(f)
    for name in z.namelist():
        if name.startswith("xl/worksheets/"):
            for v in re.findall(r"<v>(-?[0-9.]+(?:E-?[0-9]+)?)</v>", z.read(name).decode()):
                n += 1
                x = float(v)
                if x != round(x, 3):
                    bad += 1
                    print(f, name, v)
print("checked", n, "bad", bad)
PY
expect_grep "workbooks: every stored number is exact to 0,001" "bad 0" "$WORK/exact"

# --- page breaks: the DOCX (through LibreOffice) breaks where the PDF does -
# every page starts with the same words (the page's top line, by its
# position: pdftotext's reading order takes a justified paragraph's last
# line of LibreOffice's first); no page ends on an article's first line
# (articles keep together), no paragraph leaves a line alone. The
# decisions and the reports (issue #25: Hà Tĩnh's, the ties')
firsts() {
    n=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }')
    i=1
    while [ "$i" -le "${n:-0}" ]; do
        pdftotext -layout -f $i -l $i "$1" - 2>/dev/null | sed 's/^ *//; s/  */ /g' |
            grep -v '^[0-9]*$' | head -1 | cut -c1-40
        i=$((i + 1))
    done
}
if command -v soffice > /dev/null 2>&1; then
    for f in gia-loc-2022 ha-tinh-2023-kinds ha-tinh-2023 ties ties-report; do
        $PARPACK build fixtures/$f.xml --only report,decision,award-decision,report-docx,decision-docx,award-decision-docx \
            --out "$WORK/pb-$f" --quiet 2>/dev/null
        mkdir -p "$WORK/pb-$f/lo"
        (cd "$WORK/pb-$f/lo" && HOME="$WORK" timeout 300 soffice --headless --convert-to pdf ../*.docx > /dev/null 2>&1)
        for p in "$WORK/pb-$f"/*.pdf; do
            b=$(basename "$p")
            expect_eq "$f $b: LibreOffice's pages of the DOCX start where the PDF's do" \
                "$(firsts "$WORK/pb-$f/lo/$b" | tr '\n' '|')" "$(firsts "$p" | tr '\n' '|')"
        done
    done
    pdftotext -f 2 -l 2 "$WORK"/pb-ha-tinh-2023-kinds/quyet-dinh-cong-bo-*.pdf - | grep -v '^[0-9]*$' | grep -v '^$' | head -1 > "$WORK/p2"
    expect_grep "Hà Tĩnh decision: page 2 starts with Điều 3, whole" "Điều 3. Quyết định này" "$WORK/p2"
else
    echo "skip - no LibreOffice: page breaks of the DOCX not compared"
fi

# --- the messages: sender in sentence case, the unit as addressed, the
# forms' deadline --------------------------------------------------------
python3 - fixtures/gia-loc-2022.xml "$WORK/blank.xml" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"\n\s*<score [^>]*/>", "", s)
s = s.replace('<announcement date="2023-03-17"', '<announcement date="2023-03-17" forms-deadline="2023-02-15"')
open(sys.argv[2], "w", encoding="utf-8").write(s)
PY
$PARPACK forms "$WORK/blank.xml" --out "$WORK/fm" --quiet 2>/dev/null
expect_eq "forms with a deadline: exit 0" $? 0
$PARPACK build fixtures/gia-loc-2022.xml --only unit-mail --out "$WORK/um" --quiet 2>/dev/null
hdr() {
    python3 - "$1" <<'PY'
import email, sys
from email import policy
m = email.message_from_file(open(sys.argv[1], encoding="utf-8"), policy=policy.default)
print("FROM", m["From"]); print("TO", m["To"])
print(m.get_body(("plain",)).get_content())
PY
}
hdr "$WORK"/fm/units/thong-nhat/*.eml > "$WORK/fmail"
hdr "$WORK"/um/units/thong-nhat/*.eml > "$WORK/umail"
for f in fmail umail; do
    expect_grep "$f: the sender in sentence case" "FROM Ủy ban nhân dân huyện Gia Lộc <" "$WORK/$f"
    expect_grep "$f: the unit as addressed" "TO UBND xã Thống Nhất <" "$WORK/$f"
done
expect_grep "form message: the deadline" "rồi gửi lại phiếu theo địa chỉ thư này trước ngày 15 tháng 02 năm 2023." "$WORK/fmail"
sed 's/forms-deadline="2023-02-15"/forms-deadline="2023-02-30"/' "$WORK/blank.xml" > "$WORK/bad.xml"
LC_ALL=C $PARPACK check "$WORK/bad.xml" > /dev/null 2> "$WORK/be"
expect_grep "a deadline that is no date is an error" 'forms-deadline="2023-02-30" is not a date' "$WORK/be"
# a month from March on has no leading zero, as in every legal date
sed 's/forms-deadline="2023-02-15"/forms-deadline="2023-03-05"/' "$WORK/blank.xml" > "$WORK/march.xml"
$PARPACK forms "$WORK/march.xml" --out "$WORK/fm3" --quiet 2>/dev/null
hdr "$WORK"/fm3/units/thong-nhat/*.eml > "$WORK/fmail3"
expect_grep "form message: a March deadline" "trước ngày 05 tháng 3 năm 2023." "$WORK/fmail3"

# --- the ranking sheet's rank, tier and rating are formulas: a corrected
# score moves them when LibreOffice recalculates ---------------------------
$PARPACK build fixtures/ties-report.xml --only workbook --out "$WORK/rk" --quiet 2>/dev/null
X=$(ls "$WORK"/rk/*.xlsx)
unzip -p "$X" xl/worksheets/sheet2.xml > "$WORK/rk.xml"
expect_grep "rank is RANK over the indices" '<f>RANK(E4,$E$4:$E$13,0)</f><v>1</v>' "$WORK/rk.xml"
expect_grep "tier is LOOKUP against the tiers on the sheet" '<f>LOOKUP(E4,$C$16:$C$18,$B$16:$B$18)</f><v>Từ 90% trở lên</v>' "$WORK/rk.xml"
expect_grep "rating is a formula" '<f>IF(AND(E4&gt;=80),"Hoàn thành tốt nhiệm vụ",IF(AND(E4&gt;=50),"Hoàn thành nhiệm vụ","Không hoàn thành nhiệm vụ"))</f><v>Hoàn thành tốt nhiệm vụ</v>' "$WORK/rk.xml"
if command -v soffice > /dev/null 2>&1; then
    sh tests/lo-recalc.sh "$X" "$WORK/rkl"
    diff -r "$WORK/rkl/recalc" "$WORK/rkl/cached" > "$WORK/rkd" && ok "ranking: recalculated = cached" || { bad "ranking recalculated differs"; head "$WORK/rkd"; }
    # Ứng Hòa (last, 70%) corrected to full points on the criteria sheet
    python3 - "$X" "$WORK/rk2.xlsx" <<'PY'
import re, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as zi, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as zo:
    for it in zi.infolist():
        data = zi.read(it.filename)
        if it.filename == "xl/worksheets/sheet1.xml":
            t = data.decode()
            assert "<t>Ứng Hòa</t>" in re.search(r'<row r="15">.*?</row>', t).group(0)
            # its appraised points (E, G: each criterion's appraised and
            # self-assessed columns side by side)
            t, n = re.subn(r'(<c r="[EG]15"[^>]*><v>)[0-9.]+(</v>)', r"\g<1>50\g<2>", t)
            assert n == 2
            data = t.encode()
        zo.writestr(it, data)
PY
    sh tests/lo-recalc.sh "$WORK/rk2.xlsx" "$WORK/rkl2"
    C="$WORK/rkl2/recalc/rk2-Xếp hạng.csv"
    expect_grep "corrected: Ứng Hòa first, its tier and rating follow" "1,Ứng Hòa,100,100,100,Từ 90% trở lên,Hoàn thành tốt nhiệm vụ" "$C"
    expect_grep "corrected: An Lão and Ân Thi share the second rank" "2,An Lão,91,100,91,Từ 90% trở lên" "$C"
    expect_grep "corrected: Ân Thi too" "2,Ân Thi,91,100,91" "$C"
else
    echo "skip - no LibreOffice: ranking formulas not recalculated"
fi

# --- every fixture: no word over another, in parpack's PDFs and in every
# workbook and DOCX printed through LibreOffice ---------------------------
for f in fixtures/*.xml; do
    n=$(basename "$f" .xml)
    $PARPACK build "$f" --only report,decision,award-decision,workbook,unit-workbook,report-docx,decision-docx,award-decision-docx \
        --out "$WORK/all/$n" --quiet 2>/dev/null
    for p in "$WORK/all/$n"/*.pdf; do
        [ -f "$p" ] || continue
        sh tests/pdfcheck.sh "$p" > "$WORK/pc" && ok "$n $(basename "$p"): inside the margins, no overlap" \
            || { bad "$n $(basename "$p")"; head -3 "$WORK/pc"; }
    done
done
if command -v soffice > /dev/null 2>&1; then
    for d in "$WORK"/all/*/; do
        n=$(basename "$d")
        find "$d" -name '*.xlsx' -o -name '*.docx' > "$WORK/files"
        [ -s "$WORK/files" ] || continue
        mkdir -p "$WORK/lop/$n"
        # unit files share names across fixtures: one folder a fixture
        HOME="$WORK" timeout 900 soffice --headless --convert-to pdf --outdir "$WORK/lop/$n" $(cat "$WORK/files") > /dev/null 2>&1
        np=$(ls "$WORK/lop/$n" | wc -l); nf=$(wc -l < "$WORK/files")
        expect_eq "$n: LibreOffice printed every workbook and DOCX" "$np" "$nf"
        bads=0
        for p in "$WORK/lop/$n"/*.pdf; do
            sh tests/overlap.sh "$p" > "$WORK/ov" || { bads=$((bads + 1)); echo "$(basename "$p"): $(head -2 "$WORK/ov" | tr '\n' ' ')"; }
        done
        expect_eq "$n: no word over another in $np files printed through LibreOffice" "$bads" 0
    done
    # what was printed says what it should: the titles are there
    pdftotext "$WORK/lop/gia-loc-2022/bang-diem-thong-nhat-2022.pdf" - 2>/dev/null | tr '\n' ' ' > "$WORK/us"
    expect_grep "unit sheet printed: its title" "BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022 UBND xã Thống Nhất" "$WORK/us"
    expect_eq "unit sheet printed: landscape" "$(pdfinfo "$WORK/lop/gia-loc-2022/bang-diem-thong-nhat-2022.pdf" | awk '/^Page size/ { print ($3 > $5) ? "landscape" : "portrait" }')" landscape
    # the scoring forms (of the blank file above) too
    mkdir -p "$WORK/lof"
    HOME="$WORK" timeout 300 soffice --headless --convert-to pdf --outdir "$WORK/lof" "$WORK"/fm/units/*/*.xlsx > /dev/null 2>&1
    bads=0
    for p in "$WORK/lof"/*.pdf; do sh tests/overlap.sh "$p" > /dev/null || bads=$((bads + 1)); done
    expect_eq "forms printed: $(ls "$WORK/lof" | wc -l) of 18, no word over another" "$(ls "$WORK/lof" | wc -l) $bads" "18 0"
    pdftotext "$WORK/lof/phieu-cham-diem-thong-nhat-2022.pdf" - 2>/dev/null | tr '\n' ' ' > "$WORK/fs"
    expect_grep "form printed: its title" "PHIẾU CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022 UBND xã Thống Nhất" "$WORK/fs"
else
    echo "skip - no LibreOffice: workbooks not printed"
fi

finish
