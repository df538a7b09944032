#!/usr/bin/python3
"""Ask LibreOffice whether a form's validation refuses values.

usage: lo-validate.py FORM.xlsx CELL VALUE [CELL VALUE]...

Starts LibreOffice headless, opens the form, and for each CELL puts VALUE
in it (a number when it reads as one, else text) and asks Calc's detective
which cells hold values their validation refuses (XSheetAuditing
.showInvalid, then the cells it circled). Prints one line a pair:
"CELL VALUE valid" or "CELL VALUE invalid". Exit 0, or 2 when LibreOffice
cannot be driven (the caller skips).
"""
import os
import subprocess
import sys
import tempfile
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
except ImportError:
    sys.exit(2)


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main():
    form = os.path.abspath(sys.argv[1])
    pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
    pipe = "pp%d" % os.getpid()
    profile = tempfile.mkdtemp()
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore",
         "-env:UserInstallation=file://" + profile,
         "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ctx = None
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(120):
            try:
                ctx = resolver.resolve(
                    "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.5)
        if ctx is None:
            sys.exit(2)
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(form), "_blank", 0,
            (prop("Hidden", True),))
        sheet = doc.Sheets.getByIndex(0)
        sheet.unprotect("")
        for ref, value in pairs:
            cell = sheet.getCellRangeByName(ref)
            try:
                cell.setValue(float(value))
            except ValueError:
                cell.setString(value)
            sheet.clearArrows()
            # showInvalid circles the refused cells; True when it found any
            found = sheet.showInvalid()
            print("%s %s %s" % (ref, value, "invalid" if found else "valid"))
            cell.setString("")
        doc.close(True)
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except Exception:
            proc.kill()


if __name__ == "__main__":
    main()
