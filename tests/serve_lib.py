"""Helpers of the `parpack serve` tests: a server on a port the system
picks (127.0.0.1 only), a client keeping its session cookie, checks.

Used by tests/e2e/serve_*.sh through their Python parts."""
import http.client, json, os, re, signal, subprocess, sys, time, uuid

FAILS = [0]
# Debian's python3, for the helper scripts the tests run (fill-forms.py…)
PY = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3"
# the headers of a request that asks for a JSON answer
JSON = {"Accept": "application/json"}


def ok(what):
    print("ok   - " + what)


def bad(what):
    print("FAIL - " + what)
    FAILS[0] += 1


def check(what, cond, detail=""):
    if cond:
        ok(what)
    else:
        bad(what + (": " + str(detail) if detail != "" else ""))
    return cond


def finish():
    if FAILS[0]:
        print("%d check(s) failed" % FAILS[0])
        sys.exit(1)
    sys.exit(0)


def strip_scores(src, dst):
    s = open(src, encoding="utf-8").read()
    open(dst, "w", encoding="utf-8").write(re.sub(r"\n\s*<score [^>]*/>", "", s))


class Server:
    """parpack serve --listen 127.0.0.1:0 on WORKSPACE."""

    def __init__(self, parpack, workspace, env=None, extra=()):
        self.parpack, self.workspace = parpack, workspace
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.extra = list(extra)
        self.start()

    def start(self):
        self.log = open(os.path.join(self.workspace + ".log"), "ab")
        self.p = subprocess.Popen(
            [self.parpack, "serve", "--workspace", self.workspace,
             "--listen", "127.0.0.1:0"] + self.extra,
            stdout=subprocess.PIPE, stderr=self.log, env=self.env)
        line = self.p.stdout.readline().decode()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise SystemExit("the server did not start: %r" % line)
        self.port = int(m.group(1))

    def alive(self):
        return self.p.poll() is None

    def stop(self, sig=signal.SIGTERM):
        if self.p.poll() is None:
            self.p.send_signal(sig)
            try:
                self.p.wait(30)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.log.close()
        log = open(self.workspace + ".log", "rb").read().decode("utf-8", "replace")
        if "Sanitizer" in log or "runtime error" in log:
            bad("the server's log has a sanitizer report: " + log[-2000:])
        return self.p.returncode


def add_user(parpack, workspace, name, role, password):
    r = subprocess.run([parpack, "user", "add", name, "--role", role,
                        "--workspace", workspace],
                       input=(password + "\n").encode(), capture_output=True)
    return r.returncode


class Client:
    def __init__(self, port):
        self.port = port
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None, csrf=True,
                timeout=60):
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = "parpack_session=" + self.cookie
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h["X-CSRF-Token"] = self.csrf
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        r.headers_dict = {k.lower(): v for k, v in r.getheaders()}
        c.close()
        return r.status, r.headers_dict, data

    def json(self, method, path, obj=None, csrf=True):
        body = json.dumps(obj).encode() if obj is not None else None
        st, h, data = self.request(method, path, body,
                                   {"Content-Type": "application/json"} if body else {},
                                   csrf)
        try:
            return st, h, json.loads(data) if data else None
        except ValueError:
            return st, h, data

    def login(self, user, password):
        st, h, data = self.json("POST", "/api/session",
                                {"user": user, "password": password})
        if st == 200:
            self.cookie = re.search(r"parpack_session=([0-9a-f]+)",
                                    h["set-cookie"]).group(1)
            self.csrf = data["csrf"]
        return st, h, data

    def upload(self, path, field, files, csrf=True, headers=None):
        """multipart/form-data with files [(filename, bytes)], and more
        headers when given."""
        b = uuid.uuid4().hex
        parts = []
        for name, data in files:
            parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; "
                          "filename=\"%s\"\r\nContent-Type: application/octet-stream"
                          "\r\n\r\n" % (b, field, name)).encode() + data + b"\r\n")
        body = b"".join(parts) + ("--%s--\r\n" % b).encode()
        st, h, data = self.request("POST", path, body,
                                   dict(headers or {}, **{"Content-Type": "multipart/form-data; boundary=" + b}),
                                   csrf)
        try:
            return st, h, json.loads(data)
        except ValueError:
            return st, h, data

    def wait_job(self, job, timeout=120):
        """Read the job's server-sent events to the end; the states seen."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        c.request("GET", "/api/jobs/%d/events" % job,
                  headers={"Cookie": "parpack_session=" + self.cookie})
        r = c.getresponse()
        seen = []
        for line in r:
            line = line.decode().strip()
            if line.startswith("data: "):
                seen.append(json.loads(line[6:]))
        c.close()
        return r.status, r.getheader("Content-Type"), seen
