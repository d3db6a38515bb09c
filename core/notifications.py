"""E-mail for the editorial workflow: publishers hear when something awaits their review,
editors when their work is approved or sent back.

Mail goes out once the write has committed, through Django's mail backend (the console in
`make run`, SMTP configured from the environment in production); a mail server that fails
is logged, never allowed to undo the editor's work.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import ReviewEvent
from .publishing import Publishable

logger = logging.getLogger(__name__)


def admin_url(instance) -> str:
    opts = instance._meta
    path = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
    return settings.SITE_URL.rstrip("/") + path


def reviewers(model):
    """Active users with an e-mail address who may approve changes to `model`."""
    opts = model._meta
    if issubclass(model, Publishable):
        app_label, codename = opts.app_label, f"publish_{opts.model_name}"
    else:
        app_label, codename = "core", "approve_pendingchange"
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
    granted = Q(is_superuser=True)
    if permission is not None:
        granted |= Q(groups__permissions=permission) | Q(user_permissions=permission)
    return get_user_model().objects.filter(granted, is_active=True).exclude(email="").distinct()


def _send(subject, body, recipients):
    addresses = sorted({user.email for user in recipients if user and user.email})
    if not addresses:
        return

    def deliver():
        try:
            send_mail(subject, body, None, addresses)
        except OSError:
            logger.warning("Could not send workflow e-mail %r to %s", subject, addresses, exc_info=True)

    transaction.on_commit(deliver)


def review_requested(*, instance, by, comment="", change=None):
    """Tell the publishers that an item, or a change to one, awaits their review."""
    with translation.override(settings.LANGUAGE_CODE):
        what = _("A change to “%(item)s”") if change else _("“%(item)s”")
        subject = _("Awaiting your review: %(what)s") % {"what": what % {"item": instance}}
        lines = [subject, _("From: %(user)s") % {"user": by or "—"}]
        if comment:
            lines.append(_("Note: %(comment)s") % {"comment": comment})
        lines.append(admin_url(change or instance))
    _send(subject, "\n\n".join(lines), reviewers(type(instance)))


def review_decided(*, instance, by, approved, comment="", change=None):
    """Tell the editor who submitted the item (or proposed the change) what was decided."""
    author = change.author if change else _submitter(instance)
    with translation.override(settings.LANGUAGE_CODE):
        template = _("Approved: “%(item)s”") if approved else _("Sent back: “%(item)s”")
        subject = template % {"item": instance}
        lines = [subject, _("By: %(user)s") % {"user": by or "—"}]
        if comment:
            lines.append((_("Comment: %(text)s") if approved else _("Reason: %(text)s")) % {"text": comment})
        lines.append(admin_url(instance))
    _send(subject, "\n\n".join(lines), [author])


def _submitter(instance):
    event = (
        ReviewEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(instance),
            object_id=instance.pk,
            action=ReviewEvent.Action.SUBMITTED,
        )
        .select_related("user")
        .first()
    )
    return event.user if event else None
