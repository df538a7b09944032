# Issue #25: the consolidated workbook's criteria sheet ("Điểm tiêu chí")
# puts each criterion's appraised and self-assessed columns (and with last
# year's file its change) side by side under its name, and a printed page
# starts only at a criterion's first column: printed through LibreOffice,
# every criterion id of a page's id row stands there once per group
# (2, or 3 with last year's scores), on one page, for one block (Gia Lộc),
# several blocks (Hà Tĩnh, the Khối column shown) and last year's scores;
# nothing overprints; the ranking's totals (SUMIF over the appraised
# columns) recalculate to the values parpack stored.
. tests/lib.sh
command -v soffice > /dev/null || { echo "LibreOffice missing"; exit 77; }
$PARPACK build fixtures/gia-loc-2022.xml --only workbook --out "$WORK/gl" --quiet 2> /dev/null
$PARPACK build fixtures/ha-tinh-2023.xml --only workbook --out "$WORK/ht" --quiet 2> /dev/null
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only workbook --out "$WORK/pv" --quiet 2> /dev/null
# the layout in the sheet itself: row 2 the groups, row 3 the ids
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3 # Debian's, with python3-openpyxl
$PY - "$WORK"/pv/*.xlsx > "$WORK/cols" << 'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Điểm tiêu chí"]
print("GROUPS", "|".join(str(c.value) for c in ws[2][4:10]))
print("IDS", "|".join(str(c.value) for c in ws[3][4:10]))
PY
expect_grep "criteria sheet: appraised, self-assessed, change side by side" \
    "GROUPS Thẩm định|Tự đánh giá|So với năm 2021|Thẩm định|Tự đánh giá|So với năm 2021" "$WORK/cols"
expect_grep "criteria sheet: one criterion's id over its three columns" "IDS 1.1.1|1.1.1|1.1.1|1.1.2|1.1.2|1.1.2" "$WORK/cols"
for w in gl ht pv; do
    x=$(ls "$WORK/$w"/*.xlsx)
    (cd "$WORK/$w" && HOME="$WORK" timeout 300 soffice -env:UserInstallation=file://$WORK/lo-profile \
        --headless --convert-to pdf "$x" > /dev/null 2>&1)
    p=$(ls "$WORK/$w"/*.pdf 2> /dev/null)
    [ -s "$p" ] || { bad "$w: LibreOffice did not print the workbook"; continue; }
    # each page of the criteria sheet (its repeated "Nhóm điểm"): its id
    # row (the words on the line
    # of "Mã"), every id counted; "split" when one is not there G times
    pdftotext -bbox "$p" - | awk '
    function num(s, k,   v) { v = s; sub(".*" k "=\"", "", v); sub("\".*", "", v); return v + 0 }
    function page(   i, y, g, id, out, k) {
        y = -1; g = 2
        for (i = 0; i < n; i++) {
            if (T[i] == "Mã" && y < 0) y = Y[i]
            if (T[i] == "So" && T[i + 1] == "với") g = 3
        }
        if (y < 0 || !crit) return
        split("", C); k = 0
        for (i = 0; i < n; i++)
            if (Y[i] > y - 2 && Y[i] < y + 2 && T[i] ~ /^[0-9]+(\.[0-9]+)+$/) { if (!(T[i] in C)) k++; C[T[i]]++ }
        out = ""
        for (id in C) if (C[id] != g) out = out " " id "x" C[id]
        printf "%d %d %d%s\n", pg, g, k, (out == "" ? "" : " split" out)
    }
    /<page / { if (n) page(); n = 0; pg++; crit = 0 }
    /<word / {
        t = $0; sub(/^.*">/, "", t); sub(/<\/word>.*/, "", t)
        if (n && T[n - 1] == "Nhóm" && t == "điểm") crit = 1 # row 2, on every page
        T[n] = t; Y[n] = num($0, "yMin"); n++
    }
    END { if (n) page() }' > "$WORK/$w.pages"
    np=$(wc -l < "$WORK/$w.pages")
    [ "$np" -ge 2 ] && ok "$w: $np printed pages of the criteria sheet" || bad "$w: criteria pages not found ($np)"
    expect_eq "$w: every criterion's columns on one page" "$(grep -c split "$WORK/$w.pages")" 0
    grep split "$WORK/$w.pages" | head -3
    expect_eq "$w: no page without a criterion" "$(awk '$3 == 0' "$WORK/$w.pages" | wc -l)" 0
    sh tests/overlap.sh "$p" > "$WORK/ov" && ok "$w: nothing overprints" || { bad "$w: overlaps"; head -3 "$WORK/ov"; }
    sh tests/lo-recalc.sh "$x" "$WORK/$w-rc" > /dev/null 2>&1
    diff -r "$WORK/$w-rc/recalc" "$WORK/$w-rc/cached" > "$WORK/d" && ok "$w: recalculated = cached" ||
        { bad "$w: recalculated differs"; head -5 "$WORK/d"; }
done
expect_eq "last year's scores: three columns a criterion" "$(cut -d' ' -f2 "$WORK/pv.pages" | sort -u)" 3
finish
