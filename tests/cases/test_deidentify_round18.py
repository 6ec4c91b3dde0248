"""Round 18 (lead_tune17, lead_tune18: the fully blind heldout9 and heldout10 until this round).
Each kind of failure fixed has sentences of its own here (not from the corpus, with other
names, places and shapes), with look-alikes that must stay quiet. The corpus floors are in
test_deidentify.py ("lead", "tune17") and ("lead", "tune18")."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers


def texts(text: str, kind: str) -> set[str]:
    return {f.text for f in find_identifiers(text) if f.kind == kind}


def flagged(text: str) -> set[str]:
    return {f.text for f in find_identifiers(text)}


def overlaps(text: str, part: str) -> bool:
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # feasts and national days of many calendars, in any case, placed by a word before
        ("She fell off the roof on Vesak night, hanging lanterns.", "Vesak night"),
        ("The burns happened at chinese new year when the wok tipped.", "chinese new year"),
        ("He stopped his insulin before cny and the family feast.", "cny"),
        ("Baby born at home over the thanksgiving long weekend.", "thanksgiving long weekend"),
        ("Her first seizure was on halloween, in a costume shop.", "halloween"),
        ("Poisoned at the lohri bonfire, by the look of it.", "lohri"),
        ("He was admitted on Dashain with a goat bite.", "Dashain"),
        ("She went into labour during hogmanay, snowed in.", "hogmanay"),
        ("Admitted 15 aug (independence day), road traffic collision.", "independence day"),
        ("He hoped to make it to Passover; he died a week before.", "Passover"),
        ("The stabbing happened on small sallah, outside the mosque.", "small sallah"),
        ("Found collapsed since Orthodox Easter, by the neighbours.", "Orthodox Easter"),
        # another calendar's month written first, months of more languages after a day
        ("She was seen on Tahsas 9 with a splenic rupture.", "Tahsas 9"),
        ("Operowany 14 listopada, wypis po tygodniu.", "14 listopada"),
        ("Innlagður 3. febrúar með lungnabólgu.", "3. febrúar"),
        ("Hastaneye 22 ekim günü yat\u0131r\u0131lan hasta.", "22 ekim"),
        # a day of the month after "past", a day and month after a word of another language
        ("The family will not let him stay past the 21st because of the wedding.", "the 21st"),
        ("Ingresó el día 4/11 con disnea.", "4/11"),
        ("Going home tmrw 9/3 if the INR settles.", "9/3"),
    ],
)
def test_feasts_and_calendar_days_are_dates(text, date):
    assert overlaps(text, date), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Easter Island is a long way from any dialysis unit.",
        "Diwali burns are common in our unit every year.",
        "Thanksgiving dinner is a classic trigger for gout flares.",
        "Christmas trees shed pollen-like mould spores indoors.",
        "The christmas decorations in the ward cause falls.",
        "We give tet tox to everyone with a dirty wound.",
    ],
)
def test_feasts_as_topics_stay_quiet(text):
    assert not texts(text, "DATE")


@pytest.mark.parametrize(
    ("text", "unique"),
    [
        (
            "Dougal Frew, 83, the ferryman who has crossed to the island every day since 1970, "
            "came in with chest pain.",
            "the ferryman",
        ),
        (
            "Amaru, 12, the fastest runner in the whole valley, has a slipped epiphysis.",
            "the fastest runner",
        ),
        (
            "Her uncle Teodor is the bell-ringer of the village church and wants to visit.",
            "the bell-ringer of the village church",
        ),
        (
            "Mrs Ines Halloran, 77, the school cook in the hamlet for forty years, fell.",
            "the school cook",
        ),
        (
            "Sefo, 58, the only boat-builder on the island, has a hand infection.",
            "the only boat-builder",
        ),
        (
            "He taught every child in that township to swim from 1962 until he retired, so the "
            "whole street came.",
            "He taught every child",
        ),
    ],
)
def test_a_description_only_one_person_fits_is_unique(text, unique):
    assert overlaps(text, unique), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "The hospital is the oldest in the district and the busiest.",
        "Our registrar, the one on call, is the first to see them.",
        "Dr Mbeki is the consultant for the ward this week.",
    ],
)
def test_descriptions_of_many_stay_quiet(text):
    assert not texts(text, "UNIQUE")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        (
            "Care home round: Mr Albert Nolan, a hundred and four, with a chest infection.",
            "a hundred and four",
        ),
        ("She lives with her sister Brigid, 96. Both are independent.", "96"),
        ("Mrs Tomasz, born 1929, so 96, still drives.", "96"),
        ("Our patient Ada, who walks every day, is 103 and asks about statins.", "103"),
    ],
)
def test_ages_over_89_beside_a_person(text, age):
    assert age in texts(text, "AGE_OVER_89")


@pytest.mark.parametrize(
    "text",
    [
        "We saw one hundred patients in the clinic.",
        "Her HR is 96 and falling after the beta-blocker.",
        "Sats were 92, 94 and 95 on air.",
    ],
)
def test_numbers_that_are_no_ages_stay_quiet(text):
    assert not texts(text, "AGE_OVER_89")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Referred from Kibuye DH to CHUK on 3 May for a craniotomy.", "CHUK"),
        ("Admitted KCMC overnight, then discharged.", "KCMC"),
        ("Conveyed to RSUH resus with a GCS of 7.", "RSUH"),
        ("Update from KNH: the boy is extubated.", "KNH"),
        ("Ward note KATH: day 3 of ceftriaxone.", "KATH"),
        ("Reply about the MTRH twins: both are feeding.", "MTRH"),
        ("Ambulance transported him to Northwick for the scan.", "Northwick"),
    ],
)
def test_hospitals_by_initials_or_one_word_after_a_move(text, place):
    assert place in texts(text, "GEO"), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Referred to SALT and admitted to HDU for monitoring.",
        "She was sent for a HIDA scan and an MRCP.",
        "Brought by the ASHA worker with a NOF fracture.",
        "Transferred to CCU after the PCI.",
        "The RMSF case had been camping in Oklahoma.",
    ],
)
def test_clinical_initials_after_a_move_stay_quiet(text):
    assert not texts(text, "GEO"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "quiet"),
    [
        ("Since Steve Jobs had a pancreatic NET, everyone asks about Whipple.", "Steve"),
        ("Like Lou Gehrig, he kept working until he could not.", "Lou Gehrig"),
        ("Angelina Jolie's article still brings women to the genetics clinic.", "Angelina"),
        ("Apgar was a person, and Virginia Apgar would have hated the acronym.", "Apgar"),
        ("The swab grew Aspergillus fumigatus and Candida glabrata.", "Candida"),
        ("After drinking Gramoxone he was ventilated for a week.", "Gramoxone"),
        ("Kaltostat packed into the socket, bleeding settled.", "Kaltostat"),
        ("Salaam, a question from Sharjah about rabies PEP.", "Salaam"),
        ("She grew up in the Transkei and moved to Cape Town.", "Transkei"),
        ("Dose as per Farrell and review at day 5.", "Farrell"),
        ("Omeprazole, then the scope: that is our pathway.", "Omeprazole"),
    ],
)
def test_famous_people_organisms_brands_regions_and_greetings_stay_quiet(text, quiet):
    assert quiet not in flagged(text), find_identifiers(text)


def test_a_patient_who_shares_a_famous_name_keeps_it():
    assert "Mrs Angelina Jolie" in texts("Mrs Angelina Jolie, 44, from Leeds, BRCA2.", "NAME")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mercy was discharged home on day 6 with oral amoxicillin.", "Mercy"),
        ("Update: Precious brought her back when the fever returned.", "Precious"),
        ("Gift, her brother, carried her to the clinic.", "Gift"),
        ("Husband Chad works nights at the depot.", "Chad"),
        ("Baby Anahera, 3 weeks, from the coast, bronchiolitis.", "Anahera"),
        ("Señor Anselmo, 88, lives alone above the bakery.", "Anselmo"),
        ("For Monday's wound I would leave the sutures another week.", "Monday"),
        ("quick update on tin-tin: afebrile since last night.", "tin-tin"),
        ("Iyer sir's daughter will bring the scans.", "Iyer"),
        ("Tinashe came in again. Rufaro brought her in a taxi this time.", "Rufaro"),
    ],
)
def test_first_names_that_are_words_in_a_persons_context(text, name):
    assert name in texts(text, "NAME"), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Faith is a big part of how she copes with the diagnosis.",
        "Hope is the last thing we should take away.",
        "Sunday's clinic was cancelled because of the strike.",
        "An update on the protocol: we now give dexamethasone.",
        "She lives with her niece. She has moderate dementia.",
    ],
)
def test_words_that_are_first_names_stay_words(text):
    assert not texts(text, "NAME"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "employer"),
    [
        ("Her son, a deckhand with Stena Line, found her on the floor.", "Stena Line"),
        ("He drives for Arriva and was on a night shift.", "Arriva"),
        ("She flies for Loganair out of Kirkwall.", "Loganair"),
        ("A welder for 22 years with Harland and Wolff, now with asbestosis.", "Harland and Wolff"),
        ("He served in the Irish Defence Forces in Lebanon.", "Irish Defence Forces"),
        ("She manages the Spar on the corner and cannot take time off.", "Spar"),
        ("Trabaja en Cementos Argos desde hace diez años.", "Cementos Argos"),
        ("Kwame, 23, Bolt driver, hit by a trotro.", "Bolt"),
    ],
)
def test_employers_after_a_job_or_a_working_verb(text, employer):
    assert overlaps(text, employer), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "A driver with Parkinson's disease should tell the licensing agency.",
        "She works with Dr Osei on Tuesdays.",
        "He worked through Christmas without a break.",
        "A nurse at ICU noticed the rash first.",
    ],
)
def test_what_follows_a_job_that_is_no_employer_stays_quiet(text):
    assert not texts(text, "EMPLOYER"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Bridget, 61, Blue Mountain, Jamaica, with a foot ulcer.", "Blue Mountain"),
        ("Lives Rathmines, D06 F2X8, with her daughter.", "Rathmines"),
        ("Lives Rathmines, D06 F2X8, with her daughter.", "D06 F2X8"),
        ("she lives ponta do sol, on the south coast.", "ponta do sol"),
        ("Her son works out of Castletownbere on the trawlers.", "Castletownbere"),
        ("Four cases from the meatworks plant in Dinmore this month.", "Dinmore"),
        ("He was stabbed outside The Fox and Hounds at closing time.", "The Fox"),
        ("She sells fish at Kilometre 9 every morning.", "Kilometre 9"),
        ("He sings every week at Mount Zion Pentecostal with his wife.", "Mount Zion Pentecostal"),
        ("Ikwezi health centre referred her with eclampsia.", "Ikwezi"),
    ],
)
def test_places_of_ordinary_words_by_their_cue(text, place):
    assert overlaps(text, place), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "He ran out of Madopar on the flight.",
        "Published in The Lancet last year.",
        "She was discharged at Grade 3 and stage 2.",
        "The diabetes clinic is closed; Primary health centre staff are off.",
        "We were out of Hours cover all weekend.",
    ],
)
def test_cued_place_look_alikes_stay_quiet(text):
    assert not texts(text, "GEO"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Please quote ref KX-20931-7 when you call the imaging desk.", "KX-20931-7"),
        ("Policy holder: her husband, member 8841, group 00731942.", "00731942"),
        ("CPR ending 4471, the rest is in the notes.", "4471"),
        ("Card ending in 90312 was used for the deposit.", "90312"),
        ("Tax file TFN 88123456K on the form.", "88123456K"),
    ],
)
def test_numbers_asked_for_by_a_reference_word_or_ended(text, number):
    assert overlaps(text, number), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Quote the NEWS2 score in every referral.",
        "A group 2 recommendation from the guideline.",
        "The year ending 2024 saw fewer falls.",
    ],
)
def test_reference_look_alikes_stay_quiet(text):
    assert not texts(text, "OTHER_ID"), find_identifiers(text)
    assert not texts(text, "HEALTH_PLAN"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "quiet"),
    [
        ("UpToDate says a single dose is enough for this bite.", "UpToDate"),
        ("I've asked the family to bring her tablets.", "I've"),
        ("ultrasound shows horseshoe kidney, otherwise normal.", "horseshoe"),
        ("pt 80M, adm 3 mar, CAP.", "adm"),
        ("Fødselsnummer 01017012345 on the referral.", "Fødselsnummer"),
        ("She came on an okada with a head injury.", "okada"),
        ("From colonia Santa Rosa, a long way by bus.", "colonia"),
        ("Kunjin and West Nile serology are both pending.", "West Nile"),
        ("Frailty audit: median age 93, most from home.", "age 93"),
        ("Max dose 4 g a day; min dose half that.", "Max"),
    ],
)
def test_words_of_the_note_read_as_identifiers_stay_quiet(text, quiet):
    assert quiet not in flagged(text), find_identifiers(text)
