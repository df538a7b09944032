"""A small SMTP server on 127.0.0.1 for the tests (aiosmtpd).

  smtpd.py DIR PORTFILE [--drop-after N] [--timeout S]
           [--refuse ADDRESS]... [--refuse-auth LOG] [--delay S]

Stores every accepted message as DIR/NNN.eml, writes its port to
PORTFILE once listening, stops by itself after S seconds (default 60).
With --drop-after N it drops the connection instead of accepting the
(N+1)th message, as a server that fails halfway. --refuse ADDRESS
answers RCPT TO:<ADDRESS> with "550 5.1.1 <ADDRESS>: no such user here".
--refuse-auth LOG offers AUTH (PLAIN, LOGIN; without TLS), refuses every
attempt with "535 5.7.8 Authentication credentials invalid" and appends a
line to LOG for each, and refuses mail from a client that did not log in.
--delay S waits S seconds before answering each message's data.
--stall-data S waits S seconds before answering the first message's data
(then stores it), as a server slower than the client's patience.
--require-login LOG offers AUTH and answers MAIL FROM of a client that did
not log in with "530 5.7.0 Authentication required", a line in LOG each.
--stall-auth S LOG offers AUTH, waits S seconds at each attempt (as
servers slow failed logins down), then refuses it; a line in LOG each."""
import argparse, asyncio, os, socket, sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

ap = argparse.ArgumentParser()
ap.add_argument("dir"); ap.add_argument("portfile")
ap.add_argument("--drop-after", type=int, default=-1)
ap.add_argument("--timeout", type=float, default=60)
ap.add_argument("--refuse", action="append", default=[])
ap.add_argument("--refuse-auth")
ap.add_argument("--delay", type=float, default=0)
ap.add_argument("--stall-data", type=float, default=0)
ap.add_argument("--require-login")
ap.add_argument("--stall-auth", nargs=2, metavar=("S", "LOG"))
a = ap.parse_args()
os.makedirs(a.dir, exist_ok=True)


class Store:
    def __init__(self):
        self.n = len(os.listdir(a.dir))
        self.accepted = 0

    async def handle_MAIL(self, server, session, envelope, address, options):
        if a.require_login and not session.authenticated:
            with open(a.require_login, "a") as f:
                f.write("MAIL %s\n" % address)
            return "530 5.7.0 Authentication required"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in a.refuse:
            return "550 5.1.1 <%s>: no such user here" % address
        if a.refuse_auth and not session.authenticated:
            return "530 5.7.0 Authentication required"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if a.drop_after >= 0 and self.accepted >= a.drop_after:
            server.transport.abort()          # the connection is gone
            return "421 closing"
        if a.delay:
            await asyncio.sleep(a.delay)
        if a.stall_data and not getattr(self, "stalled", False):
            self.stalled = True
            await asyncio.sleep(a.stall_data)
        self.n += 1
        self.accepted += 1
        with open(os.path.join(a.dir, "%03d.eml" % self.n), "wb") as f:
            f.write(envelope.original_content)
        return "250 OK"


s = socket.socket(); s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]; s.close()
def refuse_login(server, session, envelope, mechanism, auth_data):
    with open(a.refuse_auth, "a") as f:
        f.write("AUTH %s\n" % mechanism)
    return AuthResult(success=False, handled=False,
                      message="535 5.7.8 Authentication credentials invalid")


def stall_login(server, session, envelope, mechanism, auth_data):
    with open(a.stall_auth[1], "a") as f:
        f.write("AUTH %s\n" % mechanism)
    time.sleep(float(a.stall_auth[0]))
    return AuthResult(success=False, handled=False,
                      message="535 5.7.8 Authentication credentials invalid")


kw = {}
if a.require_login:
    kw = dict(authenticator=refuse_login, auth_require_tls=False)
    a.refuse_auth = os.devnull
if a.stall_auth:
    kw = dict(authenticator=stall_login, auth_require_tls=False)
if a.refuse_auth and not a.require_login:
    kw = dict(authenticator=refuse_login, auth_require_tls=False)
c = Controller(Store(), hostname="127.0.0.1", port=port, **kw)
c.start()
with open(a.portfile + ".tmp", "w") as f:
    f.write(str(port))
os.rename(a.portfile + ".tmp", a.portfile)
end = time.time() + a.timeout
try:
    while time.time() < end and not os.path.exists(a.portfile + ".stop"):
        time.sleep(0.1)
finally:
    c.stop()
