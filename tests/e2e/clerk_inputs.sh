# What a clerk's editor leaves in the appraisal file, and what check says
# of it, in English and in Vietnamese; build agrees with check and writes
# nothing on an error.
# - an id with a space at an end (Word, a copied cell), a non-breaking
#   one, a zero-width space inside: refused at the id, never another unit
#   (else "an-lac " was a new unit beside last year's "an-lac": no rank
#   change, silently);
# - a score's c=" 1.2": one error, with the id to write (not "no such
#   criterion" and "no score for 1.2" as well); an award's unit=, form=,
#   rating= with a space at an end: one error each (not "there is no
#   award form 'giay-khen '; declare it with <form id=\"giay-khen \">");
# - a comma in a number: the figure suggested is one the program reads
#   ("1.000,5" and "1,000.5" are 1000.5, ",5" is 0.5); it suggested
#   "1.000.5", ".5" and "2.5.0", each refused in turn;
# - a number with a non-breaking space beside it: read as the number, as
#   one with an ordinary space is;
# - a refused max="…" (comma, negative, zero, four decimals) is said once,
#   not again as "above the criterion's maximum 0" on every unit and as a
#   wrong sum; a max above a million points is "too large", not "must be
#   greater than 0";
# - values between Word's curly quotes: said so, with the straight ones
#   to write (it was "a value must be between quotes", with the quotes
#   the clerk sees there);
# - a unit or criterion whose name is empty or only spaces: refused (the
#   documents printed a blank row);
# - a unit listed twice in one award: refused (its money counted twice);
# - "--" inside a comment: said in the program's words (it was libxml2's
#   English, "Double hyphen within comment", in Vietnamese too), and so
#   a cut character reference, "]]>" in text, an incomplete declaration,
#   a "<!" in text (found by mutating a file: libxml2's words were left);
# - a file in UTF-16 (Notepad's "Unicode": little or big endian, with or
#   without a byte order mark, CRLF): read as its UTF-8 original, its
#   errors at their line and column (it was refused: "save it as UTF-8");
# - an option given an empty value (--out ""): a usage error.
. tests/lib.sh
vi_locale
S=fixtures/small.xml
python3 - "$S" "$WORK" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
w = sys.argv[2]
def put(name, a, b, n=1):
    assert s.count(a) >= 1, (name, a)
    open(w + "/" + name + ".xml", "w", encoding="utf-8").write(s.replace(a, b, n))
put("trail-id", 'id="an-lac"', 'id="an-lac "')
put("nbsp-id", 'id="an-lac"', 'id="an-lac\u00a0"')
put("zwsp-id", 'id="an-lac"', 'id="an\u200b-lac"')
put("lead-space-crit", '<criterion id="1.2"', '<criterion id=" 1.2"')
put("space-c", 'c="1.2" self="3"', 'c=" 1.2" self="3"')
put("nbsp-c", 'c="1.2" self="3"', 'c="1.2\u00a0" self="3"')
put("nbsp-num", 'appraised="2.5"', 'appraised="2.5\u00a0"')
put("comma-max", 'max="3"', 'max="3,0"')
put("neg-max", 'max="3"', 'max="-3"')
put("zero-max", 'max="3"', 'max="0"')
put("dec-max", 'max="3"', 'max="3.0001"')
put("huge-max", 'max="3"', 'max="2000000"')
put("award-twice", '</units>', '</units><awards><award form="giay-khen" reason="r">'
    '<collective unit="an-lac"/><collective unit="binh-minh"/><collective unit="an-lac"/></award></awards>')
d = s.replace('encoding="UTF-8"', 'encoding="UTF-16"')
open(w + "/u16le.xml", "wb").write(b"\xff\xfe" + d.encode("utf-16-le"))
open(w + "/u16be.xml", "wb").write(b"\xfe\xff" + d.encode("utf-16-be"))
open(w + "/u16nobom.xml", "wb").write(d.encode("utf-16-le"))
open(w + "/u16crlf.xml", "wb").write(b"\xff\xfe" + d.replace("\n", "\r\n").encode("utf-16-le"))
open(w + "/u16comma.xml", "wb").write(b"\xff\xfe" + d.replace('appraised="2.5"', 'appraised="2,5"').encode("utf-16-le"))
put("comment-dd", '<units>', '<units><!-- sửa ngày 12/3 -- chị Lan -->')
put("charref", '<place>Mẫu Sơn</place>', '<place>Mẫu &#65 Sơn</place>')
put("cdata-end", '<place>Mẫu Sơn</place>', '<place>Mẫu Sơn]]></place>')
put("no-version", '<?xml version="1.0" encoding="UTF-8"?>', '<?xml encoding="UTF-8"?>')
put("lt-bang", '<place>Mẫu Sơn</place>', '<place>Mẫu <!ghi chú> Sơn</place>')
put("empty-name", 'name="An Lạc"', 'name=""')
put("space-name", '<criterion id="1.2" name="Kiểm tra"', '<criterion id="1.2" name=" \u00a0"')
put("smart-quotes", 'name="An Lạc"', 'name=\u201cAn Lạc\u201d')
import re
n = [0]
def curl(m):
    n[0] += 1
    return "\u201c" if n[0] % 2 else "\u201d"
open(w + "/word-all.xml", "w", encoding="utf-8").write(re.sub('"', curl, s))
put("award-refs", '</units>', '</units><awards><award form="giay-khen " reason="r">'
    '<collective unit="an-lac "/></award><auto form="giay-khen" top="1" rating="tot "/></awards>')
put("grouped", 'appraised="4.5"', 'appraised="1.000,5"')
put("grouped-en", 'appraised="4.5"', 'appraised="1,000.5"')
put("lead-comma", 'appraised="4.5"', 'appraised=",5"')
put("two-commas", 'appraised="4.5"', 'appraised="2,5,0"')
prev = s.replace('year="2024"', 'year="2023"')
open(w + "/prev.xml", "w", encoding="utf-8").write(prev)
PY
# case | errors | message (English) | message (Vietnamese)
while IFS='|' read -r name n en vi_msg; do
    [ -n "$name" ] || continue
    f=$WORK/$name.xml
    en $PARPACK check "$f" > /dev/null 2> "$WORK/err"
    expect_eq "$name: check exit 1" $? 1
    expect_eq "$name: $n error(s)" "$(grep -c ': error: ' "$WORK/err")" "$n"
    expect_grep "$name: said" "$en" "$WORK/err"
    grep -q "^$f:[0-9]*:[0-9]*: error: " "$WORK/err" && ok "$name: located" || bad "$name: not located"
    vi $PARPACK check "$f" > /dev/null 2> "$WORK/verr"
    expect_grep "$name: in Vietnamese" "$vi_msg" "$WORK/verr"
    rm -rf "$WORK/out"
    $PARPACK build "$f" --out "$WORK/out" --quiet 2> /dev/null
    expect_eq "$name: build exit 1 as check" $? 1
    [ -e "$WORK/out" ] && bad "$name: build wrote $WORK/out" || ok "$name: build wrote nothing"
done <<'LIST'
trail-id|1|<unit> id="an-lac " (An Lạc) holds a space at its end, which it may not; remove it|có chứa dấu cách ở cuối
nbsp-id|1|holds a non-breaking space at its end, which it may not|dấu cách không ngắt ở cuối
zwsp-id|1|holds an invisible character (U+200B), which it may not; remove it|một ký tự ẩn (U+200B)
lead-space-crit|1|<criterion> id=" 1.2" (Kiểm tra) holds a space at its start|có chứa dấu cách ở đầu
space-c|1|criterion ' 1.2': c=" 1.2" has a space before or after the criterion's id; write c="1.2"|có dấu cách trước hoặc sau mã tiêu chí; hãy ghi c="1.2"
nbsp-c|1|has a space before or after the criterion's id; write c="1.2"|hãy ghi c="1.2"
comma-max|1|criterion '1.2': max="3,0" uses a decimal comma|max="3,0"
neg-max|1|criterion '1.2': max="-3" is a number below 0|max="-3"
zero-max|1|criterion '1.2': max="0" must be greater than 0|max="0" phải lớn hơn 0
dec-max|1|criterion '1.2': max="3.0001" has more than three decimals|max="3.0001"
huge-max|1|criterion '1.2': max="2000000" is too large; a criterion has at most 1000000 points|quá lớn; một tiêu chí có tối đa 1000000 điểm
comment-dd|1|malformed XML: a comment <!-- … --> may not hold two hyphens "--" inside it|không được chứa hai dấu gạch nối
charref|1|malformed XML: a character reference &#…; is cut short|tham chiếu ký tự &#…; bị cắt cụt
cdata-end|1|malformed XML: ']]>' may not be written in text; write ']]&gt;'|không được viết ']]>' trong văn bản
no-version|1|malformed XML: the first line is not a whole XML declaration|dòng đầu tiên không phải là một khai báo XML đầy đủ
lt-bang|1|malformed XML: a '<' that starts no element|dấu '<' không mở đầu phần tử nào
empty-name|1|unit 'an-lac': name="" is empty; write the name as it is to be printed in the documents|để trống; hãy ghi tên như sẽ in trong các văn bản
space-name|1|criterion '1.2': name="  " is empty|tiêu chí '1.2': name=
smart-quotes|1|malformed XML: a value is between curly quotes (“…”, as Word types them); write it between straight quotes|giữa dấu ngoặc kép kiểu “…” (do Word tự thay)
word-all|1|word-all.xml:1:15: error: malformed XML: a value is between curly quotes|hãy đặt nó giữa dấu ngoặc kép thẳng
award-refs|3|<collective> unit="an-lac " holds a space at its end, which it may not; remove it|có chứa dấu cách ở cuối
grouped|1|appraised="1.000,5" groups its thousands; write numbers without grouping, with a dot for the decimals: appraised="1000.5"|có dấu phân cách hàng nghìn
grouped-en|1|appraised="1,000.5" groups its thousands; write numbers without grouping, with a dot for the decimals: appraised="1000.5"|appraised="1000.5"
lead-comma|1|appraised=",5" uses a decimal comma; write numbers with a dot: appraised="0.5"|appraised="0.5"
two-commas|1|appraised="2,5,0" is not a number; write a plain decimal with a dot|appraised="2,5,0"
award-twice|1|award: unit 'an-lac' (An Lạc) is listed twice in this award (first at line 38); list it once|được ghi hai lần trong cùng một khen thưởng
LIST
# a unit id with a space at its end was another unit: last year's rank lost
$PARPACK score "$WORK/trail-id.xml" --previous "$WORK/prev.xml" > "$WORK/t.csv" 2> /dev/null
expect_eq "trail-id with --previous: refused, not scored as a new unit" $? 1
# a non-breaking space beside a number: the number, as with a space
$PARPACK score "$WORK/nbsp-num.xml" > "$WORK/nbsp.csv" 2> "$WORK/err"
expect_eq "nbsp-num: score exit 0" $? 0
$PARPACK score "$S" > "$WORK/plain.csv"
cmp -s "$WORK/nbsp.csv" "$WORK/plain.csv" && ok "nbsp-num: the same scores" || bad "nbsp-num: differs"
# --out "" (a script's variable left empty): a usage error, before
# anything is read or written (it was "cannot move the packet into place")
for v in build forms; do
    (cd "$WORK" && en "$PARPACK" $v "$ROOT/$S" --out "" > /dev/null 2> "$WORK/err")
    expect_eq "$v --out \"\": exit 2" $? 2
    expect_grep "$v --out \"\": said" "option '--out' needs a value" "$WORK/err"
done
en $PARPACK score "$S" --previous= > /dev/null 2> "$WORK/err"
expect_eq "score --previous=: exit 2" $? 2
expect_grep "score --previous=: said" "option '--previous' needs a value" "$WORK/err"

# UTF-16: the same scores as the UTF-8 original; errors located
for f in u16le u16be u16nobom u16crlf; do
    $PARPACK score "$WORK/$f.xml" > "$WORK/$f.csv" 2> "$WORK/err"
    expect_eq "$f: score exit 0" $? 0
    cmp -s "$WORK/$f.csv" "$WORK/plain.csv" && ok "$f: the scores of the UTF-8 file" || bad "$f: differs"
done
$PARPACK check "$WORK/u16comma.xml" 2> "$WORK/err"
expect_eq "UTF-16 with a comma decimal: exit 1" $? 1
expect_grep "UTF-16 with a comma decimal: at its line and column" \
    "$WORK/u16comma.xml:30:31: error: unit 'an-lac' (An Lạc), criterion '1.2': appraised=\"2,5\" uses a decimal comma" "$WORK/err"
rm -rf "$WORK/out"
$PARPACK build "$WORK/u16le.xml" --out "$WORK/out" --only results --quiet
expect_eq "UTF-16: build exit 0" $? 0
expect_grep "UTF-16: An Lạc in the results" "An Lạc" "$WORK/out/ket-qua-chi-so-cchc-2024.xml"
finish
