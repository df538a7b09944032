"""xlsx-tamper.py IN OUT SHEET_INDEX CELL VALUE: copy IN with the cached
value of one formula cell replaced, to prove LibreOffice recalculates."""
import re, sys, zipfile
src, dst, idx, cell, val = sys.argv[1:6]
name = "xl/worksheets/sheet%s.xml" % idx
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for it in zi.infolist():
        data = zi.read(it.filename)
        if it.filename == name:
            text = data.decode("utf-8")
            pat = r'(<c r="%s"[^>]*><f>[^<]*</f><v>)[^<]*(</v>)' % cell
            new, n = re.subn(pat, r"\g<1>%s\g<2>" % val, text)
            assert n == 1, "cell %s not found" % cell
            data = new.encode("utf-8")
        zo.writestr(it, data)
