# Issue 24: each unit's own link end to end on 127.0.0.1 (a port the system
# picks): links, the unit's page and form, uploads, isolation, the appraised
# column ignored, a new link, the deadline, wrong tokens slowed, and 170
# units uploading at once from 20 clients (tests/serve-links.py).
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; exit 77; }
$PY tests/serve-links.py "$PARPACK" "$WORK"
