"""pty_lib.py - a program run with its standard error on a pseudo-terminal,
as a clerk's terminal shows it (tests/e2e/interrupt.sh)."""
import fcntl, os, pty, select, struct, subprocess, termios, time


def run(argv, cols=None, seconds=600, tick=None, **popen):
    """Run argv, its standard error a pseudo-terminal (cols wide when
    given), reading what it writes until it closes it or `seconds` pass;
    tick(p) is called between reads. Returns (exit status, the text)."""
    m, s = pty.openpty()
    if cols:
        fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack("HHHH", 24, cols, 0, 0))
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=s, **popen)
    os.close(s)
    data, deadline = b"", time.monotonic() + seconds
    while time.monotonic() < deadline:
        r, _, _ = select.select([m], [], [], 0.05)
        if r:
            try:
                chunk = os.read(m, 65536)
            except OSError:
                break
            if not chunk:
                break
            data += chunk
        if tick:
            tick(p)
    p.wait()
    os.close(m)
    return p.returncode, data.decode("utf-8", "replace")
