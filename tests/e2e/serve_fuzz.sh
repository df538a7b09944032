# Issue 23: random and malformed requests against `parpack serve` (the
# HTTP layer, multipart, JSON): alive, stops cleanly, under `make asan` no
# error and no leak. SERVE_FUZZ_SECONDS long (default 10; CI: 60, `make
# fuzz-serve`).
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
$PY tests/serve-fuzz.py "$PARPACK" "$WORK" "${SERVE_FUZZ_SECONDS:-10}"
