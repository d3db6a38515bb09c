"""The public API's shared mechanism: language, conditional answers, errors, CSV, schema.

Each app declares its resources in its own `api.py` (serializers, filtersets, viewsets) on top
of these pieces; the router that gathers every app lives with the root URLconf (`api/urls.py`).
Nothing here imports an app's models. Design: docs/decisions/0019-public-api.md.
"""
