# Issue #12 (renderer): page layout of the official documents.
# 2. The header: "Số: …" on the baseline of the place-and-date line; each
#    rule under a title clear of the text above it (rendered: white rows
#    between the rule and the marks under the letters, tests/rulegap.py).
# 3. A number wider than its table cell ("100,00" in a LV column of Hà
#    Tĩnh) is set smaller, not broken between its digits.
# 1. The signature and "Nơi nhận" never stand alone on a page: the body's
#    last lines go with them (keep-with-previous). Provinces of 4 to 40
#    units end their body at every height of a page; the fixtures too.
. tests/lib.sh
# lines of text above "Nơi nhận:" on its page (the page number left out)
above_sig() {
    pdftotext -bbox "$1" - 2>/dev/null | awk '
    function num(s, k,   v) { v = s; sub(".*" k "=\"", "", v); sub("\".*", "", v); return v + 0 }
    /<page / { delete Y }
    /<word / { t = $0; sub(/^.*">/, "", t); sub(/<\/word>.*/, "", t); y = num($0, "yMin")
      if (t == "Nơi") { c = 0; for (k in Y) if (k + 0 < y - 3) c++; print c; exit }
      if (!(t ~ /^[0-9]+$/ && y < 57)) Y[int(y)] = 1 }'
}
for u in $(seq 4 2 40); do
    python3 tools/gen-national.py --units $u --blocks 1 --leaves 20 > "$WORK/p$u.xml"
    $PARPACK build "$WORK/p$u.xml" --only report,decision --out "$WORK/o$u" --quiet 2>/dev/null
    expect_eq "$u units: build exits 0" $? 0
    for f in "$WORK/o$u"/*.pdf; do
        n=$(above_sig "$f")
        [ "${n:-0}" -ge 2 ] && ok "$u units, $(basename "$f"): $n lines above the signature" \
            || bad "$u units, $(basename "$f"): the signature is alone on its page ($n lines above it)"
    done
done
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only report,decision,award-decision --out "$WORK/g" --quiet 2>/dev/null
for f in "$WORK/g"/*.pdf; do
    n=$(above_sig "$f")
    [ "${n:-0}" -ge 2 ] && ok "gia-loc-2022 $(basename "$f"): $n lines above the signature" \
        || bad "gia-loc-2022 $(basename "$f"): the signature is alone on its page ($n lines above it)"
done
for f in "$WORK/g"/*.pdf; do
    b=$(basename "$f")
    pdftotext -f 1 -l 1 -bbox "$f" - 2>/dev/null > "$WORK/bb"
    so=$(grep -m1 '>Số:<' "$WORK/bb" | sed 's/.*yMax="\([0-9.]*\)".*/\1/')
    gl=$(grep -m1 '>Gia<' "$WORK/bb" | sed 's/.*yMax="\([0-9.]*\)".*/\1/')
    awk -v a="$so" -v b="$gl" 'BEGIN { d = a - b; exit !(a > 0 && d < 0.5 && d > -0.5) }' \
        && ok "$b: Số: on the baseline of the date line ($so, $gl)" \
        || bad "$b: Số: at $so, the date line at $gl"
    pdftoppm -gray -r 200 -f 1 -l 1 "$f" "$WORK/pg" 2>/dev/null
    python3 tests/rulegap.py "$WORK/pg-1.pgm" 10 > "$WORK/rg" \
        && ok "$b: rules clear of the text above ($(grep -c rule "$WORK/rg") rules)" \
        || { bad "$b: a rule touches the text above"; cat "$WORK/rg"; }
    [ "$(grep -c rule "$WORK/rg")" -ge 3 ] && ok "$b: 3 rules found" || bad "$b: rules found: $(cat "$WORK/rg")"
done
$PARPACK build fixtures/ha-tinh-2023.xml --only report --out "$WORK/h" --quiet 2>/dev/null
pdftotext -bbox "$WORK/h"/*.pdf - 2>/dev/null > "$WORK/hb"
expect_eq "Hà Tĩnh: 100,00 whole in its cells" "$(grep -c '>100,00<' "$WORK/hb")" 2
expect_eq "Hà Tĩnh: no number broken in a cell" "$(grep -c '>100,0<' "$WORK/hb")" 0
finish
