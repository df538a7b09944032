# Issue: the whole packet in one safe run. Every kind, manifest and
# SHA256SUMS; a full disk, a killed build or an unwritable folder leave
# DIR exactly as it was; nothing outside DIR.
. tests/lib.sh
F="fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml"
O=$WORK/out/2022
$PARPACK build $F --out "$O" --progress 2> "$WORK/err"
expect_eq "whole packet: exit 0" $? 0
for k in report decision award-decision workbook results report-docx decision-docx award-decision-docx; do
    expect_eq "one $k" "$(cut -f1 "$O/manifest.tsv" | grep -cx "$k")" 1
done
expect_eq "18 unit workbooks" "$(cut -f1 "$O/manifest.tsv" | grep -cx unit-workbook)" 18
expect_eq "17 unit messages" "$(cut -f1 "$O/manifest.tsv" | grep -cx unit-mail)" 17
(cd "$O" && sha256sum -c --quiet SHA256SUMS) && ok "sha256sum -c SHA256SUMS" || bad "checksums"
expect_eq "SHA256SUMS covers the manifest" "$(wc -l < "$O/SHA256SUMS")" "$(wc -l < "$O/manifest.tsv")"
awk -F'\t' '{ if (NF != 5) bad=1 } END { exit bad }' "$O/manifest.tsv" && ok "manifest: 5 tab-separated fields" || bad "manifest format"
grep -q "parpack: [0-9]*/[0-9]* files" "$WORK/err" && ok "plain progress lines off a terminal with --progress (cli.md)" || bad "no progress"
$PARPACK build $F --out "$WORK/q" --quiet 2> "$WORK/qerr"
grep -q "files (" "$WORK/qerr" && bad "--quiet printed progress" || ok "--quiet: no progress"
$PARPACK build $F --out "$WORK/j1" --jobs 1 --quiet
diff -r "$WORK/j1" "$O" > /dev/null && ok "--jobs 1 and the default build the same bytes" || bad "jobs change the output"
$PARPACK build $F --only nonsense --out "$WORK/x" 2> /dev/null
expect_eq "--only with an unknown kind: exit 2" $? 2
# a previous packet that must survive failures (a packet of parpack's:
# a folder holding other files is refused, tests/e2e/never_destroy.sh)
P=$WORK/keep/2022
old_packet() { $PARPACK build fixtures/gia-loc-2021.xml --only results --out "$P" --quiet 2>/dev/null; }
old_packet
snapshot() { (cd "$1" && find . -type f | sort | xargs sha256sum) 2>/dev/null; }
before=$(snapshot "$P")
# disk full (a file-size limit): exit 3, DIR as it was, no staging left
(ulimit -f 40; $PARPACK build $F --out "$P" --quiet 2> "$WORK/full")
expect_eq "disk full: exit 3" $? 3
expect_grep "disk full: says so" "nothing was written" "$WORK/full"
expect_eq "disk full: DIR unchanged" "$(snapshot "$P")" "$before"
expect_eq "disk full: no staging folder left" "$(ls -A "$WORK/keep" | grep -c 'parpack-')" 0
# killed at a random moment (SIGKILL to the whole process group)
python3 tools/gen-national.py --units 600 --blocks 6 --leaves 50 > "$WORK/big.xml"
# moments within a build: measured, as the build gets faster and the host
# slower or quicker (a kill after the build ended would prove nothing)
t0=$(date +%s.%N)
$PARPACK build "$WORK/big.xml" --out "$WORK/timing" --quiet 2>/dev/null
t1=$(date +%s.%N)
rm -rf "$WORK/timing"
for frac in 0.1 0.35 0.6; do
    delay=$(printf "%.2f" "$(echo "($t1 - $t0) * $frac" | bc -l)")
    # a busy host can make the killed build finish first: then the moment
    # proved nothing, DIR is put back and the kill comes twice as early
    for attempt in 1 2 3 4; do
        python3 - "$PARPACK" "$WORK/big.xml" "$P" "$delay" > "$WORK/kill" <<'PY'
import os, signal, subprocess, sys, time
prog, src, out, delay = sys.argv[1:5]
p = subprocess.Popen([prog, "build", src, "--out", out, "--quiet"],
                     start_new_session=True, stderr=subprocess.DEVNULL)
time.sleep(float(delay))
os.killpg(p.pid, signal.SIGKILL)       # the parent and every worker
print(p.wait())
PY
        [ "$(cat "$WORK/kill")" = 0 ] || break
        echo "     (the build ended before ${delay}s: again, earlier)"
        rm -rf "$P" && old_packet
        delay=$(printf "%.2f" "$(echo "$delay / 2" | bc -l)")
    done
    expect_eq "killed after ${delay}s (status)" "$(cat "$WORK/kill")" -9
    expect_eq "killed after ${delay}s: DIR unchanged" "$(snapshot "$P")" "$before"
done
# the next build removes what the killed ones left, and replaces DIR whole
$PARPACK build $F --out "$P" --quiet
expect_eq "after the kills: build exits 0" $? 0
expect_eq "stale staging folders removed" "$(ls -A "$WORK/keep" | grep -c 'parpack-')" 0
[ ! -e "$P/ket-qua-chi-so-cchc-2021.xml" ] && ok "DIR replaced whole (old files gone)" || bad "old files mixed in"
(cd "$P" && sha256sum -c --quiet SHA256SUMS) && ok "replaced packet verifies" || bad "replaced packet"
# an output folder that cannot be created
$PARPACK build $F --out /dev/null/packet --quiet 2> "$WORK/e3"
expect_eq "unwritable folder: exit 3" $? 3
# a unit id holding a tab or a newline: refused before anything is written
# (manifest.tsv and SHA256SUMS would lose its files), naming the unit
for c in '\&#9;' '\&#10;'; do
    sed "s/\"an-lac\"/\"an${c}lac\"/g" fixtures/small.xml > "$WORK/ctl.xml"
    $PARPACK build "$WORK/ctl.xml" --out "$WORK/ctl" --quiet 2> "$WORK/ctl.err"
    expect_eq "control character ${c#?} in a unit id: exit 1" $? 1
    expect_grep "control character ${c#?}: names the unit" "An Lạc" "$WORK/ctl.err"
    [ ! -e "$WORK/ctl" ] && ok "control character ${c#?}: nothing written" || bad "control character ${c#?}: a packet was written"
    rm -rf "$WORK/ctl"
done
finish
