# Issue #13: what has been sent is a fact about the messages, not about one
# build. Through a real SMTP server on 127.0.0.1 (tests/smtpd.py, aiosmtpd):
# a rebuild keeps sent.log, so an identical message is never sent twice and
# a corrected one is sent again with a new Message-ID; two sends or two
# builds at once never race; a refused recipient is reported in the
# server's words while the others are delivered; a refused login is tried
# once.
. tests/lib.sh
smtpd_need
PREV="--previous fixtures/gia-loc-2021.xml"
O=$WORK/out/2022
IN=$WORK/inbox
start() { smtpd_start "$IN" 90 "$@"; }
stop() { smtpd_stop; }
inbox() { ls "$IN" 2>/dev/null | wc -l | tr -d ' '; }
build() { $PARPACK build "$1" $PREV --only unit-workbook,unit-mail --out "$O" --quiet 2>> "$WORK/build.err"; }

# build, send: 17 messages
build fixtures/gia-loc-2022.xml
expect_eq "first build: exit 0" $? 0
start
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/s1" 2>&1
expect_eq "first send: exit 0" $? 0
expect_eq "first send: 17 delivered" "$(inbox)" 17
# rebuild identically: the record is kept, nothing is sent again
build fixtures/gia-loc-2022.xml
expect_eq "identical rebuild: exit 0" $? 0
expect_eq "identical rebuild keeps sent.log" "$(wc -l < "$O/sent.log" | tr -d ' ')" 17
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/s2" 2>&1
expect_eq "send after an identical rebuild: exit 0" $? 0
expect_grep "send after an identical rebuild: nothing sent" "0 sent, 17 already sent, 0 failed" "$WORK/s2"
expect_eq "send after an identical rebuild: still 17 delivered" "$(inbox)" 17
# one unit's self-assessed score corrected (its sheet changes, no other's
# ranking does): that unit's message alone is sent again, with a new id
old_id=$(grep -a '^Message-Id:' "$O/units/thong-nhat/thu-thong-nhat-2022.eml")
sed 's/<score c="1.1.2" self="2" appraised="1.5" note="Chưa có minh chứng kèm theo"\/>/<score c="1.1.2" self="1.75" appraised="1.5" note="Chưa có minh chứng kèm theo"\/>/' \
    fixtures/gia-loc-2022.xml > "$WORK/corrected.xml"
cmp -s fixtures/gia-loc-2022.xml "$WORK/corrected.xml" && bad "the correction changed nothing in the input"
build "$WORK/corrected.xml"
expect_eq "corrected rebuild: exit 0" $? 0
new_id=$(grep -a '^Message-Id:' "$O/units/thong-nhat/thu-thong-nhat-2022.eml")
[ -n "$new_id" ] && [ "$old_id" != "$new_id" ] && ok "the corrected message has a new Message-ID" \
    || bad "Message-ID unchanged: $old_id / $new_id"
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/s3" 2>&1
expect_eq "send after the correction: exit 0" $? 0
expect_grep "send after the correction: one sent" "1 sent, 16 already sent, 0 failed" "$WORK/s3"
expect_grep "send after the correction: Thống Nhất's" "sent: thong-nhat ->" "$WORK/s3"
expect_eq "18 delivered in all" "$(inbox)" 18
stop

# two sends at once on a fresh packet: each message delivered once
rm -rf "$O" "$IN" "$XDG_STATE_HOME"  # a new year: nothing sent yet
build fixtures/gia-loc-2022.xml
start
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/c1" 2>&1 & A=$!
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/c2" 2>&1 & B=$!
wait $A; ra=$?; wait $B; rb=$?
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/c3" 2>&1
rc=$?
stop
echo "     (concurrent sends: exit $ra and $rb)"
expect_eq "two sends at once, then a third: 17 delivered, none twice" "$(inbox)" 17
dups=$(grep -ah '^Message-Id:' "$IN"/*.eml | sort | uniq -d | wc -l | tr -d ' ')
expect_eq "two sends at once: no message twice" "$dups" 0
expect_eq "the third send: exit 0" $rc 0
if [ $ra -ne 0 ] || [ $rb -ne 0 ]; then
    cat "$WORK/c1" "$WORK/c2" > "$WORK/c12"
    expect_grep "the refused send says why" "another parpack run" "$WORK/c12"
fi

# two builds at once into one folder: never both silently succeed
python3 tools/gen-national.py --units 300 --blocks 3 --leaves 40 > "$WORK/big.xml"
B2=$WORK/two/2022
$PARPACK build "$WORK/big.xml" --out "$B2" --quiet 2> "$WORK/b1" & A=$!
# the second starts once the first holds the packet (its staging folder exists)
i=0; while [ -z "$(ls -A "$WORK/two" 2>/dev/null | grep 'parpack-')" ] && [ $i -lt 200 ]; do sleep 0.02; i=$((i+1)); done
$PARPACK build "$WORK/big.xml" --out "$B2" --quiet 2> "$WORK/b2"
rb=$?
wait $A; ra=$?
if [ $i -ge 200 ] || [ $ra -ne 0 ]; then
    echo "     (the first build was not caught running: exit $ra)"
else
    expect_eq "second build while the first runs: exit 3" $rb 3
    expect_grep "second build: says another run holds the packet" "another parpack run" "$WORK/b2"
    expect_grep "second build: names the first's process" "process $A" "$WORK/b2"
    (cd "$B2" && sha256sum -c --quiet SHA256SUMS) && ok "the first build's packet is whole" || bad "packet after two builds"
fi

# a server refusing one recipient with 550: its words, the others delivered
rm -rf "$O" "$IN" "$XDG_STATE_HOME"  # a new year: nothing sent yet
build fixtures/gia-loc-2022.xml
start --refuse ubnd.thongnhat@gialoc.example.vn
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/r1" 2> "$WORK/r1.err"
rc=$?
stop
cat "$WORK/r1.err"
expect_eq "one recipient refused: exit 3 (some not sent)" $rc 3
expect_grep "the server's reply code and words" "550 5.1.1 <ubnd.thongnhat@gialoc.example.vn>: no such user here" "$WORK/r1.err"
expect_grep "the refused unit is named" "unit thong-nhat: not sent to ubnd.thongnhat@gialoc.example.vn" "$WORK/r1.err"
expect_nogrep "not curl's words" "Failed sending data" "$WORK/r1.err"
expect_grep "the others delivered" "16 sent, 0 already sent, 1 failed" "$WORK/r1"
expect_eq "16 in the inbox" "$(inbox)" 16
start
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/r2" 2>&1
rc=$?
stop
expect_eq "rerun: exit 0" $rc 0
expect_grep "rerun sends only the missing one" "1 sent, 16 already sent, 0 failed" "$WORK/r2"
expect_eq "17 in the inbox" "$(inbox)" 17

# SIGINT during a send (a slow server): it stops between messages, exit
# 130; every message the server accepted is recorded, none is sent twice
rm -rf "$O" "$IN" "$XDG_STATE_HOME"  # a new year: nothing sent yet
build fixtures/gia-loc-2022.xml
start --delay 0.3
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/i1" 2>&1 & S=$!
i=0; while ! grep -q '^sent:' "$WORK/i1" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i+1)); done
kill -INT $S
wait $S; rc=$?
expect_eq "send interrupted: exit 130" $rc 130
n=$(inbox)
[ "$n" -ge 1 ] && [ "$n" -lt 17 ] && ok "send interrupted: $n of 17 delivered" || bad "send interrupted: $n delivered"
expect_eq "send interrupted: sent.log holds what was delivered" "$(wc -l < "$O/sent.log" | tr -d ' ')" "$n"
$PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/i2" 2>&1
expect_eq "send after the interruption: exit 0" $? 0
stop
expect_eq "send after the interruption: 17 delivered, none twice" "$(grep -ah '^Message-Id:' "$IN"/*.eml | sort -u | wc -l | tr -d ' ')/$(inbox)" 17/17

# a server refusing the login: one attempt, a clear message, nothing sent
rm -rf "$O" "$IN" "$XDG_STATE_HOME"  # a new year: nothing sent yet
build fixtures/gia-loc-2022.xml
start --refuse-auth "$WORK/auth.log"
PARPACK_SMTP_USER=vanphong PARPACK_SMTP_PASSWORD=wrong \
    $PARPACK send "$O" --smtp "smtp://127.0.0.1:$PORT" > "$WORK/l1" 2> "$WORK/l1.err"
rc=$?
stop
cat "$WORK/l1.err"
expect_eq "login refused: exit 3" $rc 3
expect_eq "login refused: one attempt" "$(wc -l < "$WORK/auth.log" | tr -d ' ')" 1
expect_grep "login refused: the server's words" "535 5.7.8 Authentication credentials invalid" "$WORK/l1.err"
expect_grep "login refused: says what to check" "PARPACK_SMTP_PASSWORD" "$WORK/l1.err"
expect_grep "login refused: the rest not tried" "16 not tried" "$WORK/l1"
expect_eq "login refused: nothing delivered" "$(inbox)" 0
[ ! -s "$O/sent.log" ] && ok "login refused: nothing recorded" || bad "sent.log written"
finish
