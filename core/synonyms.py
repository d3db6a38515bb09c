"""The editable list of synonyms and short forms that a search expands (decision 0039).

Each `SynonymGroup` is a set of words that mean the same thing (高铁 = 高速铁路 = high-speed
rail). The groups are read once per content stamp (core/cache.py): saving a group in the admin
moves the stamp, so the next search in every process uses the new list, with no restart and
no query per search.
"""

from dataclasses import dataclass

from .cache import content_version
from .models import SynonymGroup
from .segmenter import has_cjk, words

MAX_ALTERNATIVES = 8  # words tried for one word of a query, itself included


@dataclass(frozen=True)
class Synonyms:
    """The groups, as normalised words: each word's group, and the longest phrase, in words."""

    groups: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]
    cjk_words: tuple[str, ...]  # Chinese synonyms, longest first, to find whole in a query
    longest: int

    def of(self, phrase: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
        """The phrases that mean the same as `phrase` (itself first), in words."""
        found = self.groups.get(phrase, ())
        return (phrase, *(other for other in found if other != phrase))[:MAX_ALTERNATIVES]


_memo: dict = {"stamp": None, "synonyms": None}


def synonyms() -> Synonyms:
    """The current list, read again only when content (this list included) has changed."""
    stamp = content_version()
    if _memo["stamp"] != stamp or _memo["synonyms"] is None:
        _memo.update(stamp=stamp, synonyms=_load())
    return _memo["synonyms"]


def phrase_of(normalized: str) -> tuple[str, ...]:
    """A synonym as matched: Chinese whole (as a substring, however jieba would cut it), other
    text as its words (high-speed rail → high, speed, rail)."""
    if has_cjk(normalized):
        return ("".join(normalized.split()),)
    return tuple(words(normalized))


def _load() -> Synonyms:
    from .search import normalize  # search imports this module

    groups, cjk = {}, set()
    for group in SynonymGroup.objects.all():
        phrases = tuple(dict.fromkeys(p for word in group.word_list() if (p := phrase_of(normalize(word)))))
        for phrase in phrases:
            groups[phrase] = tuple(dict.fromkeys((*groups.get(phrase, ()), *phrases)))
            if len(phrase) == 1 and has_cjk(phrase[0]):
                cjk.add(phrase[0])
    longest = max((len(phrase) for phrase in groups), default=1)
    return Synonyms(groups, tuple(sorted(cjk, key=len, reverse=True)), longest)
