"""Search's word segmenter: the project's words stay whole, and jieba loads quietly into the project's cache."""

import os
import subprocess
import sys

from django.conf import settings

from core.segmenter import index_tokens, words

LOAD = "import django; django.setup(); from core.segmenter import words; print(' '.join(words('京津冀高铁营业里程')))"


def test_the_projects_words_stay_whole():
    assert words("京津冀协同发展") == ["京津冀", "协同发展"]
    assert words("六链五群") == ["六链五群"]
    assert words("高速铁路营业里程") == ["高速铁路", "营业里程"]


def test_the_index_also_holds_the_words_inside_a_long_word():
    tokens = index_tokens("高速铁路营业里程达2624公里")
    for word in ("高速", "铁路", "高速铁路", "营业", "里程", "营业里程", "2624", "公里"):
        assert f" {word} " in tokens


def test_numbers_and_latin_words_are_words_punctuation_is_not():
    assert words("high-speed rail: 10.948 million (82.1%)") == ["high", "speed", "rail", "10.948", "million", "82.1"]


def test_jieba_loads_quietly_into_the_configured_cache(tmp_path):
    env = {
        **os.environ,
        "SEARCH_CACHE_DIR": str(tmp_path / "jieba"),
        "DJANGO_SETTINGS_MODULE": "bluepaper.settings.test",
    }
    for _run in range(2):  # the first run builds the cache, the second reads it
        done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
            [sys.executable, "-c", LOAD], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR, check=True
        )
        assert done.stdout.split() == ["京津冀", "高铁", "营业里程"]
        assert done.stderr == ""
    assert [path.name for path in (tmp_path / "jieba").iterdir()] == ["jieba.cache"]


def test_jieba_imports_without_warnings_when_its_bytecode_is_compiled_afresh(tmp_path):
    """jieba's plain-string patterns ("\\.") warn as Python compiles them, which happens wherever its
    bytecode is not cached yet: the warnings are kept out of the log (errors here, to be seen)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path), "DJANGO_SETTINGS_MODULE": "bluepaper.settings.test"}
    strict = [f"-Werror:invalid escape sequence:{category}" for category in ("SyntaxWarning", "DeprecationWarning")]
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, *strict, "-c", "import core.segmenter; print(core.segmenter.jieba.__cached__)"],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(str(tmp_path))  # its bytecode's place is new: compiled from source
