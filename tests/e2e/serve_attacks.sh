# What an attacker tries on `parpack serve` beyond serve_security.sh:
# bodies refused from their headers before they are read, passwords tried
# side by side, private files cached, sessions and links crossed
# (tests/serve-attacks.py).
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; exit 77; }
$PY tests/serve-attacks.py "$PARPACK" "$WORK"
