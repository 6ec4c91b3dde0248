"""Round 20 (lead_tune21, lead_tune22: the fully blind heldout13 and heldout14 until this round).
Each class of failure fixed has sentences of its own here (not from the corpus, with other
names, places and shapes), with look-alikes that must stay quiet, and the two files' floors."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from cases.scanner_eval import evaluate, load_corpora


def kinds(text: str, kind: str) -> set[str]:
    return {f.text for f in find_identifiers(text) if f.kind == kind}


def overlaps(text: str, part: str) -> bool:
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in find_identifiers(text))


def quiet(text: str, part: str) -> bool:
    return not overlaps(text, part)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # cited trials, series, hypotheses, conventions, named grips and manoeuvres
        ("Steroids did nothing in the Okafor RCT, so we stopped.", "Okafor"),
        ("Per the Mendes 2019 trial, four weeks is enough.", "Mendes"),
        ("The Kowalczyk series had a 12% leak rate.", "Kowalczyk"),
        ("The Ferreira hypothesis about the water supply is unproven.", "Ferreira"),
        ("Mercury fillings fall under the Basel Convention now.", "Basel"),
        ("Is the fourth manoeuvre the Pinard grip or something else?", "Pinard"),
        ("Classic Vincent's angina with a grey membrane.", "Vincent"),
        # a classification's class, a revised classification, a score named again bare
        ("She is Child B with ascites, so banding first.", "Child B"),
        ("Revised Montreal: moderate disease.", "Montreal"),
        ("We use the Rockall score; the surgeons still quote Rockall loudly.", "loudly"),
        # a textbook read, a disease named after a person, a two-word stain
        ("My tutor says read Harrison's before the exam.", "Harrison"),
        ("TSH suppressed, antibodies negative, so not Hashimoto's.", "Hashimoto"),
        ("Rose Bengal positive, so we treated for brucellosis.", "Rose"),
    ],
)
def test_cited_works_and_named_things_are_no_identifiers(text, word):
    assert quiet(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Mr Pinard, 74, came in with a fall at home.", "Pinard"),
        ("Her son Rockall was at the bedside.", "Rockall"),
        ("She lives in Rochester and works for Mayo after the Mayo criteria course.", "Mayo"),
        ("The founders were Okafor, Graves and Lindqvist.", "Graves"),
    ],
)
def test_people_who_share_a_word_with_a_cited_work_are_kept(text, person):
    assert overlaps(text, person), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # medicines by their stem, brands, lab initials
        ("Vasopressin, then hydrocortisone, and the MAP came up.", "Vasopressin"),
        ("Piperacillin-tazobactam for five days, then oral.", "Piperacillin"),
        ("Enalapril SL given in the bay.", "Enalapril"),
        ("Our 16-year-old on Trikafta has put on weight.", "Trikafta"),
        ("Switched to branded Lamictal after the shortage.", "Lamictal"),
        ("Given vitamin K and Beriplex, the INR came down.", "Beriplex"),
        ("Fluids stopped when the Hct fell below 40.", "Hct"),
        ("We went straight to IVIG after the echo.", "IVIG"),
    ],
)
def test_medicines_brands_and_lab_initials_are_no_identifiers(text, word):
    assert quiet(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # the writer's trade heading a post, a country as an employer, languages, calendars
        ("Optometrist, Manitoba. A child with a white pupil on a photo.", "Optometrist"),
        ("A student nurse from Malawi asked about this on placement.", "Malawi"),
        ("She speaks Aymara only, and her nephew interprets.", "Aymara"),
        ("They speak Sandawe and some Swahili.", "Sandawe"),
        ("The date on the letter is in the Jalali calendar.", "Jalali"),
        ("Culture grew Leptospira serovar Pomona.", "Pomona"),
        ("A farmer from the northern Carpathians, with a tick bite.", "Carpathians"),
        ("A case from East Java, asking about diphtheria antitoxin.", "Java"),
    ],
)
def test_the_writers_trade_languages_and_regions_are_no_identifiers(text, word):
    assert quiet(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Remote GP, Tennant Creek: a man with scabies.", "Tennant Creek"),
        ("Jordan was admitted overnight with chest pain.", "Jordan"),
    ],
)
def test_the_writers_town_and_a_person_named_after_a_country_are_kept(text, place):
    assert overlaps(text, place), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Plaster on, seen 14.ix, review 2.xii in fracture clinic.", "14.ix"),
        ("Dabigatran restarted 4/10 against advice.", "4/10"),
        ("Last injection 27/8, so she is overdue.", "27/8"),
        ("Found on the morning of the 22nd behind the station.", "the morning of the 22nd"),
        ("She fell on Juhannus at the lake cottage.", "Juhannus"),
        ("Burnt his hand on Jaanipäev at the bonfire.", "Jaanipäev"),
        ("The quarrel was on Holika Dahan, and he drank it after.", "Holika Dahan"),
        ("dizzy since oct 3, bp low", "oct 3"),
    ],
)
def test_short_dates_and_more_feasts_are_dates(text, date):
    assert overlaps(text, date), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("They kept him on 10. I'll ask the team again.", "10. I"),
        ("Feeds at 2.5 kcal/mL, not 1.5.", "2.5"),
        ("Potassium of 6.9 on the first sample. Repeat 5.2. Nobody rang.", "5.2"),
        ("Bed 9 and bed 7 MAR chart signed.", "7 MAR"),
    ],
)
def test_numbers_that_are_no_dates_stay_quiet(text, number):
    assert number not in " ".join(kinds(text, "DATE")), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("pt lolo Arturo 93 y/o, dizzy", "Arturo"),
        ("kasama niya si Bong-bong sa ER", "Bong-bong"),
        ("walaashay Faadumo is bleeding, please help", "Faadumo"),
        ("fyi kev frm wickham missed his dose again", "kev"),
        ("pt shanice (16) lives with her nan", "shanice"),
        ("bed 6 joaquín, 52, alcohol withdrawal", "joaquín"),
        ("hubby pete works nights, will bring her", "pete"),
        ("But Okonkwo's point about the assay is fair.", "Okonkwo"),
        ("Thank you for seeing her. J. Arsenault, RN", "Arsenault"),
    ],
)
def test_names_in_chat_kin_words_and_replies_are_found(text, name):
    assert overlaps(text, name), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Our 91-year-old lolo in bed 3 pulls out his line.", "lolo"),
        ("Mère: 06 12 34 56 78.", "Mère"),
        ("the registrar rota here is thin", "rota"),
        ("speech therapy says nil by mouth", "nil"),
        ("her husband will bring her in tomorrow", "will"),
    ],
)
def test_kin_and_ward_words_are_no_names(text, word):
    assert word not in " ".join(kinds(text, "NAME")), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Sent him on the cancer pathway to GRI, his wife says he won't go.", "GRI"),
        ("Husband en route to KGH.", "KGH"),
        ("for CT sa BRGH", "BRGH"),
        ("ok so our hospital (the QEH one) changed the screen", "QEH"),
        ("Ambulance to Haukeland sykehus, CT showed a bleed.", "Haukeland"),
        ("He was referred to Regional Dispensary No. 3 in March.", "Regional Dispensary"),
        ("arr Groote Schuur 02:10, tourniquet on.", "Groote Schuur"),
        ("A crofter on Scalpay, the ferry was off, temp 32.", "Scalpay"),
        ("from Satupa'itea on Upolu, boards in town", "Upolu"),
        ("Cluster of cases in EH12 this month.", "EH12"),
        ("lives in a flat in M8, came in drunk", "M8"),
        ("she's off to blackpool friday, bloods when back", "blackpool"),
        ("lives out on county rd 9 past the church", "county rd 9"),
        ("Her father is the village headman of Ngarambe.", "Ngarambe"),
    ],
)
def test_hospitals_islands_districts_and_roads_are_places(text, place):
    assert overlaps(text, place), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "The TSH was low and the ACTH high.",
        "He progressed to ICH on the second scan.",
        "The WASH team visited the block.",
        "She is in CR1 after two cycles.",
        "Put on Keppra, the ferry was delayed.",
        "Ages in L4 and L5 spine films are common.",
    ],
)
def test_initials_and_codes_of_medicine_are_no_places(text):
    assert not kinds(text, "GEO"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "unique"),
    [
        ("She is the eldest healer of her clan and must go home.", "the eldest healer"),
        ("He is the head drummer for the village.", "the head drummer"),
        ("Mr Ross, 60, is the island's harbourmaster, so everyone knew.", "harbourmaster"),
        ("Patient is the warden at the nature reserve on the point.", "the warden"),
        ("He is the last fluent Manx speaker in the glen, so speech is hard.", "Manx"),
        ("He is the oldest surviving member of the 1962 squad at the club.", "oldest"),
        ("She is the man who sells roast corn by the bus rank.", "roast corn"),
    ],
)
def test_descriptions_one_person_fits_are_unique(text, unique):
    assert overlaps(text, unique), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "It is the commonest cause of death in the community.",
        "It is the main clinic for the district.",
        "The island's thrombolytic kit had expired.",
        "This was the first dose of the course.",
    ],
)
def test_common_descriptions_are_not_unique(text):
    assert not kinds(text, "UNIQUE"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("bed 3 Mr Aled Price 92 chest sepsis; bed 4 empty", "92", "AGE_OVER_89"),
        ("Pani Halina Zielińska, 91 lat, INR 6.", "91", "AGE_OVER_89"),
        ("ER: 96세 M, fell at home.", "96", "AGE_OVER_89"),
        ("Incident review SI-23-1147 found three delays.", "SI-23-1147", "OTHER_ID"),
        ("National ID on the claim form 29811041500317.", "29811041500317", "OTHER_ID"),
        ("CIN BK 448210, card seen.", "BK 448210", "OTHER_ID"),
        ("Register number \u0410\u04110411992 on the form.", "0411992", "OTHER_ID"),
        ("no helmet, DL B12-04-559201, GCS 14", "B12-04-559201", "LICENSE"),
        ("the family roofing business, Hart Bros Roofing, is closing.", "Hart Bros", "EMPLOYER"),
        ("He has cut cane for SRC for thirty years.", "SRC", "EMPLOYER"),
    ],
)
def test_ages_ids_and_firms_are_found(text, value, kind):
    assert overlaps(text, value), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mr Osei 95 kg, for theatre.",
        "bed 2 sats 94 on air",
        "She was 92 percent on room air.",
    ],
)
def test_weights_and_saturations_are_no_ages(text):
    assert not kinds(text, "AGE_OVER_89"), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        # a service heading a call log, an insurer, a maker before a model, a feast as a topic
        ("Careflight: 64F, fall from a horse, GCS 14.", "Careflight"),
        ("Crew 12: 80M, collapse at home, ROSC on scene.", "Crew 12"),
        ("Pays through Isapre, tramo B, no copay.", "Isapre"),
        ("Graseby MS26 pump, serial 4410, refilled daily.", "Graseby"),
        ("We run a structured Diwali education session for families.", "Diwali"),
        # a participle or a long noun of the ward opening a sentence; a therapeutic milk
        ("GCS 7 on arrival. Intubated, ETA 15 min.", "Intubated"),
        ("Tenderness was mild. Intussusception is the fear at this age.", "Intussusception"),
        ("Stabilised on F-75, then moved to F-100 on day 6.", "F-100"),
        ("The overlap with Andean nephropathy is striking.", "Andean"),
    ],
)
def test_services_insurers_devices_and_ward_words_are_no_identifiers(text, word):
    assert quiet(text, word), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Weight loss since Diwali, she says.", "Diwali"),
        ("Admitted over the Christmas weekend with a fall.", "Christmas"),
    ],
)
def test_a_feast_that_places_an_event_is_still_a_date(text, date):
    assert overlaps(text, date), find_identifiers(text)


def test_a_photo_said_to_show_no_face_is_no_photo_finding():
    text = "The photo shows only the ulcer on the shin, no face or tattoo."
    assert not kinds(text, "PHOTO"), find_identifiers(text)


# The two files' floors, just under what round 20 reached (tune21 0.985 / 0.985, tune22
# 0.982 / 0.991); measured blind for the last time after round 19 at 0.919 / 0.891 and
# 0.919 / 0.939.
FLOORS = {("lead", "tune21"): (0.97, 0.97), ("lead", "tune22"): (0.97, 0.98)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_round20_files_hold_their_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
