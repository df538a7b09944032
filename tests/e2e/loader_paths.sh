# The two loader paths agree: a clean file is loaded by the streaming pass,
# any other by the reader path, and either way the output is the same,
# byte for byte, as the reader path alone gives (PARPACK_LOADER=reader).
. tests/lib.sh
same() { # LABEL ARGS...: the same stdout, stderr and status both ways
    label=$1; shift
    $PARPACK "$@" > "$WORK/o1" 2> "$WORK/e1"; r1=$?
    PARPACK_LOADER=reader $PARPACK "$@" > "$WORK/o2" 2> "$WORK/e2"; r2=$?
    if [ $r1 = $r2 ] && cmp -s "$WORK/o1" "$WORK/o2" && cmp -s "$WORK/e1" "$WORK/e2"; then
        ok "$label"
    else
        bad "$label: the two paths differ (status $r1 / $r2)"
        diff "$WORK/e1" "$WORK/e2" | head -20
    fi
}
for f in fixtures/*.xml fixtures/bad/*.xml; do
    same "$f: check" check "$f"
    same "$f: score" score "$f"
    same "$f: score json" score "$f" --format json
done
same "previous year: score" score fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml

# clean files take the streaming pass; the others are read again
for f in fixtures/*.xml fixtures/bad/comma-decimal.xml fixtures/bad/several-errors.xml \
         fixtures/bad/duplicate-unit.xml fixtures/bad/award-unknown-form.xml; do
    PARPACK_LOADER=verbose $PARPACK check "$f" > /dev/null 2> "$WORK/err"
    expect_nogrep "$f: streamed" "read again" "$WORK/err"
done
for f in fixtures/bad/schema-violation.xml fixtures/bad/truncated.xml \
         fixtures/bad/wrong-root.xml fixtures/bad/deep-nesting.xml; do
    PARPACK_LOADER=verbose $PARPACK check "$f" > /dev/null 2> "$WORK/err"
    expect_grep "$f: read again" "read again with the reader" "$WORK/err"
done

# positions the streaming pass gets right and the reader path did not: a
# start tag over two lines (the reader path reported the next element)
sed 's|<score c="1.2" self="3" appraised="2,5"/>|<score c="1.2" self="3"\
        appraised="2,5"/>|' fixtures/bad/several-errors.xml > "$WORK/multi.xml"
$PARPACK check "$WORK/multi.xml" 2> "$WORK/err"
expect_grep "two-line start tag: at its attribute" "multi.xml:31:9: error: unit 'an-lac' (An Lạc), criterion '1.2': appraised=\"2,5\"" "$WORK/err"
expect_grep "two-line start tag: the next one in place" "multi.xml:32:22: error: unit 'an-lac' (An Lạc), criterion '2.1'" "$WORK/err"

# a clean file whose <awards> has no base salary for its date: the
# message stays at the line of <awards>, column 1, streamed or not
sed 's/<announcement date="[0-9-]*"/<announcement date="2016-03-10"/' \
    fixtures/gia-loc-2022.xml > "$WORK/old-date.xml"
same "awards without a base salary: check" check "$WORK/old-date.xml"
$PARPACK check "$WORK/old-date.xml" 2> "$WORK/err"
expect_grep "awards without a base salary: at <awards>" "old-date.xml:833:1: error: awards: no legal base salary" "$WORK/err"

# mutations of the fixtures: both paths agree on every one
if command -v python3 > /dev/null; then
    mkdir -p "$WORK/variants"
    if python3 tests/loader-paths.py "$PARPACK" "$WORK/variants" 150 1 > "$WORK/lp" 2>&1; then
        ok "150 variants of the fixtures: both paths agree"
    else
        bad "variants where the paths differ:"; cat "$WORK/lp"
    fi
fi
finish
