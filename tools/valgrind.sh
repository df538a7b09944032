#!/bin/sh
# make valgrind: the CUnit suites, then a full Gia Lộc build (one job, so
# that every kind is made in the process valgrind watches), score and a
# bad file, under valgrind; any error or definite leak fails.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PARPACK_VALGRIND=1 ./tests/run.sh build > /tmp/parpack-vg-unit.log 2>&1 || { cat /tmp/parpack-vg-unit.log; exit 1; }
grep -E '^PASS unit|passed' /tmp/parpack-vg-unit.log | grep unit || true
VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=99"
OUT=$(mktemp -d)
export SOURCE_DATE_EPOCH=1679011200
$VG ./parpack build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --out "$OUT/p" --jobs 1 --quiet 2>/dev/null || { echo "valgrind: build failed ($?)"; exit 1; }
$VG ./parpack score fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml > /dev/null
rc=0; $VG ./parpack check fixtures/bad/several-errors.xml > /dev/null 2>&1 || rc=$?
[ $rc -eq 1 ] || { echo "valgrind: bad file gave $rc"; exit 1; }
rm -rf "$OUT"
echo "valgrind: full build, score and a bad file: no errors, no definite leaks"
