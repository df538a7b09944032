# Issue #11: workers die with their parent. `kill -9` of the parent alone
# (not its process group) mid-build must leave no worker running, nothing
# more written into the staging folder, and DIR as it was.
. tests/lib.sh
python3 tools/gen-national.py --units 600 --blocks 6 --leaves 50 > "$WORK/big.xml"
P=$WORK/keep/2022
mkdir -p "$P" && echo "the packet printed last week" > "$P/marker.txt"
before=$(cd "$P" && find . -type f | sort | xargs sha256sum)
# The parent is killed once its workers have written a few unit files
# (so it is mid-build: the packet has about 1,200). Then, within a
# bounded wait, no process of its session may remain, and the staging
# folder may not hold more files than when the parent died, give or take
# the files the workers had open.
python3 - "$PARPACK" "$WORK/big.xml" "$P" "$ROOT/templates" > "$WORK/orphans" <<'PY'
import glob, os, signal, subprocess, sys, time
prog, src, out, templates = sys.argv[1:5]
p = subprocess.Popen([prog, "build", src, "--out", out, "--force", "--quiet",
                      "--jobs", "2", "--templates", templates],
                     start_new_session=True, stderr=subprocess.DEVNULL)
stage_glob = os.path.join(os.path.dirname(out),
                          "." + os.path.basename(out) + ".parpack-*")
def files(d):
    return sum(len(f) for _, _, f in os.walk(d))
def session():
    left = []
    for d in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(d) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields: state ppid pgrp session ...; zombies are gone already
        if int(fields[3]) == p.pid and fields[0] != "Z":
            left.append(d.split("/")[2])
    return left
stage = None
deadline = time.monotonic() + 120
while time.monotonic() < deadline and p.poll() is None:
    st = glob.glob(stage_glob)
    if st and files(os.path.join(st[0], "units")) >= 6:
        stage = st[0]
        break
    time.sleep(0.005)
if stage is None or p.poll() is not None:
    print("no-moment")       # the build ended before it could be killed
    sys.exit(0)
os.kill(p.pid, signal.SIGKILL)  # the parent alone
p.wait()
at_kill = files(stage)
left = session()
for _ in range(100):            # at most about 5 s
    if not left:
        break
    time.sleep(0.05)
    left = session()
time.sleep(0.3)
after = files(stage) if os.path.isdir(stage) else 0
created = [s for s in glob.glob(stage_glob) if s != stage]
print("workers-left", len(left))
print("grew", max(0, after - at_kill) > 4)
print("new-stage", len(created))
for pid in left:                # do not leave them running on failure
    try:
        os.kill(int(pid), signal.SIGKILL)
    except OSError:
        pass
PY
if grep -qx no-moment "$WORK/orphans"; then
    echo "     (the build ended before it could be killed: nothing proved)"
    exit 77
fi
expect_eq "parent killed: no worker left" "$(sed -n 's/^workers-left //p' "$WORK/orphans")" 0
expect_eq "parent killed: staging folder stops growing" "$(sed -n 's/^grew //p' "$WORK/orphans")" False
expect_eq "parent killed: no new staging folder" "$(sed -n 's/^new-stage //p' "$WORK/orphans")" 0
expect_eq "parent killed: DIR unchanged" "$(cd "$P" && find . -type f | sort | xargs sha256sum)" "$before"
# the next build removes the dead one's staging folder
$PARPACK build fixtures/small.xml --out "$P" --force --quiet --templates "$ROOT/templates" 2> /dev/null
expect_eq "after the kill: build exits 0" $? 0
expect_eq "after the kill: stale staging removed" "$(ls -A "$WORK/keep" | grep -c 'parpack-')" 0
finish
