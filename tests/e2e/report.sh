# Issue: the announcement report as a real PDF. Gia Lộc 2022 says every
# figure of seed 000; fonts embedded; qpdf clean; words inside margins and
# not overlapping; reproducible; broken template -> exit 4 with location;
# a 170-unit, 3-block province breaks its tables across pages.
. tests/lib.sh
O=$WORK/out
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only report,results --out "$O" --quiet
expect_eq "build exits 0" $? 0
P=$O/bao-cao-chi-so-cchc-2022.pdf
[ -f "$P" ] && ok "report written" || bad "no report"
expect_eq "manifest lists 2 files" "$(wc -l < "$O/manifest.tsv")" 2
(cd "$O" && sha256sum -c --quiet SHA256SUMS) && ok "SHA256SUMS verifies" || bad "SHA256SUMS"
pdftotext "$P" - 2>/dev/null | tr '\f' '\n' | grep -v '^[0-9]*$' | tr '\n' ' ' | tr -s ' ' > "$WORK/t"
expect_phrases "report says" tests/expect/gia-loc-2022-report.txt "$WORK/t"
expect_nogrep "no byte-order spelling Yết Kiệu" "Yết Kiệu" "$WORK/t"
pdffonts "$P" 2>/dev/null | awk 'NR>2 && $(NF-4) != "yes" {bad=1} END {exit bad}' \
    && ok "every font embedded" || bad "a font is not embedded"
pdffonts "$P" 2>/dev/null | grep -q "LiberationSerif\|TimesNewRoman\|NotoSerif" \
    && ok "a Times-metric serif font" || bad "unexpected font"
qpdf --check "$P" > "$WORK/q" 2>&1 && ok "qpdf --check" || { bad "qpdf --check"; cat "$WORK/q"; }
sh tests/pdfcheck.sh "$P" > "$WORK/bb" && ok "words inside margins, none overlapping" \
    || { bad "layout"; head -20 "$WORK/bb"; }
pages=$(pdfinfo "$P" 2>/dev/null | awk '/^Pages:/ {print $2}')
[ "$pages" -ge 4 ] && ok "report has $pages pages" || bad "only $pages pages"
# page numbers: none on page 1; the appendix numbered on its own
pdftotext -f 1 -l 1 "$P" - 2>/dev/null | head -3 | grep -qx "1" && bad "page 1 is numbered" || ok "page 1 not numbered"
pdftotext -f 2 -l 2 "$P" - 2>/dev/null | head -1 | grep -qx "2" && ok "page 2 numbered 2" || bad "page 2 not numbered"
# reproducible
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only report,results --out "$WORK/out2" --quiet
cmp -s "$P" "$WORK/out2/bao-cao-chi-so-cchc-2022.pdf" && ok "two builds byte-identical" || bad "builds differ"
cmp -s "$O/manifest.tsv" "$WORK/out2/manifest.tsv" && ok "manifests identical" || bad "manifests differ"
# a broken template: exit 4 with its location, nothing written
cp -R templates "$WORK/tpl"
sed -i 's|<p align="center" bold="true" size="14" space-before="6" space-after="0">BÁO CÁO</p>|<p align="center">BÁO CÁO</x>|' "$WORK/tpl/report.xsl"
$PARPACK build fixtures/gia-loc-2022.xml --only report --templates "$WORK/tpl" --out "$WORK/out3" --quiet 2> "$WORK/e"
expect_eq "broken template: exit 4" $? 4
grep -qE "tpl/report.xsl:[0-9]+:[0-9]+: error: " "$WORK/e" && ok "TEMPLATE:LINE:COL: error" || { bad "no located template error"; cat "$WORK/e"; }
[ ! -e "$WORK/out3" ] && ok "nothing written on a template error" || bad "output left behind"
# a template producing a document outside the vocabulary: exit 4 too
cp -R templates "$WORK/tpl2"
sed -i 's|<rule width="40" align="center" space-after="12"/>|<rule width="40" align="middle"/>|' "$WORK/tpl2/report.xsl"
$PARPACK build fixtures/gia-loc-2022.xml --only report --templates "$WORK/tpl2" --out "$WORK/out4" --quiet 2> "$WORK/e2"
expect_eq "invalid description: exit 4" $? 4
expect_grep "invalid description named" "report.xsl" "$WORK/e2"
# each flagged unit carries the percentage that flagged it (4 in Gia Lộc)
expect_eq "4 flagged units carry their <flag>" \
    "$(grep -c '<flag id="tthc" field="3" pct="[0-9.]*" pct-text="[0-9,]*"/>' "$O/ket-qua-chi-so-cchc-2022.xml")" 4
# the appendix table's rows are bound rows (docs/document.md): the
# leader's row with every field's percentage and its rise of 12 places,
# from the block's records
pdftotext -layout "$P" - 2>/dev/null > "$WORK/lay"
grep -qE '^ *1 +Thống Nhất +87,49 +87,49 +87,08 +87,50 +83,78 +87,50 +88,64 +92,30 +87,77 +Từ 80% đến (dưới 90% +)?Hoàn thành +(tốt nhiệm vụ +)?\+12' "$WORK/lay" \
    && ok "appendix row of Thống Nhất, fields and +12 from bound rows" || { bad "appendix row"; grep 'Thống Nhất' "$WORK/lay"; }
grep -qE '^ *18 +Đức Xương +66,45 ' "$WORK/lay" && ok "appendix row 18: Đức Xương 66,45" || bad "appendix row 18"
# a bound row naming a field the records have not: exit 4, named, nothing
cp -R templates "$WORK/tpl3"
sed -i 's|field="achieved-text"|field="achieved-txt"|' "$WORK/tpl3/report.xsl"
$PARPACK build fixtures/gia-loc-2022.xml --only report --templates "$WORK/tpl3" --out "$WORK/out5" --quiet 2> "$WORK/e3"
expect_eq "unknown field in a table: exit 4" $? 4
expect_grep "unknown table field named" "no field 'achieved-txt'" "$WORK/e3"
[ ! -e "$WORK/out5" ] && ok "unknown table field: nothing written" || bad "output left behind"
# a 170-unit province in 3 blocks: tables break across pages with their header
python3 tools/gen-national.py --units 170 --blocks 3 --leaves 40 > "$WORK/p.xml"
$PARPACK build "$WORK/p.xml" --only report --out "$WORK/p" --quiet
expect_eq "province report exits 0" $? 0
PP=$(ls "$WORK"/p/*.pdf)
heads=$(pdftotext "$PP" - 2>/dev/null | grep -c "^Hạng$")
[ "$heads" -ge 6 ] && ok "table header repeated on each page ($heads times)" || bad "header repeated $heads times"
sh tests/pdfcheck.sh "$PP" > "$WORK/bb2" && ok "province: inside margins, no overlap" || { bad "province layout"; head "$WORK/bb2"; }
finish
