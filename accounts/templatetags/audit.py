"""``{% audit_sentence entry %}``: an audit entry as the sentence a moderator reads."""

from django import template

from accounts.audit import describe

register = template.Library()


@register.simple_tag
def audit_sentence(entry) -> str:
    return describe(entry)
