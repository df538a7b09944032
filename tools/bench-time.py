#!/usr/bin/env python3
"""Time one command for tools/bench.sh, with millisecond precision.

  bench-time.py OUT CMD [ARG...]

Runs CMD with its standard output and error going to OUT.err, and writes
to OUT one line: "SECONDS MAXRSS_KB" (wall time from fork to wait, and
the peak resident memory of the largest process among CMD and the
children it waited for, as GNU time's %M). Exits with CMD's status.
Python's own start-up is outside the measured window.
"""
import os
import sys
import time


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    with open(out + ".err", "wb") as err:
        t0 = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            os.dup2(err.fileno(), 2)
            try:
                os.execvp(cmd[0], cmd)
            finally:
                os._exit(127)
        _, status, ru = os.wait4(pid, 0)
        t = time.perf_counter() - t0
    with open(out, "w") as f:
        f.write("%.4f %d\n" % (t, ru.ru_maxrss))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
