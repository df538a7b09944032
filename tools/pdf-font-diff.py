#!/usr/bin/env python3
"""pdf-font-diff.py OLD NEW: compare two packets (or folders of packets)
built from the same inputs with SOURCE_DATE_EPOCH, before and after a
change of the PDFs' fonts, and say whether they differ in anything but
the PDFs' font data.

Every file under OLD must be byte-identical to its twin under NEW, except:
- a PDF, whose objects must all be the same but the fonts' own: each
  CIDFontType2 dictionary (its /W widths), its /CIDToGIDMap stream, each
  embedded font file (/Length1) and those streams' /Length objects; and
  whose text, as pdftotext extracts it, must be the same;
- SHA256SUMS and manifest.tsv, whose lines may differ only for PDFs;
- the lock files beside a packet (.NAME.parpack.lock: a process id).
Prints each problem and a summary; exits 0 when there is none, else 1.
"""
import os
import re
import subprocess
import sys


def objects(path):
    """The PDF's objects by number: their bytes up to the next object."""
    data = open(path, 'rb').read()
    found = list(re.finditer(rb'(?:^|\n)(\d+) 0 obj', data))
    out = {}
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else data.find(b'xref', m.start())
        out[int(m.group(1))] = data[m.start():end].strip()
    return out


def font_objects(objs):
    """Numbers of the objects that are font data."""
    font = set()
    for n, o in objs.items():
        if b'/Subtype /CIDFontType2' in o[:300]:
            font.add(n)
            m = re.search(rb'/CIDToGIDMap (\d+) 0 R', o)
            if m:
                font.add(int(m.group(1)))
        if b'/Length1' in o[:200]:
            font.add(n)
    for n in list(font):
        m = re.search(rb'/Length (\d+) 0 R', objs[n][:200])
        if m:
            font.add(int(m.group(1)))
    return font


def text(path):
    return subprocess.run(['pdftotext', path, '-'], capture_output=True).stdout


def main(old, new):
    problems = same = pdfs = 0
    for root, _, files in os.walk(old):
        for name in sorted(files):
            a = os.path.join(root, name)
            b = os.path.join(new, os.path.relpath(a, old))
            if name.endswith('.parpack.lock'):
                continue
            if not os.path.exists(b):
                print('only in', old + ':', a)
                problems += 1
                continue
            if open(a, 'rb').read() == open(b, 'rb').read():
                same += 1
                continue
            if name.endswith('.pdf'):
                pdfs += 1
                oa, ob = objects(a), objects(b)
                if set(oa) != set(ob):
                    print('other objects:', a)
                    problems += 1
                    continue
                font = font_objects(oa) | font_objects(ob)
                for n in sorted(oa):
                    if oa[n] != ob[n] and n not in font:
                        print('object %d differs (not font data): %s' % (n, a))
                        problems += 1
                if text(a) != text(b):
                    print('pdftotext differs:', a)
                    problems += 1
            elif name in ('SHA256SUMS', 'manifest.tsv'):
                la, lb = open(a).read().splitlines(), open(b).read().splitlines()
                if len(la) != len(lb):
                    print('other lines:', a)
                    problems += 1
                for x, y in zip(la, lb):
                    if x != y and not (x.endswith('.pdf') or '.pdf\t' in x):
                        print('a line of no PDF differs:', a, x)
                        problems += 1
            else:
                print('differs:', a)
                problems += 1
    for root, _, files in os.walk(new):
        for name in files:
            b = os.path.join(root, name)
            if not os.path.exists(os.path.join(old, os.path.relpath(b, new))):
                print('only in', new + ':', b)
                problems += 1
    print('%d files identical, %d PDFs differing, %d problems%s'
          % (same, pdfs, problems,
             ' (the PDFs differ in their font data only)' if not problems else ''))
    return 1 if problems else 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit('usage: pdf-font-diff.py OLD NEW')
    sys.exit(main(sys.argv[1], sys.argv[2]))
