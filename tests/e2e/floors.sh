#!/bin/sh
# The folders of src/ are floors (docs/design.md, "What each part may
# use"): a file includes headers of its own folder and of the floors
# below, never of a floor above or beside it. render/ and mail/ stand
# side by side and use neither the other.
. "$ROOT/tests/lib.sh"
cd "$ROOT/src" || exit 1
rank() {
    case $1 in
        base) echo 1;; core) echo 2;; data) echo 3;;
        render) echo 4;; mail) echo 4;; packet) echo 5;;
        serve) echo 6;; cli) echo 7;; *) echo 0;;
    esac
}
bad_n=0
for f in $(find . -name '*.[ch]' | sed 's|^\./||' | sort); do
    from=${f%%/*}
    rf=$(rank "$from")
    [ "$rf" -eq 0 ] && { bad "$f: in no floor"; bad_n=$((bad_n + 1)); continue; }
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
        case $inc in */*) ;; *) continue;; esac   # beside it, same folder
        to=${inc%%/*}
        rt=$(rank "$to")
        [ "$rt" -eq 0 ] && continue               # a generated header
        if [ "$to" != "$from" ] && [ "$rt" -ge "$rf" ]; then
            bad "$f includes $inc: $to is not below $from"
            bad_n=$((bad_n + 1))
        fi
    done
done
expect_eq "no include points up or sideways" "$bad_n" 0
# The PDF and DOCX renderers walk the document vocabulary through one
# driver (render/doc.h), and neither uses the other.
expect_eq "the PDF and DOCX renderers use neither the other" \
    "$(grep -l '#include "render/\(docx\|pdf\)/' render/pdf/*.[ch] render/docx/*.[ch] |
       while read f; do d=${f#render/}; d=${d%%/*}
           grep -q "#include \"render/$([ "$d" = pdf ] && echo docx || echo pdf)/" "$f" && echo "$f"; done)" ""
expect_eq "both plug into the document-vocabulary driver" \
    "$(grep -l '#include "render/doc.h"' render/pdf/render.c render/docx/body.c render/docx/package.c render/docx/chart.c | wc -l)" 4
expect_eq "the driver uses no renderer" \
    "$(grep -c '#include "render/' render/doc.c | grep -v '^1$')" ""
expect_eq "no folder outside the floors" "$(ls -d */ | tr -d / | while read d; do [ "$(rank "$d")" -eq 0 ] && echo "$d"; done)" ""
expect_eq "no header left in include/" "$([ -d "$ROOT/include" ] && ls "$ROOT/include")" ""
finish
