"""Everyday Markdown renders as GitHub comments and Discourse render it (issue 22).

Each row is something clinicians type, with the HTML structure GitHub gives a comment (single
newlines kept as line breaks, as GitHub comments and Discourse do). Compared after
``normalise_html`` (structure and text, not bytes), through the whole pipeline, sanitiser
included, so what is checked is what a page shows.
"""

from __future__ import annotations

import pytest

from forums.management.commands.markdown_conformance import normalise_html
from forums.rendering import render_markdown

CONSTRUCTS = [
    ("paragraph", "Hello world", "<p>Hello world</p>"),
    ("two paragraphs", "one\n\ntwo", "<p>one</p><p>two</p>"),
    ("vitals one per line", "BP 128/82\nHR 96\nRR 18", "<p>BP 128/82<br>HR 96<br>RR 18</p>"),
    ("backslash hard break", "first\\\nsecond", "<p>first<br>second</p>"),
    ("two-space hard break", "first  \nsecond", "<p>first<br>second</p>"),
    (
        "bold and italic",
        "**bold** and *it* and _it_",
        "<p><strong>bold</strong> and <em>it</em> and <em>it</em></p>",
    ),
    ("intraword underscores", "snake_case_name", "<p>snake_case_name</p>"),
    ("strikethrough", "~~stopped~~ resumed", "<p><del>stopped</del> resumed</p>"),
    ("inline code", "run `ls -l` now", "<p>run <code>ls -l</code> now</p>"),
    ("ATX heading", "# Plan", "<h1>Plan</h1>"),
    ("hash without space stays text", "#5 chest drain", "<p>#5 chest drain</p>"),
    ("hash number mid-line", "bed #5 and #6", "<p>bed #5 and #6</p>"),
    ("heading under a line", "Notes\n## Day 2", "<p>Notes</p><h2>Day 2</h2>"),
    ("bullet list", "- aspirin\n- heparin", "<ul><li>aspirin</li><li>heparin</li></ul>"),
    ("star list", "* aspirin\n* heparin", "<ul><li>aspirin</li><li>heparin</li></ul>"),
    (
        "list right after a line",
        "Plan:\n- aspirin\n- heparin",
        "<p>Plan:</p><ul><li>aspirin</li><li>heparin</li></ul>",
    ),
    ("numbered list", "1. one\n2. two", "<ol><li>one</li><li>two</li></ol>"),
    (
        "numbered list right after a line",
        "Steps:\n1. one\n2. two",
        "<p>Steps:</p><ol><li>one</li><li>two</li></ol>",
    ),
    ("numbered list with parenthesis", "1) one\n2) two", "<ol><li>one</li><li>two</li></ol>"),
    (
        "numbered list starting at 3",
        "3. three\n4. four",
        '<ol start="3"><li>three</li><li>four</li></ol>',
    ),
    (
        "year is not a list after a line",
        "Born in\n1986. A good year",
        "<p>Born in<br>1986. A good year</p>",
    ),
    (
        "nested by two spaces",
        "- a\n  - b\n  - c\n- d",
        "<ul><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ul>",
    ),
    (
        "nested by three spaces",
        "1. a\n   - b\n2. c",
        "<ol><li>a<ul><li>b</li></ul></li><li>c</li></ol>",
    ),
    (
        "nested by four spaces",
        "- a\n    - b\n- c",
        "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>",
    ),
    (
        "three levels by two spaces",
        "- a\n  - b\n    - c",
        "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li></ul>",
    ),
    (
        "fenced code in a list item",
        "- step\n  ```\n  make\n  ```\n- next",
        "<ul><li>step<pre><code>make\n</code></pre></li><li>next</li></ul>",
    ),
    (
        "task list",
        "- [ ] labs\n- [x] consent",
        "<ul><li>\u2610 labs</li><li>\u2611 consent</li></ul>",
    ),
    ("fenced code", "```\nx = 1\n```", "<pre><code>x = 1\n</code></pre>"),
    (
        "fenced code with language",
        "```python\nx = 1\n```",
        '<pre><code class="language-python">x = 1\n</code></pre>',
    ),
    (
        "fenced code right after a line",
        "Run:\n```\nmake\n```",
        "<p>Run:</p><pre><code>make\n</code></pre>",
    ),
    ("tabs in code kept", "```\n\tindented\n```", "<pre><code>\tindented\n</code></pre>"),
    ("indented code", "    x = 1", "<pre><code>x = 1\n</code></pre>"),
    (
        "table",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
    ),
    (
        "table right after a line",
        "Labs:\n| a | b |\n|---|---|\n| 1 | 2 |",
        "<p>Labs:</p><table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>",
    ),
    ("blockquote", "> quoted\n> still", "<blockquote><p>quoted<br>still</p></blockquote>"),
    (
        "list inside a quote after a line",
        "> Plan:\n> - a\n>   - b",
        "<blockquote><p>Plan:</p><ul><li>a<ul><li>b</li></ul></li></ul></blockquote>",
    ),
    ("horizontal rule", "above\n\n***\n\nbelow", "<p>above</p><hr><p>below</p>"),
    ("link", "[guide](https://example.org)", '<p><a href="https://example.org">guide</a></p>'),
    (
        "bare URL",
        "see https://example.org/x",
        '<p>see <a href="https://example.org/x">https://example.org/x</a></p>',
    ),
    (
        "autolink in angle brackets",
        "<https://example.org>",
        '<p><a href="https://example.org">https://example.org</a></p>',
    ),
    ("escaped star", "5 \\* 3", "<p>5 * 3</p>"),
]


@pytest.mark.parametrize(("name", "source", "expected"), CONSTRUCTS, ids=[c[0] for c in CONSTRUCTS])
def test_everyday_construct_renders_as_github_comments_do(name, source, expected):
    assert normalise_html(render_markdown(source)) == normalise_html(expected)


def test_table_column_alignment_survives_the_sanitiser_as_a_class():
    html = render_markdown("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |")
    assert '<th class="align-left">a</th>' in html
    assert '<td class="align-center">2</td>' in html
    assert '<td class="align-right">3</td>' in html
    assert "style=" not in html


def test_a_table_ends_where_a_quote_begins():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n> quoted")
    assert normalise_html(html).endswith("</table><blockquote><p>quoted</p></blockquote>")


def _parsers():
    """Two parsers built as the site builds its own, one without the inline gate."""
    import markdown

    from forums.markdown_extensions import GitHubLikeExtension
    from forums.rendering import EXTENSION_CONFIGS, EXTENSIONS, MAX_NESTING

    made = []
    for gated in (True, False):
        md = markdown.Markdown(
            extensions=[GitHubLikeExtension(max_depth=MAX_NESTING), *EXTENSIONS],
            extension_configs=EXTENSION_CONFIGS,
            output_format="html",
        )
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        if not gated:
            md.treeprocessors.deregister("inline_gate")
        made.append(md)
    return made


def test_the_inline_gate_changes_no_output_of_any_spec_example_or_construct():
    """Every CommonMark and GFM example, each also with its text in a list item, a quote and
    a table cell: the same HTML with the gate as without it."""
    import json
    from pathlib import Path

    data = Path(__file__).parent / "data"
    sources = [
        example["markdown"]
        for name in ("commonmark-spec-0.31.2.json", "gfm-spec-0.29-extensions.json")
        for example in json.loads((data / name).read_text(encoding="utf-8"))
    ]
    sources += [f"- {s}" for s in sources] + [f"> {s}" for s in sources]
    sources += ["a | b\n--|--\n*x* [y](/z) | `q` &amp; ~~s~~ <https://e.org>", "a  \nb\\\nc"]
    gated, plain = _parsers()
    assert "inline_gate" in gated.treeprocessors
    differing = [s for s in sources if gated.reset().convert(s) != plain.reset().convert(s)]
    assert differing == []
    assert len(sources) > 2000


def test_the_inline_gate_names_patterns_the_parser_has():
    from forums.markdown_extensions import INLINE_TRIGGERS

    gated, _plain = _parsers()
    missing = [name for name in INLINE_TRIGGERS if name not in gated.inlinePatterns]
    # em_strong2 is Python-Markdown's underscore pattern in some versions; every other name
    # must be there, or the table no longer gates anything for it.
    assert set(missing) <= {"em_strong2"}
