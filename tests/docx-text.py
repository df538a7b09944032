"""docx-text.py DOCX PDF: the text of a DOCX (its XML: every paragraph
of the body in order, table cells and columns included, a chart as its
title and its bars' labels and values) must be the text of the PDF made
from the same description, paragraph by paragraph, word for word
(pdftotext -raw, the page numbers in the top margin left out). The
PDF's chart marks ("80%") have no words in the DOCX chart (they are its
gridlines) and are skipped there. Prints the first paragraph that differs;
exit 1 if one does."""
import re
import subprocess
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MARKS = "\x00marks"
TICKS = "\x00ticks"


def chart_words(z, rels, rid):
    root = ET.fromstring(z.read("word/" + rels[rid]))
    words = []
    title = root.find(f"{C}chart/{C}title")
    if title is not None:
        words += " ".join(t.text or "" for t in title.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}t")).split()
    words.append(MARKS)
    fmt = root.find(f".//{C}dLbls/{C}numFmt").get("formatCode")
    dec = len(fmt.split(".")[1]) if "." in fmt else 0
    cats = [v.text or "" for v in root.findall(f".//{C}cat//{C}pt/{C}v")]
    vals = [float(v.text) for v in root.findall(f".//{C}val//{C}pt/{C}v")]
    for c, v in zip(cats, vals):
        words += c.split()
        words.append(f"{v:.{dec}f}".replace(".", ","))
    # the scale's tick values, which the PDF writes once under the whole
    # chart (a DOCX chart cut in parts has one under each)
    va = root.find(f".//{C}valAx")
    lo = float(va.find(f"{C}scaling/{C}min").get("val"))
    hi = float(va.find(f"{C}scaling/{C}max").get("val"))
    step = float(va.find(f"{C}majorUnit").get("val"))
    ticks, t = [], lo
    while t <= hi + 0.001:
        ticks.append(str(int(t + 0.5)))
        t += step
    words.append((TICKS, ticks))
    return words


def docx_paragraphs(path):
    z = zipfile.ZipFile(path)
    rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(
        z.read("word/_rels/document.xml.rels"))}
    body = ET.fromstring(z.read("word/document.xml")).find(f"{W}body")
    out = []

    def walk(el, header):
        for e in el:
            if e.tag == f"{W}p":
                para(e, header)
            elif e.tag == f"{W}tbl":
                h = []
                for tr in e.findall(f"{W}tr"):
                    if tr.find(f"{W}trPr/{W}tblHeader") is not None:
                        for t in tr.iter(f"{W}t"):
                            h += (t.text or "").split()
                for tr in e.findall(f"{W}tr"):
                    for tc in tr.findall(f"{W}tc"):
                        walk(tc, h)

    def para(p, header):
        words, text = [], []
        for e in p.iter():
            if e.tag == f"{W}t":
                text.append(e.text or "")
            elif e.tag == f"{W}br":
                text.append(" ")
            elif e.tag == f"{C}chart":
                words += chart_words(z, rels, e.get(f"{R}id"))
        words = "".join(text).split() + words
        if words:
            out.append((words, header))

    walk(body, [])
    return out


def pdf_words(path):
    t = subprocess.run(["pdftotext", "-raw", "-x", "0", "-y", "45", "-W",
                        "1000", "-H", "1000", path, "-"],
                       capture_output=True, text=True).stdout
    return t.split()


def main():
    paras = docx_paragraphs(sys.argv[1])
    pw = pdf_words(sys.argv[2])
    j = 0
    pct = re.compile(r"^\d+(,\d+)?%$")
    for n, (words, header) in enumerate(paras, 1):
        for w in words:
            if isinstance(w, tuple):
                if pw[j:j + len(w[1])] == w[1]:
                    j += len(w[1])
                continue
            if w == MARKS:
                while j < len(pw) and pct.match(pw[j]):
                    j += 1
                continue
            # a table's header rows, repeated by the PDF on a new page
            if (j < len(pw) and pw[j] != w and header
                    and pw[j:j + len(header)] == header):
                j += len(header)
            # a word longer than its cell, broken between characters by
            # the PDF (docs/document.md): its pieces make the word
            k, joined = j, ""
            while k < len(pw) and len(joined) < len(w) and w.startswith(joined + pw[k]):
                joined += pw[k]
                k += 1
            if joined == w and k > j + 1:
                j = k
                continue
            if j >= len(pw) or pw[j] != w:
                print(f"paragraph {n} differs at [{w}]: DOCX "
                      f"{' '.join(x for x in words if isinstance(x, str) and x != MARKS)[:300]!r}")
                print(f"  PDF has: {' '.join(pw[j:j + 40])!r}")
                return 1
            j += 1
    if j != len(pw):
        print(f"the PDF has more words after the last paragraph: "
              f"{' '.join(pw[j:j + 40])!r}")
        return 1
    print(f"{len(paras)} paragraphs, {j} words agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
