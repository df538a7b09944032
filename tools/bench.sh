#!/bin/sh
# make bench: generate national-size and province-size files and time
# parpack on them. Prints wall time (best of N runs) and peak memory.
# Figures go into the README's performance section by hand, with the
# command that produced them (this script).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/bench
P=$ROOT/parpack
mkdir -p "$B"
export SOURCE_DATE_EPOCH=1679011200
[ -f "$B/national.xml" ] || python3 "$ROOT/tools/gen-national.py" --units 3400 --blocks 34 --leaves 60 > "$B/national.xml"
[ -f "$B/province.xml" ] || python3 "$ROOT/tools/gen-national.py" --units 170 --blocks 3 --leaves 60 > "$B/province.xml"
RUNS=${RUNS:-3}
# /usr/bin/time reports the peak of the largest process (a worker or the
# parent), which is the figure "per process" below.

# measure LABEL CMD...: best wall time of RUNS, and peak RSS of that run
measure() {
    label=$1; shift
    best=""; rss=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        rm -rf "$B"/out-*
        /usr/bin/time -f '%e %M' -o "$B/time.txt" "$@" > /dev/null 2> "$B/err.txt" || {
            echo "$label: FAILED"; cat "$B/err.txt"; return 1; }
        set -- "$@"
        t=$(cut -d' ' -f1 "$B/time.txt"); m=$(cut -d' ' -f2 "$B/time.txt")
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; rss=$m; fi
        i=$((i + 1))
    done
    printf '%-44s %7ss %8s MB peak\n' "$label" "$best" "$(echo "scale=1; $rss / 1024" | bc)"
}

echo "parpack bench ($(nproc) cores; best of $RUNS)"
echo "national: $(grep -c '<unit ' "$B/national.xml") units, $(du -h "$B/national.xml" | cut -f1)"

# The floor of the unit workbooks: tools/bench-xlsx-bare.c writes the same
# workbooks with libxlsxwriter alone. Check once, before any timing, that
# they are the same (tools/bench-compare.py: zip parts, styles, workbook,
# properties, sheet skeletons; byte for byte over every unit).
cc -O2 -o "$B/bare" "$ROOT/tools/bench-xlsx-bare.c" $(pkg-config --cflags --libs xlsxwriter)
rm -rf "$B/out-cmp" "$B/bare-cmp"
"$P" build "$B/national.xml" --only unit-workbook --out "$B/out-cmp" --jobs 2 --quiet
"$B/bare" 3400 2 "$B/bare-cmp"
python3 "$ROOT/tools/bench-compare.py" --brief "$B/out-cmp" "$B/bare-cmp" p01-001 || true
rm -rf "$B/out-cmp" "$B/bare-cmp"
measure "score national (3,400 units), csv"  "$P" score "$B/national.xml"
measure "check national"                     "$P" check "$B/national.xml"
measure "report, province (170 units, 1 job)" "$P" build "$B/province.xml" --only report --out "$B/out-p" --jobs 1 --quiet
measure "report, national (1 job)"            "$P" build "$B/national.xml" --only report --out "$B/out-n" --jobs 1 --quiet
measure "report as DOCX, national (1 job)"    "$P" build "$B/national.xml" --only report-docx --out "$B/out-n" --jobs 1 --quiet
measure "results XML, national (1 job)"       "$P" build "$B/national.xml" --only results --out "$B/out-r" --jobs 1 --quiet
measure "workbook, national (1 job)"           "$P" build "$B/national.xml" --only workbook --out "$B/out-k" --jobs 1 --quiet
measure "whole packet, Gia Lộc 2022"          "$P" build "$ROOT/fixtures/gia-loc-2022.xml" --previous "$ROOT/fixtures/gia-loc-2021.xml" --out "$B/out-g" --quiet

# The host is shared and its speed drifts by 2x over an afternoon, so the
# unit workbooks and the whole packet are timed in turn with the bare
# libxlsxwriter loop, and each is reported with its ratio to the bare
# loop of the same round: the median of RUNS rounds, and their range.
# Before every timed run the previous output is deleted and the deletion
# synced, so that neither run pays for the other's 6,800 files; the
# order alternates from round to round.
# timed FILE CMD...: run CMD after a clean, synced folder; time in FILE
timed() {
    f=$1; shift
    rm -rf "$B"/out-* "$B/bare-out"
    sync
    /usr/bin/time -f '%e %M' -o "$f" "$@" > /dev/null 2> "$B/err.txt"
}
# pair LABEL CMD...: best wall time, its peak memory, and the ratios
pair() {
    label=$1; shift
    best=""; rss=""; bb=""; ratios=""
    i=0
    while [ $i -lt "$RUNS" ]; do
        if [ $((i % 2)) = 1 ]; then
            timed "$B/time-bare.txt" "$B/bare" 3400 2 "$B/bare-out"
        fi
        timed "$B/time.txt" "$@" || {
            echo "$label: FAILED"; cat "$B/err.txt"; return 1; }
        if [ $((i % 2)) = 0 ]; then
            timed "$B/time-bare.txt" "$B/bare" 3400 2 "$B/bare-out"
        fi
        t=$(cut -d' ' -f1 "$B/time.txt"); m=$(cut -d' ' -f2 "$B/time.txt")
        tb=$(cut -d' ' -f1 "$B/time-bare.txt")
        ratios="$ratios $(echo "scale=2; $t / $tb" | bc)"
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; rss=$m; fi
        if [ -z "$bb" ] || [ "$(echo "$tb < $bb" | bc)" = 1 ]; then bb=$tb; fi
        i=$((i + 1))
    done
    sorted=$(echo $ratios | tr ' ' '\n' | sort -n)
    med=$(echo "$sorted" | sed -n "$(( (RUNS + 1) / 2 ))p")
    printf '%-44s %7ss %8s MB peak   %s x bare (median; %s to %s; bare best %ss)\n' \
        "$label" "$best" "$(echo "scale=1; $rss / 1024" | bc)" "$med" \
        "$(echo "$sorted" | head -n 1)" "$(echo "$sorted" | tail -n 1)" "$bb"
}
pair "unit workbooks, national, --jobs 2"  "$P" build "$B/national.xml" --only unit-workbook --out "$B/out-w" --jobs 2 --quiet
pair "whole packet, national, --jobs 2"    "$P" build "$B/national.xml" --out "$B/out-all" --jobs 2 --quiet
