# Issue #27: the PDFs are drawn from subsets of the serif fonts, made on
# first use and cached (src/render/pdf/subset.c). Processes making them at the
# same time leave whole files and write the same bytes; a cache folder
# that cannot be written changes nothing but where the subsets live; a
# character outside the subsets is drawn from the full fonts, not left
# out; the Gia Lộc decision and report are small; poppler and qpdf read
# them without a warning.
. tests/lib.sh
G=fixtures/gia-loc-2022.xml
export XDG_CACHE_HOME="$WORK/cache"
# three builds at once on an empty cache
for i in 1 2 3; do
    "$PARPACK" build $G --previous fixtures/gia-loc-2021.xml --only report,decision \
        --out "$WORK/c$i" --quiet 2> "$WORK/c$i.err" &
done
wait
for i in 1 2 3; do
    expect_eq "concurrent build $i: a decision" "$(ls "$WORK/c$i" | grep -c '^quyet-dinh-cong-bo.*\.pdf$')" 1
done
cmp -s "$WORK/c1/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" "$WORK/c2/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" &&
cmp -s "$WORK/c1/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" "$WORK/c3/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" &&
    ok "concurrent builds: the same decision" || bad "concurrent builds: decisions differ"
expect_eq "the cache: one subset per style" "$(ls "$XDG_CACHE_HOME/parpack/fonts" | grep -c '\.ttf$')" 4
expect_eq "the cache: no temporary file left" "$(ls "$XDG_CACHE_HOME/parpack/fonts" | grep -vc '\.ttf$')" 0
# from the cache, and without one: the same bytes
"$PARPACK" build $G --previous fixtures/gia-loc-2021.xml --only report,decision --out "$WORK/again" --quiet 2>/dev/null
diff -r "$WORK/c1" "$WORK/again" > /dev/null && ok "from the cache: the same packet" || bad "from the cache: another packet"
: > "$WORK/not-a-folder"
XDG_CACHE_HOME="$WORK/not-a-folder" "$PARPACK" build $G --previous fixtures/gia-loc-2021.xml \
    --only report,decision --out "$WORK/nocache" --quiet 2>/dev/null
expect_eq "no cache folder: exit 0" $? 0
diff -r "$WORK/c1" "$WORK/nocache" > /dev/null && ok "no cache folder: the same packet" || bad "no cache folder: another packet"
# sizes (the subsets' few hundred glyphs, not the whole font)
d=$(wc -c < "$WORK/c1/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf")
r=$(wc -c < "$WORK/c1/bao-cao-chi-so-cchc-2022.pdf")
[ "$d" -lt 60000 ] && ok "Gia Lộc decision under 60 KB ($d bytes)" || bad "Gia Lộc decision is $d bytes"
[ "$r" -lt 120000 ] && ok "Gia Lộc report under 120 KB ($r bytes)" || bad "Gia Lộc report is $r bytes"
for f in "$WORK"/c1/*.pdf; do
    w=$( (pdftotext "$f" /dev/null; pdffonts "$f" > /dev/null; pdftoppm -r 20 -png -f 1 -l 1 "$f" "$WORK/pp") 2>&1)
    expect_eq "poppler reads $(basename "$f") without a word" "$w" ""
    qpdf --check "$f" > "$WORK/qpdf.txt" 2>&1
    expect_eq "qpdf: $(basename "$f") clean" "$?" 0
    expect_nogrep "qpdf: no warning in $(basename "$f")" "WARNING" "$WORK/qpdf.txt"
done
pdftotext "$WORK/c1/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf" "$WORK/d.txt"
expect_grep "the decision's text" "Phê duyệt và công bố Chỉ số cải cách hành chính năm 2022" "$WORK/d.txt"
# a unit named with a Greek letter: drawn from the full fonts
sed 's/name="Thống Nhất"/name="Thống Nhất Ω"/' $G > "$WORK/omega.xml"
"$PARPACK" build "$WORK/omega.xml" --only report --out "$WORK/o" --quiet 2>/dev/null
expect_eq "a character outside the subsets: exit 0" $? 0
pdftotext "$WORK/o/bao-cao-chi-so-cchc-2022.pdf" "$WORK/o.txt"
expect_grep "Ω is in the report's text" "Thống Nhất Ω" "$WORK/o.txt"
o=$(wc -c < "$WORK/o/bao-cao-chi-so-cchc-2022.pdf")
[ "$o" -gt 150000 ] && ok "with Ω, the full fonts ($o bytes)" || bad "with Ω: $o bytes, not the full fonts"
finish
