# Further cases: not-applicable criteria, ties in Vietnamese order, NFD
# input, blocks.
. tests/lib.sh
# Kon Rẫy 2022: 82.58 of an applicable 95.5 is 86.471 at precision 3
$PARPACK score fixtures/kon-ray-na.xml > "$WORK/k" 2> "$WORK/err"
expect_eq "kon-ray: exit 0" $? 0
expect_grep "kon-ray: 82.58 of 95.5 is 86.471" ",82.58,95.5,86.471," "$WORK/k"
# ties: shared ranks 1,2,2,4 style and Vietnamese alphabetical order
$PARPACK score fixtures/ties.xml > "$WORK/t" 2> "$WORK/err"
expect_eq "ties: exit 0" $? 0
tr -d '\r' < "$WORK/t" | awk -F, 'NR>1 {print $2" "$4}' > "$WORK/tr"
cat "$WORK/tr"
ranks=$(cut -d' ' -f1 "$WORK/tr" | tr '\n' ' ')
case "$ranks" in
    *"1 1 "*|*"2 2 "*) ok "ties: shared ranks ($ranks)";;
    *) bad "ties: no shared rank in ($ranks)";;
esac
# a rank after a tie skips: no "k k k+1" with two equal before
awk '{ if (NR>1 && $1!=p && $1!=NR) bad=1; p=$1 } END { exit bad }' "$WORK/tr" \
    && ok "ties: the rank after a tie skips" || bad "ties: ranks do not skip after ties"
# NFD input: names come out NFC
$PARPACK score fixtures/nfd.xml > "$WORK/n" 2> "$WORK/err"
expect_eq "nfd: exit 0" $? 0
expect_grep "nfd: Đức Xương in NFC" "Đức Xương" "$WORK/n"
# blocks: Hà Tĩnh 2023 (seed): means and counts per block
$PARPACK score fixtures/ha-tinh-2023.xml --format json > "$WORK/h" 2> "$WORK/err"
expect_eq "ha-tinh: exit 0" $? 0
expect_grep "departments: 17 units, mean 90.53" '"count":17,"mean":90.53' "$WORK/h"
expect_grep "districts: 13 units, mean 90.59" '"count":13,"mean":90.59' "$WORK/h"
expect_grep "central agencies: 6 units, mean 94.38" '"count":6,"mean":94.38' "$WORK/h"
expect_grep "departments: 12 of 17 at 90% or more" '"count":17,"mean":90.53,"highest":93.85,"lowest":85.75,"tiers":[{"label":"Từ 90% trở lên","count":12}' "$WORK/h"
expect_grep "districts: 6 of 13 at 90% or more" '"count":13,"mean":90.59' "$WORK/h"
grep -o '"count":13,"mean":90.59[^]]*' "$WORK/h" | grep -q '"Từ 90% trở lên","count":6}' && ok "districts: 6 of 13" || bad "districts: not 6 of 13"
grep -o '"count":6,"mean":94.38[^]]*' "$WORK/h" | grep -q '"Từ 90% trở lên","count":6}' && ok "central agencies: all 6" || bad "central: not all 6"
expect_grep "Sở Khoa học và Công nghệ first among departments" '"units":[{"rank":1,"id":"so-nganh-01","name":"Sở Khoa học và Công nghệ"' "$WORK/h"
expect_grep "UBND thành phố Hà Tĩnh first among districts" '{"rank":1,"id":"huyen-01","name":"UBND thành phố Hà Tĩnh"' "$WORK/h"
$PARPACK check fixtures/ha-tinh-2023.xml > "$WORK/hc"
expect_grep "check shows blocks" "so-nganh" "$WORK/hc"
finish
