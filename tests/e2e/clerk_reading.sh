# What a clerk reads wrong in a packet the input allows.
# 1. A scheme without a title (`<scheme max="100">`, as ties.xml and
#    ties-report.xml write it): the report's summary reads "Thực hiện Bộ
#    tiêu chí xác định Chỉ số cải cách hành chính, việc đánh giá …", not
#    "Thực hiện , việc …"; the decision's legal basis "Căn cứ Bộ tiêu chí
#    xác định Chỉ số cải cách hành chính;", not "Căn cứ ;"; the unit's
#    score sheet's subtitle starts with it, not with " - ".
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
        "$(tail -n 1 "$WORK/tx")" "Bộ tiêu chí xác định Chỉ số cải cách hành chính - Ủy ban nhân dân huyện mẫu"
else
    echo "python3-docx or python3-openpyxl missing: DOCX and workbook not read"
fi
# a titled scheme is cited by its title, as before
$PARPACK build fixtures/kon-ray-na.xml --only report,decision --out "$WORK/k" --quiet 2> /dev/null
flat "$WORK/k/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" > "$WORK/kd"
expect_grep "titled scheme: cited by its title" "Căn cứ Bộ tiêu chí xác định Chỉ số cải cách hành chính của UBND cấp huyện;" "$WORK/kd"

finish
