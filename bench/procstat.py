"""Server CPU time from /proc: a process tree's user + system time, children that ended included."""

import os
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def stat_fields(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name (which may hold spaces)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (gunicorn's workers, nginx's)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def cpu_seconds(pid: int) -> float:
    """User + system time of `pid`, its live children and the children it has waited for."""
    fields = stat_fields(pid)
    # After the name: state is index 0, so utime, stime, cutime, cstime are 11..14.
    ticks = sum(int(value) for value in fields[11:15])
    for child in children(pid):
        try:
            ticks += sum(int(value) for value in stat_fields(child)[11:13])
        except FileNotFoundError:  # a worker that ended in between: its time is in cutime next read
            continue
    return ticks / TICKS
