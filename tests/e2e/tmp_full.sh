# Issue #21: libxlsxwriter writes a workbook's parts into temporary files
# without checking the writes. When the RAM folder that holds them
# (/dev/shm) fills up, a part was cut mid-tag and closed again, the build
# exited 0 and SHA256SUMS verified a workbook no spreadsheet program opens.
# In a private mount namespace, /dev/shm is a tmpfs of 60 to 240 KB: each
# build either fails (exit 3, DIR as it was, no staging folder) or gives a
# workbook whose every XML part parses.
. tests/lib.sh
if [ "$(id -u)" != 0 ] || ! unshare -m true 2>/dev/null; then
    echo "no private mount namespace here (needs root and unshare -m)"; exit 77
fi
F=fixtures/gia-loc-2022.xml
P=$WORK/keep/2022
$PARPACK build fixtures/gia-loc-2021.xml --only results --out "$P" --quiet 2> /dev/null
snapshot() { (cd "$1" && find . -type f | sort | xargs sha256sum) 2>/dev/null; }
before=$(snapshot "$P")
cat > "$WORK/one.sh" <<'SH'
mount -t tmpfs -o size=$1 tmpfs /dev/shm || exit 99
$PARPACK build $F --only workbook --out "$P" --quiet --jobs 1
SH
export PARPACK F P
failed=0
for kb in 60 90 110 130 150 170 180 200 240; do
    unshare -m sh "$WORK/one.sh" ${kb}k 2> "$WORK/err.$kb"
    rc=$?
    if [ $rc = 0 ]; then
        python3 - "$P/bang-tong-hop-chi-so-cchc-2022.xlsx" <<'PY' && ok "/dev/shm of $kb KB: exit 0, every part parses" || bad "/dev/shm of $kb KB: exit 0 with a broken workbook"
import sys, zipfile, xml.dom.minidom
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if n.endswith(".xml") or n.endswith(".rels"):
            xml.dom.minidom.parseString(z.read(n))
PY
        (cd "$P" && sha256sum -c --quiet SHA256SUMS) || bad "/dev/shm of $kb KB: SHA256SUMS"
        # put the previous packet back for the next size
        rm -rf "$P"; $PARPACK build fixtures/gia-loc-2021.xml --only results --out "$P" --quiet 2> /dev/null
    elif [ $rc = 3 ]; then
        failed=$((failed + 1))
        expect_eq "/dev/shm of $kb KB: exit 3, DIR as it was" "$(snapshot "$P")" "$before"
        expect_grep "/dev/shm of $kb KB: the reason" "No space left on device" "$WORK/err.$kb"
        expect_nogrep "/dev/shm of $kb KB: no libxlsxwriter [ERROR] line" "[ERROR]" "$WORK/err.$kb"
    else
        bad "/dev/shm of $kb KB: exit $rc"; cat "$WORK/err.$kb"
    fi
done
[ $failed -gt 0 ] && ok "$failed sizes too small: refused" || bad "no size was too small: nothing proved"
expect_eq "no staging folder left" "$(ls -A "$WORK/keep" | grep -c 'parpack-')" 0
finish
