#!/usr/bin/python3
"""Speed of `parpack serve` on a province of 170 units (issue 23; measured,
never a timed test): on a warm server the status page (units), a dropped
form checked and answered, the ranking, a build against the command
line's; then 170 forms dropped by 20 concurrent clients (every one
acknowledged and recorded, none lost) and the server's peak memory.

usage: serve-bench.py PARPACK WORK   (run from the repository)"""
import concurrent.futures, glob, io, os, sqlite3, statistics, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests"))
from serve_lib import *

PARPACK, WORK = sys.argv[1], sys.argv[2]
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
os.makedirs(WORK, exist_ok=True)
full, blank = os.path.join(WORK, "province.xml"), os.path.join(WORK, "blank.xml")
with open(full, "w") as f:
    subprocess.run([PY, "tools/gen-national.py", "--units", "170", "--blocks", "1", "--leaves", "60",
                    "--year", "2025"], stdout=f, check=True)
strip_scores(full, blank)
WS = os.path.join(WORK, "ws")
add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1")
srv = Server(PARPACK, WS)
c = Client(srv.port)
c.login("anna", "anna-secret-1")
st, h, body = c.upload("/api/years", "appraisal", [("blank.xml", open(blank, "rb").read())])
assert st == 201, body
st, h, data = c.request("GET", "/api/years/2025/forms.zip")
forms = os.path.join(WORK, "forms")
zipfile.ZipFile(io.BytesIO(data)).extractall(forms)
subprocess.run([PY, "tests/fill-forms.py", full, forms], check=True)
files = sorted(glob.glob(os.path.join(forms, "units/*/*.xlsx")))
print("170-unit province: %d forms" % len(files))


def drop(path):
    cl = Client(srv.port)
    cl.cookie, cl.csrf = c.cookie, c.csrf
    st, h, body = cl.upload("/api/years/2025/forms", "form", [(os.path.basename(path), open(path, "rb").read())])
    return st, body["results"][0]["status"] if st == 200 else body


t0 = time.time()
with concurrent.futures.ThreadPoolExecutor(20) as ex:
    res = list(ex.map(drop, files))
t = time.time() - t0
ok = sum(1 for st, s in res if st == 200 and s == "ok")
db = sqlite3.connect(os.path.join(WS, "parpack.db"))
n, units = db.execute("SELECT count(*), count(DISTINCT unit) FROM forms WHERE year=2025").fetchone()
db.close()
print("20 concurrent clients, 170 forms: %d acknowledged ok in %.2f s; %d recorded, %d units" % (ok, t, n, units))


def timed(fn, k=20):
    ts = []
    for _ in range(k):
        t0 = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ts), min(ts)


one = files[0]
for what, fn in [("status page (GET units)", lambda: c.request("GET", "/api/years/2025/units")),
                 ("a form dropped, checked, answered", lambda: c.upload("/api/years/2025/forms", "form", [("f.xlsx", open(one, "rb").read())])),
                 ("ranking (GET results)", lambda: c.request("GET", "/api/years/2025/results"))]:
    med, best = timed(fn)
    print("%-36s median %6.1f ms, best %6.1f ms" % (what, med, best))
t0 = time.time()
st, h, body = c.json("POST", "/api/years/2025/build", {})
c.wait_job(body["job"], timeout=600)
tb = time.time() - t0
t0 = time.time()
subprocess.run([PARPACK, "build", os.path.join(WS, "years/2025/appraisal.xml"), "--out", os.path.join(WORK, "cli"),
                "--quiet"], check=True)
tc = time.time() - t0
print("build: server %.2f s, command line %.2f s" % (tb, tc))
hwm = [l for l in open("/proc/%d/status" % srv.p.pid) if l.startswith("VmHWM")][0].split()[1]
print("server peak memory (VmHWM): %d MB" % (int(hwm) // 1024))
srv.stop()
