"""Session 25 precision round (lead_tune23: the fully blind heldout17 until this round, 100 of
its 200 snippets without identifiers). Each class of false finding fixed has sentences of its
own here (not from the corpus: other brands, makers, authors, eponyms, services and dates),
with true identifiers in the same shapes that must still be found, and the file's floor.

The earlier passes take a capitalised word for a name or a place in some posts and not in
others (a long post with sparse identifiers, a word after "from" or "with"), so the quiet
pass (``named_things.quiet_named_things``) is tested on a finding placed on the word, and the
identifiers in the same shapes end to end."""

from __future__ import annotations

import pytest

from cases.deidentify import find_identifiers
from cases.deidentify.finding import Finding
from cases.deidentify.named_things import quiet_named_things
from cases.scanner_eval import evaluate, load_corpora


def quieted(text: str, word: str, kind: str = "NAME") -> bool:
    """The pass drops a finding of ``kind`` on ``word`` (its first occurrence)."""
    at = text.index(word)
    f = Finding(at, at + len(word), kind, word)
    return quiet_named_things(text, text.lower(), [f]) == []


def overlaps(text: str, part: str) -> bool:
    at = text.index(part)
    return any(f.start < at + len(part) and at < f.end for f in find_identifiers(text))


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        # medicines' brands of many markets, alone, in pairs, with their forms and doses
        ("Pharmacist here: Pantocid 40 and Rantac are both acid blockers.", "Rantac", "GEO"),
        ("IV artesunate, then complete with Lonart; watch for haemolysis.", "Lonart", "GEO"),
        ("OCT shows fluid; urgent Vabysmo assessment please.", "Vabysmo", "GEO"),
        ("The insurer keeps denying Tezspire for his asthma.", "Tezspire", "GEO"),
        ("His son wants to try Tafinlar plus Mekinist but he wants home.", "Mekinist", "GEO"),
        ("Please repeat the level before holding the Camcolit.", "Camcolit", "GEO"),
        ("Ajovy per month in France costs a fortune.", "Ajovy", "GEO"),
        ("Clopidogrel with Losec lowers its effect.", "Losec", "EMPLOYER"),
        ("Gardasil is fine; Cervarix was the bivalent one.", "Cervarix", "NAME"),
        ("Started Zorvatrex 40 mg once daily after the stent.", "Zorvatrex", "NAME"),
        ("Discharged on Kelvora Nexthaler two puffs twice daily.", "Kelvora Nexthaler", "NAME"),
        ("Short of Augmentin Duo Forte in Tasmania? We swap to cefalexin.", "Duo Forte", "NAME"),
        ("Leg ulcer dressed with Acticoat Flex and compression.", "Acticoat Flex", "EMPLOYER"),
        # makers beside their product or as the source of a supply
        ("Has anyone used the Biotronik Amvia in a child?", "Biotronik", "NAME"),
        ("The Abbott Navitor raises the same issue.", "Abbott", "NAME"),
        ("Please stop calling, the Roche cobas flags haemolysis.", "Roche", "NAME"),
        ("Shortage again; the Novo Nordisk pens are back in Alberta.", "Novo Nordisk", "NAME"),
        (
            "10 vials of polyvalent ASV from Vins Bioproducts; vipers are common.",
            "Vins Bioproducts",
            "GEO",
        ),
        (
            "The batch was manufactured by Serum Institute and shipped late.",
            "Serum Institute",
            "GEO",
        ),
        # works and public figures cited by surname, ideas named after people or towns
        ("Paired it with a Groopman essay on thinking.", "Groopman", "NAME"),
        ("Just read Tversky's chapter on framing.", "Tversky's", "GEO"),
        ("Per Davidson's 24th edition, the reaction follows within hours.", "Davidson's", "NAME"),
        ("Half of our errors in the Croskerry taxonomy are anchoring.", "Croskerry", "GEO"),
        ("Revisiting the Pygmalion effect in trainee feedback.", "Pygmalion", "GEO"),
        ("The Kampala modification uses saturation and ultrasound.", "Kampala", "GEO"),
        ("Is the Montreal definition still used?", "Montreal", "GEO"),
        ("Relational autonomy (Beauchamp and Childress vs later work).", "Childress", "GEO"),
        ("Semmelweis would be horrified by our audit.", "Semmelweis", "NAME"),
        (
            "A Jayasumana-style glyphosate hypothesis; the Kessler glyphosate hypothesis too.",
            "Kessler",
            "NAME",
        ),
        # eponyms of operations, grades, cells, regimens, devices
        ("Biliary atresia at 7 weeks: Kasai portoenterostomy or transplant?", "Kasai", "GEO"),
        ("Which pull-through: Swenson, Soave or Duhamel?", "Soave", "GEO"),
        ("Open tibia, Gustilo IIIb, plastics aware.", "Gustilo IIIb", "NAME"),
        ("Pancreatitis, Ranson 3 at 48 h, Balthazar D; he drinks daily.", "Balthazar D", "NAME"),
        (
            "Nobody palpated the fibula. Danis-Weber C with a syndesmotic injury.",
            "Danis-Weber",
            "NAME",
        ),
        ("Teaching: Birbeck granules, Councilman bodies and Negri bodies.", "Birbeck", "NAME"),
        ("Descent, dexamethasone, Gamow bag used on the trek.", "Gamow", "GEO"),
        ("The Whitesides threshold of 30 is what we teach.", "Whitesides", "NAME"),
        ("MgSO4 4 g load per Zuspan, betamethasone and delivery.", "Zuspan", "GEO"),
        ("The Sister Mary Joseph nodule and Troisier's sign.", "Joseph", "NAME"),
        ("Same Guillaume Duchenne, busy man.", "Guillaume", "NAME"),
        # services and specialties, grades, genes, a pilgrimage, words in lower case
        ("Can someone from Rheum advise? Her ANA is positive.", "Rheum", "NAME"),
        ("Presenting at the Patient Safety meeting.", "Patient Safety", "GEO"),
        ("We still referred to Falls Clinic for a review.", "Falls Clinic", "GEO"),
        ("Paediatric surgery: boy (6) with appendicitis.", "Paediatric", "GEO"),
        ("Gleason 4+3, Grade Group 3, PSA 11.", "Grade Group", "EMPLOYER"),
        ("Tacrolimus with clarithromycin raises levels via CYP3A4.", "via CYP3A4", "GEO"),
        ("The Umrah meningococcal certificate was not in the file.", "Umrah", "NAME"),
        ("Aged 95, nursing home resident, new-onset confusion.", "new-onset", "NAME"),
        ("Our patient (anticoagulation clinic no. 5512) bled.", "anticoagulation", "NAME"),
        ("Injections are given by nurse injectors in our unit.", "nurse injectors", "NAME"),
        # institutions and bodies cited as a source, textbooks read, cases of law, devices
        ("Johns Hopkins published a series of 40 cases.", "Johns Hopkins", "NAME"),
        ("Anyone tried the Stanford sleep protocol for shift workers?", "Stanford", "GEO"),
        ("A Harvard Medical School course covers it.", "Harvard Medical School", "GEO"),
        ("The Royal College of Physicians changed its guidance.", "Royal College", "GEO"),
        ("He was reading Harrison's on the night shift.", "Harrison's", "NAME"),
        ("Rereading Kahneman's Thinking, Fast and Slow with the juniors.", "Kahneman's", "NAME"),
        ("Bolam and Montgomery are the cases every trainee should know.", "Montgomery", "GEO"),
        ("The prize went to Banting and Macleod for insulin.", "Banting", "GEO"),
        ("We used the Broselow tape to get the weight.", "Broselow", "GEO"),
        ("Our Philips monitor alarms every time she moves.", "Philips", "NAME"),
        ("She was on the Atkins diet before admission.", "Atkins", "NAME"),
        ("The Leicester questionnaire score fell after treatment.", "Leicester", "GEO"),
        # countries of the writer, languages, strains, revised classifications, trials
        ("Staff nurse from Malawi here, first post.", "Malawi", "EMPLOYER"),
        ("Hello all, junior doctor from Lesotho with a question.", "Lesotho", "GEO"),
        ("Physiotherapist, Uruguay. A question on hip precautions.", "Uruguay", "GEO"),
        ("In Norway they give it at home; Japan admits everyone.", "Japan", "GEO"),
        ("She speaks Aymara only; her grandson interprets.", "Aymara", "GEO"),
        ("Culture grew Salmonella serovar Dublin, sensitive to all.", "Dublin", "GEO"),
        ("Revised Baltimore: moderately severe, managed on the ward.", "Baltimore", "GEO"),
        ("Manchester alcoholic hepatitis score was 9 on admission.", "Manchester", "GEO"),
        ("The Okonjo RCT showed no benefit, so we stopped it.", "Okonjo", "GEO"),
        ("After the Mbeki 2021 trial we changed the dose.", "Mbeki", "NAME"),
        ("The Basel Convention phase-down is why it is scarce.", "Basel", "GEO"),
        # organisms and reservoirs
        ("Pteropus for both, Eidolon for the other one.", "Eidolon", "GEO"),
        ("The update adds Coxiella burnetii serology.", "Coxiella", "NAME"),
    ],
)
def test_named_things_are_quieted(text, word, kind):
    assert quieted(text, word, kind)


@pytest.mark.parametrize(
    ("text", "word", "kind"),
    [
        # a person or a place in the same shapes: a title, an age, a verb, a place word
        ("Mrs Kasai, 71, was admitted with cholangitis.", "Kasai", "NAME"),
        ("Her son Duhamel drives her to clinic.", "Duhamel", "NAME"),
        ("Swenson was seen in clinic on his own.", "Swenson", "NAME"),
        ("She works for Pfizer in the packing plant.", "Pfizer", "EMPLOYER"),
        ("He is a chemist at Bharat Serums in Thane.", "Bharat Serums", "EMPLOYER"),
        ("Mr Abbott, 64, fell at home.", "Abbott", "NAME"),
        ("Transferred from Tokyo after a stroke abroad.", "Tokyo", "GEO"),
        ("Dr Gawande phoned about the CT result.", "Gawande", "NAME"),
        ("Night list: rm 9 Haddad, Leila sickle cell crisis, on PCA.", "Leila", "NAME"),
        ("Kofi's hip fracture was fixed on day two.", "Kofi", "NAME"),
        ("She lives in Padua with her daughter.", "Padua", "GEO"),
        ("He came from Dził Łichíí' chapter to the clinic.", "Dził Łichíí'", "GEO"),
        ("Discharged from Opšta bolnica Kraljevo yesterday.", "Opšta", "GEO"),
        ("Anna Becker was admitted overnight.", "Anna", "NAME"),
        ("She is a nurse at Roche in Basel.", "Roche", "EMPLOYER"),
        ("His daughter Abena works nights.", "Abena", "NAME"),
        ("Referred to Johns Hopkins for the Whipple.", "Johns Hopkins", "GEO"),
        ("She is a nurse at Stanford and does nights.", "Stanford", "EMPLOYER"),
        ("Harrison's mum phoned the ward twice.", "Harrison's", "NAME"),
        ("I read Amina's Facebook post to the team.", "Amina's", "NAME"),
        ("Maria Atkins was admitted overnight.", "Maria Atkins", "NAME"),
        ("She moved here from Czechia three years ago.", "Czechia", "GEO"),
        ("He grew up in Lebanon, PA and moved last year.", "Lebanon", "GEO"),
        ("Transferred from Manchester to us for ECMO.", "Manchester", "GEO"),
    ],
)
def test_people_places_and_employers_in_the_same_shapes_are_kept(text, word, kind):
    assert not quieted(text, word, kind)


@pytest.mark.parametrize(
    ("text", "part"),
    [
        # the same shapes holding a person, a place or an employer
        ("Mrs Kasai, 71, was admitted with cholangitis.", "Kasai"),
        ("Her son Duhamel drives her to clinic.", "Duhamel"),
        ("Swenson was seen in clinic on his own.", "Swenson"),
        ("She works for Pfizer in the packing plant.", "Pfizer"),
        ("He is a chemist at Bharat Serums in Thane.", "Bharat Serums"),
        ("Mr Abbott, 64, fell at home.", "Abbott"),
        ("Transferred from Tokyo after a stroke abroad.", "Tokyo"),
        ("Dr Gawande phoned about the CT result.", "Gawande"),
        ("Night list: rm 9 Haddad, Leila sickle cell crisis, on PCA.", "Leila"),
        ("Kofi's hip fracture was fixed on day two.", "Kofi"),
        ("She lives in Padua with her daughter.", "Padua"),
        ("He came back after Hajj season with a cough.", "Hajj season"),
        ("Seen at the Riverside Memory Clinic in Lismore last year.", "Lismore"),
    ],
)
def test_identifiers_in_the_same_shapes_are_found(text, part):
    assert overlaps(text, part), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Presenting the case at the M&M meeting on Wednesday.",
        "The trust's circular from October changed the dose banding.",
        "Supply of the liquid should be back by November.",
        "INR went from 1.8 to 6.2 after the course of antibiotics.",
    ],
)
def test_dates_of_the_staff_and_ranges_of_values_are_no_dates(text):
    assert not {f.text for f in find_identifiers(text) if f.kind == "DATE"}


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("She was admitted on Wednesday after the fall.", "Wednesday"),
        ("Discharged 12.3 to her daughter's home.", "12.3"),
        ("He has been off work since October.", "October"),
    ],
)
def test_dates_of_the_patient_are_kept(text, part):
    assert overlaps(text, part), find_identifiers(text)


@pytest.mark.parametrize(
    "text",
    [
        "Her husband is the only carer and is exhausted.",
        "He is the only Tagalog speaker in the household.",
    ],
)
def test_the_only_carer_of_a_family_is_no_unique_description(text):
    assert not {f.text for f in find_identifiers(text) if f.kind == "UNIQUE"}


# The file's floor, just under what the round reached (tune23 0.917 / 0.992 after it, blind
# 0.917 / 0.683 on the session's starting code).
FLOORS = {("lead", "tune23"): (0.90, 0.98)}


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_tune23_holds_its_recall_and_precision(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms
