"""Session 26, third precision round (lead_tune25: a blind writer's 220 posts, half without
identifiers and dense in look-alikes; lead_tune26: a blind writer's 250 posts in the shape of
the independent judging corpus). The round classed every false finding by the pass that made
it: most came from the recall-leaning fallbacks (a known town with no word of place, a known
surname with no cue, a word no list knows), which now ask ``cases.deidentify.thing_shapes``
for the evidence they lacked, by the shape around the word. Each shape has look-alikes of our
own here (other places, surnames, brands and works than the files') and identifiers in the
same shapes that must still be found, end to end; then the files' floors."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from cases.scanner_eval import evaluate, load_corpora


def found(text: str, part: str) -> bool:
    """A finding overlaps the first occurrence of ``part``."""
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # a thing's noun after the word: an implant, a zone, a technique, a phenotype
        ("Revision used a Hastings stem and a cemented cup.", "Hastings"),
        ("Try Maitland mobilisation before the injection.", "Maitland"),
        ("The Lisbon phenotype is milder in our series.", "Lisbon"),
        ("Everyone quotes the Harrogate pooled analysis.", "Harrogate"),
        # authors cited: a pair before a verb of research or after a work's "by"; a possessive
        ("As Mbeki and Larsson reported, relapse is rare after a year.", "Larsson"),
        ("The review by Whitfield and Okoro says the evidence is thin.", "Whitfield"),
        ("Lindqvist's meta-analysis says otherwise.", "Lindqvist's"),
        ("Delgado's Lancet review is the one to read.", "Delgado's"),
        # a brand or a maker in brackets after a medicine; a maker alone; a maker's model
        ("Then tirzepatide (Mounjaro, Lilly) once weekly.", "Lilly"),
        ("Denosumab (Prolia, Amgen) every six months.", "Amgen"),
        ("Switched to the Otsuka product last year.", "Otsuka"),
        ("Ventilated on the Dräger V500 overnight.", "Dräger"),
        # a dose or a schedule after a word; a generic name at a sentence's start
        ("Intralesional Xentrapin weekly for six weeks.", "Xentrapin"),
        ("Apixaban (Eliquis) was held for 48 hours.", "Apixaban"),
        # initials before a year: a body's guideline
        ("Our policy is adapted from ESGE 2022.", "ESGE"),
        # a word no list knows: a comparison's side, a unit, a rule's run, a people, a pair
        ("Is it Behçet vs Mbolezwa on the imaging?", "Mbolezwa"),
        ("She had 20 Gy to the pelvis in 2019.", "Gy"),
        ("We now use the Whitcombe Severity Index on admission.", "Whitcombe"),
        ("A 52-year-old Tsimane man with a cough.", "Tsimane"),
        ("Bring the Airtraq and the bougie to every RSI.", "Airtraq"),
        # words of an institution that name a maker, a department, a work
        ("Haemostasis with the clips (Smiths Medical).", "Smiths Medical"),
        ("To: Urology Clinic / Re: haematuria", "Urology Clinic"),
        ("Read the Code of Medical Practice before the exam.", "Code of Medical Practice"),
        # a lab's variant, a statistic's letter, a proper noun's adjective
        ("HPLC showed Hb Kenya, a rare fusion variant.", "Kenya"),
        ("Compared with Kruskal-Wallis H, the groups differed.", "Kruskal-Wallis"),
        ("The Tetun-speaking family asked for an interpreter.", "Tetun-speaking"),
        # a handover's words before a thing or a grade, or that are no name
        ("bed 9 — Ranson prophylaxis, thiamine given.", "Ranson"),
        ("hiya — lady in bay 2 wants a cup of tea", "lady"),
        # a thing's name after "called", a value's range, a trial in capitals
        ("It is called Kimberley or Kalgoorlie ulcer locally.", "Kimberley"),
        ("Proteinuria fell from 3.1 to 0.8 g/day on treatment.", "3.1"),
        ("Data came from ZEPHYR-CKD and two smaller trials.", "ZEPHYR-CKD"),
        ("Lachman and pivot shift for PCL; both negative.", "PCL"),
        # a strain after its code, a score after a place, a product from its maker
        ("Outbreak of norovirus GII.4 Ballarat on two wards.", "Ballarat"),
        ("We score with the Dunedin PEWS on every ward.", "Dunedin"),
        ("Shingvax from the Serum Institute is cheaper.", "Shingvax"),
        # a textbook among textbooks, a population, a model for a medicine, a revised pair
        ("For surgery, Farquharson's and the Oxford Handbook will do.", "Farquharson's"),
        ("Allele frequencies differ in West Africans.", "West Africans"),
        ("TCI with Marsh for propofol in most adults.", "Marsh"),
        ("How does it compare with revised Atlanta and Tokushima?", "Tokushima"),
        # a photograph said not to be there
        ("Quick query, no photo with a face attached: 40F, rash on the shins.", "no photo"),
    ],
)
def test_look_alikes_are_dropped(text, part):
    assert not found(text, part), find_identifiers(text)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # places and names in the same slots, with the evidence the fallbacks now ask for
        ("Transferred from the Hastings clinic on Monday.", "Hastings"),
        ("Grew up in Lisbon, moved here in 2010.", "Lisbon"),
        ("Her sons Mbeki and Larsson visited today.", "Larsson"),
        ("Thanks to Whitfield and Okoro for the referral.", "Whitfield"),
        ("Her son Kofi's review is on Tuesday.", "Kofi"),
        ("Her daughter (Lilly, 12) came with her.", "Lilly"),
        ("He is a chemist at Otsuka in Tokushima.", "Otsuka"),
        ("Tevita, 34, on insulin daily.", "Tevita"),
        ("Transferred from UMMC yesterday, GCS 14.", "UMMC"),
        ("Came down from Mbolezwa last night.", "Mbolezwa"),
        ("The clinic RN, Bec, refills the driver daily.", "Bec"),
        ("Hit a cyclist at the Whitcombe roundabout.", "Whitcombe"),
        ("Lives in Kalamu and the next village over.", "Kalamu"),
        ("Seen at the Riverside Medical Centre in May.", "Riverside Medical Centre"),
        ("She studies at the University of Otago.", "University of Otago"),
        ("Ama Boateng-Smith was seen in clinic.", "Boateng-Smith"),
        ("Handover: Mereana in bay 2, 71F, cellulitis.", "Mereana"),
        ("Her daughter is called Kimberley.", "Kimberley"),
        ("Admitted 12/3 with a fever.", "12/3"),
        ("He drives a van for ESB in Cork.", "ESB"),
        ("A chemist at Bharat Serums in Thane.", "Bharat Serums"),
        ("Aroha's husband Tama works at the plant.", "Aroha"),
        ("Okafor and Murphy were precision engineers.", "Okafor"),
        ("Her cousin in Ballarat has the same strain.", "Ballarat"),
        ("Photo attached shows her face and the rash.", "Photo attached shows her face"),
    ],
)
def test_identifiers_in_the_same_shapes_are_found(text, part):
    assert found(text, part), find_identifiers(text)


# The files' floors, just under what the round reached (tune25 0.940 / 0.852 and tune26
# 0.959 / 0.949 after it; 0.940 / 0.537 and 0.959 / 0.870 at its start; 0.954 / 0.854 and
# 0.964 / 0.949 merged with main after rounds 21 and 22).
FLOORS = {("lead", "tune25"): (0.935, 0.84), ("lead", "tune26"): (0.955, 0.94)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_tune25_and_tune26_hold_their_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
