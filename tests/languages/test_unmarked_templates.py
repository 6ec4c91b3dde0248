"""Every word a template shows is marked for translation (issue 27)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from tests.languages.unmarked import templates_with_unmarked_text, unmarked_words


def test_no_template_holds_unmarked_text():
    found = templates_with_unmarked_text(Path(settings.BASE_DIR) / "templates")
    assert found == {}, "Mark these words with {% translate %} or {% blocktranslate %}: " + str(
        found
    )


def test_unmarked_text_is_found_in_text_and_in_attributes_a_reader_meets():
    source = (
        '{% load i18n %}<h1>Case studies</h1><a title="Open it" href="/x/">{{ name }}</a>'
        '<input type="submit" value="Send now"><button aria-label="{% translate "Close" %}">'
        "</button>"
    )
    assert unmarked_words(source) == ["Case", "studies", "Open", "it", "Send", "now"]


def test_marked_text_comments_code_and_addresses_are_not_flagged():
    source = (
        "{% load i18n %}{# A note #}{% comment %}Dev notes{% endcomment %}"
        "<p>{% translate 'Hello' %} {{ user.name }}: {% blocktranslate %}Many {{ n }} words"
        "{% endblocktranslate %}</p><code>**bold**</code><script>var label = 'x';</script>"
        '<button name="action" value="hide">{% translate "Hide" %}</button> · Rounds'
        " {{ site_url }}/settings/verification/ (Ctrl+B)"
    )
    assert unmarked_words(source) == []
