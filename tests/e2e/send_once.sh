# Issue #21: never send twice. A message's identity comes from what it
# says, not from the build's clock: a rebuild without SOURCE_DATE_EPOCH
# sends nothing again, nor does a second packet folder (the record follows
# the issuer and the year); a changed unit's message alone is sent. Two
# sends through a symbolic link are one. The forms' messages are sent once.
# A server that wants a login, or stalls on a wrong password, is tried
# once; a message whose data went unanswered is "uncertain", not re-sent
# unless asked.
. tests/lib.sh
smtpd_need
unset SOURCE_DATE_EPOCH
PREV="--previous fixtures/gia-loc-2021.xml"
O=$WORK/out/2022
IN=$WORK/inbox
start() { smtpd_start "$IN" 120 "$@"; }
stop() { smtpd_stop; }
inbox() { ls "$IN" 2>/dev/null | wc -l | tr -d ' '; }
build() { $PARPACK build "$1" $PREV --only unit-workbook,unit-mail --out "$2" --quiet 2>> "$WORK/build.err"; }
send() { $PARPACK send "$@" --smtp "smtp://127.0.0.1:$PORT"; }
ids() { grep -ah '^Message-Id:' "$1"/units/*/*.eml | sort; }

# build, send, rebuild (a second later, no SOURCE_DATE_EPOCH), send
build fixtures/gia-loc-2022.xml "$O"
ids "$O" > "$WORK/ids1"
start
send "$O" > "$WORK/s1" 2>&1
expect_eq "first send: exit 0" $? 0
expect_eq "first send: 17 delivered" "$(inbox)" 17
sleep 1.1
rm -rf "$O"
build fixtures/gia-loc-2022.xml "$O"
ids "$O" > "$WORK/ids2"
expect_eq "rebuild without SOURCE_DATE_EPOCH: the same Message-IDs" "$(cat "$WORK/ids2")" "$(cat "$WORK/ids1")"
send "$O" > "$WORK/s2" 2>&1
expect_eq "send after the rebuild: exit 0" $? 0
expect_grep "send after the rebuild: nothing sent again" "0 sent, 17 already sent, 0 failed" "$WORK/s2"
# the same messages from a second packet folder
O2=$WORK/elsewhere/2022
build fixtures/gia-loc-2022.xml "$O2"
send "$O2" > "$WORK/s3" 2>&1
expect_eq "send from a second folder: exit 0" $? 0
expect_grep "send from a second folder: already sent" "0 sent, 17 already sent, 0 failed" "$WORK/s3"
expect_eq "still 17 delivered" "$(inbox)" 17
# a changed unit: that message alone
sed 's/<score c="1.1.2" self="2" appraised="1.5" note="Chưa có minh chứng kèm theo"\/>/<score c="1.1.2" self="1.75" appraised="1.5" note="Chưa có minh chứng kèm theo"\/>/' \
    fixtures/gia-loc-2022.xml > "$WORK/corrected.xml"
build "$WORK/corrected.xml" "$O2"
send "$O2" > "$WORK/s4" 2>&1
expect_eq "a changed unit: exit 0" $? 0
expect_grep "a changed unit: that message alone" "1 sent, 16 already sent, 0 failed" "$WORK/s4"
expect_grep "a changed unit: Thống Nhất's" "sent: thong-nhat ->" "$WORK/s4"
expect_eq "18 delivered" "$(inbox)" 18
ls "$XDG_STATE_HOME"/parpack/sent/*-2022.log > /dev/null 2>&1 && ok "the record is the issuer's and the year's" || bad "no record in the state folder"
stop

# two sends at once, one through a symbolic link: each message once
rm -rf "$IN" "$XDG_STATE_HOME" "$O"
build fixtures/gia-loc-2022.xml "$O"
ln -s out/2022 "$WORK/link"
start --delay 0.1
send "$O" > "$WORK/c1" 2>&1 & A=$!
send "$WORK/link" > "$WORK/c2" 2>&1 & B=$!
wait $A; ra=$?; wait $B; rb=$?
send "$WORK/link" > "$WORK/c3" 2>&1
rc=$?
stop
expect_eq "two sends through a link, then a third: 17 delivered" "$(inbox)" 17
expect_eq "two sends through a link: no message twice" "$(grep -ah '^Message-Id:' "$IN"/*.eml | sort | uniq -d | wc -l | tr -d ' ')" 0
[ $ra -ne 0 ] || [ $rb -ne 0 ] && ok "one of the two was refused (exit $ra, $rb)" || bad "both sends ran (exit $ra, $rb)"
cat "$WORK/c1" "$WORK/c2" > "$WORK/c12"
expect_grep "the refused one says why" "another parpack run" "$WORK/c12"
expect_eq "the third: exit 0" $rc 0

# the forms' messages: sent, then never again
rm -rf "$IN"
FO=$WORK/forms
$PARPACK forms fixtures/gia-loc-2022.xml --out "$FO" --quiet 2> /dev/null
nf=$(grep -c '^unit-form-mail' "$FO/manifest.tsv")
[ "$nf" -gt 0 ] && ok "forms: $nf messages" || bad "forms wrote no message"
start
send "$FO" > "$WORK/f1" 2>&1
expect_eq "forms send: exit 0" $? 0
expect_grep "forms send: each sent" "$nf sent, 0 already sent, 0 failed" "$WORK/f1"
send "$FO" > "$WORK/f2" 2>&1
expect_eq "forms send again: exit 0" $? 0
expect_grep "forms send again: none again" "0 sent, $nf already sent, 0 failed" "$WORK/f2"
stop
expect_eq "forms: each delivered once" "$(inbox)" "$nf"

# a server that wants a login we do not give: one attempt, in seconds
rm -rf "$IN" "$XDG_STATE_HOME" "$O/sent.log"
start --require-login "$WORK/mail.log"
t0=$(date +%s)
send "$O" > "$WORK/l1" 2> "$WORK/l1.err"
rc=$?; t1=$(date +%s)
stop
cat "$WORK/l1.err"
expect_eq "login wanted: exit 3" $rc 3
expect_eq "login wanted: one attempt" "$(wc -l < "$WORK/mail.log" | tr -d ' ')" 1
expect_grep "login wanted: the server's words" "530 5.7.0 Authentication required" "$WORK/l1.err"
expect_grep "login wanted: what to check" "PARPACK_SMTP_USER" "$WORK/l1.err"
expect_grep "login wanted: the rest counted" "16 not tried" "$WORK/l1"
[ $((t1 - t0)) -lt 20 ] && ok "login wanted: $((t1 - t0)) s" || bad "login wanted: $((t1 - t0)) s"

# a server that stalls on a wrong password: one attempt, then stop
start --stall-auth 6 "$WORK/auth.log"
t0=$(date +%s)
PARPACK_SMTP_USER=vanphong PARPACK_SMTP_PASSWORD=wrong PARPACK_SMTP_TIMEOUT=2 \
    send "$O" > "$WORK/w1" 2> "$WORK/w1.err"
rc=$?; t1=$(date +%s)
stop
cat "$WORK/w1.err"
expect_eq "stalled login: exit 3" $rc 3
expect_eq "stalled login: one attempt" "$(wc -l < "$WORK/auth.log" | tr -d ' ')" 1
expect_grep "stalled login: says the server did not answer" "did not answer AUTH within 2 s" "$WORK/w1.err"
expect_grep "stalled login: what to check" "PARPACK_SMTP_PASSWORD" "$WORK/w1.err"
expect_grep "stalled login: the rest counted" "16 not tried" "$WORK/w1"
[ $((t1 - t0)) -lt 20 ] && ok "stalled login: $((t1 - t0)) s" || bad "stalled login: $((t1 - t0)) s"
expect_eq "stalled login: nothing delivered" "$(inbox)" 0

# the data sent, the answer late: uncertain, named, not sent again
rm -rf "$IN" "$XDG_STATE_HOME" "$O/sent.log"
start --stall-data 14
PARPACK_SMTP_TIMEOUT=2 send "$O" > "$WORK/u1" 2> "$WORK/u1.err"
rc=$?
expect_eq "unanswered data: exit 3" $rc 3
expect_grep "unanswered data: named" "was sent but the server did not answer within 10 s" "$WORK/u1.err"
expect_grep "unanswered data: the others sent" "16 sent, 0 already sent, 0 failed" "$WORK/u1"
expect_grep "unanswered data: counted" "1 uncertain" "$WORK/u1"
sleep 4 # the slow server stores it in the end
send "$O" > "$WORK/u2" 2>&1
expect_eq "the next send: exit 0" $? 0
expect_grep "the next send: the uncertain one not sent again" "uncertain: " "$WORK/u2"
expect_grep "the next send: nothing sent" "0 sent, 16 already sent, 0 failed" "$WORK/u2"
expect_eq "17 delivered, none twice" "$(inbox)" 17
send "$O" --resend-uncertain > "$WORK/u3" 2>&1
expect_eq "--resend-uncertain: exit 0" $? 0
expect_grep "--resend-uncertain: sends it" "1 sent, 16 already sent, 0 failed" "$WORK/u3"
stop

# a message changed after the build (cut short by a copy of the folder
# that stopped; one character changed) is not sent, and is named; the
# others go; once built again, those two go
rm -rf "$IN" "$XDG_STATE_HOME" "$O"
build fixtures/gia-loc-2022.xml "$O"
cut=$(ls "$O"/units/thong-nhat/*.eml) edited=$(ls "$O"/units/toan-thang/*.eml)
head -c 3000 "$cut" > "$WORK/cut.eml" && cat "$WORK/cut.eml" > "$cut"
sed -i 's/^Subject: /Subject: X/' "$edited"
start
LC_ALL=C send "$O" --dry-run > "$WORK/m0" 2> "$WORK/m0.err"
expect_grep "changed messages, dry run: counted" "15 would be sent, 0 already sent, 2 failed" "$WORK/m0"
send "$O" > "$WORK/m1" 2> "$WORK/m1.err"
expect_eq "changed messages: exit 3" $? 3
expect_grep "changed messages: the others sent" "15 sent, 0 already sent, 2 failed" "$WORK/m1"
expect_grep "changed messages: the cut one named" "unit thong-nhat: not sent: the message changed after the build" "$WORK/m1.err"
expect_grep "changed messages: the edited one named" "unit toan-thang: not sent: the message changed after the build" "$WORK/m1.err"
expect_grep "changed messages: the fix" "move it away and build the packet again" "$WORK/m1.err"
expect_eq "changed messages: 15 delivered" "$(inbox)" 15
# (a build keeps a changed file as the clerk's: it is moved away first)
mv "$cut" "$edited" "$WORK"
build fixtures/gia-loc-2022.xml "$O"
send "$O" > "$WORK/m2" 2>&1
expect_eq "built again: exit 0" $? 0
expect_grep "built again: the two sent" "2 sent, 15 already sent, 0 failed" "$WORK/m2"
stop
expect_eq "17 delivered, none twice" "$(inbox)" 17
finish
