"""The search form: only the forums the reader may read are offered, and the types other apps
plug in (``forums.extensions.SearchSource``) beside threads and replies."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from forums import extensions
from forums.models import Category
from forums.search.query import CANDIDATES, MAX_QUERY_CHARS, PAGE_SIZE
from forums.sharing.cache import shared_by_level

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlainSelect(forms.Select):
    """A single-choice select that renders its options in Python, not one template per option.

    Django's template-based widget rendering cost the search page 1.4 ms for its forum filter
    (one option per forum) on every search. The attributes are still the ones Django's form
    machinery passes (``id``, ``aria-invalid`` and ``aria-describedby`` for errors), and every
    value and label is escaped.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = {str(v) for v in self.format_value(value)}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, mark_safe(" selected") if str(option) in chosen else "", label)
                for option, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


def _forum_choices(user) -> list[tuple[str, str]]:
    """(slug, name) of the forums ``user`` may read, shared by readers of the same levels."""
    from accounts.permissions import visible_forum_levels

    def choices() -> list[tuple[str, str]]:
        forums = Category.objects.visible_to(user).order_by("position", "name")
        return list(forums.values_list("slug", "name"))

    return shared_by_level("search-forums", visible_forum_levels(user), choices)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search threads and posts"), required=False, widget=forms.SearchInput
    )
    forum = forms.ChoiceField(label=_("Forum"), required=False, widget=PlainSelect)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=100)
    author = forms.CharField(label=_("Author handle"), required=False, max_length=60)
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        widget=PlainSelect,
        choices=[("", _("Everything")), ("thread", _("Threads")), ("post", _("Replies"))],
    )
    after = forms.DateField(label=_("From"), required=False, widget=_DATE)
    before = forms.DateField(label=_("To"), required=False, widget=_DATE)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        widget=PlainSelect,
        choices=[("relevance", _("Relevance")), ("newest", _("Newest"))],
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=CANDIDATES // PAGE_SIZE)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(maxlength=MAX_QUERY_CHARS)
        # Only forums the viewer may read are offered, so a hidden forum's name never shows.
        self.fields["type"].choices += [
            (kind, source.label) for kind, source in extensions.search_sources().items()
        ]
        self.fields["forum"].choices = [("", _("All forums")), *_forum_choices(user)]

    def clean_q(self) -> str:
        # NUL bytes cannot reach PostgreSQL at all; everything else websearch_to_tsquery accepts.
        return self.cleaned_data["q"].replace("\x00", "")

    def clean(self):
        data = super().clean()
        after, before = data.get("after"), data.get("before")
        if after and before and after > before:
            self.add_error("before", _("The end date must be on or after the start date."))
        return data
