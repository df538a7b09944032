# Issue 24: a unit's own link in headless Chromium, in Vietnamese, at 1366x768
# and a phone's width (tests/serve-links-browser.py); screenshots in
# $WORK/shots (or $SERVE_SHOTS).
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's
$PY -c 'import selenium, openpyxl' 2>/dev/null || { echo "python3-selenium or -openpyxl missing"; exit 77; }
[ -x /usr/bin/chromedriver ] && command -v chromium >/dev/null 2>&1 || { echo "chromium or chromium-driver missing"; exit 77; }
mkdir -p "$WORK/loc"
localedef -i vi_VN -f UTF-8 "$WORK/loc/vi_VN.UTF-8" >/dev/null 2>&1 ||
    { echo "localedef cannot make vi_VN.UTF-8: skip"; exit 77; }
# glibc keeps the LOCPATH list it parsed (argz) for the life of the
# process: not a leak of parpack's (as in cli.sh and serve_browser.sh)
printf 'leak:__argz_add_sep\n' > "$WORK/lsan.supp"
LSAN_OPTIONS="suppressions=$WORK/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
LOCPATH=$WORK/loc LANG=vi_VN.UTF-8 LC_ALL=vi_VN.UTF-8 $PY tests/serve-links-browser.py "$PARPACK" "$WORK" "${SERVE_SHOTS:-$WORK/shots}"
