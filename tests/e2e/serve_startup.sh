# Issue 23: the server's libraries (libmicrohttpd, SQLite, libargon2) are
# in the module parpack-serve.so: check, score, build and --help never load
# them; `serve --help` and `user list` do. Seen with the dynamic linker's
# log (LD_DEBUG=files).
. tests/lib.sh
F=fixtures/gia-loc-2022.xml
libs() { LD_DEBUG=files "$PARPACK" "$@" 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\).*/\1/p' | sort -u; }
libs check $F > "$WORK/check.libs"
libs score $F --format json > "$WORK/score.libs"
libs build $F --out "$WORK/b" --quiet > "$WORK/build.libs"
libs --help > "$WORK/help.libs"
for v in check score build help; do
    for l in parpack-serve libmicrohttpd libsqlite3 libargon2; do
        expect_nogrep "$v: no $l" $l "$WORK/$v.libs"
    done
done
expect_grep "check: libxml2 (the log works)" libxml2 "$WORK/check.libs"
libs serve --help > "$WORK/serve.libs"
for l in parpack-serve libmicrohttpd libsqlite3 libargon2; do
    expect_grep "serve: $l" $l "$WORK/serve.libs"
done
"$PARPACK" user list --workspace "$WORK/ws" > "$WORK/users"
expect_eq "user list of a new workspace: exit 0, empty" "$?:$(cat "$WORK/users")" "0:"
(cd "$WORK" && "$PARPACK" serve --listen nowhere > /dev/null 2> "$WORK/err")
expect_eq "serve --listen without a port: usage error" $? 2
[ -e "$WORK/workspace" ] && bad "a usage error made a workspace" || ok "a usage error makes no workspace"
(cd "$WORK" && "$PARPACK" serve --tls-cert x.pem) > /dev/null 2> "$WORK/err"
expect_eq "serve --tls-cert without --tls-key: usage error" $? 2
(cd "$WORK" && "$PARPACK" serve --bogus) > /dev/null 2> "$WORK/err"
expect_eq "serve --bogus: usage error" $? 2
expect_grep "serve --bogus: says so" "--bogus" "$WORK/err"
(cd "$WORK" && "$PARPACK" user frobnicate) > /dev/null 2>&1
expect_eq "user frobnicate: usage error" $? 2
finish
