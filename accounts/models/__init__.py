"""Members of Rounds.

Email is the sign-in name; the handle is the public, @-mentionable name. Both
are unique regardless of case, enforced by the database.

By family: ``members`` (User, the audit log), ``profiles``, ``verification``, ``preferences``,
``moderation`` (reason templates, staff notes, warnings), ``outbox``, ``network`` (members
following members); every model is imported
here, where Django and the rest of the code find them.
"""

from accounts.models.members import (
    HANDLE_PATTERN,
    AuditEntry,
    MemberManager,
    MemberQuerySet,
    User,
    handle_validator,
)
from accounts.models.moderation import (
    MemberWarning,
    MemberWarningQuerySet,
    ReasonKind,
    ReasonTemplate,
    StaffNote,
)
from accounts.models.network import FollowLevel, MemberBlock, MemberFollow
from accounts.models.outbox import OutboxTask
from accounts.models.preferences import DigestFrequency, Preferences
from accounts.models.profiles import (
    BIO_MAX_CHARS,
    COI_MAX_CHARS,
    CareerStage,
    Profession,
    Profile,
    Specialty,
    avatar_path,
)
from accounts.models.verification import (
    VerificationRequest,
    VerificationRequestQuerySet,
    VerificationStatus,
    evidence_path,
    private_storage,
    registration_number_validator,
)

__all__ = [
    "BIO_MAX_CHARS",
    "COI_MAX_CHARS",
    "HANDLE_PATTERN",
    "AuditEntry",
    "CareerStage",
    "DigestFrequency",
    "FollowLevel",
    "MemberBlock",
    "MemberFollow",
    "MemberManager",
    "MemberQuerySet",
    "MemberWarning",
    "MemberWarningQuerySet",
    "OutboxTask",
    "Preferences",
    "Profession",
    "Profile",
    "ReasonKind",
    "ReasonTemplate",
    "Specialty",
    "StaffNote",
    "User",
    "VerificationRequest",
    "VerificationRequestQuerySet",
    "VerificationStatus",
    "avatar_path",
    "evidence_path",
    "handle_validator",
    "private_storage",
    "registration_number_validator",
]

# The email ledger lives beside the mail pipeline that writes it; imported so Django finds it.
from accounts.mail.models import EmailBounce, EmailDelivery, EmailStatus  # noqa: F401
