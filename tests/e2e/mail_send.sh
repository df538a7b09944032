# Issue: one message per unit, and `parpack send` through a real SMTP
# server on 127.0.0.1: every message arrives once, attachments intact,
# an interrupted run started again sends only what is missing.
. tests/lib.sh
smtpd_need
O=$WORK/out
$PARPACK build fixtures/gia-loc-2022.xml --previous fixtures/gia-loc-2021.xml \
    --only unit-workbook,unit-mail --out "$O" --quiet 2> "$WORK/warn"
expect_eq "build exits 0" $? 0
expect_grep "units without an address are named" "hong-hung (Hồng Hưng)" "$WORK/warn"
expect_eq "17 messages (Hồng Hưng has no address)" "$(grep -c '^unit-mail' "$O/manifest.tsv")" 17
M=$O/units/thong-nhat/thu-thong-nhat-2022.eml
python3 - "$M" "$O/units/thong-nhat/bang-diem-thong-nhat-2022.xlsx" > "$WORK/m" 2>&1 <<'PY'
import email, sys
from email import policy
msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
print("FROM", msg["From"]); print("TO", msg["To"]); print("SUBJECT", msg["Subject"])
print("DATE", msg["Date"]); print("ID", msg["Message-ID"])
raw = open(sys.argv[1], "rb").read().decode("ascii")
print("RAWSUBJ", [l for l in raw.split("\r\n") if l.startswith("Subject:")][0])
print("CRLF", raw.count("\r\n") > 10 and "\n" not in raw.replace("\r\n", ""))
for part in msg.iter_attachments():
    print("FILE", part.get_filename())
    print("SAME", part.get_content() == open(sys.argv[2], "rb").read())
body = msg.get_body(("plain",)).get_content()
print("BODY", body.replace("\n", " | "))
PY
cat "$WORK/m"
# issue #25: the sender in sentence case, not the letterhead's capitals
expect_grep "From the issuer" "FROM Ủy ban nhân dân huyện Gia Lộc <vanphong@gialoc.example.vn>" "$WORK/m"
expect_grep "To the unit" "TO UBND xã Thống Nhất <ubnd.thongnhat@gialoc.example.vn>" "$WORK/m"
expect_grep "Vietnamese subject" "SUBJECT Kết quả Chỉ số cải cách hành chính năm 2022 của UBND xã Thống Nhất" "$WORK/m"
expect_grep "subject encoded (RFC 2047)" "RAWSUBJ Subject: =?" "$WORK/m"
expect_grep "Date from SOURCE_DATE_EPOCH" "DATE Fri, 17 Mar 2023 07:00:00 +0700" "$WORK/m"
grep -Eq '^ID <parpack\.2022\.thong-nhat\.[0-9a-f]{20}@gialoc\.example\.vn>$' "$WORK/m" \
    && ok "Message-ID: the unit and a hash of the content" || bad "Message-ID: $(grep '^ID' "$WORK/m")"
expect_grep "CRLF line ends" "CRLF True" "$WORK/m"
expect_grep "attachment named" "FILE bang-diem-thong-nhat-2022.xlsx" "$WORK/m"
expect_grep "attachment = the workbook" "SAME True" "$WORK/m"
expect_grep "body: the index" "Chỉ số: 87,49%" "$WORK/m"
expect_grep "body: rank and rise" "Xếp thứ 1/18, tăng 12 bậc so với năm 2021" "$WORK/m"
# dry run
$PARPACK send "$O" --dry-run > "$WORK/dry"
expect_eq "dry run exits 0" $? 0
expect_eq "dry run lists 17" "$(grep -c '^would send' "$WORK/dry")" 17
[ ! -e "$O/sent.log" ] && ok "dry run sends nothing" || bad "dry run wrote sent.log"
# a server that drops the connection after 5 messages
start() { smtpd_start "$WORK/inbox" 60 "$@"; }
stop() { smtpd_stop; }
start --drop-after 5
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/s1" 2> "$WORK/e1"
rc=$?
stop
expect_eq "interrupted run: exit 3" $rc 3
expect_eq "5 delivered before the drop" "$(ls "$WORK/inbox" | wc -l)" 5
expect_eq "sent.log records 5" "$(wc -l < "$O/sent.log")" 5
# started again against a working server: only the rest
start
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/s2" 2> "$WORK/e2"
rc=$?
stop
expect_eq "second run: exit 0" $rc 0
expect_grep "second run skips what was sent" "5 already sent" "$WORK/s2"
expect_eq "17 messages in all" "$(ls "$WORK/inbox" | wc -l)" 17
dups=$(grep -h '^Message-Id:\|^Message-ID:' "$WORK"/inbox/*.eml | sort | uniq -d | wc -l)
expect_eq "no unit received two messages" "$dups" 0
# every attachment arrived intact
python3 - "$WORK/inbox" "$O" > "$WORK/att" <<'PY'
import email, glob, os, sys
from email import policy
bad = 0
for f in glob.glob(os.path.join(sys.argv[1], "*.eml")):
    msg = email.message_from_binary_file(open(f, "rb"), policy=policy.default)
    for part in msg.iter_attachments():
        name = part.get_filename()
        slug = name[len("bang-diem-"):-len("-2022.xlsx")]
        ref = open(os.path.join(sys.argv[2], "units", slug, name), "rb").read()
        if part.get_content() != ref:
            bad += 1; print("differs", name)
print("BAD", bad)
PY
expect_grep "attachments byte-identical to the packet" "BAD 0" "$WORK/att"
# a third run sends nothing
$PARPACK send "$O" --smtp "smtp://127.0.0.1:1" > "$WORK/s3" 2>&1
expect_eq "third run: nothing to send, exit 0" $? 0
expect_grep "third run: all already sent" "0 sent, 17 already sent, 0 failed" "$WORK/s3"
finish
