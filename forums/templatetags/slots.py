"""``{% slot "name" %}…{% endslot %}``: a member's own part of a page (``forums.sharing.slots``).

Renders its body, except in a page rendered to be shared, where it leaves the slot's marker for
each request to fill with that member's part.
"""

from __future__ import annotations

from django import template
from django.template.loader import get_template
from django.utils.safestring import mark_safe

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


@register.simple_tag(takes_context=True)
def account_nav(context: template.Context) -> str:
    """The header's account links: for a member, from the per-member cache that fills the
    "account" slot of shared pages (``forums.sharing.header``), so that a page rendered whole
    does not render them from their template either; for a visitor, or a page no view resolved
    (an error page), from the template."""
    from forums.context_processors import unread_counts
    from forums.sharing.header import account_links

    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = user is not None and user.is_authenticated
    if signed_in and request.resolver_match is not None:
        return mark_safe(account_links(request))  # noqa: S308 - template output, as rendered
    counts = {}
    if signed_in:  # numbers, for {% blocktranslate count %}
        counts = dict(
            zip(
                ("unread_notification_count", "unread_message_count"),
                unread_counts(request),
                strict=True,
            )
        )
    with context.push(counts):
        return get_template("includes/account_nav.html").template.render(context)
