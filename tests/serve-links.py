#!/usr/bin/python3
"""Each unit's own link (issue 24, docs/api.md) end to end through HTTP on
127.0.0.1: links in the clerk's list (distinct, 192-bit tokens, relative,
absolute with --public-url), the unit's page and form, uploads judged with
errors on the cells, another unit's / year's / issuer's form refused, the
appraised column ignored, the council's form making the unit ok, a new
link killing the old one, the deadline, cross-site posts refused, every
step in the audit log, wrong tokens slowed (429); then the load: 170 units
upload through their links at once from 20 clients, every form recorded
once.

usage: serve-links.py PARPACK WORK   (run from the repository)"""
import html as html_mod
import concurrent.futures, glob, io, json, os, re, shutil, sqlite3, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *

PARPACK, WORK = sys.argv[1], sys.argv[2]
WS = os.path.join(WORK, "ws")

check("user add clerk", add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1") == 0)
check("user add council", add_user(PARPACK, WS, "binh", "council", "binh-secret-1") == 0)
srv = Server(PARPACK, WS)
clerk, council, anon = Client(srv.port), Client(srv.port), Client(srv.port)
check("clerk logs in", clerk.login("anna", "anna-secret-1")[0] == 200)
check("council logs in", council.login("binh", "binh-secret-1")[0] == 200)

blank22, blank21 = os.path.join(WORK, "blank-2022.xml"), os.path.join(WORK, "blank-2021.xml")
strip_scores("fixtures/gia-loc-2022.xml", blank22)
strip_scores("fixtures/gia-loc-2021.xml", blank21)
for b in (blank22, blank21):
    st, h, body = clerk.upload("/api/years", "appraisal", [(os.path.basename(b), open(b, "rb").read())])
    check("year from " + os.path.basename(b), st == 201, (st, body))

st, h, texts = clerk.json("GET", "/assets/texts.json")
js = open("src/serve/www/council.js", encoding="utf-8").read() + open("src/serve/www/app.js", encoding="utf-8").read()
used = set(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', js))
check("every text of council.js is a msgid the server translates", st == 200 and used and used <= set(texts),
      used - set(texts or {}))
st, h, data = clerk.request("GET", "/assets/council.js")
check("council.js served with a session", st == 200 and b"sheetPanel" in data, st)
st, h, data = anon.request("GET", "/assets/council.js")
check("council.js not without one", st in (302, 303), st)
st, h, data = anon.request("GET", "/assets/unit.js")
check("unit.js (the unit's page's) served without a session", st == 200 and b"picked" in data
      and h.get("content-type", "").startswith("text/javascript"), st)

# --- links in the clerk's list ---------------------------------------------
st, h, units = clerk.json("GET", "/api/years/2022/units")
check("units: each with a link", st == 200 and len(units) == 18 and all("link" in u for u in units), units[:1])
links = {u["id"]: u["link"] for u in units}
names = {u["id"]: u["name"] for u in units}
check("links relative without --public-url: /u/ and 48 hex digits (192 bits >= 128)",
      all(re.fullmatch(r"/u/[0-9a-f]{48}", l) for l in links.values()), list(links.values())[:2])
check("links distinct", len(set(links.values())) == 18, len(set(links.values())))
st, h, units2 = clerk.json("GET", "/api/years/2022/units")
check("a link stays the same from one listing to the next", {u["id"]: u["link"] for u in units2} == links, "")
st, h, u21 = clerk.json("GET", "/api/years/2021/units")
check("a unit's link differs per year", all(u["link"] != links[u["id"]] for u in u21), "")
db = sqlite3.connect(os.path.join(WS, "parpack.db"))
rows = db.execute("SELECT count(*) FROM units WHERE year=2022 AND link_hash IS NOT NULL").fetchone()[0]
dump = "\n".join(db.iterdump())
check("links stored hashed: 18 hashes, no token in the database",
      rows == 18 and not any(l[3:] in dump for l in links.values()), rows)
check("the link key is the workspace's, mode 0600",
      oct(os.stat(os.path.join(WS, "link.key")).st_mode & 0o777) == "0o600", "")

# --- the unit's page ------------------------------------------------------------
me, other = "thong-nhat", "dong-quang"
mine = links[me]
st, h, page = anon.request("GET", mine)
page = page.decode()
check("GET /u/TOKEN without an account: 200, the unit's page", st == 200 and names[me] in page
      and "2022" in page and h["content-type"].startswith("text/html"), (st, page[:300]))
check("the page has the security headers", "script-src 'self'" in h.get("content-security-policy", "")
      and h.get("x-content-type-options") == "nosniff" and h.get("referrer-policy") == "no-referrer", h)
check("the page names no other unit", not any(n in page for i, n in names.items() if i != me)
      and not any(i in page for i in names if i != me), "")
check("the page has no link of another unit", not any(l in page for i, l in links.items() if i != me), "")
st, h, form = anon.request("GET", mine + "/form.xlsx")
st2, h2, form2 = clerk.request("GET", "/api/years/2022/units/%s/form.xlsx" % me)
check("GET /u/TOKEN/form.xlsx: the unit's blank form", st == 200 and form == form2 and form[:2] == b"PK"
      and "attachment" in h.get("content-disposition", ""), (st, h))

# the forms, filled
forms = {}
for year in (2021, 2022):
    st, h, data = clerk.request("GET", "/api/years/%d/forms.zip" % year)
    d = os.path.join(WORK, "forms-%d" % year)
    zipfile.ZipFile(io.BytesIO(data)).extractall(d)
    subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-%d.xml" % year, d], check=True)
    forms[year] = d
def filled(year, unit):
    return open(glob.glob(os.path.join(forms[year], "units", unit, "*.xlsx"))[0], "rb").read()
def spoil(unit, *cases):
    path = os.path.join(WORK, "%s-%s.xlsx" % (unit, "-".join(cases)))
    open(path, "wb").write(filled(2022, unit))
    cells = subprocess.run([PY, "tests/break-form.py", path] + list(cases), capture_output=True,
                           text=True, check=True).stdout.splitlines()
    return open(path, "rb").read(), cells

# --- uploads ------------------------------------------------------------------------
bad, cells = spoil(me, "negative")
def send(link, name, data, headers=None):
    import uuid
    b = uuid.uuid4().hex
    body = ("--%s\r\nContent-Disposition: form-data; name=\"form\"; filename=\"%s\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n" % (b, name)).encode() + data + ("\r\n--%s--\r\n" % b).encode()
    hd = {"Content-Type": "multipart/form-data; boundary=" + b}
    hd.update(headers or {})
    st, h, d = anon.request("POST", link + "/form", body, hd)
    try:
        return st, h, json.loads(d)
    except ValueError:
        return st, h, d.decode("utf-8", "replace")
st, h, body = send(mine, "phieu.xlsx", bad, JSON)
check("a form with an error: 422 {status: invalid, errors on its cells}", st == 422 and body["status"] == "invalid"
      and sorted("%s!%s" % (e["sheet"], e["cell"]) for e in body["errors"]) == sorted(cells)
      and all(set(e) == {"sheet", "cell", "message"} for e in body["errors"]), (st, body, cells))
st, h, html = send(mine, "phieu.xlsx", bad)
check("the same without Accept JSON: the page with the cell marked", st == 422 and
      'data-cell="%s"' % cells[0].split("!")[1] in html and names[me] in html, (st, html[:500]))
st, h, units = clerk.json("GET", "/api/years/2022/units")
u = {x["id"]: x for x in units}
check("the clerk sees the unit's refused form", u[me]["form"] == "invalid" and u[me]["received_by"] == "link:" + me, u[me])
st, h, body = send(mine, "phieu.xlsx", bad, JSON)
st, h, page = anon.request("GET", mine)
page = html_mod.unescape(page.decode())
check("the unit comes back to its page: the last form's errors again, on its cells",
      st == 200 and 'id="result" data-status="invalid"' in page and "phieu.xlsx" in page
      and all('data-cell="%s"' % c.split("!")[1] in page for c in cells)
      and all(e["message"] in page for e in body["errors"]), (st, page[:800], body))

st, h, body = send(mine, "cua-don-vi-khac.xlsx", filled(2022, other), JSON)
check("another unit's form to my link: refused", st == 422 and body["status"] == "invalid" and body["errors"], (st, body))
check("the refusal names no other unit", other not in json.dumps(body, ensure_ascii=False)
      and names[other] not in json.dumps(body, ensure_ascii=False), body)
st, h, html = send(mine, "cua-don-vi-khac.xlsx", filled(2022, other))
check("the refusal page names no other unit", st == 422 and names[other] not in html and other not in html, html[:300])
st, h, units = clerk.json("GET", "/api/years/2022/units")
u = {x["id"]: x for x in units}
check("the other unit is untouched by it", u[other]["form"] == "missing", u[other])
for case, word in (("year", "2021"), ("issuer", None)):
    data, c = spoil(me, case)
    st, h, body = send(mine, "f.xlsx", data, JSON)
    check("a form of another %s to my link: refused" % case, st == 422 and body["status"] == "invalid"
          and (word is None or any(word in e["message"] for e in body["errors"])), (st, body))
st, h, body = send(mine, "f.xlsx", filled(2021, me), JSON)
check("the unit's own 2021 form to its 2022 link: refused", st == 422 and body["status"] == "invalid", (st, body))

# a good form that also fills the appraised column
st, h, body = send(mine, "phieu-thong-nhat.xlsx", filled(2022, me), JSON)
check("a good form: 200 submitted, the appraised column ignored (and said so)",
      st == 200 and body == {"status": "submitted", "errors": [], "appraised_ignored": True}, (st, body))
st, h, html = send(mine, "phieu-thong-nhat.xlsx", filled(2022, me))
check("the page says the appraised column was not kept", st == 200 and 'id="dropped"' in html, html[:300])
st, h, units = clerk.json("GET", "/api/years/2022/units")
u = {x["id"]: x for x in units}
check("the clerk sees it submitted (not ok: the unit's appraisal is not taken)", u[me]["form"] == "submitted", u[me])
st, h, page = anon.request("GET", mine)
page = page.decode()
check("the page lists what was sent, and when", page.count("phieu-thong-nhat.xlsx") == 2
      and "phieu.xlsx" in page and "cua-don-vi-khac.xlsx" not in page, "")
check("a form taken after the refused ones: their errors no longer shown", 'id="result"' not in page, page[:500])

# cross-site posts
for hd in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
    st, h, body = send(mine, "x.xlsx", filled(2022, me), dict(JSON, **hd))
    check("a post from another site (%s) -> 403" % hd, st == 403, (st, body))
st, h, body = send(mine, "x.xlsx", filled(2022, me), dict(JSON, **{"Origin": "http://127.0.0.1:%d" % srv.port,
                                                                   "Sec-Fetch-Site": "same-origin"}))
check("a post from the page itself (Origin, Sec-Fetch-Site) -> 200", st == 200, (st, body))
st, h, body = send(mine, "x.xlsx", filled(2022, me), dict(JSON, **{"Origin": "null", "Sec-Fetch-Site": "same-origin"}))
check("a post of the page's own form (no-referrer: Origin null, Sec-Fetch-Site same-origin) -> 200", st == 200, (st, body))

# --- the council's turn: the appraised form makes the unit ok ------------------
st, h, got = council.request("GET", "/api/years/2022/units/%s/received.xlsx" % me)
check("the council downloads the unit's received form", st == 200 and got == filled(2022, me), st)
st, h, body = council.upload("/api/years/2022/forms", "form", [("tham-dinh.xlsx", filled(2022, me))])
check("the council's appraised form: ok", st == 200 and body["results"][0]["status"] == "ok", body)
st, h, units = clerk.json("GET", "/api/years/2022/units")
check("submitted -> ok", {x["id"]: x for x in units}[me]["form"] == "ok", "")
st, h, page = anon.request("GET", mine)
check("the unit's page shows it appraised", 'id="state" class="badge b-ok"' in page.decode(), "")

# the appraised column of a link's form never reaches the appraisal
for f in sorted(glob.glob(os.path.join(forms[2022], "units/*/*.xlsx"))):
    unit = f.split("/")[-2]
    if unit not in (me, other):
        council.upload("/api/years/2022/forms", "form", [(os.path.basename(f), open(f, "rb").read())])
send(links[other], "f.xlsx", filled(2022, other), JSON)
clerk.request("GET", "/api/years/2022/results")
xml = open(os.path.join(WS, "years/2022/appraisal.xml"), encoding="utf-8").read()
ux = re.search(r'<unit id="%s".*?</unit>' % other, xml, re.S)
um = re.search(r'<unit id="%s".*?</unit>' % me, xml, re.S)
check("the assembled appraisal: the link's unit without appraised points, self kept",
      ux and "appraised=" not in ux.group(0) and "self=" in ux.group(0), ux.group(0)[:300] if ux else xml[:300])
check("... and the council's unit with them", um and "appraised=" in um.group(0), "")

# --- a new link ----------------------------------------------------------------------
st, h, body = council.json("POST", "/api/years/2022/units/%s/link" % me, {})
check("council may not make a link -> 403", st == 403, (st, body))
st, h, body = clerk.json("POST", "/api/years/2022/units/nobody/link", {})
check("a new link of no unit -> 404", st == 404, (st, body))
st, h, body = clerk.json("POST", "/api/years/2022/units/%s/link" % me, {})
check("POST units/{id}/link -> a new link", st == 200 and body["id"] == me and re.fullmatch(r"/u/[0-9a-f]{48}", body["link"])
      and body["link"] != mine, body)
new = body["link"]
st, h, page = anon.request("GET", mine, headers=JSON)
check("the old link is dead at once: 404, naming no unit", st == 404 and names[me] not in page.decode()
      and me not in page.decode(), (st, page))
st, h, body = send(mine, "x.xlsx", filled(2022, me), JSON)
check("the old link takes no form", st == 404, st)
st, h, page = anon.request("GET", new)
check("the new link works", st == 200 and names[me] in page.decode(), st)
st, h, units = clerk.json("GET", "/api/years/2022/units")
check("the list gives the new link", {x["id"]: x for x in units}[me]["link"] == new, "")
mine = new

# --- the deadline ----------------------------------------------------------------------
st, h, body = council.json("PATCH", "/api/years/2022", {"deadline": "2020-01-01T00:00:00Z"})
check("council may not set the deadline -> 403", st == 403, st)
for v in ("tomorrow", "2026-02-30", "2026-13-01T00:00Z", "2026-01-01T25:00Z"):
    st, h, body = clerk.json("PATCH", "/api/years/2022", {"deadline": v})
    check("a deadline %r -> 400" % v, st == 400, (st, body))
st, h, body = clerk.json("PATCH", "/api/years/2022", {"deadline": "2099-12-31T17:00:00+07:00"})
check("PATCH /api/years/{year} {deadline} -> 200", st == 200 and body == {"year": 2022, "deadline": "2099-12-31T10:00:00Z", "round": "none", "round_deadline": None}, body)
st, h, page = anon.request("GET", mine)
check("the page gives the deadline", "2099" in page.decode(), "")
st, h, body = send(mine, "x.xlsx", filled(2022, me), JSON)
check("before the deadline: taken", st == 200, st)
st, h, body = clerk.json("PATCH", "/api/years/2022", {"deadline": "2021-06-30T17:00:00Z"})
check("a deadline passed", st == 200, (st, body))
st, h, body = send(mine, "x.xlsx", filled(2022, me), JSON)
check("after the deadline: 403 with the deadline in words", st == 403 and "30/06/2021" in body["error"], (st, body))
st, h, page = anon.request("GET", mine)
page = page.decode()
check("after the deadline the page reads only (no upload form), deadline shown",
      st == 200 and 'id="upload"' not in page and "30/06/2021" in page, page[:400])
st, h, form = anon.request("GET", mine + "/form.xlsx")
check("... and the blank form still downloads", st == 200 and form[:2] == b"PK", st)
clerk.json("PATCH", "/api/years/2022", {"deadline": "2099-12-31"})

# --- every step in the audit log ---------------------------------------------------------
acts = db.execute("SELECT action, user, detail FROM audit").fetchall()
def has(action, pred=lambda r: True):
    return any(a == action and pred((u, d)) for a, u, d in acts)
check("audit: link uploads", has("link-upload", lambda r: r[0] == "link:" + me and "appraised column ignored" in r[1]), "")
check("audit: another unit's form refused", has("link-upload", lambda r: "another unit" in r[1]), "")
check("audit: a new link", has("link", lambda r: r[0] == "anna" and me in r[1]), "")
check("audit: the deadline", has("deadline", lambda r: "2021-06-30T17:00:00Z" in r[1]), "")

# --- the forms' messages carry the links -------------------------------------------------------
st, h, body = clerk.json("POST", "/api/years/2021/send-forms", {})
check("sending the forms without --public-url -> 409 (a link in a message must be absolute)", st == 409, (st, body))

# --- --public-url: the links absolute, the same tokens ----------------------------------------
srv.stop()
import email
inbox, portfile = os.path.join(WORK, "inbox"), os.path.join(WORK, "smtp.port")
smtpd = subprocess.Popen([PY, "tests/smtpd.py", inbox, portfile, "--timeout", "300"])
for _ in range(100):
    if os.path.exists(portfile) and open(portfile).read().strip():
        break
    time.sleep(0.1)
srv = Server(PARPACK, WS, extra=["--public-url", "https://cchc.example.vn/"],
             env={"PARPACK_SMTP_URL": "smtp://127.0.0.1:" + open(portfile).read().strip()})
clerk = Client(srv.port)
clerk.login("anna", "anna-secret-1")
council = Client(srv.port)
council.login("binh", "binh-secret-1")
st, h, body = council.json("POST", "/api/years/2021/send-forms", {})
check("council may not send the forms -> 403", st == 403, st)
st, h, u21 = clerk.json("GET", "/api/years/2021/units")
l21 = {u["id"]: u["link"] for u in u21}
st, h, body = clerk.json("POST", "/api/years/2021/send-forms", {})
check("POST /api/years/{year}/send-forms -> 202 a job", st == 202 and "job" in body, (st, body))
st, ctype, seen = clerk.wait_job(body["job"])
check("the forms' job: done, each unit with an address sent", seen and seen[-1]["state"] == "done"
      and sum(u["state"] == "sent" for u in seen[-1]["units"]) == 18, seen[-1] if seen else None)
mails = {}
for f in sorted(glob.glob(os.path.join(inbox, "*.eml"))):
    m = email.message_from_binary_file(open(f, "rb"))
    text = "".join(p.get_payload(decode=True).decode("utf-8") for p in m.walk() if p.get_content_type() == "text/plain")
    atts = [p.get_filename() for p in m.walk() if p.get_filename()]
    mails[f] = (m, text, atts)
check("18 messages (every unit of 2021 has an address), each with its form attached", len(mails) == 18 and all(len(a) == 1 and a[0].endswith(".xlsx") for m, t, a in mails.values()), len(mails))
good = 0
for m, text, atts in mails.values():
    unit = re.search(r"phieu-cham-diem-(.+)-2021\.xlsx", atts[0]).group(1)
    own = l21.get(unit)
    others = [l for i, l in l21.items() if i != unit]
    good += bool(own and own in text and own.startswith("https://cchc.example.vn/u/") and not any(l in text for l in others))
check("each message carries its own unit's link, and no other's", good == 18, good)
st, h, body = clerk.json("POST", "/api/years/2021/send-forms", {})
st, ctype, seen = clerk.wait_job(body["job"])
check("the forms sent again: none twice", seen[-1]["state"] == "done" and len(glob.glob(os.path.join(inbox, "*.eml"))) == 18,
      seen[-1])
for _ in range(50):  # the job's audit row follows its last event
    acts = sqlite3.connect(os.path.join(WS, "parpack.db")).execute("SELECT count(*) FROM audit WHERE action='forms'").fetchone()[0]
    if acts == 2:
        break
    time.sleep(0.1)
check("audit: the forms' sends", acts == 2, acts)
smtpd.terminate()
smtpd.wait()
st, h, units = clerk.json("GET", "/api/years/2022/units")
check("with --public-url the links are absolute, the tokens unchanged",
      all(x["link"] == "https://cchc.example.vn" + (mine if x["id"] == me else links[x["id"]]) for x in units),
      [x["link"] for x in units[:2]])
anon = Client(srv.port)

# --- wrong tokens slowed --------------------------------------------------------------------
db = sqlite3.connect(os.path.join(WS, "parpack.db"))
before = db.execute("SELECT count FROM login_failures WHERE key='link:127.0.0.1'").fetchone()[0]
check("the dead link's two requests were counted as wrong", before == 2, before)
seen = []
for i in range(40 - before):
    st, h, body = anon.request("GET", "/u/%048x" % (i + 1), headers=JSON)
    seen.append(st)
check("wrong tokens: 404 (saying nothing of any unit), then 429 past 30", seen[:30 - before] == [404] * (30 - before) and seen[30 - before:] == [429] * 10, seen)
st, h, body = anon.request("GET", mine, headers=JSON)
check("... and then a right token from that address is slowed too (no oracle)", st == 429, st)
st, h, body = anon.request("GET", "/u/short", headers=JSON)
check("404 bodies name no unit", all(n not in body.decode() for n in names.values()), body)
check("audit: the slowing", db.execute("SELECT count(*) FROM audit WHERE action='link-slowed'").fetchone()[0] == 1, "")
srv.stop()

# --- load: 170 units through their links at once, 20 clients -----------------------------------
LW = os.path.join(WORK, "load")
os.makedirs(LW)
full = os.path.join(LW, "national.xml")
with open(full, "w") as f:
    subprocess.run([PY, "tools/gen-national.py", "--units", "170", "--blocks", "2", "--leaves", "20",
                    "--year", "2025"], stdout=f, check=True)
lblank = os.path.join(LW, "blank.xml")
strip_scores(full, lblank)
LWS = os.path.join(LW, "ws")
add_user(PARPACK, LWS, "anna", "clerk", "anna-secret-1")
srv = Server(PARPACK, LWS)
clerk = Client(srv.port)
clerk.login("anna", "anna-secret-1")
st, h, body = clerk.upload("/api/years", "appraisal", [("blank.xml", open(lblank, "rb").read())])
check("a 170-unit year", st == 201, (st, body))
st, h, units = clerk.json("GET", "/api/years/2025/units")
check("170 links, distinct", len(units) == 170 and len({u["link"] for u in units}) == 170, len(units))
st, h, data = clerk.request("GET", "/api/years/2025/forms.zip")
fd = os.path.join(LW, "forms")
zipfile.ZipFile(io.BytesIO(data)).extractall(fd)
subprocess.run([PY, "tests/fill-forms.py", full, fd], check=True)
byunit = {p.split("/")[-2]: open(p, "rb").read() for p in glob.glob(os.path.join(fd, "units/*/*.xlsx"))}
check("170 filled forms", len(byunit) == 170, len(byunit))
def one(u):
    c = Client(srv.port)
    st, h, body = c.request("GET", u["link"])
    import uuid
    b = uuid.uuid4().hex
    data = ("--%s\r\nContent-Disposition: form-data; name=\"form\"; filename=\"f.xlsx\"\r\n\r\n" % b).encode() \
        + byunit[u["id"]] + ("\r\n--%s--\r\n" % b).encode()
    st2, h2, d = c.request("POST", u["link"] + "/form", data,
                           {"Content-Type": "multipart/form-data; boundary=" + b, "Accept": "application/json"},
                           timeout=300)
    return u["id"], st, st2, json.loads(d)
t0 = time.time()
with concurrent.futures.ThreadPoolExecutor(20) as ex:
    res = list(ex.map(one, units))
took = time.time() - t0
check("170 uploads at once from 20 clients: every one 200 submitted (%.1f s)" % took,
      all(a == 200 and b == 200 and d["status"] == "submitted" for _, a, b, d in res),
      [(i, a, b, d) for i, a, b, d in res if b != 200][:3])
db = sqlite3.connect(os.path.join(LWS, "parpack.db"))
rows = db.execute("SELECT unit, count(*) FROM forms WHERE year=2025 AND via='link' GROUP BY unit").fetchall()
check("every form recorded once, under its own unit", len(rows) == 170 and all(n == 1 for _, n in rows)
      and {u for u, _ in rows} == set(byunit), len(rows))
check("each recorded form is the bytes its unit sent", all(
    bytes(b) == byunit[u] for u, b in db.execute("SELECT unit, bytes FROM forms WHERE year=2025")), "")
st, h, units = clerk.json("GET", "/api/years/2025/units")
check("the clerk sees 170 submitted", sum(u["form"] == "submitted" for u in units) == 170, "")
db.close()
srv.stop()
finish()
