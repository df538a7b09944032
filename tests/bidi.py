"""A small WebDriver BiDi client for Debian's firefox-esr, with nothing
outside Python's own library: Firefox is started headless with
--remote-debugging-port=0 on a fresh profile, the port read from what it
prints on stderr, and BiDi spoken over a websocket written here (RFC 6455,
client side: masked text frames out, text/ping/close frames in).
Every wait has a timeout; close() kills Firefox and removes its profile.

Used by tests/serve-firefox.py."""
import base64, json, os, re, shutil, signal, socket, struct, subprocess, tempfile, threading, time


class BidiError(Exception):
    pass


class WebSocket:
    def __init__(self, host, port, path, timeout=30):
        self.s = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall(("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                        "Sec-WebSocket-Version: 13\r\n\r\n" % (path, host, port, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            c = self.s.recv(4096)
            if not c:
                raise BidiError("the websocket closed during the handshake")
            head += c
        head, self.buf = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise BidiError("no websocket: " + head.decode("latin-1"))

    def _read(self, n):
        while len(self.buf) < n:
            c = self.s.recv(65536)
            if not c:
                raise BidiError("the websocket closed")
            self.buf += c
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def _frame(self, op, data):
        n = len(data)
        head = bytes([0x80 | op])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.s.sendall(head + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def send(self, text):
        self._frame(1, text.encode())

    def recv(self, timeout):
        """One whole text message, or None after timeout seconds."""
        self.s.settimeout(timeout)
        msg = b""
        try:
            while True:
                b0, b1 = self._read(2)
                n = b1 & 0x7f
                if n == 126:
                    n = struct.unpack(">H", self._read(2))[0]
                elif n == 127:
                    n = struct.unpack(">Q", self._read(8))[0]
                mask = self._read(4) if b1 & 0x80 else None
                data = self._read(n)
                if mask:
                    data = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
                op = b0 & 0x0f
                if op == 9:
                    self._frame(10, data)
                    continue
                if op == 8:
                    raise BidiError("the websocket was closed by Firefox")
                if op in (0, 1, 2):
                    msg += data
                    if b0 & 0x80:
                        return msg.decode()
        except socket.timeout:
            return None

    def close(self):
        try:
            self.s.close()
        except OSError:
            pass


class Firefox:
    """firefox-esr headless on a fresh profile, driven through BiDi."""

    def __init__(self, binary="firefox-esr", prefs=None, timeout=60):
        self.profile = tempfile.mkdtemp(prefix="parpack-ff-")
        self.ws = self.p = self.first = None
        try:
            self._start(binary, prefs, timeout)
        except BaseException:
            self.close()  # no Firefox left behind, whatever stopped us
            raise

    def _start(self, binary, prefs, timeout):
        p = {"browser.shell.checkDefaultBrowser": False,
             "browser.startup.homepage_override.mstone": "ignore",
             "datareporting.policy.dataSubmissionEnabled": False,
             "toolkit.telemetry.reportingpolicy.firstRun": False,
             "app.update.auto": False, "app.update.enabled": False,
             "browser.aboutwelcome.enabled": False,
             "network.captive-portal-service.enabled": False,
             "network.connectivity-service.enabled": False,
             "browser.safebrowsing.update.enabled": False,
             "extensions.update.enabled": False}
        p.update(prefs or {})
        with open(os.path.join(self.profile, "user.js"), "w") as f:
            for k, v in p.items():
                f.write("user_pref(%s, %s);\n" % (json.dumps(k), json.dumps(v)))
        env = dict(os.environ, MOZ_HEADLESS="1", MOZ_CRASHREPORTER_DISABLE="1")
        if "intl.locale.requested" in p:
            # a language pack (firefox-esr-l10n-*) is registered on the
            # profile's first start and used from the next one: a first
            # start that takes a screenshot and ends
            self.first = subprocess.Popen([binary, "--headless", "--no-remote", "--profile", self.profile,
                                           "--screenshot", os.path.join(self.profile, "first.png"), "about:blank"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                                          start_new_session=True)
            try:
                self.first.wait(timeout)
            except subprocess.TimeoutExpired:
                pass
            self._end(self.first)
            self.first = None
        self.p = subprocess.Popen([binary, "--headless", "--no-remote", "--remote-debugging-port=0",
                                   "--profile", self.profile, "about:blank"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                                  start_new_session=True)
        self.port = None
        self.stderr = b""
        got = threading.Event()

        def reader():
            for line in self.p.stderr:
                self.stderr += line
                m = re.search(rb"WebDriver BiDi listening on ws://127\.0\.0\.1:(\d+)", line)
                if m and not self.port:
                    self.port = int(m.group(1))
                    got.set()
            got.set()
        threading.Thread(target=reader, daemon=True).start()
        got.wait(timeout)
        if not self.port:
            raise BidiError("Firefox did not say its BiDi port: " + self.stderr.decode("utf-8", "replace")[-2000:])
        self.ws = WebSocket("127.0.0.1", self.port, "/session", timeout)
        self.next = 0
        self.events = []
        self.cmd("session.new", {"capabilities": {"alwaysMatch": {"acceptInsecureCerts": True}}})

    def cmd(self, method, params, timeout=60):
        self.next += 1
        me = self.next
        self.ws.send(json.dumps({"id": me, "method": method, "params": params}))
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            if left <= 0:
                raise BidiError("no answer to %s in %ds" % (method, timeout))
            raw = self.ws.recv(left)
            if raw is None:
                continue
            m = json.loads(raw)
            if m.get("type") == "event":
                self.events.append(m)
                continue
            if m.get("id") != me:
                continue
            if m.get("type") == "error":
                raise BidiError("%s: %s: %s" % (method, m.get("error"), m.get("message")))
            return m["result"]

    def pump(self, seconds=0.2):
        """Read the events that came in the next seconds."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            raw = self.ws.recv(max(0.01, deadline - time.time()))
            if raw:
                m = json.loads(raw)
                if m.get("type") == "event":
                    self.events.append(m)

    @staticmethod
    def _end(proc, grace=0):
        """Firefox and every process of its group ended."""
        if proc is None:
            return
        if grace and proc.poll() is None:
            try:
                proc.wait(grace)
            except subprocess.TimeoutExpired:
                pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # its helpers too (same group)
        except OSError:
            pass
        proc.wait()

    def close(self):
        if self.ws:
            try:
                self.ws.send(json.dumps({"id": 999999, "method": "browser.close", "params": {}}))
            except (OSError, BidiError):
                pass
            self.ws.close()
        self._end(self.first)
        self._end(self.p, 10 if self.ws else 0)
        shutil.rmtree(self.profile, ignore_errors=True)


def unwrap(v):
    """A BiDi remote value as a Python value (nodes kept as they are)."""
    t = v.get("type")
    if t in ("string", "number", "boolean"):
        return v["value"]
    if t in ("undefined", "null"):
        return None
    if t == "array":
        return [unwrap(x) for x in v["value"]]
    if t == "object":
        return {k if isinstance(k, str) else unwrap(k): unwrap(x) for k, x in v["value"]}
    return v
