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
for want in "QUYẾT ĐỊNH" "Về việc khen thưởng thành tích trong thực hiện nhiệm vụ cải cách hành chính năm 2022" \
    "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN GIA LỘC" "Căn cứ Luật Thi đua, khen thưởng" \
    "Căn cứ Nghị định số 38/2019/NĐ-CP" "Theo đề nghị của Trưởng phòng Nội vụ." \
    "Điều 1. Khen thưởng 7 tập thể (8 lượt khen thưởng) và 6 cá nhân" \
    "Tặng Giấy khen của Chủ tịch UBND huyện cho 3 tập thể và 5 cá nhân đã có thành tích xuất sắc trong thực hiện nhiệm vụ cải cách hành chính năm 2022" \
    "cho 5 tập thể và 1 cá nhân đã hoàn thành xuất sắc trong thực hiện dịch vụ công trực tuyến và số hóa hộ tịch năm 2022" \
    "mức lương cơ sở 1.490.000 đồng" "tập thể 900.000 đồng, cá nhân 450.000 đồng" \
    "9.900.000 đồng" "Chín triệu chín trăm nghìn đồng" \
    "Phòng Tư pháp huyện Gia Lộc" "UBND xã Thống Nhất" "UBND xã Toàn Thắng" \
    "UBND xã Gia Lương" "UBND xã Gia Tân" "UBND xã Thống Kênh" "UBND xã Gia Khánh" \
    "DANH SÁCH KHEN THƯỞNG" "(Kèm theo Quyết định số" "ngày 17 tháng 3 năm 2023" \
    "Cộng 4.950.000" "KT. CHỦ TỊCH" "PHÓ CHỦ TỊCH" "Phạm Văn Tuyên" "Lưu: VT, NV." ; do
    expect_grep "award decision: $want" "$want" "$WORK/a"
done
expect_eq "5 + 1 individuals at 450.000" "$(pdftotext "$A" - 2>/dev/null | grep -c '^450.000$')" 6
expect_eq "3 + 5 collectives at 900.000" "$(pdftotext "$A" - 2>/dev/null | grep -c '^900.000$')" 8
for want in "Phê duyệt và công bố Chỉ số cải cách hành chính năm 2022" "ỦY BAN NHÂN DÂN HUYỆN GIA LỘC" \
    "Điều 1. Phê duyệt và công bố Chỉ số cải cách hành chính năm 2022 của 18 đơn vị" \
    "từ 80% đến dưới 90%: 15 đơn vị" "Hoàn thành tốt nhiệm vụ: 9 người" \
    "Phụ lục" "KẾT QUẢ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2022" \
    "của Chủ tịch Ủy ban nhân dân huyện Gia Lộc)" "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN GIA LỘC Căn cứ" "Thống Nhất 87,49" ; do
    expect_grep "decision: $want" "$want" "$WORK/d"
done
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
