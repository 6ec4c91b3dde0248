"""Topic forums, threads and posts, by family (``content``, ``member_state``, ``notifications``,
``polls``, ``reports``, ``learning``, ``recognition``; private consults in
``forums.consults.models``); every model is imported here, where Django and the rest of the
code find them.

A post stores its Markdown source beside the HTML rendered from it when it was saved
(``forums.rendering``); pages only ever show the stored HTML. Posts are numbered from 1 within
their thread and keep that number for good, so ``/t/<id>-<slug>/<n>`` links stay valid.
"""

from forums.consults.models import (
    Conversation,
    Message,
    MessageImage,
    MessageKind,
    Participant,
)
from forums.models.content import (
    Category,
    CategoryQuerySet,
    Post,
    PostQuerySet,
    PostRevision,
    Thread,
    ThreadQuerySet,
    Visibility,
)
from forums.models.learning import (
    REFLECTION_FIELDS,
    REFLECTION_NAMES,
    Activity,
    LearningCategory,
    LearningEntry,
    LearningExport,
    LearningKind,
    LearningSettings,
)
from forums.models.member_state import (
    Bookmark,
    CategoryFollow,
    Draft,
    Reaction,
    ReactionKind,
    TagFollow,
    ThreadState,
    WatchLevel,
)
from forums.models.notifications import (
    DigestDelivery,
    DigestStatus,
    Notification,
    NotificationKind,
)
from forums.models.polls import Poll, PollResults, PollVote
from forums.models.recognition import Award
from forums.models.reports import Report, ReportQuerySet, ReportReason, ReportStatus
from forums.models.uploads import PostImage

__all__ = [
    "REFLECTION_FIELDS",
    "REFLECTION_NAMES",
    "Activity",
    "Award",
    "Bookmark",
    "Category",
    "CategoryFollow",
    "CategoryQuerySet",
    "Conversation",
    "DigestDelivery",
    "DigestStatus",
    "Draft",
    "LearningCategory",
    "LearningEntry",
    "LearningExport",
    "LearningKind",
    "LearningSettings",
    "Message",
    "MessageImage",
    "MessageKind",
    "Notification",
    "NotificationKind",
    "Participant",
    "Poll",
    "PollResults",
    "PollVote",
    "Post",
    "PostImage",
    "PostQuerySet",
    "PostRevision",
    "Reaction",
    "ReactionKind",
    "Report",
    "ReportQuerySet",
    "ReportReason",
    "ReportStatus",
    "TagFollow",
    "Thread",
    "ThreadQuerySet",
    "ThreadState",
    "Visibility",
    "WatchLevel",
]
