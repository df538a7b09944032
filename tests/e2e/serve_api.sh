# Issue 23: the JSON API of `parpack serve` end to end on 127.0.0.1 (a port
# the system picks): sessions, CSRF, years, forms, results = score, build
# and send as jobs, the packet = build's, sent once (tests/serve-api.py).
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's
$PY -c 'import openpyxl, aiosmtpd' 2>/dev/null || { echo "python3-openpyxl or python3-aiosmtpd missing"; exit 77; }
$PY tests/serve-api.py "$PARPACK" "$WORK"
