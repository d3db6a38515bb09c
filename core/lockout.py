"""What an editor sees when django-axes pauses logins: the login page, saying why and how long."""

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

LOCKOUT_STATUS = 429  # Too Many Requests


def lockout_response(request, original_response=None, credentials=None):
    """Render the admin login page with the lockout notice (settings.AXES_LOCKOUT_CALLABLE)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    context = {
        **admin.site.each_context(request),
        "title": _("Log in"),
        "app_path": reverse("admin:login"),
        "form": AdminAuthenticationForm(request, initial={"username": username}),
        "next": request.POST.get("next") or reverse("admin:index"),
        "lockout_message": lockout_message(username),
    }
    return render(request, "admin/locked_out.html", context, status=LOCKOUT_STATUS)


def lockout_message(username: str) -> str:
    minutes = round(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
    return _(
        "Too many failed attempts to log in as “%(username)s” from this address. To keep the "
        "account safe, logging in to it from here is paused for %(minutes)s minutes. Please try "
        "again after that, or ask an administrator to unlock the account."
    ) % {"username": username, "minutes": minutes}
