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
finish() { [ $fails -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }; exit 0; }
# expect_phrases WHAT LIST FILE: every phrase of LIST (one a line, '#'
# lines left out; tests/expect/) is in FILE (fixed strings)
expect_phrases() {
    while IFS= read -r want; do
        case $want in ''|'#'*) continue ;; esac
        expect_grep "$1: $want" "$want" "$3"
    done < "$2"
}
