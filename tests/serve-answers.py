#!/usr/bin/python3
"""The council's turn and the answer round (issue 24, docs/api.md) end to
end through HTTP on 127.0.0.1: a unit sends its form through its link, the
council enters the appraised points and notes per criterion (the unit goes
submitted -> ok, and the results are `score`'s of the same appraisal); the
clerk opens the round; the unit sees the council's points and notes beside
its own and answers; the council accepts one answer (new points) and keeps
its points on another with a reply; the clerk closes the year. Every step
in the audit log and in the assembled appraisal's notes; isolation: the
unit's page names no other unit.

usage: serve-answers.py PARPACK WORK   (run from the repository)"""
import glob, io, json, os, re, sqlite3, subprocess, sys, uuid, zipfile
import xml.etree.ElementTree as ET
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *

PARPACK, WORK = sys.argv[1], sys.argv[2]
WS = os.path.join(WORK, "ws")
add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1")
add_user(PARPACK, WS, "binh", "council", "binh-secret-1")
srv = Server(PARPACK, WS)
clerk, council, anon = Client(srv.port), Client(srv.port), Client(srv.port)
clerk.login("anna", "anna-secret-1")
council.login("binh", "binh-secret-1")
blank = os.path.join(WORK, "blank-2022.xml")
strip_scores("fixtures/gia-loc-2022.xml", blank)
st, h, body = clerk.upload("/api/years", "appraisal", [("blank-2022.xml", open(blank, "rb").read())])
check("a year", st == 201, (st, body))
st, h, units = clerk.json("GET", "/api/years/2022/units")
links = {u["id"]: u["link"] for u in units}
names = {u["id"]: u["name"] for u in units}
ME = "thong-nhat"
st, h, data = clerk.request("GET", "/api/years/2022/forms.zip")
fd = os.path.join(WORK, "forms")
zipfile.ZipFile(io.BytesIO(data)).extractall(fd)
subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-2022.xml", fd], check=True)
others = [f for f in sorted(glob.glob(os.path.join(fd, "units/*/*.xlsx"))) if f.split("/")[-2] != ME]
st, h, body = council.upload("/api/years/2022/forms", "form", [(os.path.basename(f), open(f, "rb").read()) for f in others])
check("17 units' appraised forms from the council", st == 200 and all(r["status"] == "ok" for r in body["results"]), body)


def post(link, what, fields, headers=None):
    b = uuid.uuid4().hex
    body = b"".join(("--%s\r\nContent-Disposition: form-data; name=\"%s\"%s\r\n\r\n" % (
        b, k, '; filename="f.xlsx"' if isinstance(v, bytes) else "")).encode()
        + (v if isinstance(v, bytes) else v.encode()) + b"\r\n" for k, v in fields) + ("--%s--\r\n" % b).encode()
    hd = {"Content-Type": "multipart/form-data; boundary=" + b}
    hd.update(headers or {})
    st, h, d = anon.request("POST", link + "/" + what, body, hd)
    try:
        return st, json.loads(d)
    except ValueError:
        return st, d.decode("utf-8", "replace")


mine = open(glob.glob(os.path.join(fd, "units", ME, "*.xlsx"))[0], "rb").read()
st, body = post(links[ME], "form", [("form", mine)], JSON)
check("the unit sends its form through its link: submitted", st == 200 and body["status"] == "submitted", body)
fixture = {s.get("c"): s for u in ET.parse("fixtures/gia-loc-2022.xml").getroot().iter("unit") if u.get("id") == ME
           for s in u.iter("score")}

# --- the council's turn ----------------------------------------------------------------
st, h, sheet = council.json("GET", "/api/years/2022/units/%s/sheet" % ME)
check("GET units/{id}/sheet: every criterion, the unit's points, no appraised points from the unit's form",
      st == 200 and sheet["form"] == "submitted" and len(sheet["criteria"]) == len(fixture)
      and all(c["appraised"] is None for c in sheet["criteria"])
      and all(c["self"] == fixture[c["c"]].get("self") for c in sheet["criteria"]), sheet)
check("the round: none yet", sheet["round"] == {"state": "none", "deadline": None}, sheet["round"])
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/1.1.2" % ME, {"appraised": "2,5", "note": "x"})
check("appraised above the criterion's maximum -> 400", st == 400, (st, body))
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/1.1.2" % ME, {"appraised": "abc"})
check("appraised not a number -> 400", st == 400, (st, body))
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/9.9.9" % ME, {"appraised": "1"})
check("no such criterion -> 404", st == 404, (st, body))
st, h, body = anon.json("PUT", "/api/years/2022/units/%s/criteria/1.1.2" % ME, {"appraised": "1"})
check("without a session -> 401", st == 401, st)
last = None
for c, sc in fixture.items():
    v = "KAD" if sc.get("na") == "true" else sc.get("appraised").replace(".", ",")
    st, h, last = council.json("PUT", "/api/years/2022/units/%s/criteria/%s" % (ME, c),
                               {"appraised": v, "note": sc.get("note") or ""})
    if st != 200:
        bad("PUT criteria/%s: %s %s" % (c, st, last))
        break
else:
    ok("PUT units/{id}/criteria/{c} {appraised, note} for every criterion")
check("the sheet complete: ok", last and last["form"] == "ok" and all(
    x["appraised"] == fixture[x["c"]].get("appraised") and x["note"] == fixture[x["c"]].get("note") for x in last["criteria"]
    if fixture[x["c"]].get("na") != "true"), last and last["criteria"][:2])
st, h, units = clerk.json("GET", "/api/years/2022/units")
check("the clerk's list: submitted -> ok", {u["id"]: u for u in units}[ME]["form"] == "ok", "")
st, h, data = clerk.request("GET", "/api/years/2022/results")
want = subprocess.run([PARPACK, "score", "fixtures/gia-loc-2022.xml", "--format", "json"], capture_output=True).stdout
check("the results are score's of the same appraisal (the unit's points, the council's entered in the browser)",
      st == 200 and data == want, (st, data[:300]))

st, body = post(links[ME], "form", [("form", mine)], JSON)
st2, h, units = clerk.json("GET", "/api/years/2022/units")
check("the unit sends its form again: the council's entries stand, still ok",
      st == 200 and {u["id"]: u for u in units}[ME]["form"] == "ok", (st, body))

# --- before the round --------------------------------------------------------------------
st, h, page = anon.request("GET", links[ME])
check("before the round the unit's page shows no appraisal", 'id="round"' not in page.decode(), "")
st, body = post(links[ME], "answers", [("answer:1.1.2", "x")], JSON)
check("answers before the round -> 403", st == 403, (st, body))
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/1.1.2/reply" % ME, {"decision": "keep", "reply": "x"})
check("a reply before the round -> 409", st == 409, (st, body))
st, h, body = council.json("PATCH", "/api/years/2022", {"round": "open"})
check("council may not open the round -> 403", st == 403, st)

# --- the round -------------------------------------------------------------------------------
st, h, body = clerk.json("PATCH", "/api/years/2022", {"round": "open", "round_deadline": "2099-01-31T17:00:00+07:00"})
check("the clerk opens the round", st == 200 and body["round"] == "open" and body["round_deadline"] == "2099-01-31T10:00:00Z", body)
st, h, page = anon.request("GET", links[ME])
page = page.decode()
row = re.search(r'<tr data-c="1\.1\.2".*?</tr>', page, re.S)
check("the unit sees per criterion its points, the council's and its note",
      'id="round" data-state="open"' in page and row and ">2<" in row.group(0) and ">1,5<" in row.group(0)
      and "Chưa có minh chứng kèm theo" in row.group(0) and 'name="answer:1.1.2"' in row.group(0), row.group(0) if row else page[:500])
check("the round's page names no other unit", not any(n in page for i, n in names.items() if i != ME)
      and not any(i in page for i in names if i != ME), "")
st, body = post(links[ME], "answers", [("answer:1.1.2", "Đã có minh chứng: Quyết định số 12/QĐ-UBND ngày 05/3/2022"),
                                       ("answer:3.1.1", "Đã công khai đủ trên cổng thông tin của xã"),
                                       ("answer:9.9.9", "ignored"), ("answer:1.1.1", "  ")], JSON)
check("the unit answers two criteria", st == 200 and body == {"status": "ok", "saved": 2}, (st, body))
st, body = post(links[ME], "answers", [("answer:1.1.2", "x")], dict(JSON, **{"Origin": "http://evil.example"}))
check("answers from another site -> 403", st == 403, (st, body))
st, h, sheet = council.json("GET", "/api/years/2022/units/%s/sheet" % ME)
c = {x["c"]: x for x in sheet["criteria"]}
check("the council sees the answers", c["1.1.2"]["answer"].startswith("Đã có minh chứng") and c["3.1.1"]["answer"]
      and c["1.1.1"]["answer"] is None, c["1.1.2"])
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/1.1.1/reply" % ME, {"decision": "keep", "reply": "x"})
check("a reply where the unit did not answer -> 400", st == 400, (st, body))
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/1.1.2/reply" % ME, {"decision": "accept"})
check("accepting without the new points -> 400", st == 400, (st, body))
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/3.1.1/reply" % ME, {"decision": "keep"})
check("keeping without a reply -> 400", st == 400, (st, body))
st, h, sheet = council.json("PUT", "/api/years/2022/units/%s/criteria/1.1.2/reply" % ME, {"decision": "accept", "appraised": "2"})
c = {x["c"]: x for x in sheet["criteria"]} if st == 200 else {}
check("the council accepts an answer: the appraised points change", st == 200 and c["1.1.2"]["appraised"] == "2"
      and c["1.1.2"]["before"] == "1.5" and c["1.1.2"]["decision"] == "accept", (st, sheet))
st, h, sheet = council.json("PUT", "/api/years/2022/units/%s/criteria/3.1.1/reply" % ME,
                            {"decision": "keep", "reply": "Cổng chưa đăng thủ tục lĩnh vực đất đai"})
c = {x["c"]: x for x in sheet["criteria"]} if st == 200 else {}
check("the council keeps its points with a reply", st == 200 and c["3.1.1"]["appraised"] == "1.5"
      and c["3.1.1"]["decision"] == "keep", (st, sheet))
check("the sheet's note carries every step", c and "Chưa công khai đầy đủ thủ tục hành chính" in c["3.1.1"]["sheet_note"]
      and "Đã công khai đủ" in c["3.1.1"]["sheet_note"] and "Cổng chưa đăng" in c["3.1.1"]["sheet_note"], c.get("3.1.1"))
st, h, page = anon.request("GET", links[ME])
page = page.decode()
check("the unit sees the council's decisions", "Cổng chưa đăng thủ tục lĩnh vực đất đai" in page
      and page.count('class="decision"') == 2, "")
st, h, data = clerk.request("GET", "/api/years/2022/results")
check("the results follow the accepted answer", st == 200 and data != want, st)
x = ET.parse(os.path.join(WS, "years/2022/appraisal.xml")).getroot()
sc = {s.get("c"): s for u in x.iter("unit") if u.get("id") == ME for s in u.iter("score")}
check("the assembled appraisal: the accepted points, and in the note the council's note, the answer, the decision",
      sc["1.1.2"].get("appraised") == "2" and "Quyết định số 12/QĐ-UBND" in sc["1.1.2"].get("note", "")
      and "Chưa có minh chứng kèm theo" in sc["1.1.2"].get("note", "")
      and sc["3.1.1"].get("appraised") == "1.5" and "Cổng chưa đăng" in sc["3.1.1"].get("note", ""),
      (sc["1.1.2"].attrib, sc["3.1.1"].attrib))
r = subprocess.run([PARPACK, "check", os.path.join(WS, "years/2022/appraisal.xml")], capture_output=True, text=True)
check("the assembled appraisal passes check", r.returncode == 0, r.stderr[-500:])

# the round's deadline
st, h, body = clerk.json("PATCH", "/api/years/2022", {"round": "open", "round_deadline": "2021-01-31T10:00:00Z"})
st, body = post(links[ME], "answers", [("answer:1.1.2", "late")], JSON)
check("after the round's deadline: 403 with the deadline in words", st == 403 and "31/01/2021" in body["error"], (st, body))
st, h, page = anon.request("GET", links[ME])
check("... and the page reads only", 'data-state="closed"' in page.decode() and "<textarea" not in page.decode(), "")

# --- the clerk closes the year -------------------------------------------------------------------
st, h, body = clerk.json("PATCH", "/api/years/2022", {"round": "closed"})
check("the clerk closes the year", st == 200 and body["round"] == "closed", body)
st, body = post(links[ME], "answers", [("answer:1.1.2", "x")], JSON)
check("closed: no answers (403)", st == 403, st)
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/1.1.2" % ME, {"appraised": "1"})
check("closed: no appraisal changes (409)", st == 409, st)
st, h, body = council.json("PUT", "/api/years/2022/units/%s/criteria/3.1.1/reply" % ME, {"decision": "keep", "reply": "y"})
check("closed: no replies (409)", st == 409, st)

# --- every step in the audit log ----------------------------------------------------------------
db = sqlite3.connect(os.path.join(WS, "parpack.db"))
acts = [a for a, in db.execute("SELECT action FROM audit")]
for a, n in (("appraise", len(fixture)), ("round-open", 2), ("answer", 2), ("answer-reply", 2), ("year-close", 1)):
    check("audit: %s x%d" % (a, n), acts.count(a) == n, acts.count(a))
db.close()
srv.stop()
finish()
