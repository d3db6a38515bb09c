"""The public API's wiring: one router gathering every app's viewsets under /api/v1/.

Like the root URLconf, this is the only API code that knows every app; each app's resources
live in its own `api.py`. Design: docs/decisions/0019-public-api.md.
"""
