"""Reads of private consults, one per page, each owning its joins and prefetches.

- ``inbox_page``: a member's conversations, newest first, keyset-paged on the inbox index
  (``forums_participant_inbox``): one query whatever the page (the rows with their
  conversations' subjects and, as JSON, the other participants of each).
- ``reading`` and ``conversation_page``: the reader's participation with the conversation's
  people (who among them the reader blocked), then a page of the messages they may see,
  keyset-paged by number (``?before=<number>`` for earlier ones), with their authors and the
  reader's own reports on them.
- ``search_own``: the member's own conversations' messages matching a query.
No query here ever reaches a conversation the member is not in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import BooleanField, F, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.urls import reverse

from accounts.models import MemberBlock, User
from forums.consults.models import Conversation, Message, MessageKind, Participant
from forums.consults.permissions import participations, shown_messages_filter
from forums.models import Report
from forums.selectors.forum_lists import Cursor

INBOX_PAGE_SIZE = 25
MESSAGES_PAGE_SIZE = 30
SEARCH_RESULTS = 30


@dataclass
class InboxRow:
    """A conversation as the inbox shows it to one participant (their own ``Participant``
    row's id, unread count and copy of the latest message's time) with the other current
    participants, oldest first, as ``Other``s."""

    pk: int
    conversation_id: int
    subject: str
    unread: int
    last_message_at: datetime
    others: list[Other]

    def get_absolute_url(self) -> str:
        return reverse("forums:consult", kwargs={"pk": self.conversation_id})


class Other(NamedTuple):
    """What a consult's row shows of another participant (``{% member_name %}`` reads these
    fields as it reads a User's)."""

    pk: int
    handle: str
    display_name: str
    professional_verified_until: date | None
    is_active: bool

    @property
    def name(self) -> str:
        return self.display_name or self.handle  # as ``User.name``


@dataclass
class InboxPage:
    rows: list[InboxRow]
    next_cursor: str = ""


def _cursor_of(row: InboxRow) -> str:
    delta = row.last_message_at - datetime.fromtimestamp(0, tz=UTC)
    return Cursor(delta // timedelta(microseconds=1), row.pk).encode()


def _after(rows: QuerySet[Participant], cursor: Cursor) -> QuerySet[Participant]:
    table = Participant._meta.db_table
    return rows.alias(
        after_cursor=RawSQL(  # noqa: S611 - the table name from the model, values as parameters
            f'("{table}"."last_message_at", "{table}"."id") < (%s, %s)',
            (cursor.moment, cursor.pk),
            output_field=BooleanField(),
        )
    ).filter(after_cursor=True)


def _other(found: dict) -> Other:
    until = found["until"]
    return Other(
        found["pk"],
        found["handle"],
        found["name"],
        date.fromisoformat(until) if until else None,
        found["active"],
    )


def inbox_page(
    *, user: User, archived: bool = False, before: str = "", size: int = INBOX_PAGE_SIZE
) -> InboxPage:
    """The member's conversations (archived or not), newest first, hiding those they deleted
    and that have nothing newer since. One query whatever the page (keyset-paged on the inbox
    index ``forums_participant_inbox``), the other participants of each row with it."""
    rows = (
        Participant.objects.filter(user=user, left_at=None, is_archived=archived)
        .filter(cleared_through__lt=F("conversation__message_count"))
        .order_by("-last_message_at", "-pk")
    )
    cursor = Cursor.decode(before)
    if cursor is not None:
        rows = _after(rows, cursor)
    found = list(
        rows.annotate(people=_people(viewer=user.pk)).values_list(
            "pk", "conversation_id", "conversation__subject", "unread", "last_message_at", "people"
        )[: size + 1]
    )
    page = [
        InboxRow(pk, conversation_id, subject, unread, at, others_in(people, viewer=user.pk))
        for pk, conversation_id, subject, unread, at, people in found[:size]
    ]
    more = len(found) > size
    return InboxPage(rows=page, next_cursor=_cursor_of(page[-1]) if more and page else "")


@dataclass
class ConversationPage:
    participant: Participant
    conversation: Conversation
    messages: list[Message]  # each with ``viewer_report_status``: of the viewer's report, if any
    others: list[Other]
    earlier: int | None = None  # the ?before= of the page before, if any
    later: int | None = None  # the ?before= of the page after (0: the newest), None: none
    blocked: set[int] = field(default_factory=set)  # participants the viewer blocked


# What a page shows of a member (``{% member_name %}``), and of a message with its author and
# the member a line about someone joining or leaving names.
MEMBER_FIELDS = ("handle", "display_name", "professional_verified_until", "is_active")
MESSAGE_FIELDS = (
    "conversation_id",
    "number",
    "kind",
    "source",  # for a quote of it
    "html",
    "created_at",
    "is_hidden",
    "is_deleted",
    "author",
    *(f"author__{name}" for name in MEMBER_FIELDS),
    "about",
    "about__handle",
)


def _people(*, viewer: int) -> RawSQL:
    """Everyone who takes or took part in the row's conversation (those who left wrote
    messages too), oldest first, as JSON objects of what a page shows of them (``_other``),
    when they left and whether ``viewer`` blocked them. The database computes it for the
    rows a query returns only (after its LIMIT), so a page reads its people with its rows.

    Written as SQL: the same ORM expression (an ArraySubquery of a JSONObject with an Exists)
    took about 1.3 ms to build and compile on every request, several times what the database
    takes to run it. The outer row is the participant table's own (never aliased: the base
    table of the queries below)."""
    participant, user, block = (m._meta.db_table for m in (Participant, User, MemberBlock))
    sql = f"""ARRAY(
            SELECT jsonb_build_object(
                'pk', p.user_id, 'handle', u.handle, 'name', u.display_name,
                'until', u.professional_verified_until, 'active', u.is_active,
                'left', p.left_at,
                'blocked', EXISTS(
                    SELECT 1 FROM "{block}" b WHERE b.blocker_id = %s AND b.blocked_id = p.user_id
                )
            )
            FROM "{participant}" p JOIN "{user}" u ON u.id = p.user_id
            WHERE p.conversation_id = "{participant}".conversation_id
            ORDER BY p.joined_at, p.id
        )"""  # noqa: S608 - table names from the models, the viewer as a parameter
    return RawSQL(sql, (viewer,), output_field=ArrayField(JSONField()))  # noqa: S611


def others_in(people: list[dict], *, viewer: int) -> list[Other]:
    """The participants other than ``viewer`` who have not left, from ``_people``."""
    return [_other(p) for p in people if p["left"] is None and p["pk"] != viewer]


def reading(user: User, conversation_id: int) -> Participant | None:
    """``participation`` (the same row, the same rule) with the conversation's people beside
    it (``people``), for its page: one query for both."""
    return participations(user, conversation_id).annotate(people=_people(viewer=user.pk)).first()


def conversation_page(
    *, participant: Participant, before: int | None = None, size: int = MESSAGES_PAGE_SIZE
) -> ConversationPage:
    """A page of the messages ``participant`` may see, oldest first: the newest ``size``, or
    those before message ``before``. One query whatever the page's length, the messages with
    their authors and the status of the viewer's own report on each, when the participant was
    read with the conversation's people (``reading``); one more for them otherwise. A page
    before the newest asks once more, for what follows."""
    conversation = participant.conversation
    shown = Message.objects.filter(shown_messages_filter(participant))
    reported = Report.objects.filter(
        reporter_id=participant.user_id,
        target_type=ContentType.objects.get_for_model(Message),
        target_id=OuterRef("pk"),
    ).order_by("-created_at")
    page_rows = (
        shown.select_related("author", "about")
        .only(*MESSAGE_FIELDS)
        .annotate(viewer_report_status=Subquery(reported.values("status")[:1]))
        .order_by("-number")
    )
    if before is not None:
        page_rows = page_rows.filter(number__lt=before)
    rows: list[Message] = list(page_rows[: size + 1])
    earlier = rows[size - 1].number if len(rows) > size else None
    messages = list(reversed(rows[:size]))
    later = None
    if before is not None and messages:
        newer = list(
            shown.filter(number__gt=messages[-1].number)
            .order_by("number")
            .values_list("number", flat=True)[: size + 1]
        )
        if newer:  # 0: the newest page
            later = newer[size] if len(newer) > size else 0
    viewer = participant.user_id
    people = getattr(participant, "people", None)
    if people is None:  # read without them (``participation``): ask now
        people = (
            Participant.objects.filter(pk=participant.pk)
            .annotate(people=_people(viewer=viewer))
            .values_list("people", flat=True)
            .get()
        )
    others = others_in(people, viewer=viewer)
    blocked = {p["pk"] for p in people if p["blocked"]}
    # Every author is or was a participant; should one not be, ask about them on their own.
    strangers = {m.author_id for m in messages if m.author_id} - {p["pk"] for p in people}
    if strangers:
        blocked |= set(
            MemberBlock.objects.filter(blocker_id=viewer, blocked_id__in=strangers).values_list(
                "blocked_id", flat=True
            )
        )
    return ConversationPage(
        participant=participant,
        conversation=conversation,
        messages=messages,
        others=others,
        earlier=earlier,
        later=later,
        blocked=blocked,
    )


def page_start_for(
    participant: Participant, number: int, *, size: int = MESSAGES_PAGE_SIZE
) -> int | None:
    """The ``before`` of the page that shows message ``number`` at its end (None: the newest
    page shows it)."""
    newer = (
        Message.objects.filter(shown_messages_filter(participant), number__gt=number)
        .order_by("number")
        .values_list("number", flat=True)[size - 1 : size]
    )
    found = list(newer)
    return number + 1 if found else None


def search_own(*, user: User, query: str, limit: int = SEARCH_RESULTS) -> list[Message]:
    """Messages matching ``query`` in the conversations ``user`` is in (what they may see of
    each), best first. Never site search: only here, only the member's own."""
    words = query.strip()[:200]
    if not words:
        return []
    search = SearchQuery(words, search_type="websearch", config="english")
    # One join to the member's own participant row: the same row bounds what they see.
    visible = Message.objects.filter(
        conversation__participants__user=user,
        conversation__participants__left_at=None,
        number__gt=F("conversation__participants__cleared_through"),
        kind=MessageKind.TEXT,
        is_hidden=False,
        search_vector=search,
    )
    return list(
        visible.annotate(rank=SearchRank(F("search_vector"), search))
        .select_related("author", "conversation")
        .order_by("-rank", "-created_at")[:limit]
    )
