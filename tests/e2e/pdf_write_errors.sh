# Issue #13 (PDF part): a PDF that cannot be written is exit 3 with the
# true errno text. `ulimit -f` (SIGXFSZ ignored) makes write() fail with
# EFBIG at several points of each PDF kind: in the header, inside a
# compressed stream (libharu's zlib error) and near the end. The packet
# folder that was there before stays as it was.
. tests/lib.sh
O=$WORK/out
$PARPACK build fixtures/gia-loc-2022.xml --only report --out "$O" --quiet
expect_eq "first build exits 0" $? 0
sum0=$(cat "$O/SHA256SUMS")
for kind in report decision award-decision; do
    # 512-byte blocks: 0,5 KiB .. 50 KiB (the three PDFs are 54-66 KB,
    # drawn from the font subsets)
    for blocks in 1 40 80 100; do
        (trap '' XFSZ; ulimit -f $blocks 2>/dev/null || exit 77
         exec $PARPACK build fixtures/gia-loc-2022.xml --only $kind --out "$O" --quiet) \
            > "$WORK/o" 2> "$WORK/e"
        rc=$?
        [ $rc -eq 77 ] && exit 77
        expect_eq "$kind, ulimit -f $blocks: exit 3" $rc 3
        expect_grep "$kind, ulimit -f $blocks: errno text" "cannot write the PDF: File too large" "$WORK/e"
        expect_nogrep "$kind, ulimit -f $blocks: not a template error" "template" "$WORK/e"
        expect_eq "$kind, ulimit -f $blocks: the packet is as it was" "$(cat "$O/SHA256SUMS")" "$sum0"
    done
done
ls -a "$WORK" | grep -q '^\.out\.parpack-' && bad "a staging folder is left" || ok "no staging folder left"
finish
