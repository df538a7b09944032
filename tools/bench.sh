#!/bin/sh
# make bench: time parpack against the Python peer and against a bare
# libxlsxwriter loop (the floor of the unit workbooks), on generated
# national- and province-size files and on the Ha Tinh 2023 fixture.
# Figures go into the README's performance section by hand, with the
# command that produced them (this script).
#
#   RUNS=N      pairs (or runs) per figure, default 5
#   BENCH=peer  only the comparisons with the peer (and check's time)
#   BENCH=floor only the figures against the bare loop
#   PARPACK_PEER=DIR|pypack.py  the peer (default ../shared/peer beside
#               the repository, or beside the main worktree)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/bench
P=$ROOT/parpack
TIME="python3 $ROOT/tools/bench-time.py"
mkdir -p "$B"
export SOURCE_DATE_EPOCH=1679011200
RUNS=${RUNS:-5}
BENCH=${BENCH:-all}
case $BENCH in all|peer|floor) ;; *) echo "BENCH is all, peer or floor" >&2; exit 2 ;; esac
[ -f "$B/national.xml" ] || python3 "$ROOT/tools/gen-national.py" --units 3400 --blocks 34 --leaves 60 > "$B/national.xml"
[ -f "$B/province.xml" ] || python3 "$ROOT/tools/gen-national.py" --units 170 --blocks 3 --leaves 60 > "$B/province.xml"
# Ha Tinh 2023 (36 units, 3 blocks) with an address for every unit, so
# that the unit messages are written, and an ASCII sender: the peer's
# formataddr() refuses the fixture's internationalised domain.
sed -e 's/<unit id="\([^"]*\)"/<unit id="\1" email="\1@example.vn"/' \
    -e 's/vanphong@hàtĩnh.example.vn/vanphong@hatinh.example.vn/' \
    "$ROOT/fixtures/ha-tinh-2023.xml" > "$B/ha-tinh-mail.xml"

# The peer.
PEER=${PARPACK_PEER:-}
if [ -z "$PEER" ]; then
    PEER=$ROOT/../shared/peer
    common=$(git -C "$ROOT" rev-parse --git-common-dir 2>/dev/null || true)
    if [ ! -e "$PEER" ] && [ -n "$common" ]; then
        PEER=$(cd "$ROOT" && cd "$common/.." && pwd)/../shared/peer
    fi
fi
[ -d "$PEER" ] && PEER=$PEER/pypack.py
HAVE_PEER=1
if [ ! -f "$PEER" ]; then
    HAVE_PEER=0; why="$PEER does not exist"
elif ! /usr/bin/python3 -c 'import xlsxwriter, reportlab' 2>/dev/null; then
    HAVE_PEER=0; why="python3-xlsxwriter or python3-reportlab is missing"
fi

echo "parpack bench ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); RUNS=$RUNS; $(date -u '+%Y-%m-%d %H:%M UTC'))"
echo "national: $(grep -c '<unit ' "$B/national.xml") units, $(du -h "$B/national.xml" | cut -f1)"


# ------------------------------------------------------------ the peer
# median LIST: the middle value of numbers (the lower middle when even)
median() {
    echo "$@" | tr ' ' '\n' | grep . | sort -n | sed -n "$(( ($# + 1) / 2 ))p"
}
# kinds MANIFEST: how many files of each kind, "kind N, ..."
kinds() {
    cut -f1 "$1" | sort | uniq -c | awk '{printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1}'
}
# run WHO FILE CMD...: CMD after the previous outputs (parpack's, the
# peer's, the bare loop's) are deleted and the deletion synced; its time
# in FILE
run() {
    who=$1; f=$2; shift 2
    rm -rf "$B"/out-* "$B"/peer-out "$B/bare-out"
    sync
    $TIME "$f" "$@" || { echo "$who FAILED: $*"; cat "$f.err"; return 1; }
}
# S_parpack ARGS / S_peer ARGS: one timed run, its manifest kept
S_parpack() {
    run parpack "$B/t-p.txt" "$P" "$@"
    if [ -f "$B/out-v/manifest.tsv" ]; then cp "$B/out-v/manifest.tsv" "$B/manifest-p.tsv"; fi
}
S_peer() {
    run peer "$B/t-q.txt" /usr/bin/python3 "$PEER" "$@"
    if [ -f "$B/peer-out/manifest.tsv" ]; then cp "$B/peer-out/manifest.tsv" "$B/manifest-q.tsv"; fi
}
# The floor of a packet: what its libraries alone cost, with no parpack
# around them. tools/bench-xlsx-bare.c writes N unit workbooks like
# parpack's with libxlsxwriter calls only (--jobs 2, as the packets);
# tools/bench-pdf-floor.c writes a one-page PDF in the four styles of the
# serif font with libharu alone (the report and the decisions each load
# all four: 65,536 glyph lookups and an embedded font per style). No
# build can be faster than its unit workbooks plus its PDFs shared over
# the two workers, so peer / floor bounds the ratio any parpack can reach
# (messages, the consolidated workbook, loading and syncing not counted).
# The floor is timed in every pair, right after the pair's two runs, so
# that the host's drift moves it with them.
cc -O2 -o "$B/bare" "$ROOT/tools/bench-xlsx-bare.c" $(pkg-config --cflags --libs xlsxwriter)
cc -O2 -o "$B/pdf-floor" "$ROOT/tools/bench-pdf-floor.c" -lhpdf
fam="Liberation Serif"
fc-list "Times New Roman" | grep -q . && fam="Times New Roman"
FONTS=$(for st in Regular Bold Italic "Bold Italic"; do fc-match -f '%{file} ' "$fam:style=$st"; done)
# floor UNITS NPDF: seconds of the floor now, into FLOOR (and its parts
# into FLOOR_W, FLOOR_P: the workbooks, one PDF)
floor() {
    run floor "$B/t-b.txt" "$B/bare" "$1" 2 "$B/bare-out" || return 1
    $TIME "$B/t-f.txt" "$B/pdf-floor" 10 "$B/floor.pdf" $FONTS || { cat "$B/t-f.txt.err"; return 1; }
    FLOOR_W=$(cut -d' ' -f1 "$B/t-b.txt")
    FLOOR_P=$(echo "scale=4; $(cut -d' ' -f1 "$B/t-f.txt") / 10" | bc)
    FLOOR=$(echo "scale=4; $FLOOR_W + $2 * $FLOOR_P / 2" | bc)
}

# versus LABEL UNITS PARPACK-ARGS -- PEER-ARGS: RUNS pairs, in turn
# (parpack first in even pairs, the peer first in odd ones); medians and
# the median of the pairs' ratios (peer / parpack) with their range; when
# UNITS > 0, the floor of a packet of UNITS units and the PDFs parpack
# wrote, timed after each pair, and the median of peer / floor.
versus() {
    label=$1; units=$2; shift 2
    pargs=""; while [ "$1" != "--" ]; do pargs="$pargs $1"; shift; done; shift
    i=0; pt=""; qt=""; ratios=""; pm=0; qm=0; fr=""; fw=""; fp=""; npdf=0
    while [ $i -lt "$RUNS" ]; do
        if [ $((i % 2)) = 0 ]; then
            S_parpack $pargs; S_peer "$@"
        else
            S_peer "$@"; S_parpack $pargs
        fi
        a=$(cut -d' ' -f1 "$B/t-p.txt"); b=$(cut -d' ' -f1 "$B/t-q.txt")
        ma=$(cut -d' ' -f2 "$B/t-p.txt"); mb=$(cut -d' ' -f2 "$B/t-q.txt")
        if [ "$ma" -gt "$pm" ]; then pm=$ma; fi
        if [ "$mb" -gt "$qm" ]; then qm=$mb; fi
        pt="$pt $a"; qt="$qt $b"; ratios="$ratios $(echo "scale=2; $b / $a" | bc)"
        if [ "$units" -gt 0 ]; then
            if [ -f "$B/manifest-p.tsv" ]; then npdf=$(cut -f3 "$B/manifest-p.tsv" | grep -c '\.pdf$' || true); fi
            floor "$units" "$npdf"
            fr="$fr $(echo "scale=2; $b / $FLOOR" | bc)"; fw="$fw $FLOOR_W"; fp="$fp $FLOOR_P"
        fi
        i=$((i + 1))
    done
    sorted=$(echo $ratios | tr ' ' '\n' | sort -n)
    printf '%-40s parpack %6.3fs %5.1f MB | peer %6.3fs %5.1f MB | %sx (%s to %s)\n' "$label" \
        "$(median $pt)" "$(echo "scale=1; $pm / 1024" | bc)" \
        "$(median $qt)" "$(echo "scale=1; $qm / 1024" | bc)" \
        "$(median $ratios)" "$(echo "$sorted" | head -n 1)" "$(echo "$sorted" | tail -n 1)"
    if [ -f "$B/manifest-p.tsv" ] && [ -f "$B/manifest-q.tsv" ]; then
        echo "    parpack wrote: $(kinds "$B/manifest-p.tsv")"
        echo "    peer wrote:    $(kinds "$B/manifest-q.tsv")"
    fi
    if [ "$units" -gt 0 ]; then
        sorted=$(echo $fr | tr ' ' '\n' | sort -n)
        printf '    floor: %s unit workbooks %.3fs + %s PDFs x %.3fs / 2 workers; peer / floor = %sx at best (%s to %s)\n' \
            "$units" "$(median $fw)" "$npdf" "$(median $fp)" \
            "$(median $fr)" "$(echo "$sorted" | head -n 1)" "$(echo "$sorted" | tail -n 1)"
    fi
    rm -f "$B/manifest-p.tsv" "$B/manifest-q.tsv"
}

if [ "$BENCH" != floor ]; then
    export PYPACK_IN_MEMORY=1
    echo
    echo "Against the Python peer: medians of $RUNS pairs run in turn, each run after the"
    echo "previous output was deleted and synced; ratio = peer / parpack per pair"
    echo "(median, range); peak memory = the largest process. Goal: >= 7x."
    # The kinds the peer writes (it has no DOCX): like with like.
    K=results,report,decision,award-decision,workbook,unit-workbook,unit-mail
    echo "parpack: parpack build IN --only $K --out DIR --jobs 2 --quiet"
    echo "peer:    PYPACK_IN_MEMORY=1 /usr/bin/python3 $PEER build IN --out DIR --jobs 2"
    if [ $HAVE_PEER = 1 ]; then
        echo "floor: the libraries alone (tools/bench-xlsx-bare.c, tools/bench-pdf-floor.c): no build is faster"
        versus "province, Ha Tinh 2023 (36 units)" 36 build "$B/ha-tinh-mail.xml" --only $K --out "$B/out-v" --jobs 2 --quiet \
            -- build "$B/ha-tinh-mail.xml" --out "$B/peer-out" --jobs 2
        versus "province, 170 units" 170 build "$B/province.xml" --only $K --out "$B/out-v" --jobs 2 --quiet \
            -- build "$B/province.xml" --out "$B/peer-out" --jobs 2
        versus "national (3,400 units)" 3400 build "$B/national.xml" --only $K --out "$B/out-v" --jobs 2 --quiet \
            -- build "$B/national.xml" --out "$B/peer-out" --jobs 2
        versus "score national, csv" 0 score "$B/national.xml" -- score "$B/national.xml"
    else
        echo "THE PEER IS NOT INSTALLED ($why): no comparison with it."
        echo "Give it with PARPACK_PEER=DIR (the folder of pypack.py)."
    fi
    # check of a province file: median of 4 x RUNS + 1 runs
    n=$((4 * RUNS + 1)); i=0; ct=""
    while [ $i -lt $n ]; do
        $TIME "$B/t-c.txt" "$P" check "$ROOT/fixtures/ha-tinh-2023.xml" || { cat "$B/t-c.txt.err"; exit 1; }
        ct="$ct $(cut -d' ' -f1 "$B/t-c.txt")"; i=$((i + 1))
    done
    printf '%-40s %6.1f ms (median of %d; fastest %.1f ms) goal < 20 ms\n' "check, Ha Tinh 2023 (36 units)" \
        "$(echo "$(median $ct) * 1000" | bc)" "$n" "$(echo "$(echo $ct | tr ' ' '\n' | sort -n | head -n 1) * 1000" | bc)"
    rm -rf "$B"/out-* "$B"/peer-out "$B/bare-out"
fi
[ "$BENCH" = peer ] && exit 0

echo
# The floor of the unit workbooks: tools/bench-xlsx-bare.c writes the same
# workbooks with libxlsxwriter alone. Check once, before any timing, that
# they are the same (tools/bench-compare.py: zip parts, styles, workbook,
# properties, sheet skeletons; byte for byte over every unit).
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

# parpack serve on a 170-unit province (issue 23): the status page, a form
# dropped, the ranking, a build against the command line's, 170 forms from
# 20 concurrent clients, the server's peak memory
if /usr/bin/python3 -c 'import openpyxl' 2>/dev/null; then
    /usr/bin/python3 tools/serve-bench.py "$P" "$B/serve"
fi
