#!/bin/sh
# The files of src/serve/ call one another without a circle (docs/design.md,
# "What each part may use"): a file that calls a ws_ function defined in
# another is above it, and no file is above itself through others. The
# parts above are given to those below as function pointers at start
# (the router to http.c, links.c's hooks to jobs.c, year.c, store.c).
. "$ROOT/tests/lib.sh"
command -v python3 >/dev/null 2>&1 || { echo "skip: no python3"; exit 77; }
python3 - "$ROOT/src/serve" > "$WORK/serve_calls.txt" 2>&1 <<'PY'
import glob, os, re, sys
files = sorted(glob.glob(os.path.join(sys.argv[1], '*.c')))
src, defs = {}, {}
for f in files:
    s = open(f, encoding='utf-8').read()
    s = re.sub(r'/\*.*?\*/', '', s, flags=re.S)
    s = re.sub(r'"(\\.|[^"\\])*"', '""', s)
    src[f] = s
    for m in re.finditer(r'^[A-Za-z_][\w \*]*?\b(ws_\w+)\s*\([^;]*?\)\s*\{', s, re.M | re.S):
        defs[m.group(1)] = f
uses = {f: {} for f in files}
for f in files:
    for name, g in defs.items():
        if g != f and re.search(r'\b' + name + r'\b', src[f]):
            uses[f].setdefault(g, []).append(name)
bad = 0
def path(a, b, seen):
    if a == b:
        return [b]
    for n in sorted(uses[a]):
        if n not in seen:
            seen.add(n)
            p = path(n, b, seen)
            if p:
                return [a] + p
    return None
for f in files:
    for g in sorted(uses[f]):
        back = path(g, f, {g})
        if back:
            names = ' -> '.join(os.path.basename(x) for x in [f] + back)
            print('circle: %s (%s calls %s)' % (names, os.path.basename(f),
                  ', '.join(sorted(uses[f][g]))))
            bad += 1
print('%d files, %d functions, %d circles' % (len(files), len(defs), bad))
sys.exit(1 if bad else 0)
PY
rc=$?
cat "$WORK/serve_calls.txt"
expect_eq "no circle of calls among the files of src/serve" "$rc" 0
expect_grep "the functions were found" " functions, 0 circles" "$WORK/serve_calls.txt"
finish
