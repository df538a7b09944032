#!/usr/bin/python3
"""What an attacker tries on `parpack serve` beyond tests/serve-security.py
(docs/api.md, "Rules of every request"): a body the server will refuse
whatever it holds (no session, no CSRF token, another site, a wrong unit
link, a page), and any GET's, is answered from its headers, before a
byte of it is read or kept; tries of a password sent side by side are
slowed as one after the other, and audited once per wait; a
workspace's files are kept by no cache; sudden failures (two requests
making one year, a new link failing half way) leave nothing half done;
and what holds already: a CSRF token of another session or in the query string, a new
session at each login, logout and `user remove` ending sessions, a unit's
link opening nothing but its own unit.

usage: serve-attacks.py PARPACK WORK   (run from the repository)"""
import concurrent.futures, glob, io, os, re, socket, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *

PARPACK, WORK = sys.argv[1], sys.argv[2]
WS = os.path.join(WORK, "ws")
add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1")
add_user(PARPACK, WS, "binh", "council", "binh-secret-1")
add_user(PARPACK, WS, "chau", "council", "chau-secret-1")
srv = Server(PARPACK, WS)
clerk, council = Client(srv.port), Client(srv.port)
check("clerk logs in", clerk.login("anna", "anna-secret-1")[0] == 200)
check("council logs in", council.login("binh", "binh-secret-1")[0] == 200)
blank = os.path.join(WORK, "blank-2021.xml")
strip_scores("fixtures/gia-loc-2021.xml", blank)
st, h, body = clerk.upload("/api/years", "appraisal", [("blank.xml", open(blank, "rb").read())])
check("a blank year", st == 201, (st, body))
st, h, units = clerk.json("GET", "/api/years/2021/units")
links = {u["id"]: u["link"] for u in units}


def headers_only(path, head, method="POST", wait=5):
    """Send a request's head announcing a 30 MB multipart body, and none
    of the body: (status, seconds) of the answer, or (0, wait) when the
    server waits for the body."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=wait)
    s.sendall(method.encode() + b" " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n" % srv.port + head
              + b"Content-Type: multipart/form-data; boundary=xxxxyyyy\r\n\r\n")
    t0, data = time.time(), b""
    try:
        while b"\r\n\r\n" not in data:
            d = s.recv(4096)
            if not d:
                break
            data += d
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    m = re.match(rb"HTTP/1\.[01] (\d+)", data)
    return (int(m.group(1)) if m else 0), time.time() - t0


SIZE = b"Content-Length: %d\r\n" % (30 << 20)
CHUNKED = b"Transfer-Encoding: chunked\r\n"
COOKIE = b"Cookie: parpack_session=" + clerk.cookie.encode() + b"\r\n"
CSRF = b"X-CSRF-Token: " + clerk.csrf.encode() + b"\r\n"
BAD = "/u/" + "0" * 48
cases = [
    ("no session", "/api/years/2021/forms", SIZE, 401),
    ("no session, chunked", "/api/years/2021/forms", CHUNKED, 401),
    ("no session, Expect: 100-continue (no 100 sent)", "/api/years", SIZE + b"Expect: 100-continue\r\n", 401),
    ("a GET with a body, no session", "/api/years", SIZE, 401, "GET"),
    ("a dead session", "/api/years", SIZE + b"Cookie: parpack_session=" + b"ab" * 32 + b"\r\n", 401),
    ("a session without its CSRF token", "/api/years/2021/forms", SIZE + COOKIE, 403),
    ("a session with another session's CSRF token", "/api/years/2021/forms",
     SIZE + COOKIE + b"X-CSRF-Token: " + council.csrf.encode() + b"\r\n", 403),
    ("another site's Origin, token and all", "/api/years/2021/forms",
     SIZE + COOKIE + CSRF + b"Origin: http://evil.example\r\n", 403),
    ("a login as multipart", "/api/session", SIZE, 400),
    ("a page, which takes no body", "/login", SIZE, 404),
    ("a GET of the login page (no GET reads its body)", "/login", SIZE, 200, "GET"),
    ("a GET of a page without a session", "/", CHUNKED, 303, "GET"),
    ("a GET with a session", "/api/years", SIZE + COOKIE, 200, "GET"),
    ("a GET of a unit's page", links["gia-tan"], SIZE, 200, "GET"),
    ("no such page", "/nothing", CHUNKED, 404),
    ("a wrong unit link", BAD + "/form", SIZE, 404),
    ("a unit link posted from another site", links["gia-tan"] + "/form",
     SIZE + b"Sec-Fetch-Site: cross-site\r\nOrigin: http://evil.example\r\n", 403),
    ("a unit link's answers posted from another site", links["gia-tan"] + "/answers",
     SIZE + b"Origin: http://evil.example\r\n", 403),
]
for case in cases:
    what, path, head, want = case[:4]
    st, took = headers_only(path, head, *case[4:])
    check("30 MB announced, %s: %d at once, before the body (%d, %.2f s)" % (what, want, st, took),
          st == want and took < 3, (st, took))
st, took = headers_only("/api/years/2021/forms", SIZE + COOKIE + CSRF, wait=2)
check("with the session and its token the server waits for the body", st == 0, (st, took))
st, took = headers_only(links["gia-tan"] + "/form", SIZE + b"Sec-Fetch-Site: same-origin\r\n", wait=2)
check("through a right link from its own page, the server waits for the body", st == 0, (st, took))
check("the server alive", srv.alive() and clerk.json("GET", "/api/session")[0] == 200)

# the same answers once the body is sent (small): the gate changed no status
st, h, body = Client(srv.port).upload("/api/years/2021/forms", "form", [("a.xlsx", b"PK")])
check("a small upload without a session: 401", st == 401, st)
st, h, body = Client(srv.port).upload(BAD + "/form", "form", [("a.xlsx", b"PK")])
check("a small upload to a wrong link: 404", st == 404, st)
st, h, body = clerk.upload("/api/years/2021/forms", "form", [("a.xlsx", b"PK")])
check("a small upload with a session: judged (invalid)", st == 200 and body["results"][0]["status"] == "invalid", (st, body))

# a workspace's files: no cache keeps them
st, h, data = clerk.request("GET", "/api/years/2021/forms.zip")
zipfile.ZipFile(io.BytesIO(data)).extractall(os.path.join(WORK, "f"))
subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-2021.xml", os.path.join(WORK, "f")], check=True)
form = glob.glob(os.path.join(WORK, "f/units/gia-tan/*.xlsx"))[0]
st, h, body = clerk.upload("/api/years/2021/forms", "form", [("gia-tan.xlsx", open(form, "rb").read())])
check("a form taken", st == 200 and body["results"][0]["status"] == "ok", body)
kept = body["results"][0]["form"]
for path in ["/api/years/2021/forms.zip", "/api/years/2021/units/gia-tan/form.xlsx",
             "/api/years/2021/forms/%d" % kept, "/api/years/2021/units/gia-tan/received.xlsx",
             links["gia-tan"] + "/form.xlsx", links["gia-tan"], "/api/years", "/"]:
    st, h, data = clerk.request("GET", path)
    check("GET %s: 200, Cache-Control: no-store" % path, st == 200 and h.get("cache-control") == "no-store",
          (st, h.get("cache-control")))
st, h, data = clerk.request("GET", "/assets/style.css")
check("the style sheet may be cached", st == 200 and "cache-control" not in h, h.get("cache-control"))

# a link takes at most 30 forms in 24 hours (and 50 MB): anyone holding
# it could fill the server's disk with 30 MB forms (five grew the
# database by 180 MB in 4.5 s); the 31st is refused, before its body
def link_upload(link, data):
    return Client(srv.port).upload(link + "/form", "form", [("f.xlsx", data)], headers={
        "Sec-Fetch-Site": "same-origin", "Accept": "application/json"})


other = [u for u in sorted(links) if u != "gia-tan"]
sts = [link_upload(links[other[0]], b"PK junk %d" % i)[0] for i in range(30)]
check("30 forms through one link: each judged (422, not taken)", sts == [422] * 30, sts)
st, h, data = link_upload(links[other[0]], b"PK one more")
check("the 31st in a day: 429, saying why and what to do",
      st == 429 and isinstance(data, dict) and "30 forms" in data.get("error", ""), (st, data))
st, took = headers_only(links[other[0]] + "/form", SIZE + b"Sec-Fetch-Site: same-origin\r\n", wait=2)
check("the 31st announced at 30 MB: 429 from its headers, the body not read", st == 429 and took < 3, (st, took))
check("another unit's link still takes its form", link_upload(links[other[1]], b"PK")[0] == 422)

# what holds already
st, h, body = clerk.json("PATCH", "/api/years/2021", {"deadline": "2030-01-01"}, csrf=False)
check("a CSRF token in the query string, not the header: 403",
      clerk.request("PATCH", "/api/years/2021?csrf=" + clerk.csrf, b'{"deadline": "2030-01-01"}',
                    {"Content-Type": "application/json"}, csrf=False)[0] == 403)
st, h, body = clerk.request("PATCH", "/api/years/2021", b'{"deadline": "2030-01-01"}',
                            {"Content-Type": "application/json", "X-CSRF-Token": council.csrf}, csrf=False)
check("another session's CSRF token: 403", st == 403, st)
again = Client(srv.port)
again.cookie = clerk.cookie
again.login("anna", "anna-secret-1")
check("a login makes a new session (no fixation)", again.cookie != clerk.cookie and again.csrf != clerk.csrf)
tok = links["gia-tan"][3:]
for m, p in [("GET", "/api/years"), ("GET", "/api/years/2021/units"), ("GET", "/")]:
    st, h, data = Client(srv.port).request(m, p, headers={"Cookie": "parpack_session=" + tok})
    check("a unit's token as a session: %s %s refused (%d)" % (m, p, st), st in (401, 303), st)
ids = [u["id"] for u in units]
other_id = [i for i in ids if i != "gia-tan"][0]
st, h, data = Client(srv.port).request("GET", links["gia-tan"] + "/form.xlsx")
own = clerk.request("GET", "/api/years/2021/units/gia-tan/form.xlsx")[2]
other = clerk.request("GET", "/api/years/2021/units/%s/form.xlsx" % other_id)[2]
check("a unit's link gives its own blank form, not another's", st == 200 and data == own and data != other, st)
for rest in ["/../" + links[other_id][3:], "/%2e%2e/" + links[other_id][3:] + "/form.xlsx", "/form.xlsx/../../ia-pal"]:
    st, h, data = Client(srv.port).request("GET", links["gia-tan"] + rest)
    check("a unit's link with %s: 404" % rest, st == 404, st)
st, h, page = Client(srv.port).request("GET", links["gia-tan"])
names = {u["id"]: u["name"] for u in units}
check("a unit's page names no other unit", st == 200 and all(names[i].encode() not in page
                                                              for i in names if i != "gia-tan"), st)
# a new link that fails half way (here a trigger refuses the unit's new
# hash, as a full disk or kill -9 between the two writes would): the
# listed link stays the one that opens
import sqlite3
db = sqlite3.connect(os.path.join(WS, "parpack.db"))
db.execute("CREATE TRIGGER stop_hash BEFORE UPDATE OF link_hash ON units WHEN NEW.id='%s' "
           "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END" % other_id)
db.commit()
st, h, body = clerk.json("POST", "/api/years/2021/units/%s/link" % other_id)
listed = {u["id"]: u["link"] for u in clerk.json("GET", "/api/years/2021/units")[2]}[other_id]
check("a new link refused half way: not 200 (%d), the listed link unchanged and still opening" % st,
      st != 200 and listed == links[other_id] and Client(srv.port).request("GET", listed)[0] == 200,
      (st, listed, links[other_id]))
db.execute("DROP TRIGGER stop_hash")
db.commit()
db.close()
c3 = Client(srv.port)
check("chau logs in", c3.login("chau", "chau-secret-1")[0] == 200)
r = subprocess.run([PARPACK, "user", "remove", "chau", "--workspace", WS], capture_output=True)
check("user remove ends the account's sessions", r.returncode == 0 and c3.json("GET", "/api/years")[0] == 401)
st, h, body = council.json("DELETE", "/api/session")
check("logout, then the old cookie: 401", st == 200 and council.json("GET", "/api/years")[0] == 401)

# passwords tried side by side: no more than one after the other (5 free)
def guess(i):
    return Client(srv.port).login("binh", "wrong-%d" % i)[0]
with concurrent.futures.ThreadPoolExecutor(24) as ex:
    codes = list(ex.map(guess, range(24)))
check("24 wrong passwords at once: at most 5 judged (401), the rest slowed (429)",
      codes.count(401) <= 5 and codes.count(429) >= 19 and codes.count(401) + codes.count(429) == 24,
      sorted(codes))
db = sqlite3.connect(os.path.join(WS, "parpack.db"))
rows0 = db.execute("SELECT count(*) FROM audit WHERE action='login' AND detail='slowed'").fetchone()[0]
more = [Client(srv.port).login("binh", "wrong-again")[0] for _ in range(40)]
rows = db.execute("SELECT count(*) FROM audit WHERE action='login' AND detail='slowed'").fetchone()[0]
db.close()
check("40 more tries while slowed: 429, and one audit row for the wait, not one each (%d, then %d rows)"
      % (rows0, rows), more.count(429) >= 39 and 1 <= rows <= 3, (sorted(set(more)), rows0, rows))
srv.stop()

# one year made 8 times at once from two different appraisals: the file
# kept is the one the database and the 201 say (a race: before the fix
# it showed in 1 to 5 rounds of 8, more under load)
import threading
a, b = open("fixtures/gia-loc-2022.xml", "rb").read(), open("fixtures/gia-loc-2022-chairman.xml", "rb").read()
for k in range(5):
    ws = os.path.join(WORK, "race%d" % k)
    add_user(PARPACK, ws, "anna", "clerk", "anna-secret-1")
    rs = Server(PARPACK, ws)
    rc = Client(rs.port)
    rc.login("anna", "anna-secret-1")
    res = {}

    def make(name, data):
        res[name] = rc.upload("/api/years", "appraisal", [(name + ".xml", data)])[0]
    ts = [threading.Thread(target=make, args=(n + str(i), d)) for i in range(4) for n, d in (("a", a), ("b", b))]
    [t.start() for t in ts]
    [t.join() for t in ts]
    db = sqlite3.connect(os.path.join(ws, "parpack.db"))
    kept = db.execute("SELECT source FROM years WHERE year=2022").fetchone()[0]
    db.close()
    taken = [n for n in res if res[n] == 201]
    on_disk = open(os.path.join(ws, "years/2022/source.xml"), "rb").read()
    check("the same year made 8 times at once from two files (%d): one 201, the rest 409; the file is the one taken"
          % k, sorted(res.values()) == [201] + [409] * 7 and kept == {"a": a, "b": b}[taken[0][0]] == on_disk,
          sorted(res.items()))
    rs.stop()

# one server to a workspace (a second one would mark the first one's
# running jobs failed, and clear its temporaries); the temporaries a
# server stopped by kill -9 left are cleared when the next one starts,
# and nothing else in tmp/
ws = os.path.join(WORK, "one")
add_user(PARPACK, ws, "anna", "clerk", "anna-secret-1")
os.makedirs(os.path.join(ws, "tmp"), exist_ok=True)
left = ["upload-a1b2c3.xlsx", "upload-a1b2c3.xlsx.xml", "sheet-q1w2e3.xlsx", "zip-z9y8x7"]
for n in left + ["ghi-chu.txt"]:
    open(os.path.join(ws, "tmp", n), "wb").write(b"x")
first = Server(PARPACK, ws)
check("a server's temporaries left by a killed one are gone at start",
      not any(os.path.exists(os.path.join(ws, "tmp", n)) for n in left),
      sorted(os.listdir(os.path.join(ws, "tmp"))))
check("nothing else in tmp/ is touched", os.path.exists(os.path.join(ws, "tmp", "ghi-chu.txt")))
p = subprocess.run([PARPACK, "serve", "--workspace", ws, "--listen", "127.0.0.1:0"],
                   capture_output=True, text=True, timeout=30, env=dict(os.environ, LC_ALL="C", LANGUAGE=""))
check("a second server on the same workspace: refused, exit 3, saying why",
      p.returncode == 3 and "served already by another parpack serve" in p.stderr, (p.returncode, p.stderr))
check("the first one still answers", first.alive() and Client(first.port).request("GET", "/login")[0] == 200)
first.stop(signal.SIGKILL)
again = Server(PARPACK, ws)
check("after kill -9 a new server takes the workspace", again.alive() and Client(again.port).request("GET", "/login")[0] == 200)
again.stop()

# the link key, made with the first year, is synced with its name (its
# folder fsync'd after it): a key lost to a power cut would be a new one,
# and every link passed on to the units dead
ws = os.path.join(WORK, "key")
add_user(PARPACK, ws, "anna", "clerk", "anna-secret-1")
trace = os.path.join(WORK, "key.strace")
p = subprocess.Popen(["strace", "-f", "-e", "trace=openat,fsync", "-o", trace, PARPACK, "serve",
                      "--workspace", ws, "--listen", "127.0.0.1:0"],
                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
port = int(re.search(r":(\d+)/", p.stdout.readline().decode()).group(1))
c = Client(port)
c.login("anna", "anna-secret-1")
st = c.upload("/api/years", "appraisal", [("g.xml", open("fixtures/gia-loc-2022.xml", "rb").read())])[0]
c.json("GET", "/api/years/2022/units")  # the units' links, the key made for them
# the server is strace's child: stopped itself (strace, stopped, would
# leave it running)
for kid in open("/proc/%d/task/%d/children" % (p.pid, p.pid)).read().split():
    os.kill(int(kid), signal.SIGTERM)
try:
    p.wait(30)
except subprocess.TimeoutExpired:
    p.kill()
    p.wait()
calls = open(trace).read().splitlines()
made = [i for i, l in enumerate(calls) if "link.key" in l and "O_CREAT" in l]
after = calls[made[0]:made[0] + 6] if made else []
real = os.path.realpath(ws)
check("the link key made (201), then its folder opened and fsync'd",
      st == 201 and made and any('"%s", O_RDONLY' % real in l and "O_DIRECTORY" in l for l in after)
      and sum("fsync(" in l for l in after) >= 2, (st, after))
finish()
