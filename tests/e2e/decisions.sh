# Issue: official decisions and the commendation list (decree 30 format,
# money and amounts in words), for Gia Lộc 2022 (seed 000).
. tests/lib.sh
O=$WORK/out
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only decision,award-decision --out "$O" --quiet
expect_eq "build exits 0" $? 0
D=$O/quyet-dinh-cong-bo-chi-so-cchc-2022.pdf
A=$O/quyet-dinh-khen-thuong-cchc-2022.pdf
text() { pdftotext "$1" - 2>/dev/null | tr '\f' '\n' | grep -v '^[0-9]*$' | tr '\n' ' ' | tr -s ' '; }
text "$A" > "$WORK/a"; text "$D" > "$WORK/d"
expect_phrases "award decision" tests/expect/gia-loc-2022-award-decision.txt "$WORK/a"
expect_eq "5 + 1 individuals at 450.000" "$(pdftotext "$A" - 2>/dev/null | grep -c '^450.000$')" 6
expect_eq "3 + 5 collectives at 900.000" "$(pdftotext "$A" - 2>/dev/null | grep -c '^900.000$')" 8
expect_phrases "decision" tests/expect/gia-loc-2022-decision.txt "$WORK/d"
# the number is left blank to be written by hand: "Số:" then room, then "/QĐ-UBND"
pdftotext -bbox "$D" - 2>/dev/null > "$WORK/db"
x_so=$(grep -m1 '>Số:<' "$WORK/db" | sed 's/.*xMax="\([0-9.]*\)".*/\1/')
x_qd=$(grep -m1 '>/QĐ-UBND<' "$WORK/db" | sed 's/.*xMin="\([0-9.]*\)".*/\1/')
awk -v a="$x_so" -v b="$x_qd" 'BEGIN { exit !(b - a > 25) }' && ok "room to write the number ($x_so .. $x_qd)" || bad "no room for the number ($x_so .. $x_qd)"
# decree 30 positions on page 1
for f in "$A" "$D"; do
    pdftotext -f 1 -l 1 -bbox "$f" - 2>/dev/null > "$WORK/b"
    pos() { grep -m1 ">$1<" "$WORK/b" | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/'; }
    set -- $(pos "ỦY"); ux=$1
    set -- $(pos "CỘNG"); cx=$1
    awk -v u="$ux" -v c="$cx" 'BEGIN { exit !(u < 297 && c > 250) }' \
        && ok "$(basename "$f"): issuer left ($ux), motto right ($cx)" || bad "$(basename "$f"): header columns ($ux, $cx)"
    sh tests/pdfcheck.sh "$f" > "$WORK/bb" && ok "$(basename "$f"): inside margins, no overlap" || { bad "layout"; head "$WORK/bb"; }
done
# signature block on the right, "Nơi nhận:" on the left at the same height
pdftotext -bbox "$A" - 2>/dev/null > "$WORK/b"
nn=$(grep -m1 '>Nơi<' "$WORK/b" | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/')
kt=$(grep -m1 '>KT.<' "$WORK/b" | sed 's/.*xMin="\([0-9.]*\)" yMin="\([0-9.]*\)".*/\1 \2/')
echo "Nơi nhận at $nn; KT. at $kt"
echo "$nn $kt" | awk '{ exit !($1 < 150 && $3 > 297 && ($2 - $4 < 8 && $4 - $2 < 8)) }' \
    && ok "signature right, Nơi nhận left, same height" || bad "signature block placement: $nn / $kt"
# the appendix is numbered on its own: its second page says 2
np=$(pdfinfo "$A" 2>/dev/null | awk '/^Pages:/ {print $2}')
[ "$np" -ge 3 ] && ok "award decision has $np pages" || bad "award decision pages: $np"
# the regional word forms are a template setting
cp -R templates "$WORK/tpl"
sed -i "s|<xsl:param name=\"words-style\" select=\"''\"/>|<xsl:param name=\"words-style\" select=\"'ngàn'\"/>|" "$WORK/tpl/common.xsl"
$PARPACK build fixtures/gia-loc-2022.xml --only award-decision --templates "$WORK/tpl" --out "$WORK/ngan" --quiet
text "$WORK/ngan/quyet-dinh-khen-thuong-cchc-2022.pdf" > "$WORK/ng"
expect_grep "words-style 'ngàn' in the template" "Chín triệu chín trăm ngàn đồng" "$WORK/ng"
finish
