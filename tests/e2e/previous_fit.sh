# Issue #21: a --previous that does not fit is said, not used in silence.
# Another issuer, the same or a later year, no unit in common: an error
# naming both files, exit 1, nothing written. No criterion in common: a
# warning (the rank changes still come from it). An announcement dated
# before the end of the assessed year: a warning.
. tests/lib.sh
F=fixtures/gia-loc-2022.xml
$PARPACK check $F --previous fixtures/ha-tinh-2023.xml > /dev/null 2> "$WORK/issuer.err"
expect_eq "another issuer and a later year: exit 1" $? 1
expect_grep "another issuer: names the previous file" "fixtures/ha-tinh-2023.xml: error: --previous: this file is of another issuer" "$WORK/issuer.err"
expect_grep "another issuer: names the input" "than fixtures/gia-loc-2022.xml" "$WORK/issuer.err"
expect_grep "a later year: said" "this file is of 2023, not of a year before fixtures/gia-loc-2022.xml (2022)" "$WORK/issuer.err"
$PARPACK build $F --previous fixtures/ha-tinh-2023.xml --out "$WORK/b" --quiet 2> /dev/null
expect_eq "build with another issuer's previous: exit 1" $? 1
[ ! -e "$WORK/b" ] && ok "build: nothing written" || bad "build wrote $WORK/b"
$PARPACK check $F --previous $F > /dev/null 2> "$WORK/same.err"
expect_eq "the same year as its own previous: exit 1" $? 1
expect_grep "the same year: said" "this file is of 2022, not of a year before" "$WORK/same.err"

# no unit in common (every unit id changed)
sed 's/<unit id="/<unit id="old-/' fixtures/gia-loc-2021.xml > "$WORK/units.xml"
$PARPACK score $F --previous "$WORK/units.xml" > /dev/null 2> "$WORK/units.err"
expect_eq "no unit in common: exit 1" $? 1
expect_grep "no unit in common: said" "error: --previous: no unit of fixtures/gia-loc-2022.xml is in this file" "$WORK/units.err"

# no criterion in common (every criterion id changed): a warning
sed -e 's/<criterion id="/<criterion id="x/' -e 's/<score c="/<score c="x/' \
    -e 's/<field id="/<field id="x/' -e 's/ field="/ field="x/g' \
    fixtures/gia-loc-2021.xml > "$WORK/crit.xml"
$PARPACK check "$WORK/crit.xml" > /dev/null 2> "$WORK/crit-alone.err"
expect_eq "the file with every criterion renamed loads alone" $? 0
$PARPACK check $F --previous "$WORK/crit.xml" > /dev/null 2> "$WORK/crit.err"
expect_eq "no criterion in common: exit 0 (a warning)" $? 0
expect_grep "no criterion in common: warned" "warning: --previous: no criterion of fixtures/gia-loc-2022.xml is in this file" "$WORK/crit.err"

# the fitting previous: no word
$PARPACK check $F --previous fixtures/gia-loc-2021.xml > /dev/null 2> "$WORK/fit.err"
expect_eq "last year's file: exit 0" $? 0
expect_nogrep "last year's file: no --previous word" "--previous" "$WORK/fit.err"

# an announcement dated inside the assessed year
sed 's/<announcement date="2023-03-17"/<announcement date="2022-03-17"/' $F > "$WORK/ann.xml"
$PARPACK check "$WORK/ann.xml" > /dev/null 2> "$WORK/ann.err"
expect_eq "announcement inside the year: exit 0 (a warning)" $? 0
expect_grep "announcement inside the year: warned" "warning: announcement date=\"2022-03-17\" is before the end of the year assessed (2022)" "$WORK/ann.err"
$PARPACK check $F > /dev/null 2> "$WORK/ann-ok.err"
expect_nogrep "announcement after the year: no word" "announcement" "$WORK/ann-ok.err"
finish
