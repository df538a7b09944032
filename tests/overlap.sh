# overlap.sh PDF: no two words of a page overlap (pdftotext -bbox): for
# workbooks and documents printed through LibreOffice, whose margins are
# the sheet's own. The boxes of two lines of one wrapped cell, at
# LibreOffice's line spacing, touch: Vietnamese letters with two marks
# (Ể, Ở) give a box taller than the line, by about 15 % of it. Words
# count as overlapping when they do across, and down by more than 30 %
# of the smaller box (a text overprinting the row below does by half a
# line or more). Prints the offenders; exit 1 if any.
pdftotext -bbox "$1" - 2>/dev/null | awk '
function num(s, k,   v) { v = s; sub(".*" k "=\"", "", v); sub("\".*", "", v); return v + 0 }
function min(a, b) { return a < b ? a : b }
function max(a, b) { return a > b ? a : b }
/<page / { page++; n = 0 }
/<word / {
    x0 = num($0, "xMin"); y0 = num($0, "yMin"); x1 = num($0, "xMax"); y1 = num($0, "yMax")
    t = $0; sub(/^.*">/, "", t); sub(/<\/word>.*/, "", t)
    for (i = 0; i < n; i++)
        if (x0 + 0.6 < X1[i] && X0[i] + 0.6 < x1 &&
            min(y1, Y1[i]) - max(y0, Y0[i]) > 0.3 * min(y1 - y0, Y1[i] - Y0[i])) {
            printf "page %d: \"%s\" overlaps \"%s\"\n", page, t, TX[i]; bad++
        }
    X0[n] = x0; Y0[n] = y0; X1[n] = x1; Y1[n] = y1; TX[n] = t; n++
}
END { exit bad > 0 }'
