"""Quotes of case-discussion posts written outside that discussion become links.

The composer quotes a post as a blockquote whose first line links back to it
(``posting.quote_markdown``: ``> [Ada wrote in #2](/t/12-slug/2):``); that Markdown can be
pasted into any other thread. A case's discussion is readable by verified members only and is
hidden with its case (a privacy flag), but a copy of its text in another thread would follow
the other thread's rules: readable where case material must not be, and still shown and
searchable after the case is hidden. So a quote of a case-discussion post keeps its
attribution (whose words, a link to them) and loses the copied text: the reader follows the
link and the discussion's own rules decide whether they may read it. The link's slug (the
case's title) is replaced by the stand-in ``case``, which the thread page redirects.

Quotes inside the same discussion keep their text: they are hidden with it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from forums.models import Thread

# An attribution line at any quote depth: ``> [Ada wrote in #2](/t/12-slug/2):``.
_ATTRIBUTION = re.compile(
    r"^(?P<depth>(?:[ \t]*>)+)(?P<pre>[ \t]*\[[^\]\n]*\]\(/t/)(?P<thread>\d+)-[\w-]*"
    r"(?P<post>/\d+\))(?P<rest>[^\n]*)$"
)
_DEPTH = re.compile(r"^(?:[ \t]*>)+")
STAND_IN_SLUG = "case"


def _depth(line: str) -> int:
    found = _DEPTH.match(line)
    return found.group().count(">") if found else 0


def quoted_threads(source: str) -> set[int]:
    """Ids of the threads whose posts ``source`` quotes (by attribution line)."""
    return {
        int(m.group("thread")) for line in source.split("\n") if (m := _ATTRIBUTION.match(line))
    }


def link_case_quotes(source: str, *, thread_id: int | None) -> str:
    """``source`` with every quote of a case-discussion post from a thread other than
    ``thread_id`` (None: a new thread) cut down to its attribution line and a note.

    One query, and only when the source quotes anything.
    """
    ids = quoted_threads(source) - {thread_id}
    if not ids:
        return source
    cases = set(
        Thread.objects.filter(pk__in=ids, is_case_discussion=True).values_list("pk", flat=True)
    )
    if not cases:
        return source
    note = _("(A post from a case discussion: open the link to read it there.)")
    lines, out, i = source.split("\n"), [], 0
    while i < len(lines):
        found = _ATTRIBUTION.match(lines[i])
        if found is None or int(found.group("thread")) not in cases:
            out.append(lines[i])
            i += 1
            continue
        depth = _depth(lines[i])
        prefix = "> " * depth
        out += [
            f"{found.group('depth')}{found.group('pre')}{found.group('thread')}-{STAND_IN_SLUG}"
            f"{found.group('post')}{found.group('rest')}",
            prefix.rstrip(),
            f"{prefix}*{note}*",
        ]
        i += 1
        # The quoted block: every following line quoted at least as deeply.
        while i < len(lines) and lines[i].strip() and _depth(lines[i]) >= depth:
            i += 1
    return "\n".join(out)
