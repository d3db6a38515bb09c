"""`make bench`: production settings, except that the API's per-client throttle never refuses.

wrk sends thousands of requests a second from one address; production's 120 a minute would
turn the API rows into 429s. The throttle still runs (and costs what it costs), at a rate no
benchmark reaches. Nothing else differs from production (bench/run.py, docs/performance.md).
"""

from .prod import *  # noqa: F403

REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000000/minute"}}  # noqa: F405
