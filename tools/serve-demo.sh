#!/bin/sh
# `make serve`: a demo workspace of Gia Lộc served on 127.0.0.1. Gia Lộc
# 2021 complete (its full appraisal), 2022 made from its blank appraisal
# with every unit's form filled (tests/fill-forms.py, python3-openpyxl)
# and dropped but Thống Nhất's, left in the folder printed, to drop in the
# browser. Prints the address and the demo login, and serves until Ctrl-C.
#   usage: serve-demo.sh PARPACK   (SERVE_DIR, SERVE_LISTEN from make)
set -u
P=$1
D=${SERVE_DIR:-build/demo-workspace}
L=${SERVE_LISTEN:-127.0.0.1:8080}
USER_NAME=demo
PASS=demo-parpack
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
mkdir -p "$D"
fresh=0
[ -f "$D/parpack.db" ] || fresh=1
if [ $fresh -eq 1 ]; then
    echo "$PASS" | "$P" user add "$USER_NAME" --role clerk --workspace "$D" || exit 1
fi
"$P" serve --workspace "$D" --listen "$L" > "$D.out" 2>&1 &
SRV=$!
trap 'kill $SRV 2>/dev/null; wait $SRV 2>/dev/null; exit 0' INT TERM
i=0
while ! grep -q 'http' "$D.out" 2>/dev/null; do
    kill -0 $SRV 2>/dev/null || { cat "$D.out"; exit 3; }
    i=$((i + 1)); [ $i -gt 100 ] && { echo "the server did not start"; kill $SRV; exit 3; }
    sleep 0.1
done
URL=$(sed -n 's/.*\(https\{0,1\}:\/\/[^ ]*\/\).*/\1/p' "$D.out" | head -n 1)
if [ $fresh -eq 1 ]; then
    J="$D/demo-files"
    mkdir -p "$J"
    C="$J/cookies"
    curl -s -c "$C" -H 'Content-Type: application/json' \
        -d "{\"user\":\"$USER_NAME\",\"password\":\"$PASS\"}" "${URL}api/session" > "$J/login.json"
    T=$(sed -n 's/.*"csrf": "\([0-9a-f]*\)".*/\1/p' "$J/login.json")
    sed '/<score /d' fixtures/gia-loc-2022.xml > "$J/gia-loc-2022-blank.xml"
    curl -s -b "$C" -H "X-CSRF-Token: $T" -F appraisal=@fixtures/gia-loc-2021.xml "${URL}api/years" > /dev/null
    curl -s -b "$C" -H "X-CSRF-Token: $T" -F appraisal=@"$J/gia-loc-2022-blank.xml" "${URL}api/years" > /dev/null
    if $PY -c 'import openpyxl' 2>/dev/null; then
        curl -s -b "$C" -o "$J/forms.zip" "${URL}api/years/2022/forms.zip"
        (cd "$J" && unzip -q -o forms.zip)
        $PY tests/fill-forms.py fixtures/gia-loc-2022.xml "$J" --vary
        set --
        for f in "$J"/units/*/*.xlsx; do
            case $f in *thong-nhat*) continue ;; esac
            set -- "$@" -F "form=@$f"
        done
        curl -s -b "$C" -H "X-CSRF-Token: $T" "$@" "${URL}api/years/2022/forms" > /dev/null
        echo "Thống Nhất's filled form, to drop in the browser: $J/units/thong-nhat/"
    fi
    rm -f "$C" "$J/login.json"
fi
echo "parpack serve: $URL  (workspace $D)"
echo "demo login: user '$USER_NAME', password '$PASS'    (Ctrl-C stops it)"
wait $SRV
