"""`{% capture as name %}…{% endcapture %}`: render a part of a template once, use it twice.

base.html captures its og:title and og:description blocks, so that the Twitter tags in
includes/share/meta.html say exactly what the Open Graph ones say on every page.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        output = self.nodelist.render(context)
        context[self.name] = mark_safe(output)  # noqa: S308 - already rendered (and escaped) by the template
        return output


@register.tag
def capture(parser, token):
    """Render the enclosed template, output it, and keep it in the context as `name`."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])
