"""No case-derived text leaves the site by email, nor any private message: the check
``tests/conftest.py`` runs after every test that used the database and sent mail.

What counts as case text: every case's title and slug (the slug is the title in a URL), each of
its free-text fields, its quiz explanation and options, the return reason, and the Markdown of
every post in a case's discussion thread (replies, and the opening post with its link); and
every private consult's subject and the Markdown of every message in it. Each
value is looked for whole, and so is each sentence of it, so an excerpt cut at a sentence
boundary is caught too.

Short or common strings would match by chance ("Day 0", "male", a one-word reply), so a
value or sentence is only looked for when it has at least ``MIN_CHARS`` characters and at
least one word that is not a stopword. Choice fields (specialty, age band, sex, care setting)
are labels from a fixed list, not text anyone wrote, and are not looked for: digests name the
specialty on purpose.

Matching ignores case, HTML escaping and runs of whitespace, and reads the subject, the plain
text and every alternative (HTML) part of each message.
"""

from __future__ import annotations

import email.header
import html
import re
from collections.abc import Iterable
from email.message import Message

from django.core.mail import EmailMessage
from django.db import connection

MIN_CHARS = 12
STOPWORDS = frozenset(
    "a an and are as at be by for from has have he her his i in is it its of on or she so "
    "that the their them they this to was we were what when which who will with you your".split()
)
_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")


def _case_text_sql() -> str:
    from cases.models import TEXT_FIELD_NAMES, Case, QuizOption
    from forums.models import Conversation, Message, Post

    columns = ", ".join(
        f"c.{name}"
        for name in ["title", "slug", *TEXT_FIELD_NAMES, "quiz_explanation", "return_reason"]
    )
    cases, options, posts, conversations, messages = (
        m._meta.db_table for m in (Case, QuizOption, Post, Conversation, Message)
    )
    # Private consults count too: a message about a patient is patient data, and neither its
    # text nor its conversation's subject may leave the site.
    return f"""
        SELECT unnest(ARRAY[{columns}]::text[]) FROM {cases} c
        UNION ALL SELECT o.text FROM {options} o
        UNION ALL SELECT p.source FROM {posts} p JOIN {cases} c ON c.thread_id = p.thread_id
        UNION ALL SELECT s.subject FROM {conversations} s
        UNION ALL SELECT m.source FROM {messages} m
    """  # noqa: S608 - table and column names from the models, no input


def case_texts() -> list[str]:
    """Every case-derived value in the database (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_case_text_sql())
        return [value for (value,) in cursor.fetchall() if value]


def _normal(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(text)).strip().casefold()


def _worth_looking_for(fragment: str) -> bool:
    return len(fragment) >= MIN_CHARS and any(
        word not in STOPWORDS for word in _WORD.findall(fragment)
    )


def needles(values: Iterable[str]) -> set[str]:
    """The normalised values and sentences to look for."""
    found = set()
    for value in values:
        for fragment in [value, *_SENTENCE.split(value)]:
            fragment = _normal(fragment).strip(" .!?:;")
            if _worth_looking_for(fragment):
                found.add(fragment)
    return found


def _decoded_header(value: str) -> str:
    return str(email.header.make_header(email.header.decode_header(value or "")))


def message_texts(message: EmailMessage | Message) -> list[str]:
    """The subject, the text body and every alternative of a message, as a person reads them."""
    if isinstance(message, EmailMessage):
        parts = [message.subject, message.body]
        parts += [content for content, _type in getattr(message, "alternatives", [])]
        return [str(part) for part in parts]
    parts = [_decoded_header(message.get("Subject", ""))]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            payload = part.get_payload(decode=True) or b""
            parts.append(payload.decode(part.get_content_charset() or "utf-8", "replace"))
    return parts


def leaks(messages: list[EmailMessage | Message], values: Iterable[str]) -> list[str]:
    """``"<subject>: <text>"`` for each case-derived text found in a message."""
    looked_for = needles(values)
    found = []
    for message in messages:
        texts = [_normal(text) for text in message_texts(message)]
        subject = texts[0]
        for needle in sorted(looked_for):
            if any(needle in text for text in texts):
                found.append(f"{subject!r} carries {needle!r}")
    return found
