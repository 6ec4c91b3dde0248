"""The names of the starter specialties (accounts migration 0004), marked for translation.

Specialties are rows an admin may rename or add to; a row whose name is one of these reads in
the member's language (``Specialty.__str__``), any other name as the admin wrote it.
"""

from django.utils.translation import gettext_noop

STARTER_SPECIALTIES = [
    gettext_noop("Anaesthesia"),
    gettext_noop("Cardiology"),
    gettext_noop("Critical care"),
    gettext_noop("Dermatology"),
    gettext_noop("Emergency medicine"),
    gettext_noop("Endocrinology"),
    gettext_noop("Gastroenterology"),
    gettext_noop("General practice / family medicine"),
    gettext_noop("General surgery"),
    gettext_noop("Geriatrics"),
    gettext_noop("Haematology"),
    gettext_noop("Infectious diseases"),
    gettext_noop("Internal medicine"),
    gettext_noop("Nephrology"),
    gettext_noop("Neurology"),
    gettext_noop("Obstetrics and gynaecology"),
    gettext_noop("Oncology"),
    gettext_noop("Ophthalmology"),
    gettext_noop("Orthopaedics"),
    gettext_noop("Paediatrics"),
    gettext_noop("Palliative care"),
    gettext_noop("Pathology"),
    gettext_noop("Pharmacy"),
    gettext_noop("Psychiatry"),
    gettext_noop("Radiology"),
    gettext_noop("Respiratory medicine"),
    gettext_noop("Rheumatology"),
    gettext_noop("Urology"),
]
