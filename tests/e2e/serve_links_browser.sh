# Issue 24: a unit's own link in headless Chromium, in Vietnamese, at 1366x768
# and a phone's width (tests/serve-links-browser.py); screenshots in
# $WORK/shots (or $SERVE_SHOTS).
. tests/lib.sh
browser_need openpyxl
vi_locale
vi $PY tests/serve-links-browser.py "$PARPACK" "$WORK" "${SERVE_SHOTS:-$WORK/shots}"
