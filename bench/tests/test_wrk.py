"""Reading wrk's --latency report (outputs captured from Debian's wrk 4)."""

from bench.wrk import parse_wrk

# Against a server answering 404: every response counts as an error.
ALL_404 = """\
Running 2s test @ http://127.0.0.1:8149/nothing-here
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.39ms    6.02ms  53.69ms   91.56%
    Req/Sec   642.92    212.70     0.95k    52.50%
  Latency Distribution
     50%    2.37ms
     75%    4.27ms
     90%    9.02ms
     99%   34.91ms
  2563 requests in 2.00s, 1.27MB read
  Non-2xx or 3xx responses: 2563
Requests/sec:   1279.39
Transfer/sec:    649.69KB
"""

# A slow server at 64 connections: microseconds, seconds and socket errors in one report.
SLOW_WITH_TIMEOUTS = """\
Running 1m test @ http://127.0.0.1:8142/findings/k5uj8/high-speed-rail-network/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.21s   310.55ms   1.99s    71.02%
    Req/Sec    30.15     12.40    80.00     68.12%
  Latency Distribution
     50%  850.00us
     75%    1.30s
     90%    1.62s
     99%    1.95s
  3120 requests in 1.00m, 61.23MB read
  Socket errors: connect 0, read 2, write 0, timeout 5
Requests/sec:     51.98
Transfer/sec:      1.02MB
"""


def test_figures_of_a_report_with_non_2xx_answers():
    figures = parse_wrk(ALL_404)
    assert figures["requests"] == 2563
    assert figures["seconds"] == 2.0
    assert figures["req_per_s"] == 1279.39
    assert figures["latency_ms"] == {"p50": 2.37, "p75": 4.27, "p90": 9.02, "p99": 34.91}
    assert figures["non_2xx_3xx"] == 2563
    assert figures["socket_errors"] == {}
    assert figures["errors"] == 2563


def test_units_are_converted_and_socket_errors_counted():
    figures = parse_wrk(SLOW_WITH_TIMEOUTS)
    assert figures["seconds"] == 60.0
    assert figures["latency_ms"]["p50"] == 0.85
    assert figures["latency_ms"]["p99"] == 1950.0
    assert figures["socket_errors"] == {"connect": 0, "read": 2, "write": 0, "timeout": 5}
    assert figures["non_2xx_3xx"] == 0
    assert figures["errors"] == 7
