"""Template helpers for bilingual content: `{{ obj|tr:"title" }}`, `{{ obj|tr_md:"body" }}`.

When the reader's language is missing for a field, the default language's text is shown
inside an element carrying its own `lang`, so screen readers and fonts switch correctly,
and a notice tells the reader.
"""

from html import unescape

from django import template
from django.conf import settings
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import images, languages
from core.quantities import hold_quantities
from core.text import anchor_blocks, render_markdown

register = template.Library()


@register.filter
def tr(obj, field):
    """Inline text of `field` in the page's language, marked with `lang` if it falls back."""
    text = languages.localized(obj, field)
    if text.is_fallback:
        return format_html('<span lang="{}">{}</span>', languages.html_lang(text.language), text.text)
    return text.text


@register.filter
def whole_figures(text):
    """Typed figures in a title or summary, each kept on one line ("2624公里"; core/quantities.py).

    For element content only: the span it adds has no place in an attribute or a <title>."""
    return hold_quantities(text)


@register.filter
def tr_md(obj, field):
    """Markdown `field` rendered and sanitised; a fallback is wrapped and announced."""
    return _markdown(obj, field, anchored=False)


@register.filter
def tr_md_anchored(obj, field):
    """As `tr_md`, with a stable id and a link mark on each paragraph, so links can point inside the page."""
    return _markdown(obj, field, anchored=True)


def _markdown(obj, field, anchored):
    text = languages.localized(obj, field)
    html = render_markdown(text.text)
    if anchored:
        # Before the figures are filled in: a paragraph's id follows its words, not its figures' values.
        html = mark_safe(anchor_blocks(html, _("Link to this paragraph")))  # noqa: S308 - sanitised, ids ours
    if hasattr(obj, "with_figures"):
        # Content that cites data by token (a finding's `[[figure:N]]`) fills its figures in.
        html = mark_safe(obj.with_figures(html))  # noqa: S308 - sanitised above; figures are escaped
    if not text.is_fallback:
        return html
    return format_html(
        '<p class="fallback-note">{}</p><div lang="{}">{}</div>',
        _("This text is not yet available in English; the Chinese original follows."),
        languages.html_lang(text.language),
        html,
    )


@register.filter
def is_fallback(obj, field):
    """Whether `field` is missing in the page's language (e.g. to mark a heading)."""
    return languages.localized(obj, field).is_fallback


@register.filter
def lang_tag(code):
    """BCP 47 tag for a Django language code: "zh-hans" → "zh-Hans"."""
    return languages.html_lang(code)


@register.filter
def figure(observation):
    """The observation as a figure: its value as a reader says it, in the page's language.

    Markup: the number and its unit are kept on one line (`Observation.display_html`).
    """
    return observation.display_html()


@register.filter
def period(observation):
    return observation.period_label()


@register.simple_tag
def source_title(source):
    """The source's own title (the default language's), then, on other pages, its translation in brackets.

    The article was published under its Chinese title; our English rendering of it must not
    read as if it were the article's title.
    """
    original = languages.localized(source, "title", settings.LANGUAGE_CODE)
    translation = languages.localized(source, "title")
    if not original.text:  # a source known only by a translated title
        original = translation
    cite = format_html('<cite lang="{}">{}</cite>', languages.html_lang(original.language), original.text)
    if source.url:
        cite = format_html('<a href="{}">{}</a>', source.url, cite)
    if translation.is_fallback or translation.language == original.language or not translation.text:
        return cite
    return format_html("{} [{}]", cite, translation.text)


@register.filter
def tr_plain(obj, field):
    """Plain text of `field` in the page's language, Markdown removed: for meta tags."""
    text = languages.localized(obj, field).text
    return " ".join(unescape(strip_tags(render_markdown(text))).split())


@register.filter
def verbose_name(obj):
    """The model's name for `obj` in the page's language ("finding", "发现")."""
    return obj._meta.verbose_name


@register.inclusion_tag("includes/picture.html")
def picture(image, sizes=images.PICTURE_SIZES):
    """`{% picture obj.image %}`: a figure with the renditions, alt text and caption; nothing if none."""
    return images.picture_context(image, sizes)
