"""How close the Markdown pipeline comes to the CommonMark and GFM specifications.

Runs the spec examples (vendored under ``tests/forums/data/``, see its README for their source
and licence) through the stages of ``forums.rendering`` before the sanitiser, and compares the
result with the spec's HTML after normalising both (whitespace between blocks, attribute order,
entities, ``rel`` added by the site). The sanitiser is left out on purpose: it refuses remote
images and raw HTML by design, which says nothing about parsing. The two raw-HTML sections of
CommonMark are skipped for the same reason (authors may not write HTML on Rounds).

    python manage.py markdown_conformance              # pass rate per section
    python manage.py markdown_conformance --show "Lists"   # also the failing examples there
    python manage.py markdown_conformance --soft-breaks    # newlines soft, as the spec has them
"""

from __future__ import annotations

import html
import json
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

DATA = Path(settings.BASE_DIR) / "tests" / "forums" / "data"
COMMONMARK = DATA / "commonmark-spec-0.31.2.json"
GFM_EXTENSIONS = DATA / "gfm-spec-0.29-extensions.json"
SKIPPED_SECTIONS = frozenset({"HTML blocks", "Raw HTML"})

# Whitespace around these tags is layout, not content (as in cmark's test/normalize.py).
_BLOCK_TAGS = frozenset(
    "article blockquote body dd div dl dt h1 h2 h3 h4 h5 h6 hr html li ol p pre section table "
    "tbody td tfoot th thead tr ul".split()
)
_VOID_TAGS = frozenset({"br", "hr", "img", "input"})
# Added by the site to every link, never by Markdown itself.
_IGNORED_ATTRIBUTES = frozenset({"rel"})


def _spec_attribute(tag: str, name: str, value: str) -> tuple[str, str]:
    # The site marks a column's alignment with a class (see markdown_extensions), the spec
    # with the align attribute: the same fact.
    if tag in {"td", "th"} and name == "class" and value.startswith("align-"):
        return "align", value.removeprefix("align-")
    return name, value


class _Normaliser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.in_pre = 0

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.in_pre += 1
        if tag in _BLOCK_TAGS or tag == "br":
            self._strip_trailing_space()
        kept = sorted(
            _spec_attribute(tag, name, value or "")
            for name, value in attrs
            if name not in _IGNORED_ATTRIBUTES
        )
        text = "".join(f' {name}="{html.escape(value)}"' for name, value in kept)
        self.out.append(f"<{tag}{text}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in _VOID_TAGS:
            return
        if tag == "pre":
            self.in_pre = max(self.in_pre - 1, 0)
        if tag in _BLOCK_TAGS:
            self._strip_trailing_space()
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.in_pre:
            data = " ".join(data.split(None)) if data.strip() else (" " if data else "")
            if self.out and self._after_block():
                data = data.lstrip()
        if data:
            self.out.append(html.escape(data, quote=False))

    def _after_block(self) -> bool:
        last = self.out[-1]
        if not last.startswith("<"):
            return False
        name = last.strip("</>").split(" ")[0]
        return name in _BLOCK_TAGS or name == "br"

    def _strip_trailing_space(self) -> None:
        if self.out and not self.out[-1].startswith("<") and not self.in_pre:
            self.out[-1] = self.out[-1].rstrip()
            if not self.out[-1]:
                self.out.pop()


def normalise_html(fragment: str) -> str:
    """HTML reduced to its structure and text, for comparing renderings (not for display)."""
    parser = _Normaliser()
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out).strip()


def run_examples(examples: list[dict], *, breaks: bool = True) -> dict[str, list[dict]]:
    """Render each example; return the failing ones, with every group present (pass or not)."""
    from forums.rendering import RenderError, render_before_sanitiser

    results: dict[str, list[dict]] = defaultdict(list)
    for example in examples:
        try:
            got = render_before_sanitiser(example["markdown"], breaks=breaks)
        except RenderError as exc:
            got = f"RenderError: {exc}"
        example = {**example, "got": got}
        example["passed"] = normalise_html(got) == normalise_html(example["html"])
        results[example["section"]].append(example)
    return results


def load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def commonmark_examples() -> list[dict]:
    return [e for e in load(COMMONMARK) if e["section"] not in SKIPPED_SECTIONS]


class Command(BaseCommand):
    help = "Print the pass rate of the Markdown pipeline on the CommonMark and GFM spec examples."

    def add_arguments(self, parser):
        parser.add_argument("--show", metavar="SECTION", help="print failing examples there")
        parser.add_argument(
            "--soft-breaks",
            action="store_true",
            help="keep single newlines soft as CommonMark does (the site makes them line breaks)",
        )

    def handle(self, *args, show: str | None, soft_breaks: bool, **options):
        breaks = not soft_breaks
        title = "CommonMark 0.31.2 (raw-HTML sections skipped)"
        self._report(title, commonmark_examples(), show, breaks=breaks)
        self._report("GFM 0.29 extensions", load(GFM_EXTENSIONS), show, breaks=breaks)

    def _report(self, title: str, examples: list[dict], show: str | None, *, breaks: bool) -> None:
        results = run_examples(examples, breaks=breaks)
        self.stdout.write(self.style.MIGRATE_HEADING(title))
        passed_all = 0
        for section, items in results.items():
            passed = sum(item["passed"] for item in items)
            passed_all += passed
            rate = 100 * passed / len(items)
            self.stdout.write(f"  {section:<45} {passed:>4}/{len(items):<4} {rate:5.1f}%")
            if show and show.lower() in section.lower():
                for item in items:
                    if not item["passed"]:
                        self.stdout.write(
                            f"    example {item['example']}:\n      markdown {item['markdown']!r}"
                            f"\n      expected {item['html']!r}\n      got      {item['got']!r}"
                        )
        total = len(examples)
        self.stdout.write(
            self.style.SUCCESS(
                f"  {'total':<45} {passed_all:>4}/{total:<4} {100 * passed_all / total:5.1f}%"
            )
        )
