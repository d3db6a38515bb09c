"""`{% menu_current as current %}`: which entry of the main menu the page belongs to.

Wiring (website/): it knows the routes of every app. An entry's own page is `aria-current="page"`;
any page inside its section (a finding in the report, a challenge under Challenges) marks the
entry `aria-current="true"`, as GOV.UK's service navigation does. It runs no query.
"""

from django import template

register = template.Library()

# The menu's entries, each with its own page and the other pages that belong to it.
ENTRIES = {
    "home": ("website:home", ()),
    "report": ("bluepaper:report", ("bluepaper:chapter", "bluepaper:finding", "bluepaper:finding-version",
                                    "bluepaper:finding-parallel")),
    "challenges": ("bluepaper:challenge-list", ("bluepaper:challenge", "bluepaper:challenge-parallel")),
    "strategies": ("policies:strategy-list", ("policies:strategy", "policies:strategy-parallel")),
    "indicators": ("indicators:indicator-list", ("indicators:indicator",)),
    "regions": ("indicators:region-list", ("indicators:region",)),
}  # fmt: skip


def current_entries(view_name: str | None) -> dict[str, str]:
    """{entry: "page" or "true"} for the entry the page named `view_name` belongs to, if any."""
    for entry, (own_page, section) in ENTRIES.items():
        if view_name == own_page:
            return {entry: "page"}
        if view_name in section:
            return {entry: "true"}
    return {}


@register.simple_tag(takes_context=True)
def menu_current(context):
    match = getattr(context.get("request"), "resolver_match", None)
    return current_entries(match.view_name if match else None)
