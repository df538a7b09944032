# The award decision cites the decree of the base salary in force on the
# announcement date: since when a salary is in force comes from the
# program's one table (src/core/legal.c, pp:base-salary-since), the decree's
# words from templates/legal.xsl.
. tests/lib.sh
command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext missing"; exit 77; }
text() { pdftotext "$1" - 2>/dev/null | tr '\f' '\n' | tr '\n' ' ' | tr -s ' '; }

for case in 2019-07-01:38/2019/NĐ-CP 2023-03-17:38/2019/NĐ-CP \
            2023-07-01:24/2023/NĐ-CP 2024-06-30:24/2023/NĐ-CP \
            2024-07-01:73/2024/NĐ-CP 2026-06-30:73/2024/NĐ-CP \
            "2026-07-01:áp dụng từ ngày 01 tháng 7 năm 2026"; do
    date=${case%%:*}; want=${case#*:}
    sed "s/<announcement date=\"2023-03-17\"/<announcement date=\"$date\"/" \
        fixtures/gia-loc-2022.xml > "$WORK/in-$date.xml"
    $PARPACK build "$WORK/in-$date.xml" --only award-decision \
        --out "$WORK/out-$date" --quiet
    expect_eq "$date: build" $? 0
    text "$WORK/out-$date/quyet-dinh-khen-thuong-cchc-2022.pdf" > "$WORK/t-$date.txt"
    expect_grep "$date: the base salary's decree is $want" "$want" "$WORK/t-$date.txt"
    for other in 38/2019/NĐ-CP 24/2023/NĐ-CP 73/2024/NĐ-CP; do
        [ "$other" = "$want" ] && continue
        expect_nogrep "$date: not $other" "$other" "$WORK/t-$date.txt"
    done
done
finish
