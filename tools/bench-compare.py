#!/usr/bin/env python3
"""Is the bench's floor the same workbook as parpack's? Compare a unit
workbook written by parpack with the one tools/bench-xlsx-bare.c writes.

  bench-compare.py [--brief] PARPACK BARE [SLUG]

PARPACK and BARE are two .xlsx files, or two output folders (parpack's
--out, the bare loop's OUTDIR) holding units/SLUG/bang-diem-SLUG-*.xlsx;
with folders, SLUG (default p01-001) is compared part by part and every
other unit found in both is compared byte for byte.

Part by part: the list of zip parts (names and order); each part byte
for byte; and, where the bytes differ, its skeleton: the XML with the
contents of <v>, <t> and the digits of <f>, and the digits of the r,
ref, sqref, activeCell and topLeftCell attributes masked, so that only
data (values, strings, row numbers) may differ. styles.xml,
workbook.xml, docProps/app.xml and docProps/core.xml must be
byte-identical (core.xml holds the unit's name and the creation time:
run both with the same SOURCE_DATE_EPOCH).

Prints a table of the parts (uncompressed and compressed sizes in both)
unless --brief, then one line:
  bare workbook matches parpack's: yes|no (details)
Exit status 0 when it matches, 1 when not, 2 on a usage error."""
import glob
import os
import re
import sys
import zipfile

MUST_BE_IDENTICAL = ("xl/styles.xml", "xl/workbook.xml", "docProps/app.xml",
                     "docProps/core.xml")


def skeleton(data):
    """The XML with data masked (see the module's text)."""
    s = data.decode("utf-8")
    s = re.sub(r"<v>[^<]*</v>", "<v>#</v>", s)
    s = re.sub(r"<t( [^>]*)?>[^<]*</t>", r"<t\1>#</t>", s)
    s = re.sub(r"<f>([^<]*)</f>", lambda m: "<f>" + re.sub(r"\d+", "#", m.group(1)) + "</f>", s)
    s = re.sub(r' (r|ref|sqref|activeCell|topLeftCell)="([^"]*)"',
               lambda m: ' %s="%s"' % (m.group(1), re.sub(r"\d+", "#", m.group(2))), s)
    return s


def first_difference(a, b, width=60):
    i = 0
    n = min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    lo = max(0, i - width)
    return "at char %d: parpack ...%s... bare ...%s..." % (
        i, a[lo:i + width], b[lo:i + width])


def workbook_path(arg, slug):
    if os.path.isdir(arg):
        hits = sorted(glob.glob(os.path.join(arg, "units", slug, "bang-diem-%s-*.xlsx" % slug)))
        if not hits:
            sys.exit("bench-compare: no workbook of unit %s under %s" % (slug, arg))
        return hits[0]
    return arg


def compare(pp_path, bare_path, brief):
    """Part by part; returns (matches, details)."""
    zp, zb = zipfile.ZipFile(pp_path), zipfile.ZipFile(bare_path)
    np, nb = zp.namelist(), zb.namelist()
    problems, notes = [], []
    if np != nb:
        problems.append("zip parts differ: parpack %s, bare %s" % (np, nb))
    rows = []
    identical = 0
    for name in np:
        ip = zp.getinfo(name)
        if name not in nb:
            rows.append((name, ip.file_size, ip.compress_size, None, None, "only in parpack"))
            continue
        ib = zb.getinfo(name)
        a, b = zp.read(name), zb.read(name)
        if a == b:
            status = "identical"
            identical += 1
        elif name in MUST_BE_IDENTICAL:
            status = "DIFFERENT"
            problems.append("%s differs %s" % (name, first_difference(a.decode(), b.decode())))
        elif name.endswith(".xml") or name.endswith(".rels"):
            sa, sb = skeleton(a), skeleton(b)
            if sa == sb:
                status = "same skeleton"
                notes.append("%s: values differ" % name)
            else:
                status = "SKELETON DIFFERS"
                problems.append("%s skeleton differs %s" % (name, first_difference(sa, sb)))
        else:
            status = "DIFFERENT"
            problems.append("%s differs" % name)
        rows.append((name, ip.file_size, ip.compress_size, ib.file_size, ib.compress_size, status))
    for name in nb:
        if name not in np:
            ib = zb.getinfo(name)
            rows.append((name, None, None, ib.file_size, ib.compress_size, "only in bare"))
    sp, sb = os.path.getsize(pp_path), os.path.getsize(bare_path)
    with open(pp_path, "rb") as f1, open(bare_path, "rb") as f2:
        same_file = f1.read() == f2.read()
    if not brief:
        print("parpack: %s\nbare:    %s" % (pp_path, bare_path))
        print("%-28s %17s %17s  %s" % ("part", "parpack", "bare", ""))
        print("%-28s %17s %17s" % ("", "bytes (zipped)", "bytes (zipped)"))

        def cell(x, y):
            return "%8s (%6s)" % (x, y) if x is not None else "%17s" % "-"
        for name, a1, a2, b1, b2, st in rows:
            print("%-28s %s %s  %s" % (name, cell(a1, a2), cell(b1, b2), st))
        print("%-28s %17s %17s  %s" % ("the .xlsx file", sp, sb,
                                        "identical" if same_file else "differs"))
    details = "%d/%d parts byte-identical" % (identical, len(np))
    if same_file:
        details += ", the .xlsx too"
    if notes:
        details += "; " + "; ".join(notes)
    if problems:
        return False, "; ".join(problems)
    return True, details


def main(argv):
    brief = "--brief" in argv
    args = [a for a in argv if a != "--brief"]
    if len(args) not in (2, 3):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    slug = args[2] if len(args) == 3 else "p01-001"
    pp, bare = workbook_path(args[0], slug), workbook_path(args[1], slug)
    ok, details = compare(pp, bare, brief)
    details = "unit %s: %s" % (slug, details) if os.path.isdir(args[0]) else details
    if ok and os.path.isdir(args[0]) and os.path.isdir(args[1]):
        # every other unit: byte for byte, else at least the same skeletons
        n = same = 0
        bad = []
        for p in sorted(glob.glob(os.path.join(args[0], "units", "*", "*.xlsx"))):
            rel = os.path.relpath(p, args[0])
            q = os.path.join(args[1], rel)
            n += 1
            if not os.path.exists(q):
                bad.append(rel + " missing from bare")
                continue
            with open(p, "rb") as f1, open(q, "rb") as f2:
                if f1.read() == f2.read():
                    same += 1
                    continue
            m, why = compare(p, q, True)
            if not m:
                bad.append("%s: %s" % (rel, why))
        nb = len(glob.glob(os.path.join(args[1], "units", "*", "*.xlsx")))
        details += "; %d/%d workbooks byte-identical (bare wrote %d)" % (same, n, nb)
        if bad or nb != n:
            ok = False
            details += "; " + "; ".join(bad[:3]) + (" ..." if len(bad) > 3 else "")
    print("bare workbook matches parpack's: %s (%s)" % ("yes" if ok else "no", details))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
