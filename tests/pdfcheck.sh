# pdfcheck.sh PDF: every word inside the page margins (decree 30: top and
# bottom 20 mm, left 30 mm, right 15 mm; page numbers may sit in the top
# margin) and no two words overlapping. Prints the offenders; exit 1 if any.
pdftotext -bbox "$1" - 2>/dev/null | awk '
function num(s, k,   v) { v = s; sub(".*" k "=\"", "", v); sub("\".*", "", v); return v + 0 }
/<page / { page++; W = num($0, "width"); H = num($0, "height"); n = 0 }
/<word / {
    x0 = num($0, "xMin"); y0 = num($0, "yMin"); x1 = num($0, "xMax"); y1 = num($0, "yMax")
    t = $0; sub(/^.*">/, "", t); sub(/<\/word>.*/, "", t)
    L = 30 * 72 / 25.4; R = W - 15 * 72 / 25.4; T = 20 * 72 / 25.4; B = H - 20 * 72 / 25.4
    if (x0 < L - 1 || x1 > R + 1 || y1 > B + 1 || (y0 < T - 1 && !(t ~ /^[0-9]+$/ && y0 > 10))) {
        printf "page %d: \"%s\" outside the margins (%.1f %.1f %.1f %.1f)\n", page, t, x0, y0, x1, y1; bad++
    }
    for (i = 0; i < n; i++)
        if (x0 + 0.6 < X1[i] && X0[i] + 0.6 < x1 && y0 + 0.6 < Y1[i] && Y0[i] + 0.6 < y1) {
            printf "page %d: \"%s\" overlaps \"%s\"\n", page, t, TX[i]; bad++
        }
    X0[n] = x0; Y0[n] = y0; X1[n] = x1; Y1[n] = y1; TX[n] = t; n++
}
END { exit bad > 0 }'
