# Issue 16: the report and both decisions also as DOCX, from the same
# descriptions. The DOCX's own XML (A4, decree-30 margins in twips, Times
# New Roman, repeated header rows, the PAGE field, w:titlePg, the appendix
# restarting at 1, a native chart part); LibreOffice converts each to PDF
# and the PDFs' checks run on the result (every figure and name of Gia
# Lộc, margins, header columns, signature beside "Nơi nhận", page
# numbers); the text of every DOCX is the text of its PDF, paragraph by
# paragraph, for every fixture; rebuilds are byte-identical.
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3 # Debian's, with python3-docx
KINDS=report,decision,award-decision,report-docx,decision-docx,award-decision-docx
O=$WORK/out
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only $KINDS --out "$O" --quiet
expect_eq "build exits 0" $? 0
R=$O/bao-cao-chi-so-cchc-2022.docx
D=$O/quyet-dinh-cong-bo-chi-so-cchc-2022.docx
A=$O/quyet-dinh-khen-thuong-cchc-2022.docx
for k in report-docx decision-docx award-decision-docx; do
    expect_eq "manifest lists $k" "$(cut -f1 "$O/manifest.tsv" | grep -cx "$k")" 1
done
(cd "$O" && sha256sum -c --quiet SHA256SUMS) && ok "SHA256SUMS verifies" || bad "SHA256SUMS"
for f in "$R" "$D" "$A"; do
    [ -f "$f" ] || { bad "$(basename "$f") not written"; continue; }
    unzip -tq "$f" > /dev/null && ok "$(basename "$f"): a sound zip" || bad "$(basename "$f"): zip"
done

# --- the DOCX's own XML ---
part() { unzip -p "$1" "$2"; }
part "$R" word/document.xml > "$WORK/rdoc"
part "$A" word/document.xml > "$WORK/adoc"
expect_grep "A4 in twips" '<w:pgSz w:w="11906" w:h="16838"/>' "$WORK/rdoc"
expect_grep "decree-30 margins in twips (20/15/20/30 mm)" \
    '<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"' "$WORK/rdoc"
part "$R" word/styles.xml > "$WORK/rsty"
expect_grep "Times New Roman declared for ascii, hAnsi and cs" \
    '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>' "$WORK/rsty"
expect_grep "14 pt by default" '<w:sz w:val="28"/>' "$WORK/rsty"
expect_grep "header rows repeated (w:tblHeader)" '<w:tblHeader/>' "$WORK/rdoc"
expect_grep "rows never split (w:cantSplit)" '<w:cantSplit/>' "$WORK/rdoc"
expect_grep "justified paragraphs" '<w:jc w:val="both"/>' "$WORK/rdoc"
expect_grep "first-line indent 12.7 mm" '<w:ind w:firstLine="720"/>' "$WORK/rdoc"
expect_grep "bold runs" '<w:b/>' "$WORK/rdoc"
expect_grep "italic runs" '<w:i/>' "$WORK/rdoc"
expect_grep "rules as paragraph borders" '<w:pBdr><w:bottom w:val="single"' "$WORK/rdoc"
expect_grep "borderless tables for columns" '<w:top w:val="nil"/>' "$WORK/rdoc"
expect_eq "no page numbered first (w:titlePg in both sections)" "$(grep -o '<w:titlePg/>' "$WORK/rdoc" | wc -l)" 2
expect_eq "the appendix restarts at 1" "$(grep -o '<w:pgNumType w:start="1"/>' "$WORK/rdoc" | wc -l)" 1
part "$R" word/header1.xml > "$WORK/rhdr"
expect_grep "page number: a PAGE field" '<w:instrText xml:space="preserve"> PAGE </w:instrText>' "$WORK/rhdr"
expect_grep "page number centred" '<w:jc w:val="center"/>' "$WORK/rsty"
part "$R" word/charts/chart1.xml > "$WORK/rch" 2> /dev/null
expect_grep "native bar chart" '<c:barDir val="bar"/>' "$WORK/rch"
expect_grep "chart categories: the units" '<c:v>Thống Nhất</c:v>' "$WORK/rch"
expect_grep "chart values cached" '<c:v>87.49</c:v>' "$WORK/rch"
expect_grep "chart title" 'Chỉ số cải cách hành chính năm 2022 (%)' "$WORK/rch"
part "$R" word/_rels/document.xml.rels > "$WORK/rrels"
expect_grep "chart relationship" 'relationships/chart" Target="charts/chart1.xml"' "$WORK/rrels"
part "$R" '\[Content_Types\].xml' > "$WORK/rct"
expect_grep "chart content type" '<Override PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' "$WORK/rct"
grep -q '<w:drawing>.*<c:chart ' "$WORK/rdoc" && ok "the chart is a drawing of the chart part" || bad "no chart drawing"
grep -q '<pic:\|<w:pict\|image' "$WORK/rdoc" && bad "a picture in the report" || ok "no picture: real text and a chart"
part "$R" docProps/core.xml > "$WORK/rcore"
expect_grep "title from the description" '<dc:title>Báo cáo kết quả Chỉ số cải cách hành chính năm 2022</dc:title>' "$WORK/rcore"
expect_grep "dates from SOURCE_DATE_EPOCH" '2023-03-17T00:00:00Z</dcterms:created>' "$WORK/rcore"
# python-docx opens each and finds the paragraphs and tables
if $PY -c 'import docx' 2> /dev/null; then
    for f in "$R" "$D" "$A"; do
        $PY -c 'import docx, sys
d = docx.Document(sys.argv[1])
s = d.sections
assert s[0].page_width == 11906 * 635 and s[0].left_margin == 1701 * 635, "page"
assert d.paragraphs and d.tables, "content"
assert all(x.different_first_page_header_footer for x in s), "titlePg"
print(len(d.paragraphs), "paragraphs", len(d.tables), "tables", len(s), "sections")' "$f" > "$WORK/pd" 2>&1 \
            && ok "python-docx reads $(basename "$f"): $(cat "$WORK/pd")" || { bad "python-docx: $(basename "$f")"; cat "$WORK/pd"; }
    done
else
    echo "python3-docx missing: not read by it"
fi

# --- the text of DOCX and PDF agree, paragraph by paragraph ---
for s in bao-cao-chi-so-cchc quyet-dinh-cong-bo-chi-so-cchc quyet-dinh-khen-thuong-cchc; do
    python3 tests/docx-text.py "$O/$s-2022.docx" "$O/$s-2022.pdf" > "$WORK/cmp" 2>&1 \
        && ok "$s: DOCX and PDF text agree ($(cat "$WORK/cmp"))" || { bad "$s: text differs"; cat "$WORK/cmp"; }
done
python3 tests/docx-text.py "$R" "$O/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" > /dev/null 2>&1 \
    && bad "the text comparison cannot fail" || ok "the text comparison tells two documents apart"
for f in fixtures/*.xml; do
    n=$(basename "$f" .xml)
    $PARPACK build "$f" --only $KINDS --out "$WORK/fx-$n" --quiet 2> "$WORK/fxe"
    expect_eq "$n: build exits 0" $? 0
    for d in "$WORK/fx-$n"/*.docx; do
        python3 tests/docx-text.py "$d" "${d%.docx}.pdf" > "$WORK/cmp" 2>&1 \
            && ok "$n/$(basename "$d"): text agrees with the PDF" || { bad "$n/$(basename "$d"): text differs"; cat "$WORK/cmp"; }
    done
done

# --- reproducible ---
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only $KINDS --out "$WORK/out2" --quiet
for f in "$R" "$D" "$A"; do
    cmp -s "$f" "$WORK/out2/$(basename "$f")" && ok "$(basename "$f"): two builds byte-identical" || bad "$(basename "$f"): builds differ"
done

# --- a bound row naming a field the records have not: exit 4, nothing ---
cp -R templates "$WORK/tpl"
sed -i 's|field="achieved-text"|field="achieved-txt"|' "$WORK/tpl/report.xsl"
$PARPACK build fixtures/gia-loc-2022.xml --only report-docx --templates "$WORK/tpl" --out "$WORK/bad" --quiet 2> "$WORK/e"
expect_eq "unknown table field in a DOCX: exit 4" $? 4
expect_grep "unknown field named" "no field 'achieved-txt'" "$WORK/e"
[ ! -e "$WORK/bad" ] && ok "nothing written" || bad "output left behind"

# --- LibreOffice's rendering passes the PDFs' checks ---
command -v soffice > /dev/null || { echo "LibreOffice missing: not converted"; finish; }
L=$WORK/lo
soffice --headless -env:UserInstallation=file://$WORK/lo-profile --convert-to pdf \
    --outdir "$L" "$R" "$D" "$A" > "$WORK/soffice" 2>&1
for f in "$R" "$D" "$A"; do
    p=$L/$(basename "$f" .docx).pdf
    [ -s "$p" ] && ok "LibreOffice converts $(basename "$f")" || { bad "LibreOffice did not convert $(basename "$f")"; cat "$WORK/soffice"; }
done
LR=$L/bao-cao-chi-so-cchc-2022.pdf
LD=$L/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf
LA=$L/quyet-dinh-khen-thuong-cchc-2022.pdf
text() { pdftotext "$1" - 2>/dev/null | tr '\f' '\n' | grep -v '^[0-9]*$' | tr '\n' ' ' | tr -s ' '; }
text "$LR" > "$WORK/t"; text "$LA" > "$WORK/a"; text "$LD" > "$WORK/d"
expect_phrases "report (LibreOffice) says" tests/expect/gia-loc-2022-report.txt "$WORK/t"
for want in "Chỉ số cải cách hành chính năm 2022 (%)" "Thống Nhất" "Đức Xương"; do
    expect_grep "report (LibreOffice) says: $want" "$want" "$WORK/t"
done
expect_phrases "award decision (LibreOffice)" tests/expect/gia-loc-2022-award-decision.txt "$WORK/a"
expect_eq "5 + 1 individuals at 450.000" "$(pdftotext "$LA" - 2>/dev/null | grep -c '^450.000$')" 6
expect_eq "3 + 5 collectives at 900.000" "$(pdftotext "$LA" - 2>/dev/null | grep -c '^900.000$')" 8
expect_phrases "decision (LibreOffice)" tests/expect/gia-loc-2022-decision.txt "$WORK/d"
# the appendix row of the leader, every field's percentage and +12
pdftotext -layout "$LR" - 2>/dev/null > "$WORK/lay"
grep -qE '^ *1 +Thống Nhất +87,49 +87,49 +87,08 +87,50 +83,78 +87,50 +88,64 +92,30 +87,77 +Từ 80% đến (dưới 90% +)?Hoàn thành +(tốt nhiệm vụ +)?\+12' "$WORK/lay" \
    && ok "appendix row of Thống Nhất (LibreOffice)" || { bad "appendix row"; grep 'Thống Nhất' "$WORK/lay"; }
# decree-30 margins (tests/pdfcheck.sh; its overlaps are left out: the
# boxes pdftotext gives LibreOffice's fonts are taller than their lines),
# and no two words on one line overlapping
layout() {
    sh tests/pdfcheck.sh "$1" | grep -v ' overlaps ' > "$WORK/bb"
    pdftotext -bbox "$1" - 2>/dev/null | awk '
    function num(s, k,   v) { v = s; sub(".*" k "=\"", "", v); sub("\".*", "", v); return v + 0 }
    /<page / { page++; n = 0 }
    /<word / { x0 = num($0, "xMin"); y0 = num($0, "yMin"); x1 = num($0, "xMax")
        t = $0; sub(/^.*">/, "", t); sub(/<\/word>.*/, "", t)
        for (i = 0; i < n; i++)
            if (y0 - Y0[i] < 2 && Y0[i] - y0 < 2 && x0 + 0.6 < X1[i] && X0[i] + 0.6 < x1)
                printf "page %d: \"%s\" overlaps \"%s\" on its line\n", page, t, TX[i]
        X0[n] = x0; Y0[n] = y0; X1[n] = x1; TX[n] = t; n++ }' >> "$WORK/bb"
    [ ! -s "$WORK/bb" ]
}
for p in "$LR" "$LD" "$LA"; do
    layout "$p" && ok "$(basename "$p") (LibreOffice): inside margins, no words overlapping" \
        || { bad "$(basename "$p") (LibreOffice): layout"; head -20 "$WORK/bb"; }
    pdftotext -f 1 -l 1 -bbox "$p" - 2>/dev/null > "$WORK/b"
    pos() { grep -m1 ">$1<" "$WORK/b" | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/'; }
    set -- $(pos "ỦY") 0; ux=$1
    set -- $(pos "CỘNG") 0; cx=$1
    awk -v u="$ux" -v c="$cx" 'BEGIN { exit !(u > 80 && u < 297 && c > 250) }' \
        && ok "$(basename "$p") (LibreOffice): issuer left ($ux), motto right ($cx)" || bad "$(basename "$p"): header columns ($ux, $cx)"
done
# align-last: "Số: …" on the line of the place and date
pdftotext -f 1 -l 1 -bbox "$LA" - 2>/dev/null > "$WORK/b1"
y_so=$(grep -m1 '>Số:<' "$WORK/b1" | sed 's/.*yMin="\([0-9.]*\)".*/\1/')
y_date=$(grep '>ngày<' "$WORK/b1" | head -1 | sed 's/.*yMin="\([0-9.]*\)".*/\1/')
awk -v a="$y_so" -v b="$y_date" 'BEGIN { exit !(a - b < 2 && b - a < 2) }' \
    && ok "\"Số:\" on the line of the date ($y_so, $y_date)" || bad "\"Số:\" and the date apart ($y_so, $y_date)"
python3 -c 'import re, sys
d = open(sys.argv[1], encoding="utf-8").read()
i = d.index("Nơi nhận:")
t = d.rindex("<w:tbl>", 0, i)
p = d.rindex("<w:p>", 0, t)
sys.exit(0 if "<w:keepNext/>" in d[p:t] else 1)' "$WORK/adoc" \
    && ok "the paragraph before the signature keeps with it" || bad "signature block not kept with the text"
pdftotext -bbox "$LD" - 2>/dev/null > "$WORK/db"
x_so=$(grep -m1 '>Số:<' "$WORK/db" | sed 's/.*xMax="\([0-9.]*\)".*/\1/')
x_qd=$(grep -m1 '>/QĐ-UBND<' "$WORK/db" | sed 's/.*xMin="\([0-9.]*\)".*/\1/')
awk -v a="$x_so" -v b="$x_qd" 'BEGIN { exit !(b - a > 25) }' && ok "room to write the number ($x_so .. $x_qd)" || bad "no room for the number ($x_so .. $x_qd)"
pdftotext -bbox "$LA" - 2>/dev/null > "$WORK/b"
nn=$(grep -m1 '>Nơi<' "$WORK/b" | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/')
kt=$(grep -m1 '>KT.<' "$WORK/b" | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/')
echo "$nn $kt" | awk '{ exit !($1 < 150 && $3 > 297 && ($2 - $4 < 8 && $4 - $2 < 8)) }' \
    && ok "signature right, Nơi nhận left, same height ($nn / $kt)" || bad "signature block placement: $nn / $kt"
# page numbers: centred in the top margin from page 2, the appendix apart
first_line() { pdftotext -f "$2" -l "$2" -y 0 -H 50 -W 600 -x 0 "$1" - 2>/dev/null | tr -d ' \f\n'; }
expect_eq "report page 1 not numbered" "$(first_line "$LR" 1)" ""
expect_eq "report page 2 numbered 2" "$(first_line "$LR" 2)" "2"
app=$(pdftotext "$LR" - 2>/dev/null | awk 'BEGIN { RS = "\f" } /PHỤ LỤC/ { print NR; exit }')
np=$(pdfinfo "$LR" 2>/dev/null | awk '/^Pages:/ {print $2}')
[ -n "$app" ] && [ "$np" -gt "$app" ] && {
    expect_eq "the appendix's first page (page $app) not numbered" "$(first_line "$LR" "$app")" ""
    expect_eq "the appendix's second page numbered 2" "$(first_line "$LR" $((app + 1)))" "2"
    expect_eq "the page before the appendix numbered $((app - 1))" "$(first_line "$LR" $((app - 1)))" "$((app - 1))"
} || bad "no appendix of two pages in the report ($app of $np)"
pdftotext -f 2 -l 2 -bbox "$LR" - 2>/dev/null | grep -m1 '>2<' | sed 's/.*xMin="\([0-9.]*\)".*xMax="\([0-9.]*\)".*/\1 \2/' > "$WORK/pn"
awk '{ c = ($1 + $2) / 2; exit !(c > 312 && c < 326) }' "$WORK/pn" && ok "page number centred between the margins ($(cat "$WORK/pn"))" || bad "page number not centred: $(cat "$WORK/pn")"

# a province of 170 units in 3 blocks: header rows repeated on each page
python3 tools/gen-national.py --units 170 --blocks 3 --leaves 40 > "$WORK/p.xml"
$PARPACK build "$WORK/p.xml" --only report-docx --out "$WORK/p" --quiet
expect_eq "province DOCX exits 0" $? 0
PD=$(ls "$WORK"/p/*.docx)
soffice --headless -env:UserInstallation=file://$WORK/lo-profile --convert-to pdf --outdir "$WORK/pl" "$PD" > /dev/null 2>&1
PL=$(ls "$WORK"/pl/*.pdf)
heads=$(pdftotext "$PL" - 2>/dev/null | grep -c "^Hạng$")
[ "$heads" -ge 6 ] && ok "province (LibreOffice): table header repeated on each page ($heads times)" || bad "header repeated $heads times"
layout "$PL" && ok "province (LibreOffice): inside margins, no overlap" || { bad "province layout"; head "$WORK/bb"; }
finish
