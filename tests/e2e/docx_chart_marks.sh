# Issue #25: the same thresholds in the DOCX chart as in the PDF. Every
# fixture's report as DOCX: each chart part holds, beside its bars, one
# dashed line series a tier threshold (the file's tiers above 0), named
# by its label ("80%"), its value at every bar, labelled once; no
# gridlines beside them. LibreOffice converts the DOCX of Gia Lộc and of
# Hà Tĩnh (one chart a block) to PDF: every chart's page shows the
# thresholds' labels between the chart's title and its table, as the
# PDF's chart does, and no word of those pages overprints another.
. tests/lib.sh
for f in fixtures/*.xml; do
    name=$(basename "$f" .xml)
    $PARPACK build "$f" --only report-docx --out "$WORK/$name" --quiet 2> /dev/null
    d=$(ls "$WORK/$name"/*.docx 2> /dev/null | head -1)
    [ -n "$d" ] || { bad "$name: no DOCX report"; continue; }
    want=$(xmllint --xpath '//tiers/tier/@min' "$f" | sed 's/.*"\(.*\)"/\1/' |
        awk '$1 > 0 { print $1 "%" }' | sort | tr '\n' ' ')
    charts=$(unzip -Z1 "$d" | grep -c '^word/charts/chart[0-9]*\.xml$')
    [ "$charts" -ge 1 ] || bad "$name: no chart part"
    for p in $(unzip -Z1 "$d" | grep '^word/charts/chart[0-9]*\.xml$'); do
        unzip -p "$d" "$p" > "$WORK/ch"
        got=$(sed 's/<c:lineChart>/\n&/; s/<\/c:lineChart>/&\n/' "$WORK/ch" |
            grep '^<c:lineChart>' | grep -o '<c:tx><c:v>[^<]*</c:v></c:tx>' |
            sed 's/<[^>]*>//g' | sort | tr '\n' ' ')
        expect_eq "$name $p: a line series a threshold" "$got" "$want"
        # each series: one value a bar, all the threshold's
        bars=$(sed 's/<c:lineChart>.*//' "$WORK/ch" | grep -o '<c:val><c:numRef>.*</c:val>' |
            grep -o '<c:ptCount val="[0-9]*"/>' | head -1)
        sed 's/.*<c:lineChart>//; s/<\/c:lineChart>.*//' "$WORK/ch" | sed 's/<c:ser>/\n/g' |
            grep '<c:numLit>' > "$WORK/ser"
        expect_eq "$name $p: each threshold's line spans every bar" \
            "$(grep -cF "$bars" "$WORK/ser")" "$(echo "$want" | wc -w)"
        expect_eq "$name $p: each threshold labelled once" \
            "$(grep -o '<c:dLbl><c:idx val="0"/>' "$WORK/ser" | wc -l)" "$(echo "$want" | wc -w)"
        expect_nogrep "$name $p: no gridlines beside the thresholds" "Gridlines" "$WORK/ch"
        expect_grep "$name $p: values on white" \
            '<c:dLbls><c:numFmt' "$WORK/ch"
    done
done
command -v soffice > /dev/null || { echo "LibreOffice missing: not converted"; exit 77; }
for name in gia-loc-2022 ha-tinh-2023; do
    d=$(ls "$WORK/$name"/*.docx | head -1)
    soffice --headless -env:UserInstallation=file://$WORK/lo-profile --convert-to pdf \
        --outdir "$WORK/lo-$name" "$d" > /dev/null 2>&1
    pdf=$(ls "$WORK/lo-$name"/*.pdf 2> /dev/null | head -1)
    [ -s "$pdf" ] || { bad "$name: LibreOffice did not convert the DOCX"; continue; }
    # per chart page: the labels "NN%" between the chart's title and the
    # table's "Hạng" header, left to right
    pdftotext -bbox "$pdf" - | awk '
    function num(s, k,   v) { v = s; sub(".*" k "=\"", "", v); sub("\".*", "", v); return v + 0 }
    function page(   i, ty, yh, s, k) {
        ty = -1
        for (i = 1; i < n; i++) if (T[i] == "(%)" && T[i - 1] ~ /^[0-9][0-9][0-9][0-9]$/) ty = Y[i]
        if (ty < 0) return
        yh = 1e9
        for (i = 0; i < n; i++) if (T[i] == "Hạng" && Y[i] > ty && Y[i] < yh) yh = Y[i]
        k = 0
        for (i = 0; i < n; i++) if (T[i] ~ /^[0-9]+%$/ && Y[i] > ty && Y[i] < yh) L[k++] = T[i]
        s = ""
        for (i = 0; i < k; i++) s = s L[i] " "
        print pg ": " s
    }
    /<page / { if (n) page(); n = 0; pg++ }
    /<word / {
        t = $0; sub(/^.*">/, "", t); sub(/<\/word>.*/, "", t)
        T[n] = t; Y[n] = num($0, "yMin"); n++
    }
    END { if (n) page() }' > "$WORK/lab-$name"
    want=$(xmllint --xpath '//tiers/tier/@min' "fixtures/$name.xml" | sed 's/.*"\(.*\)"/\1/' |
        awk '$1 > 0 { print $1 "%" }' | sort | tr '\n' ' ')
    pages=$(wc -l < "$WORK/lab-$name")
    [ "$pages" -ge 1 ] && ok "$name: $pages chart page(s) in LibreOffice's PDF" || bad "$name: no chart page"
    while IFS=: read -r pg labs; do
        expect_eq "$name page $pg: the thresholds' labels on the chart" \
            "$(echo $labs | tr ' ' '\n' | sort | tr '\n' ' ')" "$want"
        pdfseparate -f "$pg" -l "$pg" "$pdf" "$WORK/p-$name-$pg.pdf"
        sh tests/overlap.sh "$WORK/p-$name-$pg.pdf" > "$WORK/ov" &&
            ok "$name page $pg: no word overprints another" ||
            { bad "$name page $pg: overlaps"; cat "$WORK/ov"; }
    done < "$WORK/lab-$name"
done
finish
