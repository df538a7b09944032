# The one loader: declared encodings through libxml2's converters (never a
# crash), CDATA kept, every text bounded by the XSD, schema errors in the
# program's words at the offending tag or attribute, and the schema deciding
# every element (a restriction added to the XSD is obeyed, <score> included).
. tests/lib.sh
B=fixtures/bad

# windows-1258 with a byte the code page does not have: a located error,
# exit 1, no crash (the old loader died of SIGSEGV here)
$PARPACK check $B/windows-1258-bad-byte.xml > "$WORK/out" 2> "$WORK/err"
expect_eq "windows-1258, bad byte: exit 1, no crash" $? 1
expect_grep "windows-1258, bad byte: the byte and its place" \
    "$B/windows-1258-bad-byte.xml:28:32: error: byte 0x81 is not a character of the encoding the file declares (windows-1258)" "$WORK/err"
$PARPACK check $B/unknown-encoding.xml 2> "$WORK/err"
expect_eq "unknown encoding: exit 1" $? 1
expect_grep "unknown encoding: said so" 'declares the encoding "x-no-such-encoding", which this program cannot read' "$WORK/err"

# a valid windows-1258 file (tone marks as combining bytes) loads with the
# same Vietnamese names as its UTF-8 original, in NFC
$PARPACK score fixtures/encoding/small-windows-1258.xml > "$WORK/w.csv" 2> "$WORK/err"
expect_eq "windows-1258: exit 0" $? 0
$PARPACK score fixtures/small.xml > "$WORK/u.csv"
if cmp -s "$WORK/w.csv" "$WORK/u.csv"; then ok "windows-1258: the same scores and names as UTF-8"
else bad "windows-1258: differs from UTF-8"; diff "$WORK/w.csv" "$WORK/u.csv"; fi
expect_grep "windows-1258: An Lạc in NFC" "an-lac,An Lạc," "$WORK/w.csv"

# CDATA is text: <place>A <![CDATA[B]]> C</place> is "A B C"
sed 's|<place>Mẫu Sơn</place>|<place>Mẫu <![CDATA[Sơn]]> Đông</place>|' fixtures/small.xml > "$WORK/cdata.xml"
$PARPACK build "$WORK/cdata.xml" --only results --out "$WORK/cd" --quiet 2> "$WORK/err"
expect_eq "CDATA: build exit 0" $? 0
expect_grep "CDATA: kept as text" "Mẫu Sơn Đông" "$WORK/cd/ket-qua-chi-so-cchc-2024.xml"

# ids without control characters, names of a length a document holds:
# refused by check, with the tag's position (not by build, exit 4)
$PARPACK check $B/tab-in-id.xml 2> "$WORK/err"
expect_eq "tab in an id: exit 1" $? 1
expect_grep "tab in an id: said so" "$B/tab-in-id.xml:28:11: error: the file does not follow the appraisal format: <unit> id=\"an\\tlac\" (An Lạc) holds a tab" "$WORK/err"
$PARPACK check $B/long-name.xml 2> "$WORK/err"
expect_eq "200,000-character name: check exit 1" $? 1
expect_grep "200,000-character name: said so" "$B/long-name.xml:28:23: error: the file does not follow the appraisal format: <unit> name=" "$WORK/err"
expect_grep "200,000-character name: the limit" "is 200000 characters long; at most 2000 are allowed" "$WORK/err"

# a figure of 100,000 digits, and a criterion id of 100,000 characters:
# each said once, by the loader (which bounds a number, and finds no such
# criterion; the schema leaves both to it), the value
# shown by its first 40 characters, never written out in full
python3 - fixtures/small.xml "$WORK/long-num.xml" "$WORK/long-ref.xml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
old = '<score c="1.1" self="2" appraised="2"/>'
assert old in s
open(sys.argv[2], "w", encoding="utf-8").write(s.replace(old, '<score c="1.1" self="' + "1" * 100000 + '" appraised="2"/>', 1))
open(sys.argv[3], "w", encoding="utf-8").write(s.replace(old, '<score c="' + "9" * 100000 + '" self="2" appraised="2"/>', 1))
PY
LC_ALL=C $PARPACK check "$WORK/long-num.xml" 2> "$WORK/err"
expect_eq "100,000-digit figure: check exit 1" $? 1
expect_eq "100,000-digit figure: one error" "$(grep -c ': error: ' "$WORK/err")" 1
expect_grep "100,000-digit figure: too large, shown cut" "self=\"$(printf '1%.0s' $(seq 40))…\" is too large" "$WORK/err"
expect_eq "100,000-digit figure: a short message" "$(awk 'length > 300' "$WORK/err" | wc -l)" 0
LC_ALL=C $PARPACK check "$WORK/long-ref.xml" 2> "$WORK/err"
expect_eq "100,000-character criterion id: check exit 1" $? 1
expect_grep "100,000-character criterion id: no such criterion, shown cut" "there is no criterion '$(printf '9%.0s' $(seq 40))…' in the scheme" "$WORK/err"
expect_eq "100,000-character criterion id: short messages" "$(awk 'length > 300' "$WORK/err" | wc -l)" 0
expect_eq "100,000-character criterion id: said once" "$(grep -c '9999999999' "$WORK/err")" 1

# schema errors: which element, where, what is allowed, never libxml2's words
sed -e 's|<score c="1.1" self="2" appraised="2"/>|<score c="1.1" self="2" appraised="2" foo="1"/><x/>|' \
    -e 's|<signer |<signer office="boss" |' -e 's|<tier min="0" label="Dưới 90%"/>|<tier label="Dưới 90%"/>|' \
    fixtures/small.xml > "$WORK/schema.xml"
$PARPACK check "$WORK/schema.xml" 2> "$WORK/err"
expect_eq "schema errors: exit 1" $? 1
expect_grep "schema: enumeration" "schema.xml:7:13: error: the file does not follow the appraisal format: <signer> office=\"boss\" is not one of the values allowed: chairman, deputy" "$WORK/err"
expect_grep "schema: required attribute" "schema.xml:21:5: error: the file does not follow the appraisal format: <tier> needs the attribute min=" "$WORK/err"
expect_grep "schema: unknown attribute, at it" "schema.xml:29:45: error: the file does not follow the appraisal format: <score> has no attribute 'foo'" "$WORK/err"
expect_grep "schema: unexpected element" "schema.xml:29:54: error: the file does not follow the appraisal format: unexpected element <x> inside <unit>; expected <score>" "$WORK/err"
expect_nogrep "schema: not libxml2's sentence" "This element is not expected" "$WORK/err"
expect_nogrep "schema: not libxml2's sentence (2)" "Element '" "$WORK/err"

# the schema decides every element: a copy of the tree whose XSD bounds
# <previous rank> and <score appraised> refuses what the original accepts
if command -v make > /dev/null && command -v cc > /dev/null; then
    mkdir -p "$WORK/tree"
    (cd "$ROOT" && tar cf - Makefile src include schemas) | (cd "$WORK/tree" && tar xf -)
    sed -i -e 's|<xs:attribute name="rank" type="word" use="required"/>|<xs:attribute name="rank" use="required"><xs:simpleType><xs:restriction base="xs:integer"><xs:maxInclusive value="10"/></xs:restriction></xs:simpleType></xs:attribute>|' \
        -e 's|<xs:attribute name="appraised" type="number"/>|<xs:attribute name="appraised"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="2"/></xs:restriction></xs:simpleType></xs:attribute>|' \
        "$WORK/tree/schemas/appraisal.xsd"
    # a make of its own: not the variables of a make running this test
    if (cd "$WORK/tree" && unset MAKEFLAGS MFLAGS MAKELEVEL &&
        make -s BUILD=build PROG=parpack CFLAGS=-O0 LDFLAGS= parpack > "$WORK/make.log" 2>&1); then
        sed 's|<unit id="an-lac" name="An Lạc">|<unit id="an-lac" name="An Lạc"><previous rank="11"/>|' fixtures/small.xml > "$WORK/prev.xml"
        $PARPACK check "$WORK/prev.xml" > /dev/null 2>&1
        expect_eq "restricted XSD: the original accepts rank 11" $? 0
        "$WORK/tree/parpack" check "$WORK/prev.xml" 2> "$WORK/err"
        expect_eq "restricted XSD: the copy refuses <previous rank=\"11\">" $? 1
        expect_grep "restricted XSD: rank" "prev.xml:28:47: error: the file does not follow the appraisal format: <previous> rank=\"11\" is above the largest value allowed (10)" "$WORK/err"
        "$WORK/tree/parpack" check fixtures/small.xml 2> "$WORK/err"
        expect_eq "restricted XSD: the copy refuses <score appraised=\"2.5\">" $? 1
        expect_grep "restricted XSD: appraised" "<score> appraised=\"2.5\" is 3 characters long; at most 2 are allowed" "$WORK/err"
    else
        bad "restricted XSD: the copy does not build"; tail -20 "$WORK/make.log"
    fi
fi

# what the loader reads is the bytes of memory it was given, however cut:
# every prefix of a fixture is refused cleanly or loaded, never a crash
i=0
for n in 1 2 3 4 5 10 40 100 500 1000 1450; do
    head -c $n fixtures/small.xml > "$WORK/cut.xml"
    $PARPACK check "$WORK/cut.xml" > /dev/null 2>&1
    rc=$?
    [ $rc = 1 ] || { bad "a file cut at $n bytes: exit $rc"; i=1; }
done
[ $i = 0 ] && ok "files cut short: exit 1 every time"

# a leaf's max left out: one error where it is, not also every sum above
# it and every unit's points against a maximum of 0 (38 lines more on Gia
# Lộc before)
python3 - "$WORK" <<'PY'
import sys
s = open("fixtures/gia-loc-2022.xml", "rb").read()
open(sys.argv[1] + "/max-none.xml", "wb").write(s.replace(b' max="2"', b'', 1))
PY
$PARPACK check "$WORK/max-none.xml" 2> "$WORK/max-none.err"
expect_eq "a leaf without max: check exit 1" $? 1
expect_grep "a leaf without max: one error" "parpack: 1 error, 0 warnings" "$WORK/max-none.err"
expect_grep "a leaf without max: said where it is" \
    "max-none.xml:28:9: error: criterion '1.1.2' (Mức độ thực hiện kế hoạch cải cách hành chính) has no sub-criteria and no max" "$WORK/max-none.err"
finish
