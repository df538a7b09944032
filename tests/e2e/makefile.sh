# The Makefile (#22): nothing is written while it is read (make clean in
# a fresh build folder leaves none behind), objects depend on the headers
# the compiler lists (-MMD -MP), and the install-paths stamp is a rule
# that changes only when PREFIX does (so that `make install PREFIX=…`
# relinks, and a second make does not).
. tests/lib.sh
command -v make >/dev/null 2>&1 || { echo "make missing"; exit 77; }
# a copy of the tree, so that its files can be touched
T=$WORK/tree
mkdir -p "$T" && cp -R "$ROOT/Makefile" "$ROOT/src" \
    "$ROOT/schemas" "$ROOT/po" "$ROOT/tools" "$T/" || { bad "copy"; finish; }
ROOT=$T
B=$WORK/nb
make -s -C "$ROOT" BUILD="$B" clean >/dev/null 2>&1
[ -e "$B" ] && bad "reading the Makefile wrote $B" || ok "make clean writes nothing"
make -s -C "$ROOT" -n BUILD="$B" "$B/src/base/arena.o" > "$WORK/n.txt" 2>&1
[ -e "$B" ] && bad "make -n wrote $B" || ok "make -n writes nothing"
expect_grep "objects are compiled with -MMD -MP" "-MMD -MP" "$WORK/n.txt"
make -s -C "$ROOT" BUILD="$B" PREFIX=/opt/a "$B/gen/paths.txt" >/dev/null 2>&1
expect_grep "the stamp holds the install folders" "/opt/a/share/parpack" "$B/gen/paths.txt"
touch -d '2020-01-01' "$B/gen/paths.txt"
make -s -C "$ROOT" BUILD="$B" PREFIX=/opt/a "$B/gen/paths.txt" >/dev/null 2>&1
expect_eq "the same PREFIX leaves the stamp as it was" \
    "$(date -r "$B/gen/paths.txt" +%Y)" 2020
make -s -C "$ROOT" BUILD="$B" PREFIX=/opt/b "$B/gen/paths.txt" >/dev/null 2>&1
expect_grep "another PREFIX rewrites it" "/opt/b/share/parpack" "$B/gen/paths.txt"
expect_eq "and so it is newer" "$(date -r "$B/gen/paths.txt" +%Y)" "$(date +%Y)"
# the header list of a compiled object: touching a header rebuilds only
# the objects that include it
make -s -C "$ROOT" BUILD="$B" "$B/src/base/epoch.o" "$B/src/base/arena.o" >/dev/null 2>&1
expect_grep "epoch.o's header list names epoch.h" "src/base/epoch.h" "$B/src/base/epoch.d"
make -s -C "$ROOT" -q BUILD="$B" "$B/src/base/epoch.o" "$B/src/base/arena.o"
expect_eq "both up to date" $? 0
touch -d '2000-01-01' "$B/src/base/arena.o" "$B/src/base/epoch.o" "$ROOT/src/base/arena.c" \
    "$ROOT/src/base/epoch.c" "$ROOT/src/base/epoch.h"
make -s -C "$ROOT" -q BUILD="$B" "$B/src/base/arena.o"
expect_eq "arena.o out of date after arena.h changed" $? 1
make -s -C "$ROOT" -q BUILD="$B" "$B/src/base/epoch.o"
expect_eq "epoch.o still up to date" $? 0
finish
