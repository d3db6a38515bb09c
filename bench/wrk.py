"""Run wrk (Debian's package) and read its report: requests, req/s, latency percentiles, errors."""

import re
import subprocess  # noqa: S404 - runs wrk, a fixed local program

WRK = "/usr/bin/wrk"
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}  # to milliseconds
PERCENTILE = re.compile(r"^\s*(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
REQUESTS = re.compile(r"^\s*(\d+) requests in ([\d.]+)(us|ms|s|m)", re.MULTILINE)
SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
NON_2XX_3XX = re.compile(r"Non-2xx or 3xx responses: (\d+)")
RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)


def run_wrk(url, *, threads=2, connections=16, seconds=10, timeout=30):
    """Load `url` for `seconds`; return wrk's report as text (raise if wrk fails)."""
    command = [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", f"--timeout={timeout}s", "--latency", url]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603


def parse_wrk(output: str) -> dict:
    """The figures of one wrk --latency report; errors are socket errors plus non-2xx/3xx answers."""
    requests, duration, unit = REQUESTS.search(output).groups()
    sockets = SOCKET_ERRORS.search(output)
    socket_errors = (
        dict(zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()), strict=True)) if sockets else {}
    )
    non_2xx = NON_2XX_3XX.search(output)
    latency = {f"p{p}": round(float(value) * UNITS[u], 3) for p, value, u in PERCENTILE.findall(output)}
    result = {
        "requests": int(requests),
        "seconds": float(duration) * UNITS[unit] / 1000,
        "req_per_s": float(RATE.search(output).group(1)),
        "latency_ms": latency,
        "socket_errors": socket_errors,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
    }
    result["errors"] = result["non_2xx_3xx"] + sum(socket_errors.values())
    return result
