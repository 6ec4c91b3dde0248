"""Anonymised case studies. A case's discussion is a forums Thread linked one-to-one.

Every free-text field is stored twice: the author's Markdown source and the HTML rendered from
it by ``forums.rendering.render_markdown`` when it was saved (``<field>_html``). Pages show the
HTML; only services in ``cases.authoring`` write either.

By family: ``choices`` (statuses, bands, specialties, the text fields), ``case`` (the case, its
consent, the findings its author kept), ``revisions``, ``images``, ``quiz``, ``flags``; every
model is imported here, where Django and the rest of the code find them (the migrations name
``cases.models._image_path`` and ``cases.models.private_storage``).
"""

from cases.models.case import Case, CaseConsent, CaseQuerySet, KeptFinding
from cases.models.choices import (
    HIDEABLE_FIELDS,
    QUIZ_SPOILERS,
    SPECIALTIES,
    SPECIALTY_NAMES,
    TEXT_FIELD_NAMES,
    TEXT_FIELDS,
    AgeBand,
    CareSetting,
    CaseStage,
    CaseStatus,
    ConsentBasis,
    Sex,
)
from cases.models.flags import PrivacyFlag
from cases.models.images import (
    CaseImage,
    CaseImageQuerySet,
    ImageCheck,
    PrivateCaseStorage,
    _image_path,
    private_storage,
)
from cases.models.quiz import QuizOption, QuizVote
from cases.models.revisions import REVISION_FIELDS, CaseRevision, CaseRevisionQuerySet

__all__ = [
    "HIDEABLE_FIELDS",
    "QUIZ_SPOILERS",
    "REVISION_FIELDS",
    "SPECIALTIES",
    "SPECIALTY_NAMES",
    "TEXT_FIELDS",
    "TEXT_FIELD_NAMES",
    "AgeBand",
    "CareSetting",
    "Case",
    "CaseConsent",
    "CaseImage",
    "CaseImageQuerySet",
    "CaseQuerySet",
    "CaseRevision",
    "CaseRevisionQuerySet",
    "CaseStage",
    "CaseStatus",
    "ConsentBasis",
    "ImageCheck",
    "KeptFinding",
    "PrivacyFlag",
    "PrivateCaseStorage",
    "QuizOption",
    "QuizVote",
    "Sex",
    "_image_path",
    "private_storage",
]
