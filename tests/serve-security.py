#!/usr/bin/python3
"""What no one may do to `parpack serve` (issue 23): reach a file by a
request's path (.., %2e%2e, absolute paths, a file beside the packet but
not in its manifest), send a body above the limit (413 at once, the server
alive), lose an acknowledged upload to kill -9; and TLS: HTTPS with a
Secure cookie.

usage: serve-security.py PARPACK WORK   (run from the repository)"""
import glob, io, json, os, signal, socket, ssl, subprocess, sys, time, zipfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_lib import *

PARPACK, WORK = sys.argv[1], sys.argv[2]
WS = os.path.join(WORK, "ws")
add_user(PARPACK, WS, "anna", "clerk", "anna-secret-1")
srv = Server(PARPACK, WS)
c = Client(srv.port)
c.login("anna", "anna-secret-1")

# a year from the full appraisal, built: a packet to attack
st, h, body = c.upload("/api/years", "appraisal", [("gia-loc-2022.xml", open("fixtures/gia-loc-2022.xml", "rb").read())])
check("a full appraisal makes a year", st == 201, (st, body))
st, h, body = c.json("POST", "/api/years/2022/build", {})
c.wait_job(body["job"])
packet = os.path.join(WS, "output", "2022")
check("the packet is built", os.path.exists(os.path.join(packet, "manifest.tsv")))
canary = b"CANARY-" + os.urandom(8).hex().encode()
open(os.path.join(packet, "secret.txt"), "wb").write(canary)
open(os.path.join(WORK, "outside.txt"), "wb").write(canary)


def raw(path, method="GET", extra=b""):
    """A request sent as written: no client normalises the path."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=30)
    s.sendall(method.encode() + b" " + path.encode() + b" HTTP/1.1\r\nHost: x\r\nCookie: parpack_session="
              + c.cookie.encode() + b"\r\nConnection: close\r\n" + extra + b"\r\n")
    data = b""
    while True:
        try:
            d = s.recv(65536)
        except (ConnectionResetError, socket.timeout):
            break
        if not d:
            break
        data += d
    s.close()
    status = int(data.split(b" ", 2)[1]) if data.startswith(b"HTTP/") else 0
    return status, data


dbfile = os.path.join(WS, "parpack.db")
attacks = ["/api/years/2022/files/../../parpack.db", "/api/years/2022/files/%2e%2e/%2e%2e/parpack.db",
           "/api/years/2022/files/%2E%2E/%2E%2E/parpack.db", "/api/years/2022/files/..%2f..%2fparpack.db",
           "/api/years/2022/files//etc/passwd", "/api/years/2022/files/%2Fetc%2Fpasswd",
           "/api/years/2022/files/" + dbfile, "/api/years/2022/files/" + dbfile.replace("/", "%2f"),
           "/api/years/2022/files/secret.txt", "/api/years/2022/files/units/../secret.txt",
           "/api/years/2022/files/units/%2e%2e/secret.txt", "/api/years/2022/files/./secret.txt",
           "/api/years/2022/files/../../../outside.txt", "/api/years/2022/files/%2e%2e%2f%2e%2e%2f%2e%2e%2foutside.txt",
           "/api/years/2022/units/..%2f..%2f..%2fetc%2fpasswd/form.xlsx", "/api/years/2022/units/../../../etc/passwd",
           "/api/years/..%2f2022/units", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
           "/assets/../parpack.db", "/assets/%2e%2e/%2e%2e/parpack.db", "/assets/..%2f..%2fparpack.db",
           "//etc/passwd", "/etc/passwd", "/api/years/2022/files/bao-cao-chi-so-cchc-2022.pdf%00.txt",
           "/api/years/2022/files/bao-cao-chi-so-cchc-2022.pdf/../../secret.txt"]
for a in attacks:
    st, data = raw(a)
    check("traversal %s: refused (%d), no file's bytes" % (a, st),
          st in (400, 303, 404) and canary not in data and b"SQLite format" not in data and b"root:x:" not in data, data[:200])
st, data = raw("/api/years/2022/files/bao-cao-chi-so-cchc-2022.pdf")
check("a manifest's file is served", st == 200 and b"%PDF-" in data)

# 64 MB: 413 at once, before the body is sent
t0 = time.time()
st, data = raw("/api/years/2022/forms", "POST",
               b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: %d\r\n" % (64 << 20))
check("64 MB declared: 413 at once (%.2f s)" % (time.time() - t0), st == 413 and b'"error"' in data and time.time() - t0 < 5, data[:300])


def upload_64mb(framing, frame):
    """A form upload of 64 MB sent anyway, 1 MB at a time, with the
    header line `framing` (its length, or chunked) and each MB wrapped by
    frame(); until the server stops reading. (MB sent, its answer)."""
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=60)
    s.sendall(b"POST /api/years/2022/forms HTTP/1.1\r\nHost: x\r\nCookie: parpack_session=" + c.cookie.encode()
              + b"\r\nX-CSRF-Token: " + c.csrf.encode() + b"\r\nContent-Type: multipart/form-data; boundary=x\r\n"
              + framing + b"\r\n\r\n")
    sent, chunk, answer = 0, b"x" * (1 << 20), b""
    try:
        while sent < (64 << 20):
            s.sendall(frame(chunk))
            sent += len(chunk)
    except (BrokenPipeError, ConnectionResetError):
        pass
    try:
        s.settimeout(10)
        while True:
            d = s.recv(65536)
            if not d:
                break
            answer += d
    except (socket.timeout, ConnectionResetError):
        pass
    s.close()
    return sent, answer


sent, answer = upload_64mb(b"Content-Length: %d" % (64 << 20), lambda b: b)
check("64 MB sent anyway: 413, the rest not read (%d MB sent)" % (sent >> 20),
      answer.startswith(b"HTTP/1.1 413") or sent < (64 << 20), answer[:100])
# chunked, no length: refused once past the limit
sent, answer = upload_64mb(b"Transfer-Encoding: chunked", lambda b: b"100000\r\n" + b + b"\r\n")
check("64 MB chunked: 413, or the connection cut, before 64 MB were read (%d MB sent)" % (sent >> 20),
      answer.startswith(b"HTTP/1.1 413") or sent < (64 << 20), answer[:100])
st, h, body = c.json("GET", "/api/session")
check("the server is alive after the 64 MB uploads", srv.alive() and st == 200, st)
big = c.request("POST", "/api/session", b"{" + b" " * (200 << 10) + b"}", {"Content-Type": "application/json"})
check("a JSON body above 64 KB: 413", big[0] == 413, big[0])

# a zip bomb as a form, an XML bomb as an appraisal: refused by the readers' rules
bomb = io.BytesIO()
with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
               'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
               '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '</Relationships>')
    z.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (300 << 20) + b"/>")
strip_scores("fixtures/gia-loc-2021.xml", os.path.join(WORK, "blank.xml"))
st, h, body = c.upload("/api/years", "appraisal", [("blank.xml", open(os.path.join(WORK, "blank.xml"), "rb").read())])
check("a blank year for the forms", st == 201, (st, body))
t0 = time.time()
st, h, body = c.upload("/api/years/2021/forms", "form", [("bomb.xlsx", bomb.getvalue())])
check("a zip bomb (%d KB, 300 MB inside) as a form: refused with a message, quickly (%.1f s)" % (len(bomb.getvalue()) >> 10, time.time() - t0),
      st == 200 and body["results"][0]["status"] == "invalid" and body["results"][0]["errors"] and time.time() - t0 < 10, body)
lol = (b'<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
       b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
       b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
       b'<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>\n'
       b'<appraisal format="1" year="2030">&h;</appraisal>\n')
t0 = time.time()
st, h, body = c.upload("/api/years", "appraisal", [("lol.xml", lol)])
check("an XML bomb as an appraisal: 422, quickly (%.1f s)" % (time.time() - t0), st == 422 and time.time() - t0 < 10, (st, body))
check("the server alive after the bombs", srv.alive() and c.json("GET", "/api/session")[0] == 200)

# kill -9 after an acknowledged upload, then start again
st, h, data = c.request("GET", "/api/years/2021/forms.zip")
zipfile.ZipFile(io.BytesIO(data)).extractall(os.path.join(WORK, "f"))
subprocess.run([PY, "tests/fill-forms.py", "fixtures/gia-loc-2021.xml", os.path.join(WORK, "f")], check=True)
form = glob.glob(os.path.join(WORK, "f/units/gia-tan/*.xlsx"))[0]
st, h, body = c.upload("/api/years/2021/forms", "form", [("gia-tan.xlsx", open(form, "rb").read())])
check("a form acknowledged", st == 200 and body["results"][0]["status"] == "ok", body)
srv.stop(signal.SIGKILL)
check("killed with SIGKILL", srv.p.returncode == -9, srv.p.returncode)
srv.start()
c2 = Client(srv.port)
c2.login("anna", "anna-secret-1")
st, h, units = c2.json("GET", "/api/years/2021/units")
u = {x["id"]: x for x in units}
check("after kill -9 and a restart the form is there", st == 200 and u["gia-tan"]["form"] == "ok"
      and u["gia-tan"]["received_by"] == "anna", u.get("gia-tan"))
import sqlite3
db = sqlite3.connect(dbfile)
kept = db.execute("SELECT bytes FROM forms WHERE unit='gia-tan'").fetchone()
check("its bytes kept", kept and kept[0] == open(form, "rb").read())
check("WAL and synchronous=FULL", db.execute("PRAGMA journal_mode").fetchone()[0] == "wal")
check("a live session", c2.json("GET", "/api/session")[0] == 200)
db.execute("UPDATE sessions SET seen_at=seen_at-3*3600")
db.commit()
check("a session unused for 3 hours has expired: 401", c2.json("GET", "/api/session")[0] == 401)
db.execute("UPDATE sessions SET seen_at=strftime('%s','now'), expires_at=strftime('%s','now')-1")
db.commit()
c3 = Client(srv.port)
c3.login("anna", "anna-secret-1")
db.execute("UPDATE sessions SET expires_at=strftime('%s','now')-1")
db.commit()
check("a session past its 8 hours has expired: 401", c3.json("GET", "/api/years")[0] == 401)
db.close()
srv.stop()

# TLS with a certificate: HTTPS, the cookie Secure
key, crt = os.path.join(WORK, "k.pem"), os.path.join(WORK, "c.pem")
import shutil
if shutil.which("openssl") and subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt,
                   "-days", "2", "-subj", "/CN=127.0.0.1"], capture_output=True).returncode == 0:
    tls = subprocess.Popen([PARPACK, "serve", "--workspace", WS, "--listen", "127.0.0.1:0",
                            "--tls-cert", crt, "--tls-key", key], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = tls.stdout.readline().decode()
    check("TLS: the address is https", line.find("https://127.0.0.1:") >= 0, line)
    import http.client, re
    port = int(re.search(r":(\d+)/", line).group(1))
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    hc = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=30)
    hc.request("POST", "/api/session", json.dumps({"user": "anna", "password": "anna-secret-1"}), {"Content-Type": "application/json"})
    r = hc.getresponse()
    r.read()
    check("TLS: login, cookie Secure", r.status == 200 and "Secure" in (r.getheader("Set-Cookie") or "")
          and "max-age" in (r.getheader("Strict-Transport-Security") or ""), r.getheaders())
    tls.terminate()
    tls.wait()
else:
    print("     (openssl cannot make a certificate: TLS not tried)")
finish()
