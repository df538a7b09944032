# Issue #17: nothing loaded that the verb does not use, and the work
# spread over any number of workers without changing a byte.
# GMime and libcurl live in modules (src/mail/mailmod.c): check and score never
# load them; a build that writes messages loads GMime, not libcurl; send
# loads libcurl. The renderers' libraries (libharu, fontconfig,
# libxlsxwriter, libzip) live in another (src/render/rendermod.c): check, score
# --help and --version never load it, a build and import do. Nor libcrypto: the
# SHA-256 is libgcrypt's, which libexslt loads anyway. Seen with the dynamic
# linker's own log (LD_DEBUG=files). HarfBuzz's subsetter (the PDF fonts'
# subsets, src/render/pdf/subset.c) is in the render module too.
. tests/lib.sh
F=fixtures/gia-loc-2022.xml
# libs VERB ARGS...: the libraries the run opened, one a line
libs() { LD_DEBUG=files "$PARPACK" "$@" 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\).*/\1/p' | sort -u; }
libs check $F > "$WORK/check.libs"
expect_nogrep "check: no GMime" libgmime "$WORK/check.libs"
expect_nogrep "check: no libcurl" libcurl "$WORK/check.libs"
expect_grep "check: libxml2 (the log works)" libxml2 "$WORK/check.libs"
libs score $F > "$WORK/score.libs"
expect_nogrep "score: no GMime" libgmime "$WORK/score.libs"
expect_nogrep "score: no libcurl" libcurl "$WORK/score.libs"
libs --help > "$WORK/help.libs"
libs --version > "$WORK/version.libs"
for v in check score help version; do
    for l in parpack-render libhpdf libfontconfig libxlsxwriter libzip libharfbuzz libcrypto; do
        expect_nogrep "$v: no $l" $l "$WORK/$v.libs"
    done
done
libs build $F --out "$WORK/b" --quiet > "$WORK/build.libs"
expect_grep "build: the render module" parpack-render "$WORK/build.libs"
expect_grep "build: libharu" libhpdf "$WORK/build.libs"
expect_grep "build: HarfBuzz's subsetter" libharfbuzz-subset "$WORK/build.libs"
expect_grep "build with messages: GMime" libgmime "$WORK/build.libs"
expect_nogrep "build: no libcurl" libcurl "$WORK/build.libs"
expect_eq "build with messages: 17 messages" "$(cut -f1 "$WORK/b/manifest.tsv" | grep -cx unit-mail)" 17
libs build $F --only report --out "$WORK/r" --quiet > "$WORK/report.libs"
expect_nogrep "build without messages: no GMime" libgmime "$WORK/report.libs"
libs send "$WORK/b" --smtp smtp://127.0.0.1:9 --dry-run > "$WORK/send.libs"
expect_grep "send: libcurl" libcurl "$WORK/send.libs"
expect_nogrep "send: no render module" parpack-render "$WORK/send.libs"
# import reads the workbooks through the render module (libzip); of a
# blank file (Gia Lộc without its scores)
grep -v '^ *<score ' $F > "$WORK/blank.xml"
libs import "$WORK/blank.xml" "$WORK/b/units/doan-thuong/bang-diem-doan-thuong-2022.xlsx" --out "$WORK/i.xml" > "$WORK/import.libs"
expect_grep "import: libzip" libzip "$WORK/import.libs"
# Chunks of units shrink towards the end and the packet-wide files go
# longest first: any number of workers writes the same bytes, on a file
# whose units do not fall evenly into chunks.
python3 tools/gen-national.py --units 37 --blocks 3 --leaves 12 > "$WORK/p37.xml"
for j in 1 2 3 7; do
    "$PARPACK" build "$WORK/p37.xml" --out "$WORK/j$j" --jobs $j --quiet 2> "$WORK/j$j.err"
    expect_eq "37 units, --jobs $j: exit 0" $? 0
done
expect_eq "37 units: every unit's workbook" "$(cut -f1 "$WORK/j1/manifest.tsv" | grep -cx unit-workbook)" 37
for j in 2 3 7; do
    diff -r "$WORK/j1" "$WORK/j$j" > /dev/null && ok "--jobs $j writes the bytes of --jobs 1" || bad "--jobs $j changes the output"
done
finish
