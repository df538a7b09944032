#!/usr/bin/python3
"""The English left in a Vietnamese catalog: every word of plain ASCII
letters in a msgstr that is not in the allowed list.

usage: po-words.py CATALOG.po ALLOWED   (exit 1 and the words when any)

A Vietnamese message keeps as written only what the user types or reads
elsewhere: element and attribute names (<score>, max="…", below), verbs,
options, kinds and file names, format names (PDF, XLSX), package and font
names. Those, and the Vietnamese words written without a diacritic
("theo", "cho"), are the allowed list (tests/expect/vi-po-words.txt). Before
the words are read, what is plainly a name is set aside: a printf
directive, <element>, attr="value", 'quoted', `quoted`, --option.
"""
import re
import sys


def strings(entry, key):
    out, on = [], False
    for line in entry.split("\n"):
        if re.match(r"^%s(\[\d+\])? \"" % re.escape(key), line):
            on = True
            out.append(line[line.index('"'):])
            continue
        if re.match(r"^(msgid|msgid_plural|msgstr|msgctxt)", line) or \
                line.startswith("#"):
            on = False
        if on and line.startswith('"'):
            out.append(line)
    return "".join(x.strip()[1:-1] for x in out)


def words(text):
    t = text.replace("\\n", " ").replace('\\"', '"').replace("\\t", " ")
    t = re.sub(r"%[-+ #0-9.*]*(zu|llu|lld|ld|lu|[sdcuxX%])", " ", t)
    t = re.sub(r"</?[A-Za-z_][\w:.-]*", " ", t)
    t = re.sub(r"[A-Za-z_][\w:-]*=\"[^\"]*\"", " ", t)
    t = re.sub(r"'[^']*'|`[^`]*`", " ", t)
    t = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", t)
    for w in re.findall(r"[^\W\d_][\w.-]*[\w]|[^\W\d_]", t):
        if all(ord(c) < 128 for c in w):
            yield w


def main():
    po = open(sys.argv[1], encoding="utf-8").read()
    allowed = set()
    for line in open(sys.argv[2], encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        allowed.update(line.split())
    bad = {}
    for entry in po.split("\n\n"):
        s = strings(entry, "msgstr")
        if not s or "Project-Id-Version" in s:
            continue
        for w in words(s):
            if w not in allowed:
                bad.setdefault(w, s[:100])
    for w, s in sorted(bad.items()):
        print("%s\t%s" % (w, s))
    sys.exit(1 if bad else 0)


main()
