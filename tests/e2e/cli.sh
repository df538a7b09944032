#!/bin/sh
# The command line as a clerk and a packager meet it: messages in Vietnamese
# under vi_VN.UTF-8 and in English under C with positions intact, a complete
# catalog, --opt=value, each verb's own help, a foreign option refused, write
# errors on standard output, the manual page, an install into DESTDIR/PREFIX.
. "$ROOT/tests/lib.sh"
P=$PARPACK
F=$ROOT/fixtures

# --- a Vietnamese locale of our own, whatever the machine has
vi_locale

# an input error: the position stays, the words change
vi "$P" check "$F/bad/comma-decimal.xml" >"$WORK/vi.out" 2>"$WORK/vi.err"
expect_eq "vi: invalid input exits 1" $? 1
en "$P" check "$F/bad/comma-decimal.xml" >"$WORK/en.out" 2>"$WORK/en.err"
expect_eq "C: invalid input exits 1" $? 1
pos=$(sed -n '1s/^\([^ ]*:[0-9]*:[0-9]*:\) .*/\1/p' "$WORK/en.err")
expect_grep "C: FILE:LINE:COL: error:" "$pos error: " "$WORK/en.err"
expect_grep "C: English words" "uses a decimal comma; write numbers with a dot" "$WORK/en.err"
expect_grep "vi: the same position, lỗi:" "$pos lỗi: " "$WORK/vi.err"
expect_grep "vi: Vietnamese words" "dùng dấu phẩy thập phân; đề nghị ghi số bằng dấu chấm" "$WORK/vi.err"
expect_grep "vi: the count" "parpack: 1 lỗi, 0 cảnh báo" "$WORK/vi.err"
expect_nogrep "vi: no English severity" " error: " "$WORK/vi.err"
expect_nogrep "check says nothing of writing" "written" "$WORK/en.err"

# a schema error, in the program's own words in either language
vi "$P" check "$F/bad/schema-violation.xml" 2>"$WORK/vi.sch"
en "$P" check "$F/bad/schema-violation.xml" 2>"$WORK/en.sch"
spos=$(sed -n '1s/^\([^ ]*:[0-9]*:[0-9]*:\) .*/\1/p' "$WORK/en.sch")
expect_grep "C: schema error at its position" "$spos error: the file does not follow the appraisal format" "$WORK/en.sch"
expect_grep "vi: schema error at the same position" "$spos lỗi: tệp không đúng định dạng hồ sơ thẩm định: phần tử <extra>" "$WORK/vi.sch"

# the summary of check
vi "$P" check "$F/gia-loc-2022.xml" >"$WORK/vi.sum" 2>&1
expect_grep "vi: summary" "18 đơn vị, 1 khối, 37 tiêu chí (7 lĩnh vực, tối đa 100 điểm)" "$WORK/vi.sum"
expect_grep "vi: summary, first" "  đứng đầu: Thống Nhất (87,49%)" "$WORK/vi.sum"
en "$P" check "$F/gia-loc-2022.xml" >"$WORK/en.sum" 2>&1
expect_grep "C: summary" "18 units, 1 block, 37 criteria (7 fields, maximum 100 points)" "$WORK/en.sum"
expect_grep "C: summary, first" "  first: Thống Nhất (87,49%)" "$WORK/en.sum"
expect_nogrep "check of a valid file says nothing of writing" "writ" "$WORK/en.sum"

# --help, general and per verb
vi "$P" --help >"$WORK/vi.help"
expect_grep "vi: --help" "Cách dùng: parpack LỆNH" "$WORK/vi.help"
expect_grep "vi: --help lists build" "ghi toàn bộ hồ sơ vào" "$WORK/vi.help"
vi "$P" build --help >"$WORK/vi.bhelp"
expect_grep "vi: build --help" "Tùy chọn:" "$WORK/vi.bhelp"
en "$P" --help >"$WORK/en.help"
expect_grep "C: --help" "Usage: parpack VERB" "$WORK/en.help"

# the catalog is complete
if command -v msgfmt >/dev/null; then
    LC_ALL=C msgfmt --check --statistics -o /dev/null "$ROOT/po/vi.po" >"$WORK/stat" 2>&1
    expect_eq "msgfmt --check passes" $? 0
    expect_grep "catalog: translated" "translated messages" "$WORK/stat"
    expect_nogrep "catalog: no untranslated" "untranslated" "$WORK/stat"
    expect_nogrep "catalog: no fuzzy" "fuzzy" "$WORK/stat"
    if command -v xgettext >/dev/null; then
        # msgids added since the catalog was last merged: a notice, not a
        # failure, since branches add messages and the catalog follows
        # them (make update-po, then translate; make po-check is strict)
        (cd "$ROOT" && make -s --no-print-directory pot POT="$WORK/now.pot") >/dev/null 2>&1
        if [ -s "$WORK/now.pot" ] &&
            ! msgcmp "$ROOT/po/vi.po" "$WORK/now.pot" >"$WORK/cmp" 2>&1; then
            echo "note: po/vi.po lacks msgids of the sources (make update-po):"
            grep -c 'this message is untranslated\|not defined' "$WORK/cmp"
        fi
    fi
fi

# the language of the messages changes nothing that is written
vi "$P" score "$F/gia-loc-2022.xml" --previous="$F/gia-loc-2021.xml" >"$WORK/vi.csv"
en "$P" score "$F/gia-loc-2022.xml" --previous="$F/gia-loc-2021.xml" >"$WORK/en.csv"
expect_eq "score: the same CSV under vi_VN and C" "$(cmp "$WORK/vi.csv" "$WORK/en.csv" && echo same)" same
vi "$P" build "$F/gia-loc-2022.xml" --previous="$F/gia-loc-2021.xml" --out="$WORK/vi.pk" -q >/dev/null 2>&1
expect_eq "vi: build exits 0" $? 0
en "$P" build "$F/gia-loc-2022.xml" --previous="$F/gia-loc-2021.xml" --out="$WORK/en.pk" -q >/dev/null 2>&1
expect_eq "the same packet under vi_VN and C" \
    "$(cmp "$WORK/vi.pk/SHA256SUMS" "$WORK/en.pk/SHA256SUMS" && echo same)" same

# --- options
en "$P" score "$F/small.xml" --format=json >"$WORK/j1"
en "$P" score --format json "$F/small.xml" >"$WORK/j2"
expect_eq "--format=json as --format json" "$(cmp "$WORK/j1" "$WORK/j2" && echo same)" same
expect_grep "--format=json is JSON" '{"format":1,' "$WORK/j1"
en "$P" score -- "$F/small.xml" >"$WORK/c1"
expect_eq "-- ends the options" $? 0
expect_grep "CSV header" "block,rank,id,name,achieved" "$WORK/c1"

en "$P" help build >"$WORK/h1"
en "$P" build --help >"$WORK/h2"
expect_eq "help build = build --help" "$(cmp "$WORK/h1" "$WORK/h2" && echo same)" same
expect_grep "build's help has --jobs" "--jobs=N" "$WORK/h1"
expect_nogrep "build's help has no --format" "--format" "$WORK/h1"
en "$P" help score >"$WORK/h3"
expect_grep "score's help has --format" "--format=csv|json" "$WORK/h3"
expect_nogrep "score's help has no --jobs" "--jobs" "$WORK/h3"

en "$P" build "$F/small.xml" --format=csv >"$WORK/o" 2>"$WORK/e"
expect_eq "an option of another verb: exit 2" $? 2
expect_eq "usage error: two lines" "$(wc -l <"$WORK/e" | tr -d ' ')" 2
expect_grep "usage error: says which" "option '--format' does not go with 'build'" "$WORK/e"
expect_grep "usage error: the hint" "Try 'parpack help build'." "$WORK/e"
en "$P" check --bogus "$F/small.xml" 2>"$WORK/e"
expect_eq "unknown option: exit 2" $? 2
expect_grep "unknown option named" "unknown option '--bogus'" "$WORK/e"
vi "$P" check --bogus "$F/small.xml" 2>"$WORK/e"
expect_grep "vi: usage hint" "Xem hướng dẫn: 'parpack help check'." "$WORK/e"
en "$P" frobnicate 2>"$WORK/e"
expect_eq "unknown verb: exit 2" $? 2

en "$P" --version >"$WORK/v"
expect_grep "--version: licence" "License MIT" "$WORK/v"
expect_grep "--version: copyright" "Copyright (c) 2026 The parpack authors" "$WORK/v"
expect_grep "LICENSE: the same copyright" "Copyright (c) 2026 The parpack authors" "$ROOT/LICENSE"
en "$P" -V >"$WORK/v2"
expect_eq "-V = --version" "$(cmp "$WORK/v" "$WORK/v2" && echo same)" same

# --- write errors on standard output
if [ -w /dev/full ]; then
    en "$P" check "$F/small.xml" >/dev/full 2>"$WORK/e"
    expect_eq "check >/dev/full exits 3" $? 3
    expect_grep "check >/dev/full says so" "standard output" "$WORK/e"
    en "$P" score "$F/gia-loc-2022.xml" >/dev/full 2>"$WORK/e"
    expect_eq "score >/dev/full exits 3" $? 3
    en "$P" score "$F/gia-loc-2022.xml" --format=json >/dev/full 2>/dev/null
    expect_eq "score --format=json >/dev/full exits 3" $? 3
    en "$P" --help >/dev/full 2>/dev/null
    expect_eq "--help >/dev/full exits 3" $? 3
fi

# --- the build honours CPPFLAGS and LDFLAGS
(cd "$ROOT" && make -n --no-print-directory BUILD="$WORK/b2" PROG="$WORK/b2/parpack" \
    CPPFLAGS=-DPP_CPPFLAGS_SEEN LDFLAGS=-Wl,-zrelro all) >"$WORK/n.log" 2>&1
expect_grep "make: CPPFLAGS reach the compiler" "-DPP_CPPFLAGS_SEEN" "$WORK/n.log"
expect_grep "make: LDFLAGS reach the linker" "-Wl,-zrelro" "$WORK/n.log"

# --- bash completion: verbs, then the verb's own options
if command -v bash >/dev/null; then
    expect_eq "completion: a verb" "$(completion 1 parpack bu)" "build"
    expect_eq "completion: score's options" \
        "$(completion 2 parpack score --f)" "--format"
fi

# --- install into DESTDIR with a PREFIX, then run the installed program
D=$WORK/dest
(cd "$ROOT" && make -s -j2 --no-print-directory install DESTDIR="$D" PREFIX=/opt/pp \
    BUILD="$WORK/build" PROG="$WORK/build/parpack") >"$WORK/inst.log" 2>&1
expect_eq "make install DESTDIR PREFIX" $? 0
IP=$D/opt/pp/bin/parpack
expect_eq "installed program" "$([ -x "$IP" ] && echo yes)" yes
expect_eq "installed catalog" "$([ -f "$D/opt/pp/share/locale/vi/LC_MESSAGES/parpack.mo" ] && echo yes)" yes
expect_eq "installed page" "$([ -f "$D/opt/pp/share/man/man1/parpack.1" ] && echo yes)" yes
expect_eq "installed Vietnamese page" "$([ -f "$D/opt/pp/share/man/vi/man1/parpack.1" ] && echo yes)" yes
expect_eq "installed completion" "$([ -f "$D/opt/pp/share/bash-completion/completions/parpack" ] && echo yes)" yes
for m in render mail send; do
    expect_eq "installed $m module" "$([ -f "$D/opt/pp/lib/parpack/parpack-$m.so" ] && echo yes)" yes
done
expect_eq "installed templates" "$([ -f "$D/opt/pp/share/parpack/templates/report.xsl" ] && echo yes)" yes
# the build folder gone, the installed program can only find the
# installed modules (beside it: DESTDIR is not the PREFIX it was built for)
mv "$WORK/build" "$WORK/build.gone"
if [ -x "$IP" ]; then
    (cd "$WORK" && env -u PARPACK_TEMPLATES LC_ALL=C "$IP" build "$F/small.xml" \
        --out="$WORK/pk" --only=report,results -q) >"$WORK/b.log" 2>&1
    expect_eq "the installed program finds its templates" $? 0
    expect_eq "it built the report (with the installed render module)" "$([ -s "$WORK/pk/bao-cao-chi-so-cchc-2024.pdf" ] && echo yes)" yes
    vi "$IP" check "$F/bad/comma-decimal.xml" 2>"$WORK/ie"
    expect_grep "the installed program finds its catalog" "lỗi: " "$WORK/ie"
    if command -v man >/dev/null; then
        LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$D/opt/pp/share/man/man1/parpack.1" >"$WORK/man" 2>"$WORK/man.err"
        expect_eq "man -l renders the installed page" $? 0
        expect_grep "man: EXIT STATUS" "EXIT STATUS" "$WORK/man"
        expect_grep "man: import" "import BLANK.xml" "$WORK/man"
        expect_grep "man: SOURCE_DATE_EPOCH" "SOURCE_DATE_EPOCH" "$WORK/man"
        expect_nogrep "man: no troff warnings" "warning" "$WORK/man.err"
    fi
fi
finish
