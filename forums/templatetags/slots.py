"""``{% slot "name" %}…{% endslot %}``: a member's own part of a page (``forums.sharing.slots``).

Renders its body, except in a page rendered to be shared, where it leaves the slot's marker for
each request to fill with that member's part.
"""

from __future__ import annotations

from django import template

from forums.sharing.slots import NAME, SHARING, mark

register = template.Library()


class SlotNode(template.Node):
    def __init__(self, name: str, nodelist: template.NodeList) -> None:
        self.name = name
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        if context.get(SHARING):
            return mark(self.name)
        return self.nodelist.render(context)


@register.tag
def slot(parser: template.base.Parser, token: template.base.Token) -> SlotNode:
    bits = token.split_contents()
    name = bits[1][1:-1] if len(bits) == 2 and bits[1][:1] == bits[1][-1:] == '"' else ""
    if not NAME.fullmatch(name):
        raise template.TemplateSyntaxError('Write {% slot "name" %} with a-z and _ only.')
    nodelist = parser.parse(("endslot",))
    parser.delete_first_token()
    return SlotNode(name, nodelist)
