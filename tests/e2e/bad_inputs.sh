# Every bad input is refused with exit 1 and a located, explained error;
# nothing is written; no crash; hostile files are refused quickly.
. tests/lib.sh
B=fixtures/bad
# name | expected text in stderr (file:line:col prefix checked separately)
while IFS='|' read -r name want; do
    [ -n "$name" ] || continue
    f=$B/$name.xml
    start=$(date +%s%N)
    $PARPACK check "$f" > "$WORK/out" 2> "$WORK/err"
    rc=$?
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    expect_eq "$name: exit status" "$rc" 1
    expect_grep "$name: message" "$want" "$WORK/err"
    if grep -qE "^$f(:[0-9]+:[0-9]+)?: error: " "$WORK/err"; then
        ok "$name: FILE:LINE:COL: error: form"
    else
        bad "$name: no located error line"; cat "$WORK/err"
    fi
    [ -s "$WORK/out" ] && bad "$name: wrote to stdout"
    [ $ms -lt 1000 ] || bad "$name: took $ms ms"
done <<'LIST'
comma-decimal|uses a decimal comma; write numbers with a dot: appraised="2.5"
not-a-number|appraised="bốn" is not a number
too-many-decimals|more than three decimals
above-max|appraised score 3.5 is above the criterion's maximum 3
negative|appraised="-1" is a number below 0
unknown-criterion|there is no criterion '9.9' in the scheme
non-leaf-score|criterion '1' (Công tác chỉ đạo, điều hành) has sub-criteria
missing-score|unit 'an-lac' (An Lạc) has no score for 1 criterion: 2.1
duplicate-score|criterion '1.1' is scored twice
duplicate-unit|unit id 'an-lac' is used twice
duplicate-criterion|criterion id '1.1' is used twice
parent-max|is not the sum of its sub-criteria (5)
scheme-max|the scheme's max="12" is not the sum of its fields' maxima (10)
tiers-order|list tiers highest first
ratings-catch-all|must have min="0" and no field-min
all-na|every criterion is marked not applicable
award-unknown-unit|collective unit="khong-co" is not a unit of this file
award-unknown-form|there is no award form 'huan-chuong'
schema-violation|does not follow the appraisal format
bad-date|write it as YYYY-MM-DD
truncated|malformed XML
wrong-root|expected <appraisal>
wrong-format|format="2" is not supported
empty|the file is empty
binary|the file is binary
external-entity|<!DOCTYPE>
entity-expansion|<!DOCTYPE>
network-dtd|<!DOCTYPE>
deep-nesting|malformed XML
windows-1258-bad-byte|byte 0x81 is not a character of the encoding the file declares (windows-1258)
unknown-encoding|which this program cannot read
tab-in-id|(An Lạc) holds a tab, which it may not
long-name|is 200000 characters long; at most 2000 are allowed
LIST
# several errors in one file: all of them, each located
$PARPACK check $B/several-errors.xml 2> "$WORK/err"
expect_eq "several-errors: exit status" $? 1
n=$(grep -c ': error: ' "$WORK/err")
expect_eq "several-errors: three errors reported" "$n" 3
expect_grep "several-errors: comma" "fixtures/bad/several-errors.xml:30:31:" "$WORK/err"
expect_grep "several-errors: not a number" "appraised=\"x\" is not a number" "$WORK/err"
expect_grep "several-errors: above max" "appraised score 9 is above" "$WORK/err"
expect_grep "several-errors: summary" "3 errors" "$WORK/err"
# a missing file, a usage error
$PARPACK check fixtures/none.xml 2> "$WORK/err"; expect_eq "missing file: exit 1" $? 1
expect_grep "missing file: message" "cannot open the file" "$WORK/err"
$PARPACK check 2> /dev/null; expect_eq "no input: exit 2" $? 2
$PARPACK frobnicate x 2> /dev/null; expect_eq "unknown verb: exit 2" $? 2
$PARPACK score fixtures/small.xml --format xml 2> /dev/null; expect_eq "bad format: exit 2" $? 2
finish
