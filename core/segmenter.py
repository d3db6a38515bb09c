"""Words of Chinese and English text as search matches them (decision 0039).

Chinese is written without spaces, so a run of 汉字 is cut into words by jieba, with the
project's own words (core/search_data/words.txt: 京津冀, 高速铁路, 营业里程…) added so that
they stay whole. Latin words and numbers are read by a regular expression; punctuation is
not a word. The index and the query are cut by the same code, on normalised text
(core.search.normalize), so "2,624" is already "2624" here.

jieba loads its dictionary on first use (about 1 s; 0.3 s from the cache it keeps in
settings.SEARCH_CACHE_DIR) and says nothing on stderr.
"""

import logging
import re
import tempfile
import threading
import warnings
from pathlib import Path

from django.conf import settings

with warnings.catch_warnings():
    # jieba 0.42 writes regular expressions such as "\." in plain strings: Python warns of each
    # invalid escape as it compiles the module (a SyntaxWarning from 3.12, a DeprecationWarning
    # before), which lands in the server's log whenever its bytecode is not cached yet.
    for category in (SyntaxWarning, DeprecationWarning):
        warnings.filterwarnings("ignore", message="invalid escape sequence", category=category)
    import jieba

WORDS_FILE = Path(__file__).parent / "search_data" / "words.txt"
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A run of 汉字, a number (decimals kept whole: 10.948), or a word of Latin letters.
PIECE = re.compile(rf"(?P<cjk>[{CJK}]+)|(?P<number>\d+(?:\.\d+)*)|(?P<word>[a-z\u00c0-\u024f]+)")
HAS_CJK = re.compile(f"[{CJK}]")

jieba.setLogLevel(logging.WARNING)  # jieba logs its progress to stderr at DEBUG by default
_segmenter = jieba.Tokenizer()
_ready = threading.Lock()


def segmenter() -> jieba.Tokenizer:
    """The project's jieba, its dictionary loaded once per process, with the project's words."""
    if not _segmenter.initialized:
        with _ready:
            if not _segmenter.initialized:
                _segmenter.tmp_dir = _cache_dir()
                _segmenter.initialize()
                _segmenter.load_userdict(str(WORDS_FILE))
    return _segmenter


def _cache_dir() -> str:
    """Where jieba keeps its prepared dictionary between runs (the system's temporary folder if
    the configured one cannot be made, as on a read-only deployment)."""
    path = Path(settings.SEARCH_CACHE_DIR)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return tempfile.gettempdir()
    return str(path)


def has_cjk(text: str) -> bool:
    return HAS_CJK.search(text) is not None


def words(normalized: str) -> list[str]:
    """The words of a query, in order: each Chinese run cut once, in jieba's precise mode."""
    return [word for kind, piece in _pieces(normalized) for word in _cut(kind, piece, segmenter().cut)]


def index_words(normalized: str) -> list[str]:
    """The words of indexed text: as `words`, plus the shorter dictionary words inside a long
    Chinese word (高速铁路 also gives 高速 and 铁路), so that a query of either finds it."""
    return [word for kind, piece in _pieces(normalized) for word in _cut(kind, piece, segmenter().cut_for_search)]


def index_tokens(normalized: str) -> str:
    """The words of indexed text as stored: separated and surrounded by spaces, so that
    `LIKE '% word %'` finds a whole word and `LIKE '% word%'` a word's beginning."""
    return f" {' '.join(index_words(normalized))} "


def _pieces(text: str):
    for match in PIECE.finditer(text):
        yield match.lastgroup, match.group()


def _cut(kind, piece, cut):
    if kind != "cjk":
        return [piece]
    return [word for word in cut(piece) if word.strip()]
