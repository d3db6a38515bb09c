"""How strategies are searched, with their actions (core/search.py)."""

from django.utils.html import escape

from core.search import Document, languages, own_text, plain_text, register
from core.text import render_markdown

from .models import Strategy


def strategy_documents(strategy):
    for language in languages():
        summary = render_markdown(own_text(strategy, "summary", language))
        actions = [escape(own_text(action, "text", language)) for action in strategy.actions.all()]
        yield Document(language, own_text(strategy, "title", language), plain_text(summary, *actions))


register(
    Strategy,
    documents=strategy_documents,
    queryset=lambda: Strategy.objects.prefetch_related("actions"),
    rank=2,
)
