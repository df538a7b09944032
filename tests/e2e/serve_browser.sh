# Issue 23: the workspace's pages end to end in headless Chromium at
# 1366x768, in Vietnamese (tests/serve-browser.py); screenshots in
# $WORK/shots (or $SERVE_SHOTS).
. tests/lib.sh
browser_need openpyxl aiosmtpd
vi_locale
vi $PY tests/serve-browser.py "$PARPACK" "$WORK" "${SERVE_SHOTS:-$WORK/shots}"
