# Gia Lộc 2022 (seed 000): every published fact, read from `parpack score`.
. tests/lib.sh
F=fixtures/gia-loc-2022.xml
P=fixtures/gia-loc-2021.xml
$PARPACK score $F --previous $P > "$WORK/s.csv" 2> "$WORK/err"
expect_eq "score exits 0" $? 0
tr -d '\r' < "$WORK/s.csv" > "$WORK/s"
expect_eq "header" "$(head -1 "$WORK/s")" \
    "block,rank,id,name,achieved,max,index,tier,rating,previous_rank,delta,flags"
expect_eq "18 units" "$(tail -n +2 "$WORK/s" | wc -l)" 18
col() { awk -F, -v n="$1" 'NR>1 {print $n}' "$WORK/s"; }
# row of a unit by name: rank,index,tier,rating,delta
row() { awk -F, -v u="$1" 'NR>1 && $4==u {print $2"|"$7"|"$8"|"$9"|"$11}' "$WORK/s"; }
expect_eq "block is empty without blocks" "$(col 1 | sort -u)" ""
expect_eq "no unit at 90% or more" "$(col 8 | grep -c '^Từ 90% trở lên$')" 0
in_80=$(awk -F, 'NR>1 && $8=="Từ 80% đến dưới 90%" {print $4}' "$WORK/s" | sort)
want_80=$(printf '%s\n' "Thống Nhất" "Toàn Thắng" "Thống Kênh" "Thị trấn Gia Lộc" \
    "Gia Khánh" "Đoàn Thượng" "Nhật Tân" "Quang Minh" "Hoàng Diệu" "Đồng Quang" \
    "Yết Kiêu" "Phạm Trấn" "Gia Tân" "Gia Lương" "Hồng Hưng" | sort)
expect_eq "the 15 communes from 80% to below 90%" "$in_80" "$want_80"
in_65=$(awk -F, 'NR>1 && $8=="Từ 65% đến dưới 80%" {print $4}' "$WORK/s" | sort)
want_65=$(printf '%s\n' "Tân Tiến" "Lê Lợi" "Đức Xương" | sort)
expect_eq "the 3 communes from 65% to below 80%" "$in_65" "$want_65"
expect_eq "Thống Nhất first at 87.49" "$(row 'Thống Nhất' | cut -d"|" -f1,2 | tr "|" " ")" "1 87.49"
expect_eq "Toàn Thắng second at 85.18" "$(row 'Toàn Thắng' | cut -d"|" -f1,2 | tr "|" " ")" "2 85.18"
expect_eq "Đoàn Thượng third at 84.99" "$(row 'Đoàn Thượng' | cut -d"|" -f1,2 | tr "|" " ")" "3 84.99"
expect_eq "Đức Xương last at 66.45" "$(row 'Đức Xương' | cut -d"|" -f1,2 | tr "|" " ")" "18 66.45"
expect_eq "bottom three" "$(tail -n 3 "$WORK/s" | cut -d, -f4 | sort | tr '\n' ';')" \
    "$(printf '%s\n' 'Tân Tiến' 'Lê Lợi' 'Đức Xương' | sort | tr '\n' ';')"
tot=$(awk -F, 'NR>1 && $9=="tot" {print $4}' "$WORK/s" | sort)
want_tot=$(printf '%s\n' "Thống Nhất" "Toàn Thắng" "Đoàn Thượng" "Thống Kênh" \
    "Gia Khánh" "Nhật Tân" "Quang Minh" "Đồng Quang" "Hồng Hưng" | sort)
expect_eq "9 heads rated tốt" "$tot" "$want_tot"
ht=$(awk -F, 'NR>1 && $9=="hoan-thanh" {print $4}' "$WORK/s" | sort)
want_ht=$(printf '%s\n' "Thị trấn Gia Lộc" "Hoàng Diệu" "Yết Kiêu" "Gia Tân" \
    "Gia Lương" "Phạm Trấn" "Tân Tiến" "Lê Lợi" "Đức Xương" | sort)
expect_eq "9 heads rated hoàn thành" "$ht" "$want_ht"
expect_eq "Thống Nhất rose 12" "$(row 'Thống Nhất' | cut -d"|" -f5)" 12
expect_eq "Toàn Thắng rose 8" "$(row 'Toàn Thắng' | cut -d"|" -f5)" 8
expect_eq "Gia Khánh rose 11" "$(row 'Gia Khánh' | cut -d"|" -f5)" 11
expect_eq "Đồng Quang rose 10" "$(row 'Đồng Quang' | cut -d"|" -f5)" 10
# the 6 demoted communes: above 80% but a field under 70%
$PARPACK score $F --previous $P --format json > "$WORK/s.json"
expect_eq "json exits 0" $? 0
demoted=$(grep -o '"name":"[^"]*","achieved[^}]*"demoted":true' "$WORK/s.json" \
    | sed 's/"name":"\([^"]*\)".*/\1/' | sort)
want_dem=$(printf '%s\n' "Thị trấn Gia Lộc" "Hoàng Diệu" "Yết Kiêu" "Gia Tân" \
    "Gia Lương" "Phạm Trấn" | sort)
expect_eq "6 communes demoted by a field under 70%" "$demoted" "$want_dem"
expect_grep "9 tốt in 2022, 4 in 2021 (5 more)" '"id":"tot","count":9,"previous_count":4' "$WORK/s.json"
expect_nogrep "one spelling of Yết Kiêu" "Yết Kiệu" "$WORK/s"
# check's summary
$PARPACK check $F --previous $P > "$WORK/c" 2>&1
expect_eq "check exits 0" $? 0
expect_grep "check: 18 units" "18 units" "$WORK/c"
expect_grep "check: first" "first: Thống Nhất (87,49%)" "$WORK/c"
# without --previous every unit is new (no previous in the 2022 file)
$PARPACK score $F > "$WORK/n.csv"
expect_eq "without --previous: no deltas" "$(tr -d '\r' < "$WORK/n.csv" | awk -F, 'NR>1 {print $11}' | sort -u)" ""
finish
