"""Whether an object's text is missing in a language, or older there than in the other.

Every save is a version (core/history.py) holding both languages, so the history says what each
save did to each language's text. A language is *older* when the other's written text was
rewritten after it last changed: the translation may not say what the original now says. A
first translation, or a text emptied, leaves the other language as it was. Readers see the
notice on the parallel view and editors in the change form
(docs/decisions/0042-navigation-and-parallel-reading.md).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

# The languages as a notice names them ("the English text").
LANGUAGE_NAMES = {"zh-hans": gettext_lazy("Chinese"), "en": gettext_lazy("English")}


def _codes():
    return [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class TranslationStatus:
    missing: dict[str, list[str]] = field(default_factory=dict)  # language → fields it lacks, by name
    changed: dict[str, datetime] = field(default_factory=dict)  # language → when its text last changed
    lagging: str | None = None  # the language left behind by a rewrite of the other's text
    since: datetime | None = None  # when that rewrite was saved

    @property
    def older(self) -> str | None:
        """The language whose text is older than the other's last rewrite (not one whose text is missing)."""
        return self.lagging if self.lagging and not self.missing.get(self.lagging) else None

    @property
    def newer(self) -> str | None:
        older = self.older
        return next((code for code in _codes() if code != older), None) if older else None

    def notices(self) -> list[str]:
        """What a reader or an editor should know, in the active language: missing, then older text."""
        notices = [
            _("There is no %(language)s text yet for: %(fields)s.")
            % {"language": LANGUAGE_NAMES.get(code, code), "fields": _list(names)}
            for code, names in self.missing.items()
        ]
        older, newer = self.older, self.newer
        if older:
            notices.append(
                _(
                    "The %(older)s text was last changed on %(older_date)s, before the %(newer)s text was "
                    "revised on %(newer_date)s: it may not yet say the same."
                )
                % {
                    "older": LANGUAGE_NAMES.get(older, older),
                    "newer": LANGUAGE_NAMES.get(newer, newer),
                    "older_date": _when(self.changed[older], self.since),
                    "newer_date": _when(self.since, self.changed[older]),
                }
            )
        return notices


def _when(moment: datetime, other: datetime) -> str:
    """The day of `moment`, with the time when `other` fell on the same day."""
    moment, other = timezone.localtime(moment), timezone.localtime(other)
    return moment.strftime("%Y-%m-%d %H:%M" if moment.date() == other.date() else "%Y-%m-%d")


def _list(names) -> str:
    return pgettext("list separator", ", ").join(str(name) for name in names)


def missing_fields(objects, fields) -> dict[str, list[str]]:
    """{language: [field, …]}: the fields some object has text for in another language but not in this one."""
    missing = {code: [] for code in _codes()}
    for obj in objects:
        for name in fields:
            texts = {code: (getattr(obj, build_localized_fieldname(name, code), "") or "").strip() for code in _codes()}
            if not any(texts.values()):
                continue
            for code, text in texts.items():
                if not text and name not in missing[code]:
                    missing[code].append(name)
    return {code: names for code, names in missing.items() if names}


def text_changes(history, fields) -> list[tuple[datetime, dict[str, str]]]:
    """Each saved change of the text in `fields`: (when, {language: "rewrite" or "write"}).

    Over the historical records of any number of objects (a strategy's actions). A language is
    *rewritten* when a field's written text is replaced by other text; text written into an
    empty field, or removed, is a *write*: it changes the language without revising it.
    """
    columns = {code: [build_localized_fieldname(name, code) for name in fields] for code in _codes()}
    records = history.order_by("history_date", "history_id").values("id", "history_date", *sum(columns.values(), []))
    changes, before = [], {}
    for record in records:
        kinds = {}
        for code, names in columns.items():
            texts = [record[name] or "" for name in names]
            previous = before.get((record["id"], code), [""] * len(texts))
            if previous != texts:
                rewritten = any(old and new and old != new for old, new in zip(previous, texts, strict=True))
                kinds[code] = "rewrite" if rewritten else "write"
            before[(record["id"], code)] = texts
        if kinds:
            changes.append((record["history_date"], kinds))
    return changes


def own_text(obj) -> list:
    """The part of `obj`'s text held in its own translated fields, for `translation_status`."""
    fields = list(translator.get_options_for_model(type(obj)).fields)
    return [([obj], obj.history.all(), fields)]


def text_parts(obj) -> list:
    """Every part of `obj`'s text: its own fields, and those of parts it holds (`translation_parts()`)."""
    return obj.translation_parts() if hasattr(obj, "translation_parts") else own_text(obj)


def translation_status(parts) -> TranslationStatus:
    """The status of a text made of `parts`: [(objects, their history, fields), …] (a strategy and its actions).

    The changes are read in time order. A save that rewrites one language alone leaves the other
    lagging; a later change of the lagging language, or of both at once, brings them level again.
    """
    missing, changes = {}, []
    for objects, history, fields in parts:
        model = history.model
        for code, names in missing_fields(objects, fields).items():
            labels = [model._meta.get_field(name).verbose_name for name in names]
            missing.setdefault(code, []).extend(label for label in labels if label not in missing[code])
        changes += text_changes(history, fields)
    changed, lagging, since = {}, None, None
    for moment, kinds in sorted(changes, key=lambda change: change[0]):
        changed.update(dict.fromkeys(kinds, moment))
        rewritten = [code for code, kind in kinds.items() if kind == "rewrite"]
        if len(kinds) == len(_codes()) or lagging in kinds:
            lagging, since = None, None
        elif rewritten:
            lagging, since = next(code for code in _codes() if code not in kinds), moment
    return TranslationStatus(missing=missing, changed=changed, lagging=lagging, since=since)
