"""Work a page does twice, done once: a template tag's answer remembered for the rest of the request.

A page's head and body often show the same thing (the citation meta tags and the "Cite this" box,
the share meta tags and the share box); each include asks its tag again. The answer depends on the
item and the language only, so it is kept on the request under both, and a request without one
(a tag rendered outside a page) computes it every time.
"""

from django.utils.translation import get_language


def once_per_request(context, compute, *key):
    """`compute()`, or what it returned earlier in this request for the same `key` and language."""
    request = context.get("request")
    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_once_per_request", {})
    full_key = (*key, get_language())
    if full_key not in memo:
        memo[full_key] = compute()
    return memo[full_key]


def object_key(item):
    """A model object's identity across the templates of one request; None for anything else (a page
    about no object passes nothing, or an empty string where its template names no item)."""
    return (item._meta.label, item.pk) if hasattr(item, "_meta") else None
