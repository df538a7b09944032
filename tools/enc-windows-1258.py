#!/usr/bin/env python3
"""enc-windows-1258.py FILE: FILE (UTF-8) re-encoded in windows-1258 on
standard output, its declaration changed; a character the code page lacks
precomposed is written as a base letter and combining marks."""
import sys, unicodedata, itertools
def enc(s):
    out = bytearray()
    for ch in unicodedata.normalize('NFC', s):
        try:
            out += ch.encode('cp1258'); continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize('NFD', ch)
        base, marks = d[0], d[1:]
        done = False
        for n in range(len(marks), -1, -1):
            for sub in itertools.combinations(range(len(marks)), n):
                head = unicodedata.normalize('NFC', base + ''.join(marks[i] for i in sub))
                rest = ''.join(marks[i] for i in range(len(marks)) if i not in sub)
                try:
                    b = head.encode('cp1258') + rest.encode('cp1258')
                except UnicodeEncodeError:
                    continue
                out += b; done = True; break
            if done: break
        if not done:
            raise SystemExit('cannot encode %r' % ch)
    return bytes(out)
s = open(sys.argv[1], encoding='utf-8').read().replace('encoding="UTF-8"', 'encoding="windows-1258"')
sys.stdout.buffer.write(enc(s))
