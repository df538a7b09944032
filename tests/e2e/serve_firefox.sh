# Issue 23: the workspace's pages end to end in headless Firefox at
# 1366x768, in Vietnamese (tests/serve-firefox.py): Debian's firefox-esr
# driven through WebDriver BiDi (tests/bidi.py, no geckodriver);
# screenshots in $WORK/shots (or $SERVE_SHOTS), ff-*.png.
. tests/lib.sh
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's
command -v firefox-esr >/dev/null 2>&1 || { echo "firefox-esr missing"; exit 77; }
mkdir -p "$WORK/loc"
localedef -i vi_VN -f UTF-8 "$WORK/loc/vi_VN.UTF-8" >/dev/null 2>&1 ||
    { echo "localedef cannot make vi_VN.UTF-8 (locales, in deps.txt)"; exit 1; }
# glibc keeps the LOCPATH list it parsed (argz) for the life of the
# process: not a leak of parpack's (as in cli.sh)
printf 'leak:__argz_add_sep\n' > "$WORK/lsan.supp"
# Firefox's own HOME and caches in $WORK, not the user's
mkdir -p "$WORK/home"
HOME=$WORK/home XDG_CACHE_HOME=$WORK/home/.cache TMPDIR=$WORK \
LSAN_OPTIONS="suppressions=$WORK/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
LOCPATH=$WORK/loc LANG=vi_VN.UTF-8 LC_ALL=vi_VN.UTF-8 \
    timeout -k 10 600 $PY tests/serve-firefox.py "$PARPACK" "$WORK" "${SERVE_SHOTS:-$WORK/shots}"
