# Issue #13: every writer (PDF, XLSX, EML, results, manifest) reports a
# failed write with the system's true reason and exit 3, and the packet
# built before stays exactly as it was. A file-size limit (`ulimit -f`:
# EFBIG, "File too large") and a full disk (a small tmpfs in a private
# mount namespace: ENOSPC, "No space left on device") during each kind.
. tests/lib.sh
F="fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml"
# the sizes of today's files, from a build that succeeds
$PARPACK build $F --out "$WORK/ref" --quiet 2> /dev/null
expect_eq "reference build: exit 0" $? 0
# --only unit-mail writes the messages alone (their workbooks removed)
$PARPACK build $F --only unit-mail --out "$WORK/ref-mail" --quiet 2> /dev/null
size() { awk -F'\t' -v k="$1" '$1 == k { print $4; exit }' "$WORK/ref/manifest.tsv"; }
maxsize() { awk -F'\t' -v k="$1" '$1 == k && $4 > m { m = $4 } END { print m }' "$WORK/ref/manifest.tsv"; }
minsize() { awk -F'\t' -v k="$1" '$1 == k && (m == "" || $4 < m) { m = $4 } END { print m }' "${2:-$WORK/ref}/manifest.tsv"; }
pages() { echo $((($1 + 4095) / 4096)); }
# the reason in parpack's own error line (libxlsxwriter prints its own
# "[ERROR] ... System error = ..." beside it, which does not count)
expect_reason() {
    if grep -F ": error: " "$3" | grep -qF -- "$2"; then ok "$1"; else bad "$1: [$2] not in an error line of $3"; fi
}
snapshot() { (cd "$1" && find . -type f | sort | xargs sha256sum) 2>/dev/null; }
# the file of each kind, as its error names it
file_of() {
    case $1 in
    unit-workbook|tmp-parts) echo "/units/" ;; unit-mail) echo ".eml:" ;;
    manifest) echo "manifest" ;;
    *) awk -F'\t' -v k="$1" '$1 == k { print $3 ":"; exit }' "$WORK/ref/manifest.tsv" ;;
    esac
}

# --- a file-size limit: EFBIG (ulimit -f counts 512-byte blocks) ------
P=$WORK/keep/2022
mkdir -p "$P" && echo "the packet printed last week" > "$P/marker.txt"
before=$(snapshot "$P")
for kind in report decision award-decision workbook unit-workbook unit-parts unit-mail results; do
    only=$kind
    case $kind in
    unit-parts) # the workbook itself fits, not libxlsxwriter's temporary
        # file of its sheet: a workbook cut short must not pass for whole
        only=unit-workbook
        limit=$(( ($(maxsize unit-workbook) + 2048) / 512 )) ;;
    unit-mail) # below the message; libxlsxwriter's temporary files (a
        # sheet's XML, larger) may reach the limit first: either way the
        # unit's files are named and the reason given
        limit=$(( $(minsize unit-mail "$WORK/ref-mail") / 512 - 8 )) ;;
    unit-workbook) limit=$(( $(maxsize unit-workbook) / 512 / 2 )) ;;
    *) limit=$(( $(size $kind) / 512 / 2 )) ;;
    esac
    (ulimit -f $limit; $PARPACK build $F --only $only --out "$P" --force --quiet --jobs 1 2> "$WORK/efbig.$kind")
    rc=$?
    expect_eq "$kind past ulimit -f $limit: exit 3" $rc 3
    expect_reason "$kind past ulimit -f: the reason (EFBIG)" "File too large" "$WORK/efbig.$kind"
    what=$(file_of $kind); [ $kind = unit-mail ] || [ $kind = unit-parts ] && what=/units/
    expect_grep "$kind past ulimit -f: names the file" "$what" "$WORK/efbig.$kind"
    expect_grep "$kind past ulimit -f: says nothing was written" "nothing was written" "$WORK/efbig.$kind"
    expect_nogrep "$kind past ulimit -f: no libxlsxwriter [ERROR] line" "[ERROR]" "$WORK/efbig.$kind"
    expect_nogrep "$kind past ulimit -f: no staging path" ".parpack-" "$WORK/efbig.$kind"
    expect_eq "$kind past ulimit -f: DIR as it was" "$(snapshot "$P")" "$before"
    expect_eq "$kind past ulimit -f: no staging left" "$(ls -A "$WORK/keep" | grep -c 'parpack-')" 0
done

# --- a full disk: ENOSPC, in a tmpfs of a private mount namespace -----
NS=""
mkdir -p "$WORK/probe"
for ns in "unshare -m" "unshare -rm"; do
    if $ns sh -c "mount -t tmpfs -o size=64k tmpfs '$WORK/probe'" 2> /dev/null; then
        NS=$ns; break
    fi
done
if [ -z "$NS" ]; then
    echo "     (no tmpfs can be mounted here: the full-disk cases are skipped)"
    finish
fi
# full.sh KIND PAGES: in a tmpfs of PAGES pages holding a previous packet
cat > "$WORK/full.sh" <<'EOF'
kind=$1 pages=$2 res=$WORK/full.$1
M=$WORK/mnt.$kind
mkdir -p "$M" "$WORK/tmp.$kind"
if [ "$kind" = tmp-parts ]; then
    # room for the packet, none for libxlsxwriter's temporary files
    mount -t tmpfs -o size=16m tmpfs "$M" || exit 1
    mount -t tmpfs -o size=$((pages * 4096)) tmpfs /dev/shm || exit 1
    mount -t tmpfs -o size=$((pages * 4096)) tmpfs "$WORK/tmp.$kind" || exit 1
    export TMPDIR=$WORK/tmp.$kind
else
    mount -t tmpfs -o size=$((pages * 4096)) tmpfs "$M" || exit 1
fi
P=$M/keep/2022
mkdir -p "$P" && echo "the packet printed last week" > "$P/marker.txt"
# a page beside DIR (where the lock file was) before the build starts
echo 0 > "$M/keep/.2022.parpack.lock"
snap() { (cd "$1" && find . -type f | sort | xargs sha256sum) 2>/dev/null; }
before=$(snap "$P")
only=$kind; [ "$kind" = manifest ] && only=results; [ "$kind" = tmp-parts ] && only=unit-workbook
$PARPACK build $F --only $only --out "$P" --force --quiet --jobs 1 2> "$res.err"
echo "rc $?" > "$res"
[ "$(snap "$P")" = "$before" ] && echo "same yes" >> "$res" || echo "same no" >> "$res"
echo "staging $(ls -A "$M/keep" | grep -c 'parpack-')" >> "$res"
umount "$M"
EOF
export F WORK PARPACK
for kind in report decision award-decision workbook unit-workbook tmp-parts unit-mail results manifest; do
    # two pages: the marker and the file beside DIR
    case $kind in
    tmp-parts) n=2 ;; # the temporary folder full: a workbook cut short must not pass
    unit-mail) n=$((2 + $(pages $(maxsize unit-workbook)) + 1)) ;;
    unit-workbook) n=3 ;;
    manifest) n=$((2 + $(pages $(size results)))) ;;  # the results fit, not their line
    *) n=3 ;;
    esac
    $NS sh "$WORK/full.sh" $kind $n
    expect_eq "$kind on a full disk ($n pages): exit 3" "$(sed -n 's/^rc //p' "$WORK/full.$kind")" 3
    expect_reason "$kind on a full disk: the reason (ENOSPC)" "No space left on device" "$WORK/full.$kind.err"
    expect_grep "$kind on a full disk: names the file" "$(file_of $kind)" "$WORK/full.$kind.err"
    expect_eq "$kind on a full disk: DIR as it was" "$(sed -n 's/^same //p' "$WORK/full.$kind")" yes
    expect_eq "$kind on a full disk: no staging left" "$(sed -n 's/^staging //p' "$WORK/full.$kind")" 0
    grep -q "error" "$WORK/full.$kind.err" || cat "$WORK/full.$kind.err"
done
finish
