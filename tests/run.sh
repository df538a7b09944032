#!/bin/sh
# Run every test: the CUnit suites (BUILD/tests/test_*) and the end-to-end
# scripts (tests/e2e/*.sh). Each e2e script gets PARPACK (the program),
# ROOT (the repository) and a private WORK folder; exit 0 = pass,
# 77 = skipped, anything else = fail. Ends with "N passed, N failed".
set -u
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ROOT
export PARPACK="${PARPACK:-$ROOT/parpack}"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1679011200}
pass=0; fail=0; skip=0; failed=""
VG=""
[ -n "${PARPACK_VALGRIND:-}" ] && VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99"
export VG
for t in "$ROOT/$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    if (cd "$ROOT" && $VG "$t") > "$ROOT/$BUILD/$name.log" 2>&1; then
        pass=$((pass + 1)); echo "PASS unit/$name"
    else
        fail=$((fail + 1)); failed="$failed unit/$name"
        echo "FAIL unit/$name"; tail -n 30 "$ROOT/$BUILD/$name.log"
    fi
done
for t in "$ROOT"/tests/e2e/*.sh; do
    [ -f "$t" ] || continue
    name=$(basename "$t" .sh)
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/parpack-e2e.XXXXXX")
    export WORK
    (cd "$ROOT" && sh "$t") > "$WORK.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        pass=$((pass + 1)); echo "PASS e2e/$name"
    elif [ $rc -eq 77 ]; then
        skip=$((skip + 1)); echo "SKIP e2e/$name"
    else
        fail=$((fail + 1)); failed="$failed e2e/$name"
        echo "FAIL e2e/$name (exit $rc)"; tail -n 40 "$WORK.log"
    fi
    rm -rf "$WORK" "$WORK.log"
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
