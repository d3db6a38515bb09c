"""Site search: an index of every object's text, read through `published()` at query time.

Each app registers how its models are indexed (`register`, in its `search_index.py`) and which
other objects quote their text (`register_dependency`). The index holds every object whatever
its status; what a reader may find is decided when they search, by the one publishing
mechanism, so a draft never shows and scheduled content is findable the moment it goes live.

The index is kept fresh explicitly: `search_index(obj)` after an edit (the admin calls it after
every save, status change and restore), `search_reindex_all()` after loading content in bulk.
A query is cut into words by jieba (core/segmenter.py) and each word brings its synonyms from
the editable list (core/synonyms.py). Design and measurements: docs/decisions/0008-search.md
and 0039-chinese-search.md.
"""

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import unescape

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When, Window
from django.db.models.functions import RowNumber, StrIndex, Substr
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import build_localized_fieldname

from .languages import html_lang, localized
from .models import SearchEntry
from .segmenter import PIECE, has_cjk, index_tokens, words
from .synonyms import synonyms

MAX_QUERY_LENGTH = 100  # characters; a longer query is cut, and the reader told
MAX_TERMS = 10  # words; each is one more LIKE condition
MAX_CANDIDATES = 200  # matching entries ranked per search; beyond, the reader is asked to narrow
# Entries of one object in one language that may be among them: an indicator has one entry for its
# own text and one per figure, so that at 100x the seed two indicators with a hundred figures each
# took all 200 places (the seed has at most three per object and language).
ENTRIES_PER_OBJECT = 5
CANDIDATE_ORDER = ("-in_title", "-whole", "other_language", "-pk")
SNIPPET_LENGTH = 160  # characters of text shown around the first match
DIGITS = frozenset("0123456789")
ENTRY_FIELDS = ("content_type_id", "object_id", "source_type_id", "source_id", "language", "title", "text", "tokens")


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
        normalized = normalize(document.title) + "\n" + normalize(document.text)
        entries.append(
            SearchEntry(
                content_type=content_type,
                object_id=obj.pk,
                source_type=ContentType.objects.get_for_model(source._meta.concrete_model),
                source_id=source.pk,
                language=document.language,
                title=document.title[:300],
                text=document.text,
                document=normalized,
                tokens=index_tokens(normalized),
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

# Little words that would only narrow a search by accident ("天津的产业链", "rail in Hebei"); dropped
# from a query unless nothing else is left.
# fmt: off
STOP_WORDS = frozenset({
    "的", "了", "和", "与", "及", "在", "是", "之", "或",
    "the", "of", "and", "in", "on", "for", "to", "a", "an", "by", "s",
})
# fmt: on


@dataclass(frozen=True)
class Alternative:
    """One way a query word may occur: Chinese or symbols as a substring of the normalised text,
    Latin words and numbers as whole words of the index (a Latin word's beginning: rail → railways)."""

    text: str
    as_words: bool

    def condition(self) -> Q:
        if not self.as_words:
            return Q(document__contains=self.text)
        return self.as_whole_word()

    def in_title(self) -> Q:
        """The condition that it occurs in an entry's normalised title (`normalized_title`, annotated by
        `search`), as a substring even if a word: a number in Chinese text has no space around it."""
        return Q(normalized_title__contains=self.text)

    def as_whole_word(self) -> Q:
        """The condition that it occurs as a word of an entry's `tokens` (SQL's `in_words`)."""
        return Q(tokens__contains=self._in_tokens())

    def in_words(self, tokens: str) -> bool:
        """Whether it occurs as a word (or, if Chinese, as one of jieba's words) in `tokens`."""
        return self._in_tokens() in tokens

    def _in_tokens(self) -> str:
        """How it is written in `SearchEntry.tokens`: a Latin word open at its end (a prefix)."""
        prefix = self.as_words and self.text[-1].isalpha()
        return f" {self.text}" if prefix else f" {self.text} "

    def occurs(self, normalized: str, tokens: str) -> int:
        return normalized.count(self.text) if not self.as_words else tokens.count(f" {self.text}")

    def marks(self) -> list[str]:
        """What to mark in a snippet: the substring itself, or each word of a phrase."""
        return self.text.split() if self.as_words else [self.text]


@dataclass(frozen=True)
class Term:
    """One word of a query (or a phrase with synonyms), found if any of its alternatives occurs."""

    text: str
    alternatives: tuple[Alternative, ...]

    def condition(self, where: Callable[[Alternative], Q] = Alternative.condition) -> Q:
        """Where one of its alternatives is found (`where(alternative)`: anywhere, by default)."""
        condition = Q(pk__in=[])
        for alternative in self.alternatives:
            condition |= where(alternative)
        return condition

    def found(self, where: Callable[[Alternative], Q]) -> Case:
        """1 where one of its alternatives is found (`where(alternative)`), else 0: for ranking in SQL."""
        return Case(When(self.condition(where), then=Value(1)), default=Value(0), output_field=IntegerField())


@dataclass(frozen=True)
class Query:
    """What a reader typed, cleaned: the text to show back, and the terms to match."""

    text: str = ""
    terms: tuple[Term, ...] = ()
    truncated: bool = False
    terms_dropped: bool = False

    def marks(self) -> list[str]:
        return list(dict.fromkeys(mark for term in self.terms for alt in term.alternatives for mark in alt.marks()))


def parse_query(raw: str) -> Query:
    """Clean a reader's query: no control characters, at most MAX_QUERY_LENGTH characters and
    MAX_TERMS terms. Chinese is cut into words by jieba; each word brings its synonyms."""
    raw = raw[: MAX_QUERY_LENGTH * 4]  # bound the work before looking at each character
    cleaned = "".join(_clean_char(char) for char in raw)
    text = " ".join(cleaned.split())
    truncated = len(text) > MAX_QUERY_LENGTH or len(raw) > MAX_QUERY_LENGTH * 4
    text = text[:MAX_QUERY_LENGTH].strip()
    terms = query_terms(normalize(text))
    return Query(text, terms[:MAX_TERMS], truncated, len(terms) > MAX_TERMS)


def query_terms(normalized: str) -> tuple[Term, ...]:
    """The terms of a normalised query: its words, a known phrase (high speed rail) taken as one."""
    if not normalized.strip():
        return ()
    table = synonyms()
    phrases = []
    for chunk in normalized.split():
        found = [word for piece in _split_known(chunk, table.cjk_words) for word in _chunk_words(piece, table)]
        # A chunk of symbols only ("%", "82.1%" is not one) is searched for as it is.
        phrases += found or [(chunk, False)]
    words = [(word, as_words) for word, as_words in phrases if word not in STOP_WORDS] or phrases
    terms, i = [], 0
    while i < len(words):
        size = _known_phrase_length(words, i, table)
        terms.append(_term(tuple(word for word, _ in words[i : i + size]), words[i][1], table))
        i += size
    return tuple({term.text: term for term in terms}.values())


def _split_known(chunk: str, known: tuple[str, ...]):
    """`chunk` in pieces, the Chinese synonyms it contains whole (longest first) as pieces of their own."""
    if chunk in known:
        return [chunk]
    for word in known:
        if word in chunk:
            before, _, after = chunk.partition(word)
            return [*_split_known(before, known), word, *_split_known(after, known)]
    return [chunk] if chunk else []


def _chunk_words(piece: str, table) -> list[tuple[str, bool]]:
    """(word, matched as a word?) for each word of a piece of a query."""
    if piece in table.cjk_words:
        return [(piece, False)]
    return [(word, not has_cjk(word)) for word in words(piece)]


def _known_phrase_length(words, i, table) -> int:
    """How many words from `i` on form a Latin phrase of the synonym list (1 if none)."""
    for size in range(min(table.longest, len(words) - i), 1, -1):
        phrase = words[i : i + size]
        if all(as_words for _, as_words in phrase) and tuple(word for word, _ in phrase) in table.groups:
            return size
    return 1


def _term(phrase: tuple[str, ...], as_words: bool, table) -> Term:
    alternatives = [Alternative(" ".join(phrase), as_words)]
    for other in table.of(phrase)[1:]:
        alternatives.append(Alternative(" ".join(other), not has_cjk(other[0])))
    return Term(" ".join(phrase), tuple(dict.fromkeys(alternatives)))


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
    """One object found. Its marked title and snippet are drawn when a page of results shows them:
    at 100x a search finds over a hundred objects and a page shows twenty."""

    obj: models.Model
    kind: str
    url: str
    title_text: str
    title_lang: str
    text: str  # of the entry the snippet comes from
    snippet_lang: str
    marks: list = field(repr=False)
    key: tuple = field(repr=False)

    @cached_property
    def title(self) -> SafeString:
        return highlight(self.title_text, self.marks)

    @cached_property
    def snippet(self) -> SafeString:
        return snippet(self.text, self.marks)


@dataclass
class Results:
    query: Query
    items: list[Result]
    more_than_ranked: bool  # the candidate limit was reached: the reader should narrow


def search(query: Query, language: str) -> Results:
    """Find public objects whose text has every term (or one of its synonyms), ranked.

    A fixed number of queries: one for the matching entries (publication checked inside it), one
    per kind of object found, to show it, and one for text in the page's language when an
    object matched only in the other.
    """
    if not query.terms:
        return Results(query, [], more_than_ranked=False)
    entries = list(
        SearchEntry.objects.filter(_visible_now(), *(term.condition() for term in query.terms))
        .annotate(**_first_ranks(query.terms, language))
        .annotate(
            place=Window(RowNumber(), partition_by=["content_type", "object_id", "language"], order_by=CANDIDATE_ORDER)
        )
        .filter(place__lte=ENTRIES_PER_OBJECT)
        .order_by(*CANDIDATE_ORDER)
        .only(*ENTRY_FIELDS)[:MAX_CANDIDATES]
    )
    best, shown = {}, {}
    for entry in entries:
        score = _score(entry, query.terms, language)
        key = (entry.content_type_id, entry.object_id)
        if key not in best or score > best[key][0]:
            best[key] = (score, entry)
        if entry.language == language and (key not in shown or score > shown[key][0]):
            shown[key] = (score, entry)
    shown = {key: entry for key, (_, entry) in shown.items()}
    shown.update(_own_text_entries([key for key in best if key not in shown], language))
    items = _results(best, shown, query.marks(), language)
    return Results(query, items, more_than_ranked=len(entries) == MAX_CANDIDATES)


def _first_ranks(terms, language) -> dict:
    """The candidates' first ranks, computed in SQL so that the MAX_CANDIDATES ranked are the best:
    terms in the title and terms as whole words, as `_score` counts them (but a Latin word is found
    in the title as a substring: "rail" in "trail" too), then the page's language; equal on these,
    the newest entry first. The normalised title is `document` up to its first line break.
    """
    return {
        "normalized_title": Substr("document", 1, StrIndex("document", Value("\n")) - 1),
        "in_title": sum(term.found(Alternative.in_title) for term in terms),
        "whole": sum(term.found(Alternative.as_whole_word) for term in terms),
        "other_language": Case(When(language=language, then=Value(0)), default=Value(1)),
    }


def count_matching(terms) -> int:
    """How many public objects have every one of `terms` (for suggestions)."""
    conditions = (term.condition() for term in terms)
    return (
        SearchEntry.objects.filter(_visible_now(), *conditions)
        .values("content_type_id", "object_id")
        .distinct()
        .count()
    )


def _score(entry, terms, language):
    """Higher is better: terms in the title; terms found as whole words (as jieba cuts the text,
    not across two words); occurrences; then the page's language, and the object's own text."""
    title = normalize(entry.title)
    title_words = f" {' '.join(match.group() for match in PIECE.finditer(title))} "
    text = normalize(entry.text)
    in_title = sum(any(_in(alt, title, title_words) for alt in term.alternatives) for term in terms)
    whole = sum(any(alt.in_words(entry.tokens) for alt in term.alternatives) for term in terms)
    occurrences = sum(alt.occurs(title + "\n" + text, entry.tokens) for term in terms for alt in term.alternatives)
    own_text = (entry.source_type_id, entry.source_id) == (entry.content_type_id, entry.object_id)
    return (in_title, whole, occurrences, entry.language == language, own_text)


def _in(alternative, normalized, latin_words):
    return alternative.in_words(latin_words) if alternative.as_words else alternative.text in normalized


def _own_text_entries(keys, language) -> dict:
    """The entry of each object's own text in `language`: its snippet when it matched only in
    the other language (so an English page shows English, whatever the reader typed)."""
    if not keys:
        return {}
    wanted = Q(pk__in=[])
    for content_type_id in {content_type_id for content_type_id, _ in keys}:
        ids = [object_id for ct, object_id in keys if ct == content_type_id]
        wanted |= Q(content_type_id=content_type_id, object_id__in=ids)
    entries = SearchEntry.objects.filter(
        wanted, language=language, source_type=F("content_type"), source_id=F("object_id")
    ).only(*ENTRY_FIELDS)
    return {(entry.content_type_id, entry.object_id): entry for entry in entries}


def _results(best, shown, marks, language) -> list[Result]:
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
            entry = shown.get((content_type.pk, obj.pk), entry)
            title = localized(obj, searchable.title_field, language)
            items.append(
                Result(
                    obj=obj,
                    kind=str(model._meta.verbose_name),
                    url=obj.get_absolute_url(),
                    title_text=title.text,
                    title_lang=html_lang(title.language),
                    text=entry.text,
                    snippet_lang=html_lang(entry.language),
                    marks=marks,
                    key=(tuple(-part for part in score), searchable.rank, title.text),
                )
            )
    return sorted(items, key=lambda item: item.key)


# Suggestions when nothing is found ----------------------------------------------------------

MAX_SUGGESTIONS = 3
MAX_TERMS_TO_DROP = 5  # each term left out is one more count query, run only when nothing was found
SPELLING_WORD = re.compile(r"[a-z]{4,}")


@dataclass(frozen=True)
class Suggestion:
    """A query to try instead, and how many results it finds."""

    text: str
    count: int

    @property
    def lang(self) -> str:
        """The language the suggestion is written in, for a `lang` attribute ("" for numbers alone)."""
        return "zh-Hans" if has_cjk(self.text) else "en" if re.search("[a-z]", self.text) else ""


def suggestions(query: Query) -> list[Suggestion]:
    """Queries close to one that found nothing: the same with a term left out, or with an English
    word spelled as the content spells it. At most MAX_SUGGESTIONS, the most specific first."""
    found = []
    if len(query.terms) > 1:
        for i in range(min(len(query.terms), MAX_TERMS_TO_DROP)):
            found.append(_try(query.terms[:i] + query.terms[i + 1 :]))
    found += [_try(terms) for terms in _respelled(query)]
    found = [suggestion for suggestion in found if suggestion.count]
    found.sort(key=lambda suggestion: (-len(suggestion.text.replace(" ", "")), -suggestion.count))
    return list({suggestion.text: suggestion for suggestion in found}.values())[:MAX_SUGGESTIONS]


def _try(terms) -> Suggestion:
    return Suggestion(" ".join(term.text for term in terms), count_matching(terms))


def _respelled(query: Query):
    """The query with one misspelt English word replaced by the closest word of a public title."""
    latin = [i for i, term in enumerate(query.terms) if SPELLING_WORD.fullmatch(term.text)]
    if not latin:
        return []
    titles = SearchEntry.objects.filter(_visible_now()).values_list("title", flat=True).distinct()
    vocabulary = {word for title in titles for word in SPELLING_WORD.findall(normalize(title))}
    respelled = []
    for i in latin:
        for word in difflib.get_close_matches(query.terms[i].text, vocabulary - {query.terms[i].text}, n=1):
            respelled.append(query.terms[:i] + query_terms(word) + query.terms[i + 1 :])
    return respelled


# Highlighting ----------------------------------------------------------------------------


PHRASE_JOINERS = frozenset(" -–—‐")


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
        # One mark over the words of a phrase: "high-speed rail", not "high", "speed", "rail".
        if merged and (start <= merged[-1][1] or text[merged[-1][1] : start] in PHRASE_JOINERS):
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
