#!/usr/bin/env python3
"""Both loader paths must agree: the streaming pass and the reader path.

Usage: loader-paths.py PARPACK WORKDIR [COUNT [SEED]]

Takes the fixtures (good and bad), makes COUNT variants of them by small
random edits (values, attributes, elements, text, CDATA, comments,
entities, namespaces, truncation...), and runs `parpack check` and
`parpack score --format json` on each, once as usual and once with
PARPACK_LOADER=reader. Standard output, standard error and the exit
status must be the same, byte for byte. Start tags are joined onto one
line first, and edits stay on one line, as the reader path finds
positions by scanning from libxml2's line numbers (which it gets wrong
for start tags that span lines, and past line 65,535; the streaming pass
takes them from the parser's offsets).

Prints each variant that differs, or that a sanitizer complains of (and
keeps it in WORKDIR); exit 1 if any.
"""
import glob
import os
import random
import re
import subprocess
import sys

VALUES = ["", "x", "1,5", "-1", "1.2345", "2.5", "0", "100", "1e3", " 2 ",
          "a &amp; b", "&#38;", "&lt;x&gt;", "&#x1EA0;", "true", "false",
          "yes", "1", "0.001", "9999999999999", "Đức", "Đu\u031b\u0301c",
          "z" * 201, "z" * 200, "p01-001", "1.1", "&quot;q&quot;"]
NAMES = ["c", "na", "self", "appraised", "note", "rank", "year", "index",
         "id", "name", "foo", "xmlns", "xmlns:x", "x:c", "xml:lang",
         "xsi:type", "kind", "head", "email", "max", "min"]
SNIPPETS = ["<!-- a comment -->", "<![CDATA[ ]]>", "<![CDATA[x]]>", " ",
            "text", "&amp;", "&#32;", "<?pi data?>", "<x/>",
            "<score c=\"1.1\"/>", "<previous rank=\"1\"/>", "&undefined;",
            "\t", "<score c=\"1.1\" na=\"true\"/>", "</unit>", "<unit>"]


def mutate(text, rnd):
    lines = text.split("\n")
    op = rnd.randrange(14)
    tagged = [i for i, l in enumerate(lines) if "<" in l]
    i = rnd.choice(tagged) if tagged else 0
    line = lines[i]
    attrs = list(re.finditer(r'([\w:.-]+)="([^"]*)"', line))
    if op == 0 and attrs:  # change a value
        a = rnd.choice(attrs)
        v = rnd.choice(VALUES)
        line = line[:a.start(2)] + v + line[a.end(2):]
    elif op == 1 and attrs:  # drop an attribute
        a = rnd.choice(attrs)
        line = line[:a.start() - 1] + line[a.end():]
    elif op == 2:  # add an attribute
        m = re.search(r"<([\w:]+)", line)
        if m:
            at = m.end()
            add = ' %s="%s"' % (rnd.choice(NAMES), rnd.choice(VALUES))
            line = line[:at] + add + line[at:]
    elif op == 3:  # duplicate a line
        lines.insert(i, line)
    elif op == 4:  # drop a line
        del lines[i]
        line = lines[i] if i < len(lines) else ""
    elif op == 5 and len(tagged) > 1:  # swap two lines
        j = rnd.choice(tagged)
        lines[i], lines[j] = lines[j], lines[i]
        line = lines[i]
    elif op == 6:  # insert a snippet before a tag
        k = [m.start() for m in re.finditer("<", line)]
        if k:
            at = rnd.choice(k)
            line = line[:at] + rnd.choice(SNIPPETS) + line[at:]
    elif op == 7 and "/>" in line:  # give an empty element content
        line = line.replace("/>", "><x/></%s>" % (
            re.search(r"<([\w:]+)", line).group(1)), 1) \
            if re.search(r"<([\w:]+)[^>]*/>", line) else line
    elif op == 8:  # truncate
        return "\n".join(lines)[:rnd.randrange(len(text) + 1)]
    elif op == 9:  # rename an element
        m = re.search(r"<(/?)(\w+)", line)
        if m:
            new = rnd.choice(["scor", "units", "unit", "block", "score",
                              "previous", "x", "criterion", "field"])
            line = line[:m.start(2)] + new + line[m.end(2):]
    elif op == 10:  # the prolog
        choice = rnd.randrange(4)
        if choice == 0:
            return "\ufeff" + text
        if choice == 1:
            return text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"', 1)
        if choice == 2:
            return text.replace("<appraisal", '<appraisal xmlns="urn:x"', 1)
        return text.replace("?>", "?>\n<!DOCTYPE appraisal>", 1)
    elif op == 11 and attrs:  # entities in a value
        a = rnd.choice(attrs)
        v = a.group(2)
        k = rnd.randrange(len(v) + 1)
        v = v[:k] + rnd.choice(["&amp;", "&lt;", "&#x41;", "&#38;", "&apos;"]) + v[k:]
        line = line[:a.start(2)] + v + line[a.end(2):]
    elif op == 12:  # a <previous> at a random place in a unit
        line = re.sub(r"(<score )", r'<previous rank="2" year="2020"/>\1',
                      line, count=1)
    elif op == 13 and attrs:  # a value with white space characters
        a = rnd.choice(attrs)
        line = line[:a.start(2)] + "\t" + a.group(2) + " " + line[a.end(2):]
    if i < len(lines):
        lines[i] = line
    return "\n".join(lines)


def run(parpack, args, env):
    p = subprocess.run([parpack] + args, capture_output=True, env=env)
    return p.returncode, p.stdout, p.stderr


def main():
    parpack, work = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    rnd = random.Random(seed)
    sources = sorted(glob.glob("fixtures/*.xml") + glob.glob("fixtures/bad/*.xml"))
    texts = {}
    for s in sources:
        try:
            text = open(s, encoding="utf-8").read()
        except UnicodeDecodeError:
            continue
        texts[s] = re.sub(r"<[^<>!?]*>",
                          lambda m: re.sub(r"\s*\n\s*", " ", m.group(0)), text)
    env = dict(os.environ)
    env.pop("PARPACK_LOADER", None)
    reader = dict(env, PARPACK_LOADER="reader")
    differ = 0
    for n in range(count):
        src = rnd.choice(sorted(texts))
        text = texts[src]
        for _ in range(rnd.randrange(1, 4)):
            text = mutate(text, rnd)
        path = os.path.join(work, "v%04d.xml" % n)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        same = True
        for args in (["check", path], ["score", path, "--format", "json"]):
            a, b = run(parpack, args, env), run(parpack, args, reader)
            if a != b or b"Sanitizer" in a[2] or b"runtime error:" in a[2]:
                same = False
        if same:
            os.remove(path)
        else:
            differ += 1
            print("differ: %s (from %s)" % (path, src))
    print("%d variants, %d differ" % (count, differ))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
