# Shared helpers for the end-to-end scripts (sourced, not run: no .sh tests
# are named lib). Each check prints what it found when it fails.
fails=0
# the record of sent messages (per issuer and year, in the user's state
# folder) is the test's own
if [ -n "${WORK:-}" ]; then XDG_STATE_HOME=$WORK/state; export XDG_STATE_HOME; fi
ok()   { echo "ok   - $*"; }
bad()  { echo "FAIL - $*"; fails=$((fails + 1)); }
# expect_eq WHAT GOT WANT
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else bad "$1: got [$2], want [$3]"; fi; }
# expect_grep WHAT PATTERN FILE  (fixed string)
expect_grep() { if grep -qF -- "$2" "$3"; then ok "$1"; else bad "$1: [$2] not in $3"; fi; }
expect_nogrep() { if grep -qF -- "$2" "$3"; then bad "$1: [$2] found in $3"; else ok "$1"; fi; }
# vi_locale: a Vietnamese locale of the script's own, whatever the
# machine has (in $WORK/loc; the script skips, 77, when it cannot be
# made), then `vi CMD…` runs CMD under vi_VN.UTF-8 and `en CMD…` under C.
# glibc keeps the LOCPATH list it parsed (argz) for the life of the
# process: not parpack's leak, so LeakSanitizer is told of it (make asan).
vi_locale() {
    command -v localedef >/dev/null || { echo "localedef missing: skip"; exit 77; }
    mkdir -p "$WORK/loc"
    localedef -i vi_VN -f UTF-8 "$WORK/loc/vi_VN.UTF-8" >/dev/null 2>&1 ||
        { echo "localedef cannot make vi_VN.UTF-8: skip"; exit 77; }
    printf 'leak:__argz_add_sep\n' >"$WORK/lsan.supp"
    vi() { LOCPATH=$WORK/loc LC_ALL=vi_VN.UTF-8 LANGUAGE= \
        LSAN_OPTIONS="suppressions=$WORK/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}" "$@"; }
    en() { LC_ALL=C LANGUAGE= "$@"; }
}
# browser_need MODULE…: PY set (Debian's python3) with python3-selenium
# and the other Python modules named, and Debian's chromium with its
# driver; else the script skips (77).
browser_need() {
    PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
    for m in selenium "$@"; do
        $PY -c "import $m" 2>/dev/null || { echo "python3 module $m missing"; exit 77; }
    done
    [ -x /usr/bin/chromedriver ] && command -v chromium >/dev/null 2>&1 ||
        { echo "chromium or chromium-driver missing"; exit 77; }
}
# The test SMTP server (tests/smtpd.py, aiosmtpd) on 127.0.0.1, on a port
# the OS picks. smtpd_need: PY set (Debian's python3, with
# python3-aiosmtpd), or the script skips (77). smtpd_start INBOX SECONDS
# [OPTION…]: started (its pid in SRV, its port in PORT), ending by itself
# after SECONDS; smtpd_stop: ended.
smtpd_need() {
    PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
    $PY -c 'import aiosmtpd' 2>/dev/null || { echo "python3-aiosmtpd missing"; exit 77; }
}
smtpd_start() {
    smtpd_in=$1 smtpd_t=$2; shift 2
    rm -f "$WORK/port" "$WORK/port.stop"
    $PY tests/smtpd.py "$smtpd_in" "$WORK/port" "$@" --timeout "$smtpd_t" & SRV=$!
    i=0; while [ ! -f "$WORK/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
    PORT=$(cat "$WORK/port")
}
smtpd_stop() { touch "$WORK/port.stop"; wait $SRV 2>/dev/null; }
# completion CWORD WORD…: what tools/parpack.bash offers (COMPREPLY, one
# line) for the words typed so far, the cursor on word CWORD (0-based).
completion() {
    bash -c '. "$1"; shift; COMP_CWORD=$1; shift; COMP_WORDS=("$@"); _parpack; echo "${COMPREPLY[*]}"' \
        sh "$ROOT/tools/parpack.bash" "$@"
}
finish() { [ $fails -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }; exit 0; }
# expect_phrases WHAT LIST FILE: every phrase of LIST (one a line, '#'
# lines left out; tests/expect/) is in FILE (fixed strings)
expect_phrases() {
    while IFS= read -r want; do
        case $want in ''|'#'*) continue ;; esac
        expect_grep "$1: $want" "$want" "$3"
    done < "$2"
}
