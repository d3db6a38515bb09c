"""Site search: an index of every object's text, read through `published()` at query time.

Each app registers how its models are indexed (`register`, in its `search_index.py`) and which
other objects quote their text (`register_dependency`). The index holds every object whatever
its status; what a reader may find is decided when they search, by the one publishing
mechanism, so a draft never shows and scheduled content is findable the moment it goes live.

The index is kept fresh explicitly: `search_index(obj)` after an edit (the admin calls it after
every save, status change and restore), `search_reindex_all()` after loading content in bulk.
Design and measurements: docs/decisions/0008-search.md.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import build_localized_fieldname

from .languages import html_lang, localized
from .models import SearchEntry

MAX_QUERY_LENGTH = 100  # characters; a longer query is cut, and the reader told
MAX_TERMS = 10  # words; each is one more LIKE condition
MAX_CANDIDATES = 200  # matching entries ranked per search; beyond, the reader is asked to narrow
SNIPPET_LENGTH = 160  # characters of text shown around the first match
DIGITS = frozenset("0123456789")
ENTRY_FIELDS = ("content_type_id", "object_id", "source_type_id", "source_id", "language", "title", "text")


# Registry --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One piece of an object's searchable text in one language.

    `source` is what must be public for a reader to find it: the object itself (the default),
    or an object it quotes, such as one of its observations.
    """

    language: str
    title: str
    text: str
    source: models.Model | None = None


@dataclass(frozen=True)
class Searchable:
    model: type[models.Model]
    documents: Callable[[models.Model], Iterable[Document]]
    queryset: Callable[[], models.QuerySet]
    title_field: str
    rank: int  # kinds are listed in this order when everything else is equal
    sources: tuple[type[models.Model], ...]


REGISTRY: dict[type[models.Model], Searchable] = {}
DEPENDENTS: dict[type[models.Model], list[Callable]] = defaultdict(list)


def register(model, *, documents, rank, title_field="title", queryset=None, sources=()):
    """Make `model` searchable: `documents(obj)` yields its text, one `Document` at a time.

    `queryset()` loads objects for indexing (with what `documents` needs prefetched); `sources`
    names the other models a document may come from, so their publication is checked too.
    """
    REGISTRY[model] = Searchable(
        model=model,
        documents=documents,
        queryset=queryset or model._default_manager.all,
        title_field=title_field,
        rank=rank,
        sources=tuple(sources),
    )


def register_dependency(model, dependents):
    """Reindex `dependents(obj)` whenever an object of `model` is indexed (its text is quoted there)."""
    DEPENDENTS[model].append(dependents)


def languages() -> list[str]:
    """The codes of the languages every object is indexed in."""
    return [code for code, _name in settings.LANGUAGES]


def own_text(obj, field: str, language: str) -> str:
    """`field` of `obj` in `language` itself: no fallback, as each language is indexed on its own."""
    return getattr(obj, build_localized_fieldname(field, language)) or ""


# Chinese punctuation ends a sentence or clause without a space after it.
SPACE_AFTER_CJK_PUNCTUATION = re.compile(r"(?<=[。！？；：，、）”」』])\s+")


def plain_text(*parts) -> str:
    """The text of rendered HTML parts (such as Markdown rendered by core.text), on one line."""
    text = " ".join(" ".join(unescape(strip_tags(str(part))).split()) for part in parts if part)
    return SPACE_AFTER_CJK_PUNCTUATION.sub("", text)


# Normalisation ---------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _fold(char: str) -> str:
    """One character as matched: compatibility forms unified (２→2, ，→,), lower case."""
    return unicodedata.normalize("NFKC", char).lower()


def _normalized_with_origins(text: str) -> tuple[str, list[int]]:
    """Normalise `text`; also give, for each normalised character, its index in `text`."""
    chars, origins = [], []
    for index, char in enumerate(text):
        for folded in _fold(char):
            chars.append(folded)
            origins.append(index)
    keep = [not _is_thousands_separator(chars, i) for i in range(len(chars))]
    return (
        "".join(c for c, k in zip(chars, keep, strict=True) if k),
        [o for o, k in zip(origins, keep, strict=True) if k],
    )


def _is_thousands_separator(chars: list[str], i: int) -> bool:
    """A comma between a digit and exactly three more digits: the comma of 2,624 or 12,935,000."""
    if chars[i] != "," or i == 0 or chars[i - 1] not in DIGITS:
        return False
    group = chars[i + 1 : i + 4]
    after = chars[i + 4] if i + 4 < len(chars) else ""
    return len(group) == 3 and all(c in DIGITS for c in group) and after not in DIGITS


def normalize(text: str) -> str:
    """Text as it is matched: lower case, and "2,624" written "2624" so both spellings meet."""
    return _normalized_with_origins(text)[0]


# Indexing --------------------------------------------------------------------------------


def _entries(searchable: Searchable, obj) -> list[SearchEntry]:
    content_type = ContentType.objects.get_for_model(searchable.model)
    entries = []
    for document in searchable.documents(obj):
        if not (document.title or document.text):
            continue
        source = document.source if document.source is not None else obj
        entries.append(
            SearchEntry(
                content_type=content_type,
                object_id=obj.pk,
                source_type=ContentType.objects.get_for_model(source._meta.concrete_model),
                source_id=source.pk,
                language=document.language,
                title=document.title[:300],
                text=document.text,
                document=normalize(document.title) + "\n" + normalize(document.text),
            )
        )
    return entries


def _index_one(model, pk):
    searchable = REGISTRY[model]
    content_type = ContentType.objects.get_for_model(model)
    SearchEntry.objects.filter(content_type=content_type, object_id=pk).delete()
    fresh = searchable.queryset().filter(pk=pk).first()
    if fresh is not None:
        SearchEntry.objects.bulk_create(_entries(searchable, fresh))


def search_targets(obj) -> list[tuple]:
    """The objects whose entries show `obj`'s text: itself (if searchable) and its dependents."""
    model = obj._meta.concrete_model
    targets = [(model, obj.pk)] if model in REGISTRY else []
    for dependents in DEPENDENTS.get(model, ()):
        targets += [(item._meta.concrete_model, item.pk) for item in dependents(obj)]
    return targets


@transaction.atomic
def search_index(*objects) -> None:
    """Rebuild the search entries of the objects, and of every object that quotes their text, once each."""
    targets = [target for obj in objects for target in search_targets(obj)]
    for target in dict.fromkeys(targets):
        _index_one(*target)


def search_forget(obj) -> None:
    """Remove the entries of an object about to be deleted, and the text others quote from it."""
    content_type = ContentType.objects.get_for_model(obj._meta.concrete_model)
    SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()
    SearchEntry.objects.filter(source_type=content_type, source_id=obj.pk).delete()


@transaction.atomic
def search_reindex_all() -> int:
    """Rebuild the whole index (after loading content in bulk); return the number of entries."""
    SearchEntry.objects.all().delete()
    count = 0
    for searchable in REGISTRY.values():
        entries = [entry for obj in searchable.queryset() for entry in _entries(searchable, obj)]
        SearchEntry.objects.bulk_create(entries, batch_size=500)
        count += len(entries)
    return count


# Queries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What a reader typed, cleaned: the text to show back, and the terms to match."""

    text: str = ""
    terms: tuple[str, ...] = ()
    truncated: bool = False
    terms_dropped: bool = False


def parse_query(raw: str) -> Query:
    """Clean a reader's query: no control characters, at most MAX_QUERY_LENGTH characters and
    MAX_TERMS words. Words are separated by spaces; Chinese without spaces is one word."""
    raw = raw[: MAX_QUERY_LENGTH * 4]  # bound the work before looking at each character
    cleaned = "".join(_clean_char(char) for char in raw)
    text = " ".join(cleaned.split())
    truncated = len(text) > MAX_QUERY_LENGTH or len(raw) > MAX_QUERY_LENGTH * 4
    text = text[:MAX_QUERY_LENGTH].strip()
    terms = tuple(dict.fromkeys(term for word in text.split() if (term := normalize(word).strip())))
    return Query(text, terms[:MAX_TERMS], truncated, len(terms) > MAX_TERMS)


def _clean_char(char: str) -> str:
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):  # control characters (NUL, tabs, newlines), lone surrogates
        return " "
    if category == "Cf":  # invisible format characters: zero-width spaces, byte-order marks
        return ""
    return char


def _visible_now() -> Q:
    """Entries a reader may find now: the object shown is public, and so is the object quoted
    (an entry of the object's own text quotes nothing else)."""
    shown, quoted = Q(pk__in=[]), Q(source_type=F("content_type"), source_id=F("object_id"))
    for model in REGISTRY:
        content_type = ContentType.objects.get_for_model(model)
        shown |= Q(content_type=content_type, object_id__in=model._default_manager.published().values("pk"))
    for model in dict.fromkeys(source for searchable in REGISTRY.values() for source in searchable.sources):
        content_type = ContentType.objects.get_for_model(model)
        quoted |= Q(source_type=content_type, source_id__in=model._default_manager.published().values("pk"))
    return shown & quoted


@dataclass
class Result:
    obj: models.Model
    kind: str
    url: str
    title: SafeString
    title_lang: str
    snippet: SafeString
    snippet_lang: str
    key: tuple = field(repr=False)


@dataclass
class Results:
    query: Query
    items: list[Result]
    more_than_ranked: bool  # the candidate limit was reached: the reader should narrow


def search(query: Query, language: str) -> Results:
    """Find public objects whose text has every term, in `language` first, ranked.

    A fixed number of queries: one for the matching entries (publication checked inside it), and
    one per kind of object found, to show it.
    """
    if not query.terms:
        return Results(query, [], more_than_ranked=False)
    conditions = [Q(document__contains=term) for term in query.terms]
    entries = list(
        SearchEntry.objects.filter(_visible_now(), *conditions)
        .annotate(other_language=Case(When(language=language, then=Value(0)), default=Value(1)))
        .order_by("other_language", "pk")
        .only(*ENTRY_FIELDS)[:MAX_CANDIDATES]
    )
    best = {}
    for entry in entries:
        score = _score(entry, query.terms, language)
        key = (entry.content_type_id, entry.object_id)
        if key not in best or score > best[key][0]:
            best[key] = (score, entry)
    items = _results(best, query.terms, language)
    return Results(query, items, more_than_ranked=len(entries) == MAX_CANDIDATES)


def _score(entry, terms, language):
    """Higher is better: terms in the title, then occurrences, then the page's language."""
    title = normalize(entry.title)
    text = normalize(entry.text)
    in_title = sum(term in title for term in terms)
    occurrences = sum(title.count(term) + text.count(term) for term in terms)
    own_text = (entry.source_type_id, entry.source_id) == (entry.content_type_id, entry.object_id)
    return (in_title, occurrences, entry.language == language, own_text)


def _results(best, terms, language) -> list[Result]:
    by_model = defaultdict(list)
    for content_type_id, object_id in best:
        by_model[content_type_id].append(object_id)
    items = []
    for model, searchable in REGISTRY.items():
        content_type = ContentType.objects.get_for_model(model)
        ids = by_model.get(content_type.pk)
        if not ids:
            continue
        for obj in model._default_manager.published().filter(pk__in=ids):
            score, entry = best[(content_type.pk, obj.pk)]
            title = localized(obj, searchable.title_field, language)
            items.append(
                Result(
                    obj=obj,
                    kind=str(model._meta.verbose_name),
                    url=obj.get_absolute_url(),
                    title=highlight(title.text, terms),
                    title_lang=html_lang(title.language),
                    snippet=snippet(entry.text, terms),
                    snippet_lang=html_lang(entry.language),
                    key=(tuple(-part for part in score), searchable.rank, title.text),
                )
            )
    return sorted(items, key=lambda item: item.key)


# Highlighting ----------------------------------------------------------------------------


def _match_spans(text: str, terms) -> list[tuple[int, int]]:
    """Where the terms occur in `text`, as (start, end) in `text` itself, merged and sorted."""
    normalized, origins = _normalized_with_origins(text)
    spans = []
    for term in terms:
        start = normalized.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((origins[start], origins[end - 1] + 1))
            start = normalized.find(term, end)
    merged = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans, offset=0) -> str:
    """`text` escaped, with the spans (relative to `offset`) wrapped in <mark>."""
    parts, position = [], 0
    for start, end in spans:
        start, end = max(start - offset, 0), min(end - offset, len(text))
        if start >= end:
            continue
        parts.append(conditional_escape(text[position:start]))
        parts.append(format_html("<mark>{}</mark>", text[start:end]))
        position = end
    parts.append(conditional_escape(text[position:]))
    return "".join(parts)


def highlight(text: str, terms) -> SafeString:
    """All of `text`, escaped, with every match marked."""
    return mark_safe(_marked(text, _match_spans(text, terms)))  # noqa: S308 - every part escaped in _marked


NUMBER_CHARS = frozenset("0123456789.,%万亿")


def _past_number(text: str, end: int) -> int:
    """Move a cut at `end` past the number it would split: "82.1%", never "82"."""
    if end == 0 or text[end - 1] not in NUMBER_CHARS:
        return end
    while end < len(text) and text[end] in NUMBER_CHARS:
        end += 1
    return end


BRACKETS = {"(": ")", "（": "）"}
BRACKET_REACH = 15  # characters: a short aside, such as a figure's hedge "82.1%（预计）" / "82.1% (expected)"


def _past_bracket(text: str, end: int) -> int:
    """Move a cut at `end` past a short bracketed aside it would split or leave off, so that a figure
    keeps its hedge: "…82.1% (expected)", never "…82.1%"."""
    opened = max((text.rfind(mark, max(end - BRACKET_REACH, 0), end) for mark in BRACKETS), default=-1)
    if opened != -1 and BRACKETS[text[opened]] not in text[opened:end]:
        start = opened
    else:
        following = len(text[end:]) - len(text[end:].lstrip(" "))
        start = end + following if text[end + following : end + following + 1] in BRACKETS else -1
    if start == -1:
        return end
    closing = text.find(BRACKETS[text[start]], start, start + BRACKET_REACH)
    return closing + 1 if closing != -1 else end


def snippet(text: str, terms, length: int = SNIPPET_LENGTH) -> SafeString:
    """About `length` characters of `text` around its first match, escaped, matches marked."""
    spans = _match_spans(text, terms)
    start = max(spans[0][0] - length // 4, 0) if spans else 0
    end = min(start + length, len(text))
    start = max(min(start, end - length), 0)
    if start > 0:  # begin at a word, not inside one (Chinese breaks anywhere)
        space = text.find(" ", start, start + 15)
        start = space + 1 if space != -1 and (not spans or space < spans[0][0]) else start
    if end < len(text):
        space = text.rfind(" ", end - 15, end)
        end = _past_bracket(text, _past_number(text, space if space > start else end))
    marked = _marked(text[start:end], [(s, e) for s, e in spans if s < end and e > start], offset=start)
    return mark_safe(("…" if start > 0 else "") + marked + ("…" if end < len(text) else ""))  # noqa: S308
