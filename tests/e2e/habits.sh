#!/bin/sh
# Issue 26, the habits people bring: "-" for standard input, "did you
# mean" for verbs, options, kinds and elements, progress only on a
# terminal, send --quiet and its dry run's count, import's summary and
# --partial, --jobs 0, colour on a terminal only, a blank appraisal said
# once, the lists of kinds kept to the table of kinds (packet.c), one set of placeholders
# per language, the Vietnamese manual page in step with the English one,
# the language said by --version, decimal commas and no English in
# Vietnamese messages. Each case in English and under vi_VN.UTF-8.
. "$ROOT/tests/lib.sh"
P=$PARPACK
F=$ROOT/fixtures

vi_locale
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3  # Debian's

# --- "-" is standard input
en "$P" check - <"$F/small.xml" >"$WORK/o" 2>"$WORK/e"
expect_eq "check - reads standard input" $? 0
expect_grep "check -: the summary" "2 units, 1 block" "$WORK/o"
en "$P" score "$F/gia-loc-2022.xml" >"$WORK/file.csv"
en "$P" score - <"$F/gia-loc-2022.xml" >"$WORK/stdin.csv"
expect_eq "score - = score FILE" "$(cmp "$WORK/file.csv" "$WORK/stdin.csv" && echo same)" same
en "$P" score "$F/gia-loc-2022.xml" --previous - <"$F/gia-loc-2021.xml" >"$WORK/prev.csv"
expect_grep "--previous - reads standard input" ",thong-nhat," "$WORK/prev.csv"
vi "$P" check - <"$F/bad/comma-decimal.xml" 2>"$WORK/e"
expect_eq "vi: check - of a bad file exits 1" $? 1
expect_grep "vi: the position on standard input" "-:30:31: lỗi: " "$WORK/e"
en "$P" build - --out="$WORK/stdin.pk" --only=results -q <"$F/small.xml"
expect_eq "build - writes the packet" "$([ -s "$WORK/stdin.pk/ket-qua-chi-so-cchc-2024.xml" ] && echo yes)" yes
en "$P" forms - --out="$WORK/stdin.forms" -q <"$F/small.xml" 2>"$WORK/e"
expect_grep "forms -: the warning names standard input" "-: warning: the file has scores" "$WORK/e"
expect_eq "forms - writes the forms" "$(ls "$WORK/stdin.forms/units" 2>/dev/null | wc -l | tr -d ' ')" 2
en "$P" check - --previous=- <"$F/small.xml" 2>"$WORK/e"
expect_eq "INPUT and --previous both '-': exit 2" $? 2
expect_grep "'-' twice: said" "standard input ('-') can be read once" "$WORK/e"
vi "$P" import - "$WORK" 2>"$WORK/e"
expect_eq "import -: exit 2" $? 2
expect_grep "vi: import - said" "lệnh import không đọc đầu vào chuẩn" "$WORK/e"

# --- did you mean
en "$P" buid "$F/small.xml" 2>"$WORK/e"
expect_eq "a mistyped verb: exit 2" $? 2
expect_grep "a verb suggested" "unknown verb 'buid'; did you mean 'build'?" "$WORK/e"
expect_grep "and the hint" "Try 'parpack --help'." "$WORK/e"
vi "$P" buid 2>"$WORK/e"
expect_grep "vi: a verb suggested" "không có lệnh 'buid'; có phải 'build'?" "$WORK/e"
en "$P" help socre 2>"$WORK/e"
expect_grep "help VERB suggests too" "did you mean 'score'?" "$WORK/e"
en "$P" frobnicate 2>"$WORK/e"
expect_nogrep "nothing near: no suggestion" "did you mean" "$WORK/e"
en "$P" build "$F/small.xml" --quite 2>"$WORK/e"
expect_eq "a mistyped option: exit 2" $? 2
expect_grep "an option suggested" "unknown option '--quite'; did you mean '--quiet'?" "$WORK/e"
vi "$P" score "$F/small.xml" --fromat=json 2>"$WORK/e"
expect_grep "vi: an option suggested" "không có tùy chọn '--fromat'; có phải '--format'?" "$WORK/e"
en "$P" send "$WORK" --dry-rn 2>"$WORK/e"
expect_grep "the verb's own options first" "did you mean '--dry-run'?" "$WORK/e"
en "$P" build "$F/small.xml" --out="$WORK/k" --only=report,reprot -q 2>"$WORK/e"
expect_eq "a mistyped kind: exit 2" $? 2
expect_grep "a kind suggested" "unknown kind 'reprot'; did you mean 'report'?" "$WORK/e"
expect_grep "--only's error: the Try line" "Try 'parpack help build'." "$WORK/e"
vi "$P" build "$F/small.xml" --out="$WORK/k" --only=workbok -q 2>"$WORK/e"
expect_grep "vi: a kind suggested" "không có loại tệp 'workbok'; có phải 'workbook'?" "$WORK/e"
expect_grep "vi: --only's Try line" "Xem hướng dẫn: 'parpack help build'." "$WORK/e"
expect_eq "nothing built" "$([ -e "$WORK/k" ] && echo built || echo none)" none
# an element misspelt near the one expected
sed '0,/<score c=/s/<score c=/<socre c=/' "$F/small.xml" >"$WORK/socre.xml"
en "$P" check "$WORK/socre.xml" 2>"$WORK/e"
expect_grep "an element suggested" "unknown element <socre> inside <unit>; did you mean <score>?" "$WORK/e"
vi "$P" check "$WORK/socre.xml" 2>"$WORK/e"
expect_grep "vi: an element suggested" "phần tử lạ <socre> trong <unit>; có phải <score>?" "$WORK/e"
expect_nogrep "vi: not 'wrong place'" "không đúng vị trí" "$WORK/e"

# --- progress: one line off a terminal, lines with --progress
en "$P" build "$F/gia-loc-2022.xml" --out="$WORK/p1" 2>"$WORK/e"
expect_eq "build into a log: exit 0" $? 0
expect_nogrep "no progress lines in a log" "files (" "$WORK/e"
expect_grep "the one line when done" "parpack: wrote the packet to $WORK/p1" "$WORK/e"
en "$P" build "$F/gia-loc-2022.xml" --out="$WORK/p2" --progress 2>"$WORK/e"
expect_grep "--progress: plain lines" "parpack: 43/43 files (100%)" "$WORK/e"
vi "$P" build "$F/gia-loc-2022.xml" --out="$WORK/p3" --progress -j 0 2>"$WORK/e"
expect_eq "vi: --jobs 0 (one per processor) exits 0" $? 0
expect_grep "vi: --progress lines" "43/43 tệp (100%)" "$WORK/e"
expect_grep "vi: units without an address named" "hong-hung (Hồng Hưng)" "$WORK/e"
en "$P" build "$F/small.xml" --jobs=-1 2>"$WORK/e"
expect_eq "--jobs -1: exit 2" $? 2
expect_grep "--jobs: 0 is allowed" "from 0 (one per processor) to 256" "$WORK/e"
# the warning about units without an address ends without a ';'
en "$P" build "$F/gia-loc-2022.xml" --out="$WORK/p4" -q 2>"$WORK/e"
expect_grep "units without an address: the unit" "gets no message: hong-hung (Hồng Hưng)" "$WORK/e"
expect_eq "no stray ';' (C)" "$(grep -c ';$' "$WORK/e")" 0
vi "$P" build "$F/gia-loc-2022.xml" --out="$WORK/p5" -q 2>"$WORK/e"
expect_eq "no stray ';' (vi)" "$(grep -c ';$' "$WORK/e")" 0

# --- colour: on a terminal only, never with NO_COLOR
if command -v script >/dev/null; then
    script -qec "env LC_ALL=C TERM=xterm $P check $F/bad/comma-decimal.xml" /dev/null >"$WORK/tty" 2>&1
    expect_grep "a terminal: the error in colour" "$(printf '\033[1;31merror\033[0m')" "$WORK/tty"
    script -qec "env LC_ALL=C TERM=xterm NO_COLOR=1 $P check $F/bad/comma-decimal.xml" /dev/null >"$WORK/tty2" 2>&1
    expect_nogrep "NO_COLOR: no colour" "$(printf '\033[')" "$WORK/tty2"
    expect_grep "NO_COLOR: the plain word" "error: " "$WORK/tty2"
    script -qec "env LC_ALL=C TERM=xterm $P build $F/gia-loc-2022.xml --out=$WORK/p6" /dev/null >"$WORK/tty3" 2>&1
    expect_grep "a terminal: the bar" "] 43/43 files" "$WORK/tty3"
    expect_grep "a terminal: the warning in colour" "$(printf '\033[1;35mwarning\033[0m')" "$WORK/tty3"
fi
en "$P" check "$F/bad/comma-decimal.xml" 2>"$WORK/e"
expect_nogrep "a file: no colour" "$(printf '\033[')" "$WORK/e"

# --- send: --dry-run counts and names, --quiet
en "$P" send "$WORK/p1" --dry-run >"$WORK/s" 2>&1
expect_eq "send --dry-run exits 0" $? 0
expect_grep "dry run: 17 would be sent" "17 would be sent, 0 already sent, 0 failed (dry run: nothing was sent)" "$WORK/s"
expect_grep "dry run: the unit without an address" "1 unit has no address and gets no message: hong-hung" "$WORK/s"
vi "$P" send "$WORK/p1" --dry-run >"$WORK/s" 2>&1
expect_grep "vi: dry run: 17" "sẽ gửi 17, đã gửi trước đây 0, không gửi được 0 (chạy thử: không gửi thư nào)" "$WORK/s"
expect_grep "vi: the unit without an address" "1 đơn vị không có địa chỉ thư điện tử nên không có thư: hong-hung" "$WORK/s"
en "$P" send "$WORK/p1" --dry-run --quiet >"$WORK/s" 2>&1
expect_eq "send --quiet: nothing said" "$(wc -c <"$WORK/s" | tr -d ' ')" 0
en "$P" send "$WORK/p1" --smtp=smtp://127.0.0.1:1 --quiet >"$WORK/s" 2>"$WORK/e"
expect_eq "send --quiet to no server: exit 3" $? 3
expect_eq "send --quiet: no line on standard output" "$(wc -c <"$WORK/s" | tr -d ' ')" 0
expect_grep "send --quiet: the error still said" "cannot reach the server" "$WORK/e"

# --- a blank appraisal: said once
$PY - "$F/gia-loc-2022.xml" "$WORK/blank.xml" <<'EOF'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(re.sub(r"\n\s*<score [^>]*/>", "", s))
EOF
en "$P" check "$WORK/blank.xml" 2>"$WORK/e"
expect_eq "check of a blank appraisal: exit 1" $? 1
expect_eq "one error, not one per unit" "$(grep -c ': error: ' "$WORK/e")" 1
expect_grep "said to be blank" "the file is a blank appraisal: none of its 18 units has a score" "$WORK/e"
expect_grep "pointing to forms" "'parpack forms'" "$WORK/e"
vi "$P" check "$WORK/blank.xml" 2>"$WORK/e"
expect_grep "vi: blank said" "tệp là hồ sơ thẩm định trống: chưa đơn vị nào trong 18 đơn vị có điểm" "$WORK/e"

# --- import: what it read and wrote, --partial
en "$P" forms "$WORK/blank.xml" --out="$WORK/forms" -q 2>/dev/null
if $PY -c 'import openpyxl' 2>/dev/null && [ -d "$WORK/forms/units" ]; then
    $PY "$ROOT/tests/fill-forms.py" "$F/gia-loc-2022.xml" "$WORK/forms"
    en "$P" import "$WORK/blank.xml" "$WORK/forms" --out="$WORK/all.xml" 2>"$WORK/e"
    expect_eq "import: exit 0" $? 0
    expect_grep "import says what it wrote" "parpack: 18 of 18 forms: 18 complete; wrote $WORK/all.xml (18 units)" "$WORK/e"
    U=$WORK/forms/units
    en "$P" import "$WORK/blank.xml" "$U/thong-nhat" "$U/gia-tan" --out="$WORK/no.xml" 2>"$WORK/e"
    expect_eq "import with forms missing: exit 1" $? 1
    expect_grep "the summary names the missing" "2 of 18 forms: 2 complete; missing: " "$WORK/e"
    expect_eq "nothing written" "$([ -e "$WORK/no.xml" ] && echo written || echo none)" none
    en "$P" import "$WORK/blank.xml" "$U/thong-nhat" "$U/gia-tan" --partial --out="$WORK/part.xml" 2>"$WORK/e"
    expect_eq "import --partial: exit 0" $? 0
    expect_grep "--partial: a warning" "warning: --partial: 16 units have no form yet" "$WORK/e"
    expect_grep "--partial: who is missing" "; missing: " "$WORK/e"
    expect_grep "--partial: a missing unit named" "hong-hung (Hồng Hưng)" "$WORK/e"
    expect_grep "--partial: what was written" "wrote $WORK/part.xml" "$WORK/e"
    expect_eq "--partial: two units scored" "$(grep -c '<score c="1.1.1"' "$WORK/part.xml")" 2
    vi "$P" import "$WORK/blank.xml" "$U/thong-nhat" "$U/gia-tan" --partial --out="$WORK/part2.xml" 2>"$WORK/e"
    expect_grep "vi: the summary" "2/18 phiếu: 2 phiếu đầy đủ; còn thiếu: " "$WORK/e"
    expect_grep "vi: --partial warning" "cảnh báo: --partial: 16 đơn vị chưa có phiếu" "$WORK/e"
else
    echo "note: python3-openpyxl missing: import cases not run"
fi

# --- Vietnamese numbers: the decimal comma, no English word
sed 's/appraised="2.5"/appraised="7.5"/' "$F/small.xml" >"$WORK/above.xml"
en "$P" check "$WORK/above.xml" 2>"$WORK/e"
expect_grep "C: appraised score 7.5" "appraised score 7.5 is above the criterion's maximum 3" "$WORK/e"
vi "$P" check "$WORK/above.xml" 2>"$WORK/e"
expect_grep "vi: điểm thẩm định 7,5" "điểm thẩm định 7,5 vượt quá điểm tối đa của tiêu chí là 3" "$WORK/e"
expect_nogrep "vi: no 'appraised' in prose" "điểm appraised" "$WORK/e"
if command -v msgfmt >/dev/null; then
    $PY "$ROOT/tests/po-words.py" "$ROOT/po/vi.po" "$ROOT/tests/expect/vi-po-words.txt" >"$WORK/words"
    expect_eq "po/vi.po: no English word but names" "$?:$(head -c 300 "$WORK/words")" "0:"
fi
# the checker finds what it should
printf 'msgid "x"\nmsgstr "the file is invalid"\n' >"$WORK/bad.po"
$PY "$ROOT/tests/po-words.py" "$WORK/bad.po" "$ROOT/tests/expect/vi-po-words.txt" >"$WORK/words"
expect_eq "po-words.py finds English" "$?" 1
expect_grep "po-words.py names the word" "invalid" "$WORK/words"

# --- one set of placeholders per language
for v in check score build send forms import; do
    vi "$P" help $v >"$WORK/h.$v"
    en "$P" help $v >"$WORK/he.$v"
done
cat "$WORK"/h.* >"$WORK/vi.helps"
cat "$WORK"/he.* >"$WORK/en.helps"
vi "$P" --help >>"$WORK/vi.helps"
for w in INPUT DIR KINDS PREV BLANK FORM APPRAISAL HOST PORT YEAR VERB; do
    expect_eq "vi help: no $w" "$(grep -cw "$w" "$WORK/vi.helps")" 0
done
expect_grep "vi build help: ĐẦU_VÀO" "Cách dùng: parpack build ĐẦU_VÀO.xml [--previous=NĂM_TRƯỚC.xml] [--out=THƯ_MỤC]" "$WORK/h.build"
expect_grep "vi build help: --only=LOẠI" "--only=LOẠI" "$WORK/h.build"
expect_grep "vi import help" "TRỐNG.xml PHIẾU.xlsx...|THƯ_MỤC [--out=HỒ_SƠ.xml] [--partial]" "$WORK/h.import"
expect_grep "vi: aligned as in English" "  --out=THƯ_MỤC        thư mục ghi kết quả" "$WORK/h.build"
expect_grep "C build help: --out=DIR" "  --out=DIR            where to write" "$WORK/he.build"
expect_grep "C send help: --quiet" "-q, --quiet          no line for each message" "$WORK/he.send"
expect_grep "C import help: --partial" "--partial" "$WORK/he.import"

# --- the kinds: build --help, the man pages and the completion list the
# kinds of the one table (pp_plan_build, in packet.c)
sed -n '/^const pp_kind pp_plan_build\[\] = {/,/^};/p' "$(grep -rl --include=*.c "^const pp_kind pp_plan_build" "$ROOT/src")" |
    sed -n 's/^ *{"\([a-z-]*\)", PP_SCOPE_.*/\1/p' | sort >"$WORK/kinds.plan"
expect_eq "plan.c: ten kinds" "$(wc -l <"$WORK/kinds.plan" | tr -d ' ')" 10
en "$P" build --help | sed -n '/^  --only=KINDS/,/^  -j, --jobs/p' | sed '1d;$d' |
    tr ', ' '\n\n' | grep . | sort >"$WORK/kinds.help"
expect_eq "build --help lists the kinds of plan.c" "$(cmp "$WORK/kinds.plan" "$WORK/kinds.help" >/dev/null && echo same)" same
for page in parpack.1 parpack.vi.1; do
    sed -n '/^\.BI \\-\\-only=/,/^\.TP/p' "$ROOT/docs/$page" |
        sed -n 's/^\.BR \([a-z\\-]*\) *[,.]$/\1/p' | sed 's/\\-/-/g' | sort >"$WORK/kinds.$page"
    expect_eq "$page lists the kinds of plan.c" "$(cmp "$WORK/kinds.plan" "$WORK/kinds.$page" >/dev/null && echo same)" same
done
sed -n 's/^ *local kinds="\(.*\)"/\1/p' "$ROOT/tools/parpack.bash" | tr ' ' '\n' | sort >"$WORK/kinds.bash"
expect_eq "the completion lists the kinds of plan.c" "$(cmp "$WORK/kinds.plan" "$WORK/kinds.bash" >/dev/null && echo same)" same
if command -v bash >/dev/null; then
    expect_eq "completion: a DOCX kind, for ./parpack" \
        "$(completion 4 ./parpack build x.xml --only report,award-decision-d)" \
        "report,award-decision-docx"
    expect_eq "completion: import --partial" \
        "$(completion 2 parpack import --p)" "--partial"
fi
expect_grep "README: completion from the source tree" ". tools/parpack.bash" "$ROOT/README.md"
expect_grep "README: how to get vi_VN.UTF-8" "locale-gen" "$ROOT/README.md"
expect_grep "README: 43 files planned" "43 for Gia Lộc 2022" "$ROOT/README.md"
expect_nogrep "README: not 40" "40 for Gia Lộc 2022" "$ROOT/README.md"
expect_eq "the Gia Lộc packet has 43 files" "$(wc -l <"$WORK/p1/manifest.tsv" | tr -d ' ')" 43

# --- the Vietnamese manual page, in step with the English one
E=$ROOT/docs/parpack.1
V=$ROOT/docs/parpack.vi.1
expect_eq "the same number of sections" "$(grep -c '^\.SH' "$V")" "$(grep -c '^\.SH' "$E")"
expect_eq "the same number of entries" "$(grep -c '^\.TP' "$V")" "$(grep -c '^\.TP' "$E")"
opts() { grep -o '\\-\\-[a-z][a-z\\-]*' "$1" | sed 's/\\-/-/g; s/-$//' | sort -u; }
opts "$E" >"$WORK/opts.en"
opts "$V" >"$WORK/opts.vi"
expect_eq "the same options" "$(diff "$WORK/opts.en" "$WORK/opts.vi" && echo same)" same
for o in --partial --progress --quiet --jobs --only --dry-run; do
    expect_grep "the page has $o" "$o" "$WORK/opts.en"
done
vars() { grep -o '\b[A-Z][A-Z_]*[A-Z]\b' "$1" | grep '_\|^LANG\|^TMPDIR$' | sort -u; }
expect_eq "the same environment" "$(vars "$V" | tr '\n' ' ')" "$(vars "$E" | tr '\n' ' ')"
verbs() { sed -n 's/^\.B parpack \([a-z]*\)$/\1/p' "$1"; }
expect_eq "the same verbs" "$(verbs "$V" | tr '\n' ' ')" "$(verbs "$E" | tr '\n' ' ')"
if command -v man >/dev/null; then
    LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$V" >"$WORK/man.vi" 2>"$WORK/man.err"
    expect_eq "man -l renders the Vietnamese page" $? 0
    expect_grep "man vi: MÃ KẾT THÚC" "MÃ KẾT THÚC" "$WORK/man.vi"
    expect_nogrep "man vi: no troff warnings" "warning" "$WORK/man.err"
fi

# --- --version: the language, and why
vi "$P" --version >"$WORK/v"
expect_grep "vi: --version says Vietnamese" "Thông báo: tiếng Việt (ngôn ngữ vi_VN.UTF-8)." "$WORK/v"
en "$P" --version >"$WORK/v"
expect_grep "C: --version says English" "Messages: English (locale 'C'; Vietnamese under LANG=vi_VN.UTF-8)." "$WORK/v"
mkdir -p "$WORK/noloc"
LOCPATH=$WORK/noloc LC_ALL=vi_VN.UTF-8 LANGUAGE= "$P" --version >"$WORK/v" 2>&1
expect_grep "no vi_VN on the system: said" "Messages: English: the locale 'vi_VN.UTF-8' is not installed on this system" "$WORK/v"
# the program away from its catalogs (build/locale, ../share/locale)
mkdir -p "$WORK/bin"
cp "$P" "$WORK/bin/parpack"
vi "$WORK/bin/parpack" --version >"$WORK/v" 2>&1
if grep -q "tiếng Việt" "$WORK/v"; then
    echo "note: a catalog installed under the configured PREFIX was found: case not run"
else
    expect_grep "no catalog: said" "Messages: English: the locale 'vi_VN.UTF-8' is installed but the Vietnamese catalog (parpack.mo) was not found." "$WORK/v"
fi
finish
