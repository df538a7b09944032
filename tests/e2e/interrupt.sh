# Issues #13/#14: SIGINT and SIGTERM end a build cleanly: DIR as it was,
# no staging folder left, exit 130 and 143, and on a terminal the message
# on a line of its own, not glued to the progress bar. The progress counts
# files written of files planned (43 for Gia Lộc 2022 with its three DOCX, not 23 work items),
# with the time elapsed and left, fitted to the terminal's width.
. tests/lib.sh
F="fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml"
# plain lines off a terminal (--progress): files of files planned
$PARPACK build $F --out "$WORK/plain" --progress 2> "$WORK/plain.err"
expect_eq "plain build: exit 0" $? 0
expect_grep "plain progress: 43 files planned, 43 written" "parpack: 43/43 files (100%)" "$WORK/plain.err"
expect_nogrep "plain progress: no work items counted as files" "/23 files" "$WORK/plain.err"
$PARPACK build $F --out "$WORK/quiet" --quiet 2> "$WORK/quiet.err"
expect_nogrep "--quiet: no progress" "files" "$WORK/quiet.err"

# on a terminal (a pseudo-terminal 60 columns wide): the bar
python3 - "$PARPACK" "$WORK/tty" $F > "$WORK/tty.out" <<'PY'
import sys
sys.path.insert(0, "tests")
from pty_lib import run
prog, out = sys.argv[1:3]
rc, text = run([prog, "build"] + sys.argv[3:] + ["--out", out, "--jobs", "1"],
               cols=60)
draws = [d.replace("\x1b[K", "") for d in text.replace("\r\n", "\n").split("\r")]
last = [d for d in draws if "/43 files" in d][-1].split("\n")[0]
print("RC", rc)
print("LAST", last)
print("WIDEST", max(len(d.split("\n")[0]) for d in draws if "files" in d))
print("BAR", last.startswith("[") and "] 43/43 files" in last)
print("TIMES", "elapsed" in last and "left" in last)
PY
cat "$WORK/tty.out"
expect_grep "terminal: build exits 0" "RC 0" "$WORK/tty.out"
expect_grep "terminal: a bar of files written of files planned" "BAR True" "$WORK/tty.out"
expect_grep "terminal: time elapsed and left" "TIMES True" "$WORK/tty.out"
w=$(sed -n 's/^WIDEST //p' "$WORK/tty.out")
[ -n "$w" ] && [ "$w" -lt 60 ] && ok "terminal: fitted to 60 columns ($w)" || bad "terminal: $w columns"

# interrupted mid-build: a build that takes long enough
python3 tools/gen-national.py --units 600 --blocks 6 --leaves 50 > "$WORK/big.xml"
P=$WORK/keep/2022
old_packet() { $PARPACK build fixtures/gia-loc-2021.xml --only results --out "$P" --quiet 2>/dev/null; }
old_packet
snapshot() { (cd "$1" && find . -type f | sort | xargs sha256sum) 2>/dev/null; }
before=$(snapshot "$P")
for sig in INT TERM; do
  for jobs in 2 1; do
    # on a pseudo-terminal; the signal once a few unit files are written
    python3 - "$PARPACK" "$WORK/big.xml" "$P" $sig $jobs > "$WORK/sig" <<'PY'
import glob, os, signal, sys
sys.path.insert(0, "tests")
from pty_lib import run
prog, src, out, sig, jobs = sys.argv[1:6]
stage_glob = os.path.join(os.path.dirname(out),
                          "." + os.path.basename(out) + ".parpack-*")
def written():
    return sum(len(f) for st in glob.glob(stage_glob)
               for _, _, f in os.walk(os.path.join(st, "units")))
sent = False
def tick(p):
    global sent
    if not sent and written() >= 6:   # mid-build: some unit files written
        # the signal to the parent alone, as kill(1) would; Ctrl-C on a
        # terminal would reach the workers too, which die at once
        os.kill(p.pid, getattr(signal, "SIG" + sig))
        sent = True
rc, text = run([prog, "build", src, "--out", out, "--jobs", jobs],
               seconds=120, tick=tick, start_new_session=True)
text = text.replace("\r\n", "\n")
print("RC", rc)
print("SENT", sent)
lines = text.split("\n")
msg = [l for l in lines if "interrupted" in l]
print("MSG", msg[0] if msg else "")
# its own line: nothing of the bar before it on the line
print("OWNLINE", bool(msg) and msg[0].split("\r")[-1].startswith("parpack: interrupted"))
print("CLEANLINE", bool(msg) and "\r" not in msg[0] and "files" not in msg[0])
PY
    cat "$WORK/sig"
    want=130; [ $sig = TERM ] && want=143
    if grep -qx "RC 0" "$WORK/sig"; then
        echo "     (the build ended before SIG$sig: nothing proved)"
        rm -rf "$P" && old_packet
        continue
    fi
    expect_grep "SIG$sig (jobs $jobs): exit $want" "RC $want" "$WORK/sig"
    expect_grep "SIG$sig (jobs $jobs): says so" "MSG parpack: interrupted: nothing was written" "$WORK/sig"
    expect_grep "SIG$sig (jobs $jobs): the message on its own line" "CLEANLINE True" "$WORK/sig"
    expect_eq "SIG$sig (jobs $jobs): DIR as it was" "$(snapshot "$P")" "$before"
    expect_eq "SIG$sig (jobs $jobs): no staging folder left" "$(ls -A "$WORK/keep" | grep -c 'parpack-')" 0
  done
done
finish
