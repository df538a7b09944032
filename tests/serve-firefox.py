#!/usr/bin/python3
"""The workspace's pages in headless Firefox (issue 23: "Chromium, Edge and
Firefox at 1366x768"), Debian's firefox-esr driven through WebDriver BiDi
(tests/bidi.py: no geckodriver, nothing outside Debian): log in, a bad
appraisal then a year from a blank one, the units' list, good forms and a
broken one with its errors on the form-shaped grid, the ranking, build with
its progress bar and a PDF's preview, a unit's own link page (a broken form
with the error on its cell), log out. No console error, no CSP violation.
A screenshot of each page at 1366x768 goes to SHOTS (ff-*.png).

usage: serve-firefox.py PARPACK WORK SHOTS   (run from the repository)"""
import base64, glob, io, json, os, shutil, signal, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *
from bidi import Firefox, BidiError, unwrap

PARPACK, WORK, SHOTS = sys.argv[1], sys.argv[2], sys.argv[3]
# the e2e script's timeout ends this with SIGTERM: Firefox and the server
# are ended on the way out (the finally clauses below), never left running
signal.signal(signal.SIGTERM, lambda *a: sys.exit("FAIL - ended by SIGTERM (timeout)"))
WS = os.path.join(WORK, "ws")
os.makedirs(SHOTS, exist_ok=True)
add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1")
srv = Server(PARPACK, WS)
ME = "thong-nhat"
ff = None
try:
    base = "http://127.0.0.1:%d" % srv.port
    api = Client(srv.port)
    api.login("anna", "anna-secret-1")
    # last year, complete, through the API: the ranking's previous year
    api.upload("/api/years", "appraisal", [("gia-loc-2021.xml", open("fixtures/gia-loc-2021.xml", "rb").read())])
    # the browser's own words (a file input's button) in Vietnamese too when
    # firefox-esr-l10n-vi is there (Firefox falls back to English without it)
    ff = Firefox(prefs={"intl.accept_languages": "vi-VN, vi", "intl.locale.requested": "vi"})
    ctx = ff.cmd("browsingContext.getTree", {})["contexts"][0]["context"]
    ff.cmd("browsingContext.setViewport", {"context": ctx, "viewport": {"width": 1366, "height": 768},
                                           "devicePixelRatio": 1})
    ff.cmd("session.subscribe", {"events": ["log.entryAdded", "script.message"]})
    # a CSP violation is an event in the page: each page tells it on a channel
    ff.cmd("script.addPreloadScript", {
        "functionDeclaration": "function (tell) { document.addEventListener('securitypolicyviolation', function (e) {"
                               " tell(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber); }); }",
        "arguments": [{"type": "channel", "value": {"channel": "csp"}}]})
except BaseException as e:
    if ff:
        ff.close()
    srv.stop()
    if isinstance(e, BidiError):
        print("FAIL - Firefox through BiDi: %s" % e)
        sys.exit(1)
    raise


def js(expr, timeout=60):
    """The value of a script in the page (promises awaited)."""
    r = ff.cmd("script.evaluate", {"expression": expr, "target": {"context": ctx}, "awaitPromise": True,
                                   "resultOwnership": "none"}, timeout)
    if r.get("type") == "exception":
        raise BidiError("script %r: %s" % (expr[:80], r["exceptionDetails"].get("text")))
    return unwrap(r["result"])


def wait(expr, timeout=60, what=""):
    """Until the script's value is truthy; that value."""
    deadline = time.time() + timeout
    v = None
    while time.time() < deadline:
        try:
            v = js(expr, 30)
        except BidiError as e:  # a page between two documents
            if "no such frame" in str(e) or "navigat" in str(e).lower() or "destroyed" in str(e).lower():
                v = None
            else:
                raise
        if v:
            return v
        ff.pump(0.2)
    raise BidiError("waited %ds for %s" % (timeout, what or expr))


def go(url):
    ff.cmd("browsingContext.navigate", {"context": ctx, "url": url, "wait": "complete"}, 60)


def shot(name):
    r = ff.cmd("browsingContext.captureScreenshot", {"context": ctx}, 60)
    open(os.path.join(SHOTS, "ff-" + name + ".png"), "wb").write(base64.b64decode(r["data"]))


def set_files(sel, paths):
    """input.setFiles on the page's <input type=file> (as a person choosing
    the files: the input's change event follows)."""
    r = ff.cmd("script.evaluate", {"expression": "document.querySelector(%s)" % json.dumps(sel),
                                   "target": {"context": ctx}, "awaitPromise": False, "resultOwnership": "root"})
    node = r["result"]
    if node.get("type") != "node":
        raise BidiError("no %s in the page" % sel)
    ff.cmd("input.setFiles", {"context": ctx, "element": {"sharedId": node["sharedId"]},
                              "files": [os.path.abspath(p) for p in paths]})


def click(sel):
    js("document.querySelector(%s).click(), true" % json.dumps(sel))


def text(sel):
    return js("(function (e) { return e ? e.textContent : null; })(document.querySelector(%s))" % json.dumps(sel))


def count(state):
    return text("[data-count=%s]" % state)


def n(sel):
    return js("document.querySelectorAll(%s).length" % json.dumps(sel))


def login():
    js("document.getElementById('user').value = 'anna';"
       "document.getElementById('password').value = 'anna-secret-1';"
       "document.getElementById('submit').click(), true")


try:
    # --- login ---------------------------------------------------------------
    go(base + "/")
    wait("location.pathname == '/login' && document.getElementById('user')", what="the login page")
    check("no session: the login page", js("location.href") == base + "/login")
    check("the login page in Vietnamese", "Đăng nhập" in js("document.documentElement.outerHTML"), js("document.title"))
    check("the page as 1366x768", js("[innerWidth, innerHeight]") == [1366, 768], js("[innerWidth, innerHeight]"))
    shot("1-login")
    # the watches can see: an inline script (refused by the CSP) and a
    # script error, made here on purpose, then forgotten
    js("var s = document.createElement('script'); s.textContent = 'window.ppInline = 1';"
       "document.body.appendChild(s); setTimeout(function () { throw new Error('pp-self-test'); }, 0); true")
    t0 = time.time()
    while time.time() - t0 < 10 and not (any(e["method"] == "script.message" for e in ff.events) and
                                          any("pp-self-test" in (e["params"].get("text") or "") for e in ff.events)):
        ff.pump(0.2)
    check("the watches see a CSP violation and a script error",
          js("window.ppInline === undefined") and any(e["method"] == "script.message" for e in ff.events)
          and any("pp-self-test" in (e["params"].get("text") or "") for e in ff.events if e["method"] == "log.entryAdded"),
          [e["method"] for e in ff.events])
    del ff.events[:]
    js("document.getElementById('user').value = 'anna';"
       "document.getElementById('password').value = 'wrong-password';"
       "document.getElementById('submit').click(), true")
    wait("document.getElementById('msg').textContent", what="the wrong password's message")
    ok("a wrong password is said")
    login()
    wait("document.getElementById('years')", what="the years")
    wait("document.getElementById('years').textContent.indexOf('2021') >= 0", what="2021 in the years")
    ok("logged in: the years")
    check("the user is named", "anna" in text("#who"))

    # --- a bad appraisal, then a year ----------------------------------------
    badf = os.path.join(WORK, "sai.xml")
    open(badf, "wb").write(open("fixtures/gia-loc-2022.xml", "rb").read().replace(b'max="2"', b'max="2,5"', 1))
    set_files("#new-year input[type=file]", [badf])
    wait("document.querySelector('.appraisal-errors')", what="the appraisal's errors")
    check("a bad appraisal: its errors with the file's name", "sai.xml" in text(".appraisal-errors"), text(".appraisal-errors"))
    shot("2-years")
    blank = os.path.join(WORK, "blank-2022.xml")
    strip_scores("fixtures/gia-loc-2022.xml", blank)
    set_files("#new-year input[type=file]", [blank])
    wait("location.hash == '#/year/2022'", what="the new year's page")
    wait("document.querySelectorAll('#units tbody tr').length == 18 && document.querySelector('[data-count=missing]')",
         what="the units")
    check("the year's units: 18, no form", n("#units tbody tr") == 18 and count("missing") == "18", count("missing"))
    check("the file control speaks the page's language (not Firefox's 'Browse…')",
          text(".filepick") == "Chọn các tệp…", text(".filepick"))
    # the forms' zip as the page's link gives it
    z = js("fetch(document.getElementById('forms-zip').href, {credentials: 'same-origin'}).then(function (r) {"
           " return r.arrayBuffer().then(function (b) { return [r.status, r.headers.get('Content-Type'), b.byteLength]; }); })")
    check("the forms' zip behind the page's link", z[0] == 200 and "zip" in z[1] and z[2] > 1000, z)
    st, h, body = api.request("GET", "/api/years/2022/forms.zip")
    forms = os.path.join(WORK, "forms")
    zipfile.ZipFile(io.BytesIO(body)).extractall(forms)
    subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-2022.xml", forms], check=True)
    good_tn = glob.glob(os.path.join(forms, "units", ME, "*.xlsx"))[0]
    broken = os.path.join(WORK, "thong-nhat-sai.xlsx")
    shutil.copy(good_tn, broken)
    cells = subprocess.run([PY, "tests/break-form.py", broken, "above", "nan"], capture_output=True,
                           text=True, check=True).stdout.splitlines()
    others = [f for f in sorted(glob.glob(os.path.join(forms, "units/*/*.xlsx"))) if ME not in f]
    check("a form per unit in the zip", len(others) == 17, len(others))

    # --- drop 17 good forms and a broken one ---------------------------------
    set_files("input[type=file][multiple]", others + [broken])
    wait("document.querySelectorAll('#form-results tbody tr').length", 120, "the forms' results")
    check("18 results", n("#form-results tbody tr") == 18, n("#form-results tbody tr"))
    bad = js("Array.prototype.map.call(document.querySelectorAll('.formgrid td.bad'), function (b) {"
             " return [b.getAttribute('data-cell'), b.textContent]; })")
    check("the broken form's errors on its cells", sorted("Phiếu chấm điểm!" + b[0] for b in bad) == sorted(cells), bad)
    check("each marked cell says what is wrong", bad and all(b[1] for b in bad) and "1.1.1" in bad[0][1], bad)
    hidden = js("Array.prototype.filter.call(document.querySelectorAll('.formgrid td.bad'), function (b) {"
                " var box = b.closest('.scroll').getBoundingClientRect(), r = b.getBoundingClientRect();"
                " return r.left < box.left || r.right > box.right; }).length")
    check("the marked cells in sight without scrolling the grid (Firefox hides the scroll bar)", hidden == 0, hidden)
    grid = text(".formgrid")
    check("the grid shows the form's own cells around them", "1.1.1" in grid and "abc" in grid, grid[:300])
    wait("(document.querySelector('[data-count=ok]') || {}).textContent == '17'", what="17 complete")
    check("17 complete, 1 refused", count("invalid") == "1", count("invalid"))
    js("document.getElementById('drop-results').scrollIntoView(), true")
    sw = js("document.documentElement.scrollWidth")
    check("the page is 1366 wide without a horizontal scroll bar", sw <= 1366, sw)
    shot("3-form-errors")
    link = wait("(document.querySelector(\"tr[data-unit='%s'] input.linktext\") || {}).value" % ME, what="the unit's link")
    check("the unit's link, absolute", link.startswith(base + "/u/"), link)

    # --- the good one: complete, the ranking ---------------------------------
    set_files("input[type=file][multiple]", [good_tn])
    wait("(document.querySelector('[data-count=ok]') || {}).textContent == '18'", what="18 complete")
    wait("document.querySelectorAll('#ranking table.ranking tbody tr').length", what="the ranking")
    rk = js("Array.prototype.map.call(document.querySelectorAll('#ranking table.ranking tbody tr'), function (r) { return r.textContent; })")
    check("the ranking: 18 units, Thống Nhất first with 87,49%", len(rk) == 18 and "Thống Nhất" in rk[0] and "87,49%" in rk[0],
          rk[:1])
    check("ratings and flags in words", "Hoàn thành tốt nhiệm vụ" in rk[0] and "Làm rõ trách nhiệm" in text("#ranking"), rk[:1])
    click("#units tr[data-unit=%s] button" % ME)
    wait("document.querySelectorAll('#history tbody tr').length", what="the unit's forms")
    check("a unit's forms: the refused one and the good one, who and when",
          n("#history tbody tr") == 2 and "anna" in text("#history"), text("#history"))
    js("window.scrollTo(0, 0), true")
    shot("4-year")
    js("document.getElementById('ranking').scrollIntoView(), true")
    shot("5-ranking")

    # --- build ---------------------------------------------------------------
    # the bar's widths as the page draws them, seen from the page itself
    js("window.ppWidths = []; new MutationObserver(function () {"
       " var d = document.querySelector('#build-progress div'); if (d) window.ppWidths.push(d.style.width); })"
       ".observe(document.getElementById('app'), {subtree: true, childList: true, attributes: true}), true")
    click("#build")
    wait("document.querySelector('#build-msg [data-state=done], #build-msg [data-state=failed]')", 300, "the build")
    check("built: done", n("#build-msg [data-state=done]") == 1, text("#build-msg"))
    width = js("document.querySelector('#build-progress div').style.width")
    widths = js("window.ppWidths")
    check("the progress bar full", width == "100%", width)
    between = [w for w in widths if w.endswith("%") and 0 < float(w[:-1]) < 100]
    check("the progress bar moved on the way (a width between 0 and 100%)", between, widths)
    wait("document.querySelector('.preview-btn')", what="the packet's files")
    click(".preview-btn")
    wait("document.querySelector('#preview iframe')", what="the preview")
    src, ctype = js("(function (s) { return fetch(s).then(function (r) { return [s, r.headers.get('Content-Type')]; }); })"
                    "(document.querySelector('#preview iframe').src)")
    check("the preview shows a PDF of the packet", ctype == "application/pdf" and src.endswith(".pdf"), (src, ctype))
    ff.pump(2)
    js("document.getElementById('build').scrollIntoView(), true")
    shot("6-packet")
    pz = js("fetch(document.getElementById('packet-zip').href).then(function (r) {"
            " return r.arrayBuffer().then(function (b) { return [r.status, b.byteLength]; }); })")
    check("the packet's zip behind the page's link", pz[0] == 200 and pz[1] > 10000, pz)

    # --- log out -------------------------------------------------------------
    click("#logout")
    wait("location.pathname == '/login'", what="the login page after logout")
    go(base + "/")
    check("logged out: back to the login page", js("location.pathname") == "/login")

    # --- the unit's own page, no account -------------------------------------
    go(link)
    wait("document.getElementById('name')", what="the unit's page")
    check("the unit's page in Vietnamese: its name, its year", text("#name") == "Thống Nhất" and "2022" in text("#year"),
          (text("#name"), text("#year")))
    shot("7-unit")
    form = js("fetch(document.getElementById('download').href).then(function (r) {"
              " return r.arrayBuffer().then(function (b) { return [r.status, new Uint8Array(b.slice(0, 2))[0]]; }); })")
    check("the unit's form behind its link", form[0] == 200 and form[1] == 0x50, form)
    set_files("#file", [broken])
    click("#send")
    wait("document.getElementById('result')", 120, "the unit's result")
    marked = js("Array.prototype.map.call(document.querySelectorAll('td.bad'), function (b) {"
                " return [b.getAttribute('data-cell'), b.textContent]; })")
    check("the error shows on its cells", sorted("Phiếu chấm điểm!" + m[0] for m in marked) == sorted(cells)
          and all(m[1] for m in marked), marked)
    check("the page says the form was not taken", js("document.getElementById('result').getAttribute('data-status')") == "invalid")
    js("(document.querySelector('td.bad') || document.body).scrollIntoView({block: 'center'}), true")
    sw = js("document.documentElement.scrollWidth")
    check("the unit's page is 1366 wide without a horizontal scroll bar", sw <= 1366, sw)
    shot("8-unit-error")

    # --- the console ---------------------------------------------------------
    ff.pump(0.5)
    errors = [e["params"] for e in ff.events if e["method"] == "log.entryAdded" and e["params"].get("level") == "error"]
    csp = [e["params"]["data"] for e in ff.events if e["method"] == "script.message"]
    csp += [e["params"] for e in ff.events if e["method"] == "log.entryAdded"
            and "Content-Security-Policy" in (e["params"].get("text") or "")]
    check("no script error in the console", not errors, [(e.get("type"), e.get("text")) for e in errors])
    check("no CSP violation", not csp, csp)
except BidiError as e:
    bad("Firefox: %s" % e)
finally:
    ff.close()
    srv.stop()
finish()
