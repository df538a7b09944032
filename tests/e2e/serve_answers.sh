# Issue 24: the council's turn and the answer round end to end on 127.0.0.1
# (a port the system picks): appraised points entered per criterion, the
# round opened, answered, accepted or kept, the year closed
# (tests/serve-answers.py).
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's
$PY -c 'import openpyxl' 2>/dev/null || { echo "python3-openpyxl missing"; exit 77; }
$PY tests/serve-answers.py "$PARPACK" "$WORK"
