"""Drive admin forms as a browser does: log in through the form, submit what the page holds.

`post_form` reads every field of the page's form (hidden management forms, inline rows,
current values), applies the test's changes, and posts with the page's CSRF token.
"""

import re
from html.parser import HTMLParser

from django.contrib.auth.models import Group, User
from django.test import Client

PASSWORD = "a-long-editor-passphrase"  # noqa: S105 - test accounts only


class FormFields(HTMLParser):
    """The values a browser would submit for the page's main form (before any click)."""

    def __init__(self):
        super().__init__()
        self.values: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in {"submit", "button", "file", "image"}:
            if attrs.get("type") in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.values.append((name, attrs.get("value", "on" if attrs.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append(tuple(self._textarea))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data.removeprefix("\n") if not self._textarea[1] else data


def form_values(html):
    main_form = html.split("<form", 2)
    # The admin page's first form is the language switch; the content form follows.
    body = "<form" + main_form[-1] if len(main_form) > 2 else html
    parser = FormFields()
    parser.feed(body)
    values = {}
    for name, value in parser.values:
        values.setdefault(name, []).append(value)
    return values


def csrf_token(page):
    """The CSRF token of a page (a response or its HTML)."""
    html = page if isinstance(page, str) else page.content.decode()
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match, "the form carries no CSRF token"
    return match.group(1)


def logged_in_client(username, group=None, language="en"):
    """A browser-like client with CSRF checks on, logged in through the login form.

    The user is staff and a member of `group` (if given); the browser asks for `language`.
    """
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE=language)
    login_page = client.get("/admin/login/")
    response = client.post(
        "/admin/login/",
        {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf_token(login_page),
         "next": "/admin/"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/admin/", "login failed"
    client.user = user
    return client


def post_form(client, url, changes, submit_to=None):
    """Open the form at `url`, change the given fields, and submit it (to `submit_to` if given)."""
    page = client.get(url)
    assert page.status_code == 200, url
    data = form_values(page.content.decode())
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    data["csrfmiddlewaretoken"] = [csrf_token(page)]
    return client.post(submit_to or url, data)
