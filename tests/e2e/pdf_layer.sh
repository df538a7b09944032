# Issue #12 (renderer): a valid text layer. Every PDF of every fixture
# reads without a single poppler warning (libharu 2.3.0 wrote its UTF-8
# encoding CMap as /ToUnicode), passes qpdf --check, and search and copy
# give the Vietnamese text.
. tests/lib.sh
n=0
for f in fixtures/*.xml; do
    name=$(basename "$f" .xml)
    prev=""
    [ "$name" = gia-loc-2022 ] && prev="--previous fixtures/gia-loc-2021.xml"
    $PARPACK build "$f" $prev --only report,decision,award-decision \
        --out "$WORK/$name" --quiet 2>/dev/null
    expect_eq "$name: build exits 0" $? 0
    for p in "$WORK/$name"/*.pdf; do
        [ -f "$p" ] || continue
        n=$((n + 1))
        pdftotext "$p" "$WORK/t" 2> "$WORK/err"
        if [ -s "$WORK/err" ]; then
            bad "$name/$(basename "$p"): pdftotext warns: $(sort -u "$WORK/err" | head -3)"
        else
            ok "$name/$(basename "$p"): no pdftotext warning"
        fi
        qpdf --check "$p" > "$WORK/q" 2>&1 && ok "$name/$(basename "$p"): qpdf --check" \
            || { bad "$name/$(basename "$p"): qpdf --check"; tail -3 "$WORK/q"; }
    done
done
[ "$n" -ge 12 ] && ok "$n PDFs checked" || bad "only $n PDFs"
# the text a reader searches and copies is the Vietnamese text
pdftotext "$WORK/gia-loc-2022/bao-cao-chi-so-cchc-2022.pdf" - 2>/dev/null | tr '\n' ' ' > "$WORK/t"
for want in "UBND xã Thống Nhất với 87,49% số điểm, dẫn đầu" "Đức Xương" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"; do
    expect_grep "copied text: $want" "$want" "$WORK/t"
done
finish
