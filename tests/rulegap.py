#!/usr/bin/env python3
"""rulegap.py PAGE.pgm MINGAP: every horizontal rule of the page (a dark
run of at least 40 pixels in a row) has MINGAP white rows above it over its
whole length: it does not touch the text above. Prints each rule's gap;
exit 1 when one is closer."""
import sys


def main():
    data = open(sys.argv[1], "rb").read()
    mingap = int(sys.argv[2])
    # binary PGM: P5 W H MAX then the pixels
    parts, pos = [], 0
    while len(parts) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        parts.append(data[pos:end])
        pos = end
    pos += 1
    w, h = int(parts[1]), int(parts[2])
    px = data[pos:pos + w * h]
    dark = lambda x, y: px[y * w + x] < 128
    bad, seen = 0, set()
    for y in range(1, h):
        x = 0
        while x < w:
            if not dark(x, y):
                x += 1
                continue
            x0 = x
            while x < w and dark(x, y):
                x += 1
            if x - x0 < 40 or dark(x0 + (x - x0) // 2, y - 1) and (x0, x) in seen:
                continue
            if any(dark(xx, y - 1) for xx in range(x0 + 2, x - 2)):
                seen.add((x0, x))
                continue  # not the rule's top row
            gap = 0
            while gap < 40 and y - 1 - gap >= 0 and not any(
                    dark(xx, y - 1 - gap) for xx in range(x0, x)):
                gap += 1
            print("rule at row %d, x %d-%d: %d white rows above" % (y, x0, x, gap))
            if gap < mingap:
                bad += 1
    sys.exit(1 if bad else 0)


main()
