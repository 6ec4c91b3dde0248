"""Demo case studies, published, so a newcomer to the demo sees the main feature.

Run by ``seed_demo`` (forums may not import cases, so it calls this command by name); runs
alone too. Idempotent: a case whose title exists is left as it is. Needs the demo members.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from cases import authoring, moderation
from cases.models import Case
from forums.posting import SITE

AUTHOR, MODERATOR = "dr_okafor", "mod_lee"

CASES = [
    (
        {
            "title": "Syncope on exertion in a young runner",
            "specialty": "cardiology",
            "age_band": "18-29",
            "sex": "male",
            "care_setting": "emergency",
            "presenting_complaint": "Collapse while running, **no** prodrome.",
            "history": "Two similar episodes this year.\nFamily history of sudden death.",
            "examination": "Ejection systolic murmur, louder on standing.\nHR 72, BP 124/80.",
            "timeline": "Day 0: collapse.\nDay +2: echocardiogram.\nDay +5: clinic review.",
            "diagnosis": "Hypertrophic obstructive cardiomyopathy.",
            "question": "Would you allow him to keep running? What would you check first?",
        },
        ["syncope", "ecg"],
    ),
    (
        {
            "title": "Fever and a new murmur after dental work",
            "specialty": "infectious-diseases",
            "age_band": "60-69",
            "sex": "female",
            "care_setting": "inpatient",
            "presenting_complaint": "Two weeks of fevers and night sweats.",
            "history": "Mitral valve prolapse.\nDental extraction four weeks earlier.",
            "examination": "Temp 38.4 °C\nNew pansystolic murmur at the apex\n"
            "Splinter haemorrhages",
            "timeline": "Day 0: admitted.\nDay +1: three sets of blood cultures.\n"
            "Day +3: transoesophageal echo.",
            "diagnosis": "Viridans streptococcal endocarditis of the mitral valve.",
            "question": "How long would you treat, and when would you involve the surgeons?",
        },
        ["endocarditis", "antibiotics"],
    ),
]


class Command(BaseCommand):
    help = "Publish the demo case studies (idempotent; run after seed_demo's members exist)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        author = User.objects.filter(handle=AUTHOR).first()
        moderator = User.objects.filter(handle=MODERATOR).first()
        if author is None or moderator is None:
            raise CommandError("The demo members are missing: run seed_demo first.")
        created = 0
        for values, tags in CASES:
            if Case.objects.filter(title=values["title"]).exists():
                continue
            case = authoring.create_case(author=author, values=values, tags=tags, origin=SITE)
            authoring.submit_case(case, by=author, consent_basis="patient", attest=True)
            moderation.approve_case(case, by=moderator)
            created += 1
        self.stdout.write(f"Cases: {created} published, {len(CASES) - created} already there.")
