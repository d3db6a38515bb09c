"""Versions as editors read them: numbered revisions, field labels and whole texts with the
changes marked — on the history page and the restore confirmation.

A revision is one stored version (django-simple-history record) of one object; they are
numbered 1, 2, 3 … per object, oldest first. This module only presents: it writes nothing.
"""

import datetime
import difflib
import re
from decimal import Decimal

from django.utils import formats
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from simple_history.template_utils import HistoricalRecordContextHelper

# Latin words and numbers stay whole; every other character (each Chinese character, each
# punctuation mark) is a token of its own, so a changed word or character is marked alone.
TOKEN = re.compile(r"[A-Za-z0-9_’'.,%-]+|\s+|.", re.S)
# Reasons stored by the write path (core/history.py, indicators/resources.py), in words.
RESTORED = re.compile(r"Restored version (\d+)")
IMPORTED = re.compile(r"Imported from (.+)", re.S)
SEED = "Seed content"  # bluepaper/management/commands/load_seed.py


# Past this many tokens on a side, a changed paragraph is marked whole: a finer diff would cost
# seconds (difflib is quadratic) for little gain.
FINE_DIFF_LIMIT = 2000


def marked_diff(old: str, new: str) -> SafeString:
    """The new text whole, with what was removed in <del> and what was added in <ins>.

    Paragraphs (lines) are matched first; within a changed paragraph, words and characters.
    """
    before, after = (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True)
    parts = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        if operation == "equal":
            parts.append(escape(added))
        else:
            parts.append(marked_tokens(removed, added))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped


def marked_tokens(old: str, new: str) -> str:
    """Mark the changed words and characters between two paragraphs (escaped HTML)."""
    before, after = TOKEN.findall(old), TOKEN.findall(new)
    if max(len(before), len(after)) > FINE_DIFF_LIMIT:
        return marks(old, new)
    parts = []
    for operation, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(before[i1:i2])))
        else:
            parts.append(marks("".join(before[i1:i2]), "".join(after[j1:j2])))
    return "".join(parts)


def marks(removed: str, added: str) -> str:
    return (format_html("<del>{}</del>", removed) if removed else "") + (
        format_html("<ins>{}</ins>", added) if added else ""
    )


def revision_numbers(model, object_id) -> dict[int, int]:
    """Number the object's stored versions 1..N, oldest first: {history_id: number}."""
    ids = (
        model.history.filter(**{model._meta.pk.attname: object_id})
        .order_by("history_date", "history_id")
        .values_list("history_id", flat=True)
    )
    return {history_id: number for number, history_id in enumerate(ids, start=1)}


def reason_in_words(reason: str, numbers: dict[int, int]) -> str:
    """A stored change reason in the admin's language: "Restored version 8" → "恢复为第 2 次修订"."""
    if match := RESTORED.fullmatch(reason or ""):
        history_id = int(match[1])
        if history_id in numbers:
            return _("Restored revision %(number)s") % {"number": numbers[history_id]}
        return _("Restored an earlier revision")
    if match := IMPORTED.fullmatch(reason or ""):
        return _("Imported from %(file)s") % {"file": match[1]}
    if reason == SEED:
        return _("The site's first content")
    # Workflow steps store their English name (core/services.py) and read in the admin's language.
    return _(reason) if reason else ""


def display_value(field, value) -> str:
    """A stored value as the form shows it: a choice's label, yes/no, a local date, "—"."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return pgettext("list separator", ", ").join(str(item) for item in value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return formats.localize(template_localtime(value))
    return str(value)


def is_text(field) -> bool:
    return field.get_internal_type() in {"CharField", "TextField"} and not field.choices


class RevisionContextHelper(HistoricalRecordContextHelper):
    """Each change with its field's label; texts whole with the changes marked, never cut."""

    def context_for_delta_changes(self, delta):
        order = {field.name: index for index, field in enumerate(self.model._meta.get_fields())}
        changes = sorted(delta.changes, key=lambda change: order.get(change.field, len(order)))
        return [self.change_context(change) for change in changes]

    def change_context(self, change):
        field = self.model._meta.get_field(change.field)
        old = self.prepare_delta_change_value(change, change.old)
        new = self.prepare_delta_change_value(change, change.new)
        context = {"field": capfirst(field.verbose_name), "name": change.field}
        if is_text(field):
            context["marked"] = marked_diff(old or "", new or "")
        context["old"] = display_value(field, old)
        context["new"] = display_value(field, new)
        return context
