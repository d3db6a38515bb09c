"""Anonymous throttling: requests per client address, answered with a 429 that says how long to wait."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """DRF's anonymous throttle, its rate read at request time (so a test can change it)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
