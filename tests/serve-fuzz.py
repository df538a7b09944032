#!/usr/bin/python3
"""Random and malformed requests against `parpack serve` on 127.0.0.1 for
SECONDS (issue 23): broken request lines and headers, bad percent-escapes,
huge headers, malformed multipart/form-data and JSON bodies, bad chunked
encodings, cut connections; with and without a session. The server must
answer or close, never die, and stop cleanly at the end (under ASan: no
error, no leak in its log).

usage: serve-fuzz.py PARPACK WORK SECONDS [SEED]   (run from the repository)"""
import json, os, random, signal, socket, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *

PARPACK, WORK, SECONDS = sys.argv[1], sys.argv[2], float(sys.argv[3])
seed = int(sys.argv[4]) if len(sys.argv) > 4 else int(time.time())
print("     (seed %d)" % seed)
R = random.Random(seed)
WS = os.path.join(WORK, "ws")
add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1")
# an account the random requests never name, logged in before them: its
# session shows the server still answers afterwards (logins from this
# address may be slowed by then, by the random requests' failures)
add_user(PARPACK, WS, "bert", "council", "bert-secret-1")
env = {"ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0:exitcode=99"}
srv = Server(PARPACK, WS, env=env)
c = Client(srv.port)
c.login("anna", "anna-secret-1")
kept = Client(srv.port)
kept.login("bert", "bert-secret-1")
c.upload("/api/years", "appraisal", [("a.xml", open("fixtures/gia-loc-2021.xml", "rb").read())])
form = open("fixtures/gia-loc-2022.xml", "rb").read()

PATHS = ["/", "/login", "/assets/app.js", "/assets/style.css", "/assets/login.js", "/assets/unit.js", "/assets/texts.json",
         "/api/session", "/api/years", "/api/years/2021/units", "/api/years/2021/forms", "/api/years/2021/results",
         "/api/years/2021/build", "/api/years/2021/send", "/api/years/2021/forms.zip", "/api/years/2021/packet.zip",
         "/api/years/2021/files/x.pdf", "/api/years/2021/units/gia-tan/form.xlsx", "/api/jobs/1", "/api/jobs/1/events",
         "/api/years/99999/units", "/api/jobs/-1", "/api/jobs/18446744073709551616", "/api//years", "/api/years/2021/",
         "/api/years/%zz", "/%", "/%2", "/%00", "/api/years/2021/files/%2e%2e/%2e%2e/etc/passwd", "*", "", "/" * 300]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "CONNECT", "G\x00ET", "get", "X" * 200]


def junk(n):
    return bytes(R.getrandbits(8) for _ in range(n))


def mutate(b):
    b = bytearray(b)
    for _ in range(R.randint(1, 8)):
        if not b:
            break
        i = R.randrange(len(b))
        op = R.random()
        if op < 0.4:
            b[i] = R.getrandbits(8)
        elif op < 0.7:
            del b[i:i + R.randint(1, 50)]
        else:
            b[i:i] = junk(R.randint(1, 20))
    return bytes(b)


def json_body():
    choices = [b'{"user": "anna", "password": "anna-secret-1"}', b'{"user": 1}', b'{"user": "\\ud800"}',
               b'{"user": "a\\u0000b", "password": "x"}', b"[" * 5000, b'{"a":' * 3000, b'{"user":"x","user":"y"}',
               b'"' + b"\\" * 1000, b"{}", b"null", b'{"user": "' + b"\xff\xfe" * 100 + b'", "password": ""}',
               json.dumps({"user": "x" * 70000}).encode()]
    b = R.choice(choices)
    return mutate(b) if R.random() < 0.6 else b


def multipart_body():
    bnd = R.choice(["x", "----b" + str(R.randint(0, 1 << 30)), "", "a" * 300, "\"q\""])
    parts = []
    for _ in range(R.randint(0, 6)):
        name = R.choice(["form", "appraisal", "", "x\"y", "form\r\nX: y"])
        fn = R.choice(["f.xlsx", "../../etc/passwd", "/abs/path.xml", "", "ü.xlsx", "a\\b\\c.xlsx"])
        data = R.choice([form[:R.randint(0, len(form))], junk(R.randint(0, 3000)), b"PK\x03\x04" + junk(200), b""])
        parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n\r\n" % (bnd, name, fn)).encode()
                     + data + b"\r\n")
    body = b"".join(parts) + (("--%s--\r\n" % bnd).encode() if R.random() < 0.8 else b"")
    if R.random() < 0.4:
        body = mutate(body)
    return bnd, body


def one():
    method = R.choice(METHODS)
    path = R.choice(PATHS)
    if R.random() < 0.3:
        path = mutate(path.encode()).decode("latin-1")
    headers = {"Host": "127.0.0.1"}
    if R.random() < 0.7:
        headers["Cookie"] = "parpack_session=" + (c.cookie if R.random() < 0.7 else junk(20).hex())
    if R.random() < 0.6:
        headers["X-CSRF-Token"] = c.csrf if R.random() < 0.7 else "z" * R.randint(0, 100)
    body = b""
    kind = R.random()
    if kind < 0.35:
        bnd, body = multipart_body()
        headers["Content-Type"] = "multipart/form-data; boundary=" + bnd
        method = "POST" if R.random() < 0.8 else method
        path = R.choice(["/api/years/2021/forms", "/api/years", "/api/session"]) if R.random() < 0.8 else path
    elif kind < 0.6:
        body = json_body()
        headers["Content-Type"] = "application/json"
        method = "POST" if R.random() < 0.8 else method
        path = "/api/session" if R.random() < 0.7 else path
    elif kind < 0.7:
        body = junk(R.randint(0, 5000))
    if R.random() < 0.1:
        headers["X-Long"] = "a" * R.randint(1000, 100000)
    if R.random() < 0.05:
        for i in range(R.randint(10, 500)):
            headers["X-H%d" % i] = "v"
    chunked = R.random() < 0.15
    lines = ["%s %s HTTP/1.1" % (method, path)]
    for k, v in headers.items():
        lines.append("%s: %s" % (k, v))
    if chunked:
        lines.append("Transfer-Encoding: chunked")
    elif body or R.random() < 0.5:
        n = len(body)
        if R.random() < 0.1:
            n = R.choice([-1, n + 10, max(0, n - 10), 1 << 62, "abc"])
        lines.append("Content-Length: %s" % n)
    lines.append("Connection: close")
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")
    if chunked:
        out = b""
        rest = body
        while rest:
            k = R.randint(1, 4000)
            out += (b"%x" % len(rest[:k]) if R.random() < 0.9 else junk(3)) + b"\r\n" + rest[:k] + b"\r\n"
            rest = rest[k:]
        raw += out + (b"0\r\n\r\n" if R.random() < 0.8 else b"")
    else:
        raw += body
    if R.random() < 0.1:
        raw = mutate(raw)
    if R.random() < 0.1:
        raw = raw[:R.randint(0, len(raw))]
    try:
        s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
        s.sendall(raw)
        if R.random() < 0.1:
            s.close()
            return
        s.shutdown(socket.SHUT_WR)
        while s.recv(65536):
            pass
    except (OSError, socket.timeout):
        pass
    finally:
        try:
            s.close()
        except Exception:
            pass


t0, n = time.time(), 0
while time.time() - t0 < SECONDS:
    one()
    n += 1
    if n % 200 == 0 and not srv.alive():
        break
print("     (%d requests in %.0f s)" % (n, time.time() - t0))
check("the server is alive after %d random requests" % n, srv.alive())
st, h, body = kept.json("GET", "/api/session")
check("and still answers a session's request", st == 200, st)
st, h, body = Client(srv.port).json("POST", "/api/session", {"user": "anna", "password": "anna-secret-1"})
check("and a login (200, or 429 while this address is slowed)", st in (200, 429), st)
rc = srv.stop()
check("it stops cleanly on SIGTERM (exit 0)", rc == 0, rc)
log = open(WS + ".log", "rb").read().decode("utf-8", "replace")
check("no AddressSanitizer or LeakSanitizer report", "Sanitizer" not in log and "runtime error" not in log,
      log[-3000:])
finish()
