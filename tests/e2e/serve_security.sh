# Issue 23: what no one may do to `parpack serve`: path traversal, bodies
# above the limit, an acknowledged upload lost to kill -9; TLS
# (tests/serve-security.py).
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; exit 77; }
$PY tests/serve-security.py "$PARPACK" "$WORK"
