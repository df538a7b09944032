#!/usr/bin/python3
"""The API of `parpack serve` (issue 23, docs/api.md) end to end, through
HTTP on 127.0.0.1: accounts, sessions, CSRF, years, units, forms dropped
(good, broken, self-assessed only), results byte-equal to `score`, build
and send as jobs with their events, packet.zip and files, the packet
byte-identical to `parpack build`'s and sent once.

usage: serve-api.py PARPACK WORK   (run from the repository)"""
import glob, io, json, os, re, shutil, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *

PARPACK, WORK = sys.argv[1], sys.argv[2]
WS = os.path.join(WORK, "ws")

# --- accounts -------------------------------------------------------------
check("user add clerk (password on stdin)", add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1") == 0)
check("user add council", add_user(PARPACK, WS, "binh", "council", "binh-secret-1") == 0)
check("user add twice refused", add_user(PARPACK, WS, "anna", "clerk", "xxxxxxxxx") == 3)
check("user add without --role: usage error", subprocess.run(
    [PARPACK, "user", "add", "x", "--workspace", WS], input=b"p\n", capture_output=True).returncode == 2)
out = subprocess.run([PARPACK, "user", "list", "--workspace", WS], capture_output=True, text=True).stdout
check("user list", out == "anna\tclerk\nbinh\tcouncil\n", out)
check("user add short password refused", add_user(PARPACK, WS, "c", "clerk", "short") == 3)

# --- the SMTP server the sends go to ---------------------------------------
inbox, portfile = os.path.join(WORK, "inbox"), os.path.join(WORK, "smtp.port")
REFUSED = "ubnd.thongnhat@gialoc.example.vn"  # Thống Nhất's: refused by the server
smtpd = subprocess.Popen([PY, "tests/smtpd.py", inbox, portfile, "--timeout", "300", "--refuse", REFUSED])
for _ in range(100):
    if os.path.exists(portfile) and open(portfile).read().strip():
        break
    time.sleep(0.1)
smtp_port = open(portfile).read().strip()

srv = Server(PARPACK, WS, env={"PARPACK_SMTP_URL": "smtp://127.0.0.1:" + smtp_port})
anon = Client(srv.port)

# --- no session: 401 everywhere but the login ------------------------------
routes = [("GET", "/api/session"), ("DELETE", "/api/session"), ("GET", "/api/years"),
          ("POST", "/api/years"), ("GET", "/api/years/2022/units"),
          ("GET", "/api/years/2022/forms.zip"), ("GET", "/api/years/2022/units/thong-nhat/form.xlsx"),
          ("POST", "/api/years/2022/forms"), ("GET", "/api/years/2022/results"),
          ("POST", "/api/years/2022/build"), ("POST", "/api/years/2022/send"),
          ("GET", "/api/jobs/1"), ("GET", "/api/jobs/1/events"),
          ("GET", "/api/years/2022/packet.zip"),
          ("GET", "/api/years/2022/files/bao-cao-chi-so-cchc-2022.pdf"),
          ("GET", "/api/nothing"), ("GET", "/"), ("GET", "/app.js")]
for m, p in routes:
    st, h, body = anon.request(m, p)
    want = 401 if p.startswith("/api/") else (302, 303)
    if p.startswith("/api/"):
        check("no session: %s %s -> 401" % (m, p), st == 401 and json.loads(body).get("error"), (st, body))
    else:
        check("no session: %s %s -> the login page" % (m, p), st in want and h.get("location") == "/login", (st, h))
    check("headers on %s %s" % (m, p),
          "script-src 'self'" in h.get("content-security-policy", "") and "unsafe-inline" not in h.get("content-security-policy", "")
          and h.get("x-content-type-options") == "nosniff" and h.get("referrer-policy") == "no-referrer", h)

st, h, body = anon.json("POST", "/api/session", {"user": "anna", "password": "wrong-one"})
check("wrong password -> 401", st == 401 and "error" in body, (st, body))
st, h, body = anon.json("POST", "/api/session", {"user": "nobody", "password": "x"})
check("unknown user -> 401", st == 401, st)
st, h, body = anon.request("POST", "/api/session", b"{not json", {"Content-Type": "application/json"})
check("bad JSON -> 400", st == 400, st)

clerk = Client(srv.port)
st, h, body = clerk.login("anna", "anna-secret-1")
check("login -> 200 with a CSRF token", st == 200 and re.fullmatch(r"[0-9a-f]{64}", body["csrf"]), (st, body))
ck = h.get("set-cookie", "")
check("session cookie HttpOnly, SameSite=Strict, not Secure without TLS",
      "HttpOnly" in ck and "SameSite=Strict" in ck and "Secure" not in ck, ck)
st, h, body = clerk.json("GET", "/api/session")
check("GET /api/session", st == 200 and body == {"user": "anna", "role": "clerk", "csrf": clerk.csrf}, body)

st, h, texts = clerk.json("GET", "/assets/texts.json")
js = open("src/serve/www/app.js", encoding="utf-8").read()
used = set(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', js))
check("every text of the page is a msgid the server translates", st == 200 and used and used <= set(texts),
      used - set(texts or {}))

# --- CSRF: every state-changing route without the header -> 403 -------------
for m, p in [("POST", "/api/years"), ("POST", "/api/years/2022/forms"),
             ("POST", "/api/years/2022/build"), ("POST", "/api/years/2022/send"),
             ("DELETE", "/api/session"), ("PUT", "/api/years"), ("PATCH", "/api/years/2022")]:
    st, h, body = clerk.request(m, p, b"", csrf=False)
    check("no X-CSRF-Token: %s %s -> 403" % (m, p), st == 403, st)
    st, h, body = clerk.request(m, p, b"", {"X-CSRF-Token": "0" * 64}, csrf=False)
    check("wrong X-CSRF-Token: %s %s -> 403" % (m, p), st == 403, st)

st, h, body = clerk.request("POST", "/api/years/2022/build", b"{}", {"Origin": "http://evil.example"})
check("another site's page (Origin), even with the token -> 403", st == 403, st)
st, h, body = anon.request("POST", "/api/session", json.dumps({"user": "anna", "password": "anna-secret-1"}).encode(),
                           {"Origin": "http://evil.example", "Content-Type": "application/json"})
check("a login from another site's page -> 403", st == 403, st)

# --- years ----------------------------------------------------------------
blank22, blank21 = os.path.join(WORK, "blank-2022.xml"), os.path.join(WORK, "blank-2021.xml")
strip_scores("fixtures/gia-loc-2022.xml", blank22)
strip_scores("fixtures/gia-loc-2021.xml", blank21)
bad_xml = open("fixtures/gia-loc-2022.xml", "rb").read().replace(b'max="2"', b'max="2,5"', 1)
st, h, body = clerk.upload("/api/years", "appraisal", [("sai.xml", bad_xml)])
check("a bad appraisal -> 422 with errors (file, line, col, message)",
      st == 422 and body["errors"] and all(set(e) == {"file", "line", "col", "message"} for e in body["errors"])
      and body["errors"][0]["file"] == "sai.xml" and body["errors"][0]["line"] > 0, (st, body))
st, h, body = clerk.upload("/api/years", "appraisal", [("blank-2022.xml", open(blank22, "rb").read())])
check("POST /api/years blank 2022 -> 201", st == 201 and body == {"year": 2022}, (st, body))
st, h, body = clerk.upload("/api/years", "appraisal", [("blank-2022.xml", open(blank22, "rb").read())])
check("the same year twice -> 409", st == 409 and "error" in body, (st, body))
st, h, body = clerk.upload("/api/years", "appraisal", [("blank-2021.xml", open(blank21, "rb").read())])
check("POST /api/years blank 2021 -> 201", st == 201 and body == {"year": 2021}, (st, body))
st, h, body = clerk.json("GET", "/api/years")
check("GET /api/years", st == 200 and [(y["year"], y["units"], y["issuer"]) for y in body] ==
      [(2022, 18, "ỦY BAN NHÂN DÂN HUYỆN GIA LỘC"), (2021, 18, "ỦY BAN NHÂN DÂN HUYỆN GIA LỘC")], body)
st, h, body = clerk.json("GET", "/api/years/2019/units")
check("a year the workspace lacks -> 404", st == 404, st)
st, h, units = clerk.json("GET", "/api/years/2022/units")
check("units: 18, all missing", st == 200 and len(units) == 18 and all(u["form"] == "missing" for u in units)
      and set(units[0]) == {"id", "name", "block", "form", "received_at", "received_by", "errors", "link"}, units[:1])

# --- forms out --------------------------------------------------------------
forms = {}
for year in (2021, 2022):
    st, h, data = clerk.request("GET", "/api/years/%d/forms.zip" % year)
    z = zipfile.ZipFile(io.BytesIO(data))
    names = z.namelist()
    check("forms.zip %d: a form per unit" % year, st == 200 and h["content-type"] == "application/zip"
          and len(names) == 18 and all(re.fullmatch(r"units/[a-z0-9-]+/phieu-cham-diem-[a-z0-9-]+-%d\.xlsx" % year, n) for n in names), names)
    d = os.path.join(WORK, "forms-%d" % year)
    z.extractall(d)
    forms[year] = d
st, h, data = clerk.request("GET", "/api/years/2022/units/thong-nhat/form.xlsx")
check("one unit's form", st == 200 and data == open(os.path.join(forms[2022], "units/thong-nhat/phieu-cham-diem-thong-nhat-2022.xlsx"), "rb").read()
      and "attachment" in h.get("content-disposition", ""), (st, h))
st, h, data = clerk.request("GET", "/api/years/2022/units/nobody/form.xlsx")
check("a unit the year lacks -> 404", st == 404, st)

# --- forms back -------------------------------------------------------------
subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-2021.xml", forms[2021]], check=True)
subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-2022.xml", forms[2022], "--vary"], check=True)
f22 = sorted(glob.glob(os.path.join(forms[2022], "units/*/*.xlsx")))
broken = os.path.join(WORK, "broken.xlsx")
shutil.copy(os.path.join(forms[2022], "units/thong-nhat/phieu-cham-diem-thong-nhat-2022.xlsx"), broken)
cells = subprocess.run([PY, "tests/break-form.py", broken, "above", "nan"], capture_output=True, text=True, check=True).stdout.splitlines()
st, h, body = clerk.upload("/api/years/2022/forms", "form", [("broken.xlsx", open(broken, "rb").read())])
r0 = body["results"][0] if st == 200 else {}
check("a broken form: invalid, its errors on its cells", st == 200 and r0["status"] == "invalid" and r0["unit"] == "thong-nhat"
      and sorted("%s!%s" % (e["sheet"], e["cell"]) for e in r0["errors"]) == sorted(cells)
      and all(e["message"] for e in r0["errors"]), (body, cells))
rows = r0.get("rows", {}).get("Phiếu chấm điểm", {})
check("a broken form: the cells of its rows with errors", rows.get("11", [""])[0] == "1.1.1" and rows["11"][4] in ("5", "5.0")
      and rows.get("12", [""])[0] == "1.1.2" and rows["12"][4] == "abc", rows)
st, h, units = clerk.json("GET", "/api/years/2022/units")
u = {x["id"]: x for x in units}
check("the unit shows the refused form", u["thong-nhat"]["form"] == "invalid" and u["thong-nhat"]["received_by"] == "anna"
      and len(u["thong-nhat"]["errors"]) == 2, u["thong-nhat"])
# a self-assessed form: the appraised column emptied
import openpyxl
selfonly = os.path.join(WORK, "self-only.xlsx")
wb = openpyxl.load_workbook(os.path.join(forms[2022], "units/dong-quang/phieu-cham-diem-dong-quang-2022.xlsx"))
ws = wb["Phiếu chấm điểm"]
col = [c.column for c in ws[max(r for r in range(1, 30) if any(str(c.value or "").strip() == "Thẩm định" for c in ws[r]))]
       if str(c.value or "").strip() == "Thẩm định"][0]
for r in range(1, ws.max_row + 1):
    v = ws.cell(r, col).value
    if isinstance(v, (int, float)) or (isinstance(v, str) and re.fullmatch(r"[0-9.,]+|KAD|kad", v.strip())):
        if ws.cell(r, col - 1).value in (None, ""):  # a criterion only appraised
            ws.cell(r, col - 1).value = v
        ws.cell(r, col).value = None
wb.save(selfonly)
st, h, body = clerk.upload("/api/years/2022/forms", "form", [("self-only.xlsx", open(selfonly, "rb").read())])
check("a self-assessed form: submitted", st == 200 and body["results"][0]["status"] == "submitted"
      and body["results"][0]["unit"] == "dong-quang", body)
st, h, body = clerk.json("GET", "/api/years/2022/results")
check("results before every form is in -> 409", st == 409 and "error" in body, (st, body))
# council drops the forms: each judged on its own (the broken one again among them)
council = Client(srv.port)
check("council logs in", council.login("binh", "binh-secret-1")[0] == 200)
st, h, body = council.upload("/api/years/2022/forms", "form",
                             [(os.path.basename(f), open(f, "rb").read()) for f in f22] + [("broken.xlsx", open(broken, "rb").read())])
res = body["results"] if st == 200 else []
check("18 good forms and a bad one at once: 18 ok, 1 invalid",
      len(res) == 19 and sum(r["status"] == "ok" for r in res) == 18 and res[-1]["status"] == "invalid", [r["status"] for r in res])
st, h, units = clerk.json("GET", "/api/years/2022/units")
check("every unit ok (a later refused form does not undo an accepted one)",
      all(x["form"] == "ok" and x["received_by"] == "binh" for x in units), [(x["id"], x["form"]) for x in units])
check("the refused form after it is shown", len({x["id"]: x for x in units}["thong-nhat"]["errors"]) == 2, "")
st, h, hist = clerk.json("GET", "/api/years/2022/units/thong-nhat/forms")
check("a unit's forms, newest first, with who and when", st == 200 and [f["status"] for f in hist] == ["invalid", "ok", "invalid"]
      and hist[0]["received_by"] == "binh" and hist[2]["received_by"] == "anna" and hist[2]["file"] == "broken.xlsx", hist)
st, h, data = clerk.request("GET", "/api/years/2022/forms/%d" % hist[2]["form"])
check("a kept form's bytes, as received", st == 200 and data == open(broken, "rb").read(), st)
check("a form of another year -> 404", clerk.request("GET", "/api/years/2021/forms/%d" % hist[2]["form"])[0] == 404)
check("a form id that is no number -> 404", clerk.request("GET", "/api/years/2022/forms/1x")[0] == 404)
st, h, body = clerk.upload("/api/years/2021/forms", "form",
                           [(os.path.basename(f), open(f, "rb").read()) for f in sorted(glob.glob(os.path.join(forms[2021], "units/*/*.xlsx")))])
check("2021's forms: all ok", st == 200 and all(r["status"] == "ok" for r in body["results"]), body)
st, h, body = clerk.upload("/api/years/2021/forms", "form", [("f.xlsx", open(f22[0], "rb").read())])
check("a 2022 form to 2021: invalid", st == 200 and body["results"][0]["status"] == "invalid"
      and any("2021" in e["message"] for e in body["results"][0]["errors"]), body)
st, h, body = clerk.upload("/api/years/2022/forms", "form", [("junk.xlsx", b"PK\x03\x04 not a zip")])
check("a file that is no workbook: invalid, with a message", st == 200 and body["results"][0]["status"] == "invalid"
      and body["results"][0]["errors"] and body["results"][0]["unit"] is None, body)

# --- results = score --format json -----------------------------------------
st, h, data = clerk.request("GET", "/api/years/2022/results")
want = subprocess.run([PARPACK, "score", "fixtures/gia-loc-2022.xml", "--previous", "fixtures/gia-loc-2021.xml",
                       "--format", "json"], capture_output=True).stdout
check("results byte-equal to score --format json (with 2021 as previous)", st == 200 and data == want and len(want) > 1000,
      (st, data[:200]))

st, h, body = clerk.json("GET", "/api/years/2022/labels")
check("labels: the ratings' and flags' words", st == 200 and set(body["ratings"]) == {"xuat-sac", "tot", "hoan-thanh", "khong"}
      and all(body["ratings"].values()) and "tthc" in body["flags"], body)

# --- build ------------------------------------------------------------------
st, h, body = council.json("POST", "/api/years/2022/send", {})
check("council may not send -> 403", st == 403, (st, body))
st, h, body = clerk.json("POST", "/api/years/2022/send", {})
check("send before a build -> 409", st == 409, (st, body))
st, h, body = clerk.json("POST", "/api/years/2022/build", {})
check("build -> 202 with a job", st == 202 and isinstance(body.get("job"), int), (st, body))
job = body["job"]
st, ctype, seen = clerk.wait_job(job)
check("job events: text/event-stream", st == 200 and ctype.startswith("text/event-stream"), ctype)
check("job events: progress, then done", len(seen) >= 3 and seen[-1]["state"] == "done"
      and seen[-1]["done"] == seen[-1]["total"] == 43 and any(0 < e["done"] < 43 for e in seen), [(e["state"], e["done"]) for e in seen])
st, h, body = clerk.json("GET", "/api/jobs/%d" % job)
check("GET /api/jobs/ID", st == 200 and body["state"] == "done" and body["done"] == 43 and body["total"] == 43
      and isinstance(body["message"], str), body)
check("an unknown job -> 404", clerk.json("GET", "/api/jobs/99999")[0] == 404)
cli = os.path.join(WORK, "cli", "2022")
subprocess.run([PARPACK, "build", "fixtures/gia-loc-2022.xml", "--previous", "fixtures/gia-loc-2021.xml",
                "--out", cli, "--quiet"], check=True)
man = [l.split("\t") for l in open(os.path.join(cli, "manifest.tsv"), encoding="utf-8").read().splitlines()]
srvdir = os.path.join(WS, "output", "2022")
same = all(open(os.path.join(cli, p), "rb").read() == open(os.path.join(srvdir, p), "rb").read() for k, u, p, n, s in man)
check("the server's packet is parpack build's, byte for byte", same and
      open(os.path.join(cli, "manifest.tsv"), "rb").read() == open(os.path.join(srvdir, "manifest.tsv"), "rb").read(), "")
st, h, files = clerk.json("GET", "/api/years/2022/files")
check("GET files: the manifest as JSON", st == 200 and [(f["kind"], f["unit"] or "", f["path"], str(f["bytes"]), f["sha256"]) for f in files]
      == [tuple(m) for m in man], files[:2])
st, h, data = clerk.request("GET", "/api/years/2022/packet.zip")
z = zipfile.ZipFile(io.BytesIO(data))
check("packet.zip: paths as in manifest.tsv, bytes as built",
      st == 200 and sorted(z.namelist()) == sorted([m[2] for m in man] + ["manifest.tsv", "SHA256SUMS"])
      and all(z.read(m[2]) == open(os.path.join(cli, m[2]), "rb").read() for m in man), sorted(z.namelist())[:5])
st, h, data = clerk.request("GET", "/api/years/2022/files/bao-cao-chi-so-cchc-2022.pdf")
check("a PDF inline", st == 200 and h["content-type"] == "application/pdf" and h["content-disposition"].startswith("inline")
      and data[:5] == b"%PDF-", (st, h))
st, h, data = clerk.request("GET", "/api/years/2022/files/units/thong-nhat/bang-diem-thong-nhat-2022.xlsx")
check("a unit's workbook as an attachment", st == 200 and h["content-disposition"].startswith("attachment")
      and data == open(os.path.join(cli, "units/thong-nhat/bang-diem-thong-nhat-2022.xlsx"), "rb").read(), (st, h))

# --- send -------------------------------------------------------------------
st, h, body = clerk.json("POST", "/api/years/2022/send", {})
check("send -> 202", st == 202, (st, body))
st, ctype, seen = clerk.wait_job(body["job"])
last = seen[-1] if seen else {}
units = {x["unit"]: x for x in last.get("units", [])}
check("send: 17 units, 16 sent, Thống Nhất refused with the server's words; the job failed",
      last.get("state") == "failed" and len(units) == 17 and sum(x["state"] == "sent" for x in units.values()) == 16
      and units["thong-nhat"]["state"] == "refused" and "550" in units["thong-nhat"]["message"], last)
check("send: per-unit progress streamed", len(seen) >= 3 and any(0 < e["done"] < 17 for e in seen), [e["done"] for e in seen])
n1 = len(glob.glob(os.path.join(inbox, "*.eml")))
check("16 messages delivered", n1 == 16, n1)
check("sent.log kept in the packet", len(open(os.path.join(srvdir, "sent.log")).read().splitlines()) == 16)
st, h, body = clerk.json("POST", "/api/years/2022/send", {})
st, ctype, seen = clerk.wait_job(body["job"])
units = {x["unit"]: x for x in seen[-1]["units"]} if seen else {}
check("send again: the 16 already sent, not again; Thống Nhất refused again",
      seen and sum(x["state"] == "sent" for x in units.values()) == 16 and units["thong-nhat"]["state"] == "refused"
      and len(glob.glob(os.path.join(inbox, "*.eml"))) == 16, seen[-1] if seen else None)
out = subprocess.run([PARPACK, "send", srvdir, "--dry-run"], capture_output=True, text=True).stdout
check("parpack send on the server's packet sees the same record", "would send: thong-nhat" in out
      and out.count("already sent:") == 16, out)
# a message changed after the build (cut short) is not sent, and the
# unit's row says why
tn = glob.glob(os.path.join(srvdir, "units/thong-nhat/*.eml"))[0]
whole = open(tn, "rb").read()
open(tn, "wb").write(whole[:2000])
st, h, body = clerk.json("POST", "/api/years/2022/send", {})
st, ctype, seen = clerk.wait_job(body["job"])
units = {x["unit"]: x for x in seen[-1]["units"]} if seen else {}
check("a message cut short after the build: not sent, its row says so",
      seen and units["thong-nhat"]["state"] == "refused" and "changed after the build" in units["thong-nhat"]["message"]
      and len(glob.glob(os.path.join(inbox, "*.eml"))) == 16, units.get("thong-nhat"))
open(tn, "wb").write(whole)

# --- accounts changed while serving ------------------------------------------
b2 = Client(srv.port)
check("binh logs in", b2.login("binh", "binh-secret-1")[0] == 200)
r = subprocess.run([PARPACK, "user", "password", "binh", "--workspace", WS], input=b"binh-secret-2\n", capture_output=True)
check("user password: exit 0", r.returncode == 0, r.stderr)
check("a changed password ends the account's sessions", b2.json("GET", "/api/years")[0] == 401)
r = subprocess.run([PARPACK, "user", "remove", "binh", "--workspace", WS], capture_output=True)
check("user remove: exit 0", r.returncode == 0, r.stderr)
check("a removed account cannot log in", Client(srv.port).login("binh", "binh-secret-2")[0] == 401)
r = subprocess.run([PARPACK, "user", "remove", "binh", "--workspace", WS], capture_output=True)
check("user remove of no such account: exit 3", r.returncode == 3, r.returncode)
check("user add binh again", add_user(PARPACK, WS, "binh", "council", "binh-secret-1") == 0)

# --- logout, slowing --------------------------------------------------------
council = Client(srv.port)
council.login("binh", "binh-secret-1")
st, h, body = council.json("DELETE", "/api/session")
check("logout", st == 200 and "Max-Age=0" in h.get("set-cookie", ""), (st, h))
check("after logout -> 401", council.json("GET", "/api/years")[0] == 401)
slow = Client(srv.port)
codes = [slow.json("POST", "/api/session", {"user": "binh", "password": "nope-%d" % i})[0] for i in range(7)]
k = codes.index(429) if 429 in codes else -1
check("wrong passwords are slowed: 401, then 429 from the fifth failure on", codes[0] == 401 and 0 < k <= 5
      and all(c == 429 for c in codes[k:]), codes)
st, h, body = slow.json("POST", "/api/session", {"user": "binh", "password": "binh-secret-1"})
check("even the right password waits while slowed", st == 429, st)

# --- audit log ----------------------------------------------------------------
import sqlite3
db = sqlite3.connect(os.path.join(WS, "parpack.db"))
acts = {a for (a,) in db.execute("SELECT action FROM audit")}
check("audit log: logins, uploads, years, builds, sends", {"login", "upload", "year", "build", "send", "logout"} <= acts, acts)
check("no password in the audit log", not any("secret" in str(r) for r in db.execute("SELECT * FROM audit")))
n = db.execute("SELECT count(*), sum(length(bytes)) FROM forms").fetchone()
check("every form received kept with its bytes", n[0] >= 40 and n[1] > 40 * 5000, n)
db.close()

srv.stop()
smtpd.terminate()
smtpd.wait()
finish()
