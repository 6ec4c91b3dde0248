"""Round 24 (lead_tune30: a blind writer's 250 posts across every specialty and continent, as
tired clinicians write them). Each mechanism fixed has sentences of its own here (not from the
corpus, with other names, places and shapes), with look-alikes that must stay quiet, and the
file's floors."""

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
    ("text", "part"),
    [
        # a name after a verb of seeing that opens a sentence
        ("Long night. Saw Tarni again today, same overdose story.", "Tarni"),
        ("Rough clinic. Reviewed Oyelaran in clinic with the scans.", "Oyelaran"),
        # initials opening a handover line before a bed or an age
        ("Handover: R.T. in bed 9 is the one on the insulin drip.", "R.T."),
        ("M.O. is the 15yo with DKA, pH 7.1.", "M.O."),
        # ages over 89 hedged by the family, or after a surname's initial
        ("Grandfather, thought by the family to be nearly 97, from the hills.", "nearly 97"),
        ("Pan Tadeusz W., 93, hip fracture, on warfarin.", "93"),
        # places by their kind's word
        ("Snakebite, 30M, bitten at Cape Grim while fishing.", "Cape Grim"),
        ("Flown to KRCH Hospital after the landslide.", "KRCH Hospital"),
        ("Collapsed after Friday prayers at Masjid Al-Falah.", "Masjid Al-Falah"),
        ("Booked to deliver at Maison de naissance Sainte-Foy next month.", "Maison de naissance"),
        ("Cord prolapse at the Coombe last night, baby fine.", "Coombe"),
        ("Lives at 12 Heol Glan, Bala with her son.", "12 Heol Glan"),
        # employers by a spell of work or a worker's word abroad
        ("Ex-miner, 18 years underground at Sibanye, now breathless.", "Sibanye"),
        ("Obrero de Cementos Andinos, dust exposure for decades.", "Cementos Andinos"),
        ("Mitarbeiter bei Bosch, night shifts for ten years.", "Bosch"),
        # plates, licences and record numbers after labels of other languages or filing
        ("Fahrer, Kennzeichen B-XY 902, fell asleep at the wheel.", "B-XY 902"),
        ("Her rijbewijs nr. 5123498761 was taken by the police.", "5123498761"),
        ("Two charts found; merged both under 4471-0982 yesterday.", "4471-0982"),
        # a role at a small community's one place, said with a pronoun
        ("He's the caretaker at the village school, so everyone asks after him.", "caretaker"),
    ],
)
def test_round24_identifiers_are_found(text, part):
    assert overlaps(text, part), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # the finders' look-alikes
        ("Long night. Saw ortho again today about the fracture.", "ortho"),
        ("Sats were about 92 on air, HR around 96.", "92"),
        ("Referred with the Cape Triage Score of 6.", "Cape Triage"),
        ("Lived over 40 years with MND before he died.", "MND"),
        ("Fainted at the Pharmacy yesterday, glucose 2.9.", "Pharmacy"),
        ("Kennzeichen unbekannt, the police are asking.", "unbekannt"),
        ("She's the patient in bed 4 at the local hospital.", "patient"),
        ("Home-based care from our team in Kozhikode.", "Kozhikode"),  # a town, found
        # things other passes know by their name or their maker
        ("Scaphoid non-union: Acutrak screw or graft?", "Acutrak"),
        ("Pump set up on a Graseby MS26 overnight.", "Graseby"),
        ("Acne Pillsbury II on the chest.", "Pillsbury"),
        ("Nodules: Mycobacterium on culture, Rhodococcus too.", "Rhodococcus"),
        ("Anyone offering Vaxelis in primary care?", "Vaxelis"),
        # words of a phrase other passes know
        ("Fundus: leukocoria in the left eye.", "leukocoria"),
        ("He was a Viking enthusiast, apparently.", "Viking"),
        ("ILO 1/1 p/q on the chest film.", "1/1"),
    ],
)
def test_round24_look_alikes_stay_quiet(text, part):
    if part == "Kozhikode":
        assert overlaps(text, part), find_identifiers(text)
    else:
        assert quiet(text, part), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # patients who share an eponym's name, a hospital's own protocol, a field engineer
        ("Mr Graves, 61, hyperthyroid but not Graves' disease.", "Mr Graves"),
        ("Abena Murphy, 39, RUQ pain, Murphy's sign positive.", "Abena Murphy"),
        ("Our KATH protocol uses 20 ml/kg.", "KATH"),
        ("52M, Kenya Power field engineer, fell from a pole.", "Kenya Power"),
        ("Lives alone in Otok N66 3YW with a cat.", "Otok"),
        ("Presented on 4/5 c/o chest pain.", "4/5"),
    ],
)
def test_round24_identifiers_beside_look_alikes_are_kept(text, part):
    assert overlaps(text, part), find_identifiers(text)


FLOORS = {("lead", "tune30"): (0.99, 0.83)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_round24_file_holds_its_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
