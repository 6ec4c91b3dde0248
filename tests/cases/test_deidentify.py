"""The identifier scanner: its corpus thresholds, its fixes and its linear running time.

Each corpus is split into a part the rules were tuned on and a held-out part that was only
measured (tests/cases/scanner_corpora/README.md); the thresholds sit just under what
``python manage.py scanner_report`` measured, so a regression on either part fails."""

from __future__ import annotations

import time

import pytest

from cases.deidentify import KINDS, apply_fixes, check_reply, find_identifiers
from cases.scanner_eval import evaluate, load_corpora, load_corpus, parse_line, safe_harbor_kind


def test_the_corpus_is_large_and_holds_hard_negatives():
    corpus = load_corpus()
    assert len(corpus) >= 300
    assert sum(1 for s in corpus if not s.spans) >= 100
    assert {kind for s in corpus for _a, _b, kind in s.spans} <= set(KINDS)


@pytest.fixture(scope="module")
def corpora():
    return load_corpora()


# (corpus, split): (recall, precision) floors, just under the measured values.
FLOORS = {
    ("project", "tune"): (0.98, 0.99),
    ("project", "heldout"): (0.98, 0.96),
    ("clinical", "tune"): (0.97, 0.99),
    ("clinical", "heldout"): (0.97, 0.99),
    ("clinical", "heldout2"): (0.96, 0.98),
    # Round 7 reads national holidays as days ("before Labor Day"): one tune template the
    # corpus leaves unlabelled (8 findings), so the precision floor went from 0.98 to 0.97.
    ("presidio", "tune"): (0.90, 0.97),
    ("presidio", "heldout"): (0.85, 0.96),
    # Written later in other voices; held-out measured 0.830 / 0.908 before any rule change.
    ("voices", "tune"): (0.99, 0.98),
    ("voices", "heldout"): (0.91, 0.93),
    # Tune-only templates of our own for the kinds of failure the lead's set showed.
    ("voices", "tune2"): (0.98, 0.98),
    # The lead's hand-written set: 0.841 / 0.930 before the voices round, 0.864 / 0.917 after
    # it (both blind); then tuned on, by kind of failure.
    ("lead", "tune"): (0.98, 0.97),
    # Its second set: 0.848 / 0.985 measured blind after round 2; then tuned on, by kind.
    ("lead", "tune2"): (0.97, 0.98),
    # Its third and fourth sets: 0.879 / 0.943 and 0.910 / 0.848 measured blind; then tuned on.
    ("lead", "tune3"): (0.94, 0.98),
    ("lead", "tune4"): (0.97, 0.97),
    # Its fifth: 0.843 / 0.986 measured blind after round 4; then tuned on.
    ("lead", "tune5"): (0.95, 0.98),
    # Its sixth: 0.884 / 0.968 measured blind after round 5; then tuned on.
    ("lead", "tune6"): (0.96, 0.96),
    # Its seventh, measured blind after round 6 (0.839 / 1.000) and never tuned on.
    ("lead", "heldout"): (0.83, 0.97),
    # Round 7's two sets, written before any change: tune7 measured blind 0.870 / 0.923, then
    # tuned on by kind (1.000 / 1.000); heldout2 measured blind 0.919 / 0.971 and only measured
    # (its floor is the blind level, not what round 7 reached: 0.973 / 0.986).
    ("lead", "tune7"): (0.99, 0.99),
    # Round 16's fallback for words no list knows: recall 0.973 -> 0.986, precision 0.986 ->
    # 0.961 (three more findings that are no identifier, within its 0.03 guard).
    ("lead", "heldout2"): (0.91, 0.95),
    # Round 8's two sets, written before any change: tune8 measured blind 0.914 / 0.975, then
    # tuned on by kind (1.000 / 1.000); heldout3 measured blind 0.877 / 0.948, then once after
    # round 8's rules (0.906 / 0.950; no longer blind), never tuned on.
    ("lead", "tune8"): (0.99, 0.99),
    ("lead", "heldout3"): (0.89, 0.93),
    # Round 9's set, written before the learned tagger was tried, measured blind at
    # 0.943 / 0.934 (199/211, 199/213) and never tuned or trained on.
    ("lead", "heldout4"): (0.93, 0.92),
    # Round 10's two sets, written before any change: tune9 measured blind 0.864 / 0.927, then
    # tuned on by kind (0.976 / 0.961); heldout5 measured blind 0.903 / 0.910, then once after
    # round 10's rules (0.928 / 0.915; no longer blind), never tuned on.
    ("lead", "tune9"): (0.97, 0.95),
    ("lead", "heldout5"): (0.92, 0.90),
    # Round 11's two sets of multi-sentence posts, written before the rules were read: tune10
    # measured blind 0.932 / 0.934, then tuned on by kind (0.992 / 0.989); heldout6 measured
    # blind 0.925 / 0.948, then once after round 11's rules (0.935 / 0.956), never tuned on.
    ("lead", "tune10"): (0.98, 0.98),
    ("lead", "heldout6"): (0.93, 0.95),
    # Round 12's set (147 posts and replies weighted to the weak kinds), written before the
    # rules were read: tune11 measured blind 0.885 / 0.953, then tuned on by kind (0.978 / 0.980).
    ("lead", "tune11"): (0.97, 0.97),
    # Round 13's set (123 posts weighted to the kinds weakest on new text), written before the
    # rules were read: tune12 measured blind 0.787 / 0.903, then tuned on by kind.
    ("lead", "tune12"): (0.94, 0.95),
    # Round 14's set (137 snippets weighted to hospitals by initials or one word, rural
    # addresses and employers by initials or in lower case), written before the rules were
    # read: tune13 measured blind 0.808 / 0.957, then tuned on by kind (0.988 / 0.978).
    ("lead", "tune13"): (0.98, 0.97),
    # Round 15's set (142 snippets weighted to ages over 89, partial dates, ID fragments, names
    # that are words and unique descriptions), written before the rules were read: tune14
    # measured blind 0.836 / 0.911 (0.842 / 0.911 once a year marked DATE was unmarked), then
    # tuned on by kind (0.994 / 0.969).
    ("lead", "tune14"): (0.98, 0.96),
    # Round 16: 132 posts weighted to proper nouns no list knows (one-word and initialled
    # hospitals, villages, small employers) and their look-alikes, written before the rules
    # were read: blind 0.933 / 0.927 (0.938 / 0.927 once a year marked DATE was unmarked);
    # 0.983 / 0.930 with the fallback for words no list knows (unknown_proper.py).
    ("lead", "tune15"): (0.97, 0.91),
    # Round 17: long posts from many countries (festival dates, employers abroad, greetings),
    # written before the rules were read: tune16 blind 0.896 / 0.690 (0.912 / 0.913 once the
    # posters' own cities and two weekdays were labelled by the project's convention), then
    # tuned on by kind of failure.
    ("lead", "tune16"): (0.96, 0.95),
    # Round 18: the fully blind heldout9 and heldout10 (last blind 0.933 / 0.976 and
    # 0.922 / 0.960), renamed tune17 and tune18 and tuned on by kind of failure
    # (test_deidentify_round18.py).
    ("lead", "tune17"): (0.98, 0.97),
    ("lead", "tune18"): (0.97, 0.97),
    # Fully blind sets (writers who never saw the project or the scanner), never tuned on; the
    # floors are their level measured on arrival, rounded down: they guard, they do not tune.
    # Session 25's two (blind 0.935 / 0.921 and 0.947 / 0.946 on arrival; 0.946 / 0.959 and
    # 0.958 / 0.959 now, after rounds tuned on other files):
    ("lead", "heldout15"): (0.93, 0.92),
    ("lead", "heldout16"): (0.94, 0.94),
    # Session 26's four held out: the judging corpus's described shape (blind 0.955 / 0.944)
    # and three dense in look-alikes (0.969 / 0.656, 0.963 / 0.545, 0.965 / 0.589).
    ("lead", "heldout26"): (0.95, 0.94),
    ("lead", "heldout22"): (0.96, 0.65),
    ("lead", "heldout25"): (0.96, 0.54),
    ("lead", "heldout28"): (0.96, 0.58),
    # Session 27's three, measured blind on arrival: 0.967 / 0.901, 0.964 / 0.905, 0.967 / 0.914.
    ("lead", "heldout29"): (0.96, 0.90),
    ("lead", "heldout30"): (0.96, 0.90),
    ("lead", "heldout31"): (0.96, 0.91),
    # Round 3: our own sentences for each kind of failure of the lead's second set.
    ("voices", "tune3"): (0.97, 0.95),
    # Spanish (issue 27): before any Spanish rule, tune 0.750 / 0.794, held-out 0.797 / 0.806.
    ("spanish", "tune"): (0.99, 0.99),
    ("spanish", "heldout"): (0.97, 0.94),
    # The lead's Spanish set, never shown to the rules' author: 0.722 / 0.778 before, after:
    ("spanish", "heldout2"): (0.95, 0.95),
}


@pytest.mark.parametrize(("corpus", "split"), sorted(FLOORS))
def test_scanner_holds_its_recall_and_precision_on_each_corpus_and_split(corpora, corpus, split):
    report = evaluate(corpora[corpus][split])
    recall_floor, precision_floor = FLOORS[corpus, split]
    assert report.recall >= recall_floor, report.misses
    assert report.precision >= precision_floor, report.false_alarms


def test_splits_do_not_share_templates_or_lines(corpora):
    for corpus, parts in corpora.items():
        if corpus == "lead":
            continue  # the lead's hand-written set is one tune part (it was measured blind twice)
        tune = {s.text for s in parts["tune"]}
        assert parts["heldout"], corpus
        # Filled templates may repeat a negative sentence; labelled ones never cross.
        crossing = {s.text for s in parts["heldout"] if s.spans} & tune
        assert not crossing, (corpus, sorted(crossing)[:3])


def test_safe_harbor_allows_countries_states_years_and_ages_up_to_89():
    assert safe_harbor_kind("GPE", "Estonia") is None
    assert safe_harbor_kind("GPE", "ON") is None
    assert safe_harbor_kind("GPE", "Riisa") == "GEO"
    assert safe_harbor_kind("DATE_TIME", "1977") is None
    assert safe_harbor_kind("DATE_TIME", "2/10/1985") == "DATE"
    assert safe_harbor_kind("AGE", "89") is None
    assert safe_harbor_kind("AGE", "93") == "AGE_OVER_89"


def test_corpus_marks_are_parsed_to_offsets_in_the_plain_text():
    snippet = parse_line("Seen by [[NAME|Dr Lee]] on [[DATE|3 May 2020]].")
    assert snippet.text == "Seen by Dr Lee on 3 May 2020."
    assert [snippet.text[a:b] for a, b, _k in snippet.spans] == ["Dr Lee", "3 May 2020"]


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Admitted on 12/03/2024 with dyspnoea.", "DATE", "12/03/2024"),
        ("A 93-year-old woman.", "AGE_OVER_89", "93-year-old"),
        ("Email jo@example.org please.", "EMAIL", "jo@example.org"),
        ("SSN 123-45-6789.", "SSN", "123-45-6789"),
        ("Mrs Patel was seen.", "NAME", "Mrs Patel"),
        ("She lives at 14 Elm Street now.", "GEO", "14 Elm Street"),
        ("Postcode SW1A 1AA.", "ZIP", "SW1A 1AA"),
        ("Access from 192.168.1.20 logged.", "IP", "192.168.1.20"),
    ],
)
def test_scanner_names_the_kind_and_offsets_of_each_identifier(text, kind, found):
    findings = find_identifiers(text)
    assert [(f.kind, f.text) for f in findings] == [(kind, found)]
    assert text[findings[0].start : findings[0].end] == found


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Her neighbour Kofi Mensah found her on the floor.", "Kofi Mensah"),
        ("Mrs Wilson has Wilson disease.", "Mrs Wilson"),
        ("Anneke van der Berg had a fall.", "Anneke van der Berg"),
        ("Seen with her son Wojciech Kowalczyk and Dr Okonkwo.", "Wojciech Kowalczyk"),
        ("Kainoa Kahale 48213377 was reviewed on the ward round.", "Kainoa Kahale"),
        ("Nohea was transferred for specialist input.", "Nohea"),
        ("He was seen by kofi mensah at the weekend.", "kofi mensah"),
        ("She was discharged to Rybnik Rehabilitation Centre.", "Rybnik Rehabilitation Centre"),
        ("Lives alone in Otok N66 3YW with two cats.", "Otok"),
        ("Lives alone in Otok N66 3YW with two cats.", "N66 3YW"),
        ("Fever began on 3/4 and settled by the 12th of May.", "3/4"),
        ("Fever began on 3/4 and settled by the 12th of May.", "12th of May"),
        ("His car (UR36 AMV) was found in the car park.", "UR36 AMV"),
        ("VIN 1HGCM82633A004352 was noted.", "1HGCM82633A004352"),
        ("He works at Tesco in Leeds as a driver.", "Tesco"),
        ("She is the only blacksmith in a village of 200.", "the only blacksmith in a village"),
        ("The photo shows the rash; his face is visible in image 2.", "his face is visible"),
        ("Contact +31 (0)20 794 6095 after six.", "+31 (0)20 794 6095"),
        ("Refund to GB33BUKB20201555555555 please.", "GB33BUKB20201555555555"),
        ("Card 4111 1111 1111 1111 was charged.", "4111 1111 1111 1111"),
        ("The bus drops you at Kyrkgatan 24, Betliar.", "Betliar"),
        ("Discharged on the 21st, readmitted on Saturday 3rd.", "the 21st"),
        ("Discharged on the 21st, readmitted on Saturday 3rd.", "Saturday 3rd"),
        ("Review Tuesday the 14th in clinic.", "Tuesday the 14th"),
        ("He was assaulted outside the Red Lion pub.", "Red Lion"),
        ("Found confused at the Coach and Horses.", "Coach and Horses"),
        ("She teaches at Greenfield Primary School.", "Greenfield"),
        ("Collapsed in St Mary's church hall.", "St Mary's church hall"),
        ("The patient, john smith, works nights.", "john"),
        ("Eluned is 6 weeks post-partum.", "Eluned"),
        ("Day 0 was 28/8; Day +3 extubated.", "28/8"),
        ("The Van de Velde family attended.", "Van de Velde"),
        # Handover, forum and non-UK writing (the kinds the voices corpus was written for).
        ("She works at Greggs on the high street.", "Greggs"),
        ("Her son is a pupil at St Aidan's and plays rugby.", "St Aidan's"),
        ("He drinks at the Red Lion most nights.", "Red Lion"),
        ("Her daughter attends Bishop Vesey's.", "Bishop Vesey's"),
        ("A welder for Tata Steel for thirty years.", "Tata Steel"),
        ("Employed by Amazon's warehouse in Rugeley.", "Rugeley"),
        ("bed 4 - john smith, 82, NOF day 2", "john smith"),
        ("pt mrs okafor c/o sob since Tuesday", "okafor"),
        ("d/w sister jane re pressure areas", "jane"),
        ("Handover from nights: mugambi kimanzi in bed 4 pulled out his cannula.", "kimanzi"),
        ("Told Ngozi the plan.", "Ngozi"),
        ("Thandiwe's mum called the ward.", "Thandiwe"),
        ("Hi all. Mere, 67, with Kawasaki disease; thoughts?", "Mere"),
        ("Kowalczyk 4471920 for OGD tomorrow.", "Kowalczyk"),
        ("On Ward 7B at St Jude's overnight.", "St Jude's"),
        ("She was transferred from Mercy yesterday.", "Mercy"),
        ("Transferred from Lakeview General after a fall.", "Lakeview General"),
        ("Moved into Sunflower House last week.", "Sunflower House"),
        ("Trains at Virgin Active five mornings a week.", "Virgin Active"),
        ("Lives in Gympie 4570 with her sister.", "4570"),
        ("She lives on Church Street above a shop.", "Church Street"),
        ("Admitted on the fourteenth of March with a fall.", "fourteenth of March"),
        ("Presented 8/4 at 09:30 with haematemesis.", "8/4"),
        ("Happy to go home the 19th.", "the 19th"),
        ("A ninety-two-year-old man with a fall.", "ninety-two-year-old"),
        ("Still driving at ninety-five.", "ninety-five"),
        ("The ute (XTP-8830) was towed after the crash.", "XTP-8830"),
        ("His car, reg. KX19 ABC, was in the car park.", "KX19 ABC"),
    ],
)
def test_identifiers_the_old_scanner_missed_are_found(text, identifier):
    start = text.index(identifier)
    spans = [(f.start, f.end) for f in find_identifiers(text)]
    assert any(a < start + len(identifier) and start < b for a, b in spans), spans


@pytest.mark.parametrize(
    "text",
    [
        "As described by Rockall et al. (2019), rebleeding is common.",
        "Glasgow-Blatchford score 12; Rockall score 4.",
        "Vaccine lot number EX1234 was recorded.",
        "Enrolled in NCT01234567 and ISRCTN12345678.",
        "Parkinson's disease since 2015 and a Barrett oesophagus.",
        "Oxford knee score 30; Edinburgh Postnatal Depression Scale 14.",
        "Oxygen 15 L via non-rebreathe mask; MoCA of 14; HbA1c 78 mmol/mol.",
        "Will this help? Hope so. She reviewed the X-ray in the morning.",
        "Twelve-lead ECG with deep septal Q waves; Tokyo Guidelines grade II; Brugada pattern.",
        "She was given lot XX1234 of the influenza vaccine on Day 0.",
        "As described by Kasabach and Merritt, the lesion enlarges in infancy.",
        "According to Kumar and Clark, and Bailey & Love's, it is rare.",
        "Per Harrison's Principles, start steroids.",
        "Referred to the Buckley knee clinic with a positive Apley test.",
        "He was found on the 3rd day; the 4th floor ward.",
    ],
)
def test_eponyms_scores_citations_and_registry_numbers_stay_quiet(text):
    assert find_identifiers(text) == []


def test_hard_negatives_are_not_flagged():
    text = (
        "Parkinson's disease since 2015; GCS 15; Wells score 6; amoxicillin 500 mg; "
        "Hb 98 g/L; BP 120/80; Day +3 she improved; a 45-year-old; Glasgow Coma Scale 14."
    )
    assert find_identifiers(text) == []


def test_dates_are_offered_relative_days_counted_from_the_earliest_date():
    text = "Admitted 3 March 2023. Operated 6 March 2023."
    fixes = [f.fix for f in find_identifiers(text)]
    assert fixes == ["Day 0", "Day +3"]


def test_ages_over_89_are_offered_the_band_and_fixes_apply_in_place():
    text = "A 93-year-old man."
    (finding,) = find_identifiers(text)
    assert finding.fix == "over 89"
    assert apply_fixes(text, [(finding.start, finding.end, finding.fix)]) == "A over 89 man."


def test_replies_are_checked_by_the_same_scanner():
    assert [f.kind for f in check_reply("I saw her at St Mary's Hospital too")] == ["GEO"]


def _best_time(text: str) -> float:
    """The least CPU time of five scans: a shared machine stretches the wall clock of one scan
    by half again at times (a ratio of 3.0 was seen once for a linear scan timed by the wall
    clock, best of three), which a process's CPU time and more tries mostly leave out."""
    timings = []
    for _ in range(5):
        started = time.process_time()
        find_identifiers(text)
        timings.append(time.process_time() - started)
    return min(timings)


def test_scanning_time_grows_linearly_with_text_length():
    # Adversarial pieces for backtracking engines: long tokens without the final character a
    # pattern needs, runs of capitalised words, digits and separators, unclosed URLs.
    unit = (
        "a" * 300
        + " "
        + "Mr " * 40
        + "Aaaa " * 60
        + "1/" * 80
        + "1." * 80
        + "0" * 200
        + " x@"
        + "b." * 100
        + " http://"
        + "c" * 300
        + " 12 Oak " * 30
        + "MRN " * 30
        # round 7: labels, plurals, lower-case places, units, dashed dates, ages after a person
        + "file no " * 20
        + "A#" * 30
        + "the Aaaas " * 20
        + "from aaaa bbbb " * 20
        + "2nd Aaaa " * 20
        + "Aaaa Regiment " * 10
        + "03-Jan-" * 30
        + "pt is 9" * 20
        + "\n"
    )
    half = (unit * (50_000 // len(unit) + 1))[:50_000]
    full = half * 2
    assert len(full) == 100_000
    ratio = _best_time(full) / _best_time(half)
    # Linear is about 2; quadratic would be about 4.
    assert ratio < 3, ratio


@pytest.mark.parametrize(
    "text",
    [
        "Ward round.\nHandover: stable overnight, plan as before.",
        "Seen today.\nImpression: likely viral.",
        "Both Cullen and Grey Turner signs were absent.",
        "Kernig and Brudzinski signs negative.",
    ],
)
def test_note_headings_and_eponym_pairs_are_no_names(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("keanu o'brien was 19 when first seen.", "keanu o'brien"),
        ("Plan: discuss with sean o'hare tomorrow.", "sean o'hare"),
        ("Grace: stable, eating well.", "Grace"),
    ],
)
def test_lower_case_apostrophe_surnames_and_named_headings_are_found(text, name):
    assert name in [f.text for f in find_identifiers(text) if f.kind == "NAME"]


@pytest.mark.parametrize(
    "text",
    [
        "Wilson disease, Graves disease, Cushing syndrome, Murphy's sign, Parkinson.",
        "As Smith et al. showed in 2019, Tylenol and Keflex 500 mg help.",
        "She came in with her sister; Apgar 7 and 9; Braden 14.",
        "Grace period for the referral is two weeks. Mark the site before theatre.",
        "Chase the Pseudomonas sensitivities. Bill for the Panadol went to the family.",
        "Dear Dr, I refer this lady with weight loss.",
        "Ferritin 2400 ug/L; lactate 3.9 at 0300; BP 120/80 at 14:00.",
        "The 3rd, 4th and 5th toes; the 2nd dose; on the 4th floor.",
        "Referred to Cardiology, admitted to Intensive Care, seen at Outpatients.",
        "A farmer with Addison's disease and a driver with Crohn's disease.",
        "Sats at ninety percent on air.",
    ],
)
def test_words_that_look_like_identifiers_in_clinical_writing_stay_quiet(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Admitted Tuesday evening with a GCS of 9.", "Tuesday evening"),
        ("Found collapsed at 11pm Thursday by a neighbour.", "11pm Thursday"),
        ("She says she will go home on Friday.", "Friday"),
        ("The rash started in autumn 2021 after a camping trip.", "autumn 2021"),
        ('Triage: name given as "Smudge", no fixed abode.', "Smudge"),
        ("His okada number ABJ 613 XY was noted by police.", "ABJ 613 XY"),
        ("The tuk-tuk, plate KA 05 MN 4821, was left outside.", "KA 05 MN 4821"),
        ("He is the head coach of the county hurling team.", "the head coach"),
        ("Witnesses said he had been drinking at the Anchor all afternoon.", "the Anchor"),
        ("She was moved from Ennis to the Coombe after the scan.", "Coombe"),
        ("Booked at Sheffield Children's for the repair.", "Sheffield Children's"),
        ("Transferred to QEUH overnight for thrombectomy.", "QEUH"),
        ("School: Oakfield High, year 9.", "Oakfield High"),
        ("Works in a nail salon on Briggate.", "Briggate"),
        ("Next of kin: 14 Rue Victor Hugo, Nantes.", "14 Rue Victor Hugo"),
        ("Nights: marek (pt) pulling at the NG tube again.", "marek"),
        ("HCA note: wojtek on the ward again, asking for his coat.", "wojtek"),
        ("His wife visits every afternoon from Upper Slaughter.", "Upper Slaughter"),
        # the kinds the lead's second set showed
        ("A goatherd from Cáceres with brucellosis.", "Cáceres"),  # a province's own city
        ("He trained in Poona in the 1970s.", "Poona"),  # an older name of a large city
        ("Adder bite while walking on Exmoor's neighbour, Dartmoor.", "Dartmoor"),
        ("Collapsed on Bodmin Moor after a long run.", "Bodmin Moor"),
        ("Lives in a flat near Tooting and Balham.", "Tooting and Balham"),
        ("I'm a registrar at Royal Bolton this year.", "Royal Bolton"),
        ("Retrieved to Toronto General by air.", "Toronto General"),
        ("Iris Blackwood, 96, from the coast, with a hip fracture.", "96"),
        ("Handover: Olumide Bankole (94) in bed 12, settled.", "94"),
        ("For results call ext 3318.", "3318"),
        ("Her HCPC number is PA123456 and she asked us not to share it.", "PA123456"),
        ("Licence number DN 661042 was on the form.", "DN 661042"),
        ("He drives a van for Hermes on weekdays.", "Hermes"),
        ("Her dad cleans for the county council.", "the county council"),
        ("A 30-year-old NFL player with a stinger.", "NFL player"),
        ("She is the village's GP, so keep details vague.", "the village's GP"),
    ],
)
def test_kinds_the_lead_set_showed_are_found_in_other_words(text, identifier):
    found = find_identifiers(text)
    start = text.index(identifier)
    assert any(f.start < start + len(identifier) and start < f.end for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Rheumatology: 54F with Still's disease; ferritin 9,000.",
        "Peds: 4-year-old with croup, Westley score 3.",
        "Ward round 0830: no new admissions overnight.",
        "A Salter-Harris II fracture of the distal radius; Forrest IIb ulcer on OGD.",
        "The employer reported it to SafeWork.",
        "Mother works nights; father works from home.",
        "Clinic runs on Tuesdays and every Friday morning, Monday to Friday.",
        "Referred to SALT and CAMHS; admitted to AMU from ED, then transferred to ICU.",
        "Seen in Intensive Care, then discharged to Social Services follow-up.",
    ],
)
def test_headings_grades_agencies_and_recurring_weekdays_stay_quiet(text):
    assert find_identifiers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Knee extension 0-90 degrees, extension lag 10.",
        "Sats 88, 92, 95 on two litres; on air (92) overnight.",
        "As reported by Dandy and Walker, the cyst enlarges.",
        "Seen in Accident and Emergency, then Trauma and Orthopaedics.",
        "Two Royal Navy doctors agreed.",
        "He went from England and Wales to Quebec.",
        "Wife said he'd eaten; son said they'll visit.",
        "NMC guidance and GMC good medical practice (2013) agree.",
    ],
)
def test_the_new_kinds_stay_quiet_on_their_hard_negatives(text):
    assert find_identifiers(text) == []


# Round 7: the kinds lead_tune7 showed, each in sentences of our own (other names, places and
# settings), and their look-alikes quiet.
@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Remanded at HMYOI Feltham; his prison number is B7712KX.", "HMYOI Feltham"),
        ("Remanded at HMYOI Feltham; his prison number is B7712KX.", "B7712KX"),
        ("Iqama no. 2410098765 was on the referral.", "2410098765"),
        ("An inmate of Brandvlei Correctional Centre with TB meningitis.", "Brandvlei"),
        ("A gunner with 4th Regiment Royal Artillery, stationed at Larkhill.", "4th Regiment"),
        ("She served with the Coldstream Guards for six years.", "Coldstream Guards"),
        ("Flown from RAF Akrotiri to Birmingham.", "RAF Akrotiri"),
        ("OP no 2291/KMC/26 was on the wristband.", "2291/KMC/26"),
        ("Her PhilHealth number 12-050123456-7 is on the form.", "12-050123456-7"),
        ("His CNIC 42101-7788990-3 was photocopied.", "42101-7788990-3"),
        ("Came in on Canada Day with burns from fireworks.", "Canada Day"),
        ("Fell off a ladder on Diwali night, decorating.", "Diwali"),
        ("DOB 17-Sep-1932, lives alone.", "17-Sep-1932"),
        ("pt seen 10/23 in clinic, then again 10/30.", "10/23"),
        ("my patient is 97 and still gardens.", "97"),
        ("Honestly our gentleman was ninety-eight and walked in.", "ninety-eight"),
        ("ok so the guy lives in cairns and works on the boats.", "cairns"),
        ("hi all, 60s lady from trichy with a snake bite.", "trichy"),
        ("She grew up in Long Beach before moving here.", "Long Beach"),
        ("He packs for Fresh Direct on night shifts.", "Fresh Direct"),
        ("a 58M, retired postman for CTT, with a cough.", "CTT"),
        ("The Nakamuras next door called the ambulance.", "Nakamuras"),
        ("seen by tevita fifita on the weekend.", "tevita fifita"),
        ("She is the island's first female harbour master.", "the island's first"),
    ],
)
def test_round_seven_kinds_are_found_in_other_words(text, identifier):
    found = find_identifiers(text)
    start = text.index(identifier)
    assert any(f.start < start + len(identifier) and start < f.end for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Samoan and Tongan patients were over-represented; Filipino nurses ran the audit.",
        "A 33M, Eritrean, presented with fever.",
        "Whānau: updated by phone. Kaumātua visited after lunch.",
        "Infliximab lot BX4471 was used; no reaction.",
        "Abbott FreeStyle Libre readings were reviewed.",
        "His Nissan Navara rolled twice; he had a Toyota before.",
        "A US Marine Corps veteran; Royal Navy before that.",
        "Cleveland Clinic criteria and Duke criteria were applied.",
        "Davidson's, the Oxford Handbook and Bailey & Love agree.",
        "GCS 12/15 on arrival, power 4/5, home 3/7 later.",
        "The 2/15 cases in the series were excluded.",
        "Sats were 94 on air; the patient is 92 kg.",
        "Ward 3, bed number 14, page no 2231.",
        "He works for the NHS; referred to ENT and the GP surgery.",
        "Thanksgiving dinner caused the flare, as every year.",
        "Thanksgiving is a risk period for holiday heart.",
        "the team's first priority was the airway.",
        "The Azores and the Normans came up in the quiz.",
    ],
)
def test_round_seven_look_alikes_stay_quiet(text):
    assert find_identifiers(text) == [], find_identifiers(text)


# Round 8: the kinds of failure lead_tune8 showed, each in sentences of our own (other names,
# places and settings), and their look-alikes quiet.
@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Madame Oumou Traoré, 64, was seen in clinic.", "Oumou Traoré"),
        ("Herr Dietmar Kühn declined the biopsy.", "Dietmar Kühn"),
        ("Ibu Sri Wahyuni has returned for review.", "Sri Wahyuni"),
        ("admitted 17 october, discharged 2 november", "17 october"),
        ("Aufnahme am 3. Februar 2026 wegen Dyspnoe.", "3. Februar 2026"),
        ("symptômes depuis octobre 2025, puis fièvre", "octobre 2025"),
        ("dimissione il 12 settembre, controllo a 3 mesi", "12 settembre"),
        ("She has been unwell since early August.", "early August"),
        ("Worse since the end of January, he says.", "end of January"),
        ("Her valve was replaced early last summer.", "last summer"),
        ("Pt wants to be seen tues pm if possible.", "tues"),
        ("Found collapsed at 23:40 Sun by her son.", "23:40 Sun"),
        ("La signora ha 94 anni e vive sola.", "94 anni"),
        ("Mijn oma is 96 jaar en woont thuis.", "96 jaar"),
        ("He jackknifed his lorry on the M62 near Brighouse.", "M62"),
        ("Rolled his pickup on US-287 outside Amarillo.", "US-287"),
        ("KTP 3201012304560001 was photocopied at triage.", "3201012304560001"),
        ("His NHIF no. 8823145, expired.", "8823145"),
        ("Grace Achieng, 44, with a pleural effusion.", "Grace Achieng"),
        ("Zhang Guiying, 81, fell at home.", "Zhang Guiying"),
        ("bed 3 - maria de la cruz, 77, for echo", "maria de la cruz"),
        ("Name: OKONKWO, CHIDINMA. DOB on file.", "OKONKWO, CHIDINMA"),
        ("He works as an engineer on a Stena ferry.", "Stena"),
        ("Her hip was done at Barts last year.", "Barts"),
        ("Pic 2 has her face in it, sorry mods.", "face"),
        ("Her wrist tattoo reads 'ANTON' in capitals.", "ANTON"),
        ("Pt 19M, Ho, from Cape Coast, with malaria.", "Cape Coast"),
        ("A fisherman from Kilkeel, Osler-Weber-Rendu suspected.", "Kilkeel"),
    ],
)
def test_round_eight_kinds_are_found_in_other_words(text, identifier):
    found = find_identifiers(text)
    start = text.index(identifier)
    assert any(f.start < start + len(identifier) and start < f.end for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Fit-tested on the N95 mask before the shift.",
        "Vitamin A1 and E2 levels are not useful here.",
        "Creatinine 1840, urea 44; Troponin 2210 on repeat.",
        "Ferritin 1200 and Lactate 4.1 at the second draw.",
        "Holter showed runs of SVT; Foley out on day 2.",
        "She speaks Quechua and some Spanish.",
        "Leptospira serovar Pomona was isolated.",
        "Graves described it in 1835; Basedow in 1840.",
        "According to Davidson's, Hodgkin lymphoma is bimodal.",
        "Per Tintinalli, give the first dose in the department.",
        "We saw something similar last winter in the unit.",
        "Hay fever is worse in spring and early summer.",
        "Patient: Unknown female, brought in by police.",
        "May be viral; march her to the day unit for fluids.",
        "Sodium 128 in a 4 may be dilutional.",
        "A Dutch container ship and a Toyota truck were involved.",
        "Mother lives at Grandma's; father at work.",
        "He sat in the sun on wed and mon he was fine.",
    ],
)
def test_round_eight_look_alikes_stay_quiet(text):
    assert find_identifiers(text) == []


def test_a_name_after_a_bed_number_is_no_month_of_another_language():
    text = "bed 3 Marco Rossi, 45M; bed 2 Mai Nguyen, 70F; 2 Mars bars eaten"
    kinds = {f.text: f.kind for f in find_identifiers(text)}
    assert kinds == {"Marco Rossi": "NAME", "Mai Nguyen": "NAME"}, kinds


# Round 10: the kinds of failure lead_tune9 showed, each in sentences of our own (other names,
# places and settings), and their look-alikes quiet.
@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("DOB 14-III-1977, seen in clinic.", "14-III-1977"),
        ("Operated 21.IX.2024 at the district hospital.", "21.IX.2024"),
        ("Discharged 8 IV after the second dose.", "8 IV"),
        ("Kontrola 7. 10. 2025 na ambulanci.", "7. 10. 2025"),
        ("Casevac 1630Z 23 MAR from the FOB.", "23 MAR"),
        ("Review Fri 14/3 in the fracture clinic.", "14/3"),
        ("Admitted the second week of June with fevers.", "second week of June"),
        ("The letter is dated 3 Kislev.", "3 Kislev"),
        ("She went home for Songkran and the rash started.", "Songkran"),
        ("Flown out by helicopter VH-XRK to the base.", "VH-XRK"),
        ("Knocked off by a taxi AB 4021 near the port.", "AB 4021"),
        ("Histology H24-22871 confirmed a carcinoid.", "H24-22871"),
        ("Honestly she is 97 and sharper than me.", "97"),
        ("Lives at Drottninggatan 41 with her son.", "Drottninggatan 41"),
        ("Her flat is on ul. Długa in the old town.", "ul. Długa"),
        ("Address: Sejong-daero 209, Jongno-gu.", "Sejong-daero 209"),
        ("She lives in Naka-ku near the station.", "Naka-ku"),
        ("The family moved to Phường 7 last year.", "Phường 7"),
        ("Refugee settlement, block D-14, tent 6.", "D-14"),
        ("She grew up in the village Vunisei.", "Vunisei"),
        ("Seen at Rinkeby vårdcentral on referral.", "Rinkeby"),
        ("Diabetes clinic, Kirkenes: review of feet.", "Kirkenes"),
        ("Their call sign was Falcon 3-2 on the net.", "Falcon 3-2"),
        ("The boy (nickname Tiger) came with his aunt.", "Tiger"),
        ("Eva-Lena, her daughter, is a retired welder.", "Eva-Lena"),
        ("FCN 552190 on the ration card.", "552190"),
        ("Hetu 120377-341A on the Kela card.", "120377-341A"),
        ("Her rodné číslo 785412/3311 is on the form.", "785412/3311"),
        ("His face is in every shot on that thread.", "face"),
        ("Herder Tserendorj came down from the pass.", "Tserendorj"),
        ("She changed GP and moved to Tromsø last spring.", "Tromsø"),
        ("Two cattle herders from Kapoeta East came in.", "Kapoeta East"),
        ("Kipchumba arap Rotich, of Kapsowar, with a cough.", "Kapsowar"),
    ],
)
def test_round_ten_kinds_are_found_in_other_words(text, identifier):
    found = find_identifiers(text)
    start = text.index(identifier)
    assert any(f.start < start + len(identifier) and start < f.end for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "Give 2 IV doses of ceftriaxone, then review.",
        "The first week of treatment is the hardest.",
        "Philadelphia chromosome positive; BCR-ABL1 detected.",
        "A Papanicolaou smear and a Bakri balloon were both used.",
        "He is 92% on room air and she was 95 kg at booking.",
        "Her tattoo says 'MUM' on the forearm.",
        "Machado-Joseph disease runs in the family.",
        "We switched two of them to Ryzodeg and one to Tresiba.",
        "Pemphigus in a woman from Kerala, on rituximab.",
    ],
)
def test_round_ten_look_alikes_stay_quiet(text):
    assert find_identifiers(text) == []


# Round 11: the kinds of failure lead_tune10 (multi-sentence forum posts) and the older tune
# splits showed, each in sentences of our own (other names, places and settings).
@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Tadeusz Wróbel, 61, had a stent. On review Tadeusz was breathless.", "Tadeusz"),
        ("Seen with a 6-year-old, Mahealani; the rash had spread.", "Mahealani"),
        ("Eldoret: kiprotich chelimo, 9, with a fever for a week.", "kiprotich chelimo"),
        ("Her flatmate is fine but his roommate Bongani has a cough.", "Bongani"),
        ("Her Hb was normal at booking in August, so this is new.", "August"),
        ("The interpreter is booked for Thursday afternoon.", "Thursday"),
        ("He was discharged on Madaraka Day with oral antibiotics.", "Madaraka Day"),
        ("Urgent referral to RVEEH for the retinal detachment.", "RVEEH"),
        ("She plays camogie; he is a hurler for Kilmacud and trains daily.", "Kilmacud"),
        ("Her home community Arviat has no CT scanner.", "Arviat"),
        ("Diabetic foot, dressings daily. From Couva. Lives alone.", "Couva"),
        ("They rent a basement suite at 12544 132 Street now.", "12544 132 Street"),
        ("His father farms at No. 7 Colony near the canal.", "No. 7 Colony"),
        ("Lives north of town, postcode T0L 1K0, with her son.", "T0L 1K0"),
        ("She packs boxes at the Tesco depot overnight.", "Tesco"),
        ("Employer was Northern Rail for 20 years.", "Northern Rail"),
        ("A retired Ryanair stewardess with a DVT after a long flight.", "Ryanair"),
        ("He injured his back falling from a scaffold at Laing O'Rourke.", "Laing O'Rourke"),
        ("She served in 3 Commando Brigade for a decade.", "3 Commando Brigade"),
        ("Passport NP7712Q04 was scanned with the referral.", "NP7712Q04"),
        ("The cholera unit register KSM-2231 lists her twice.", "KSM-2231"),
        ("Her brother drove her in his Hilux KCA 771T at night.", "KCA 771T"),
        ("He is the paramount chief of the Ashanti Akyem area, so visits are public.", "chief"),
        ("She was the last commercial pearl diver on the island until 2010.", "pearl diver"),
        ("Seen at St Vincent's and then Beaumont's before coming to us.", "Beaumont's"),
        ("The Kowalczyks next door asked about their own screening.", "Kowalczyk"),
        ("Child health clinic, Bhekulwandle Heights: growth review.", "Bhekulwandle Heights"),
    ],
)
def test_round_eleven_kinds_are_found_in_other_words(text, identifier):
    found = find_identifiers(text)
    start = text.index(identifier)
    assert any(f.start < start + len(identifier) and start < f.end for f in found), found


@pytest.mark.parametrize(
    "text",
    [
        "The Ranson score was 4; an alternative to Ranson is the BISAP score.",
        "Dantrolene was not given. Pyridostigmine helped the myasthenia.",
        "A 40-year-old Irish man and his Chinese wife, both well.",
        "NEC Bell stage IIa, then Gustilo IIIB on the other side.",
        "PR interval 240 ms. His ECG was otherwise normal.",
        "Repeat CTs and LPs were arranged for the week.",
        "We have a dog named Biscuit at home.",
        "Factor V Leiden heterozygous in the mother.",
        "Dialysis Mon/Wed/Fri at the unit.",
        "Ulcer on the sole of the foot, probing to bone.",
        "Doxycycline 100 mg bd for 14 days; review then.",
        "According to Harrison's, the rash appears later than this.",
        "We review the Stroke team's audit every June.",
        "Modified Rankin 3 at discharge.",
        "Rhabdo, AKI and hyperkalaemia on arrival.",
        "Diabetes clinic, New Patients: 4 booked.",
        "Bloods were taken on Study Day 5 and on Treatment Day 12.",
    ],
)
def test_round_eleven_look_alikes_stay_quiet(text):
    assert find_identifiers(text) == []


# Round 12: the kinds of failure lead_tune11 showed (hospitals by one word or initials, notes
# headed by their place, record numbers and ages beside a name, participant codes, employers
# by initials or before a job, clubs and churches, months naming one event), each in
# sentences of our own, with the look-alike each rule must leave alone.
@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Handover: Aperahama Rāwiri 5512804, 61, for theatre.", "5512804"),
        ("List: Mr Ojukwu Nnamdi B0471823, 92, bay 4, fell overnight.", "92"),
        ("Called out to a collapse: female 96, long lie, CK high.", "96"),
        ("Review of Lagi Sopoaga, 58, Mangere Bridge; gout again.", "Mangere Bridge"),
        ("He is participant KWT-0392 in the sepsis study.", "KWT-0392"),
        ("Relative on the phone, surname Kahikina, asking for updates.", "Kahikina"),
        ("Handover note, Wairau:\nBed 2 stable.", "Wairau"),
        ("She presented through Hutt ED after the fall.", "Hutt"),
        ("We saw the same rash at CMCH last spring.", "CMCH"),
        ("He drives for DHL and works nights for KPLC out of Naivasha.", "KPLC"),
        ("His son works nights for KPLC out of Naivasha.", "Naivasha"),
        ("Mele, 52, Ritchies bus driver from Porirua.", "Ritchies"),
        ("He is a motoboy for eMart in the centre.", "eMart"),
        ("She stacks shelves at the Pak'nSave co-op and the ASB call centre.", "ASB"),
        ("Her father, a 60M cane farmer from Labasa, came too.", "Labasa"),
        ("He plays netball for Waitākere United on Saturdays.", "Waitākere United"),
        ("Their church, Siloam Assembly, sent a meal roster.", "Siloam Assembly"),
        ("She missed the October infusion because of the floods.", "October"),
        ("His wife drives a tuk-tuk, AB 4412, around the market.", "AB 4412"),
        ("Her mokopuna Anahera speaks for her at clinic.", "Anahera"),
    ],
)
def test_round_twelve_kinds_are_found_in_other_words(text, identifier):
    found = find_identifiers(text)
    start = text.index(identifier)
    assert any(f.start < start + len(identifier) and start < f.end for f in found), found


@pytest.mark.parametrize(
    ("text", "look_alike"),
    [
        # a number after a name with a unit, and a year after a cited author
        ("Smith 2014 found the same; Ross 250000 copies per mL is not a record.", "250000"),
        ("Smith 2014 found the same; Ross 250000 copies per mL is not a record.", "2014"),
        # an age of 89 or less after a person word, and a list of readings
        ("Female 84, fall at home; sats 88, 92, 95 on oxygen.", "92"),
        # participants counted, not coded
        ("We enrolled 300 participants; participant 12 of 40 withdrew.", "12"),
        # a nationality after a name and age is no place
        ("Review of Lagi Sopoaga, 58, Samoan, post-op day 2.", "Samoan"),
        ("Review of Lagi Sopoaga, 58, Dutch-born, post-op day 2.", "Dutch-born"),
        # a note's heading that is a part, and a specialty heading
        ("Case write-up, Part 2:\nNo change.", "Part"),
        ("Geri consult: delirium screen done.", "Geri"),
        # a department after an ordinary word
        ("She was seen in Adult ED and then went to Resus.", "Adult"),
        # scores, rules and vessels written in capitals after at/to
        ("We stick to NEXUS; PCI to RCA was done by our team.", "NEXUS"),
        ("We stick to NEXUS; PCI to RCA was done by our team.", "RCA"),
        # a dose at three times of day is no date
        ("Hydrocortisone 20/10/10 mg with sick-day rules.", "20/10/10"),
        # a tool named after a place or a person
        ("We use the Liverpool Care Pathway less now.", "Liverpool"),
        ("The Marshall CT classification helps here.", "Marshall"),
        # a month with no event after it
        ("It was the May that everything changed.", "May"),
        # a title typed in lower case before a word of motion
        ("Teaching case: a nurse from the team with fever after travel.", "nurse"),
    ],
)
def test_round_twelve_look_alikes_stay_quiet(text, look_alike):
    found = find_identifiers(text)
    start = text.index(look_alike)
    assert not any(f.start < start + len(look_alike) and start < f.end for f in found), found


# Round 13: the kinds of failure lead_tune12 showed (ages over 89 in words or after a bed,
# partial dates, places with no place word, the armed services, shops in lower case,
# labour-hire firms, reference numbers, last four digits, lower-case names in ward notes),
# each in sentences of our own, with the look-alike each rule must leave alone.
@pytest.mark.parametrize(
    ("text", "identifier"),
    [
        ("Review: Mr Tane Wihongi, eighty-nine last year and ninety-one now, falls.", "ninety-one"),
        ("Her grandfather is a hundred and still walks to the shop.", "hundred"),
        ("List: bay 7, 96, chest sepsis, for review.", "96"),
        ("DOB 04/05/1929, 97, admitted with delirium.", "97"),
        ("She was on the pill until 8/2021 and then stopped.", "8/2021"),
        ("Started on steroids 17/03 by the GP.", "17/03"),
        ("Rash since 12 nov, no fever.", "12 nov"),
        ("He fell on the 21st of last month and again yesterday.", "21st of last month"),
        ("Bloods were last done in Aug. and were normal.", "Aug"),
        ("We're at Whakatane this week, so the scan is delayed.", "Whakatane"),
        ("The baby was delivered at Kalafong overnight.", "Kalafong"),
        ("Our Westmead registrar rang about the CT.", "Westmead"),
        ("Hi, Aroha Smith here, Taumarunui. Quick question on gout.", "Taumarunui"),
        ("She still lives alone on Rathlin with her dogs.", "Rathlin"),
        ("Address is RR 4, Kenora, down a long gravel road.", "RR 4"),
        ("They farm at Farm No. 212 near the river.", "Farm No. 212"),
        ("Flat at Blk 33 Tampines St 12, #04-771, no lift.", "#04-771"),
        ("He lives at 'Tui Lodge', Raglan, with his brother.", "Tui Lodge"),
        ("Pte Ana Lutui, 22, the Army, heat illness on exercise.", "Army"),
        ("Her son works at bunnings on weekends.", "bunnings"),
        ("He was placed by Chandler Macleod at the port.", "Chandler Macleod"),
        ("She teaches at KGS and coaches netball.", "KGS"),
        ("Police report no. WPD-23-55120 is attached.", "WPD-23-55120"),
        ("Medicare card ending 3390 on the referral.", "3390"),
        ("Ward list: tomasz b7 - hip - ok.", "tomasz"),
    ],
)
def test_round_thirteen_kinds_are_found_in_other_words(text, identifier):
    found = find_identifiers(text)
    start = text.index(identifier)
    assert any(f.start < start + len(identifier) and start < f.end for f in found), found


@pytest.mark.parametrize(
    ("text", "look_alike"),
    [
        # ninety of a unit, and a hundred with no word of age
        ("She walked ninety metres and slept ninety minutes.", "ninety"),
        ("We have seen a hundred cases like this.", "hundred"),
        # readings after a bed-less list, and a dilution
        ("Sats 88, 92, 95 on 2 L; adrenaline 1/1000 given.", "92"),
        ("Sats 88, 92, 95 on 2 L; adrenaline 1/1000 given.", "1/1000"),
        # a pain score and a blood pressure are no day and month
        ("Pain 8/10, BP 120/80 on arrival.", "8/10"),
        # a modal verb, and a month's short name with no word of time
        ("She may need a repeat scan; Mar is her nickname's start.", "may"),
        # where we are in time or in trouble, and a ward after a verb of care
        ("We are at Day 5 now and we're at a loss.", "Day"),
        ("She was transferred to ICU and reviewed at Outpatients.", "ICU"),
        ("She was transferred to ICU and reviewed at Outpatients.", "Outpatients"),
        # a breath rate before a vital sign
        ("Obs: RR 18, BP 110/70, HR 96.", "RR 18"),
        # the armed services with no serving person beside them
        ("The Salvation Army runs a food bank near the clinic.", "Army"),
        # working at an ordinary place
        ("He works at night and works at home on Fridays.", "night"),
        # a year after a word of ending, a count of recent days
        ("The trial, ending 2019, enrolled 300; her last 4 days were better.", "2019"),
        # a role word opening a note before the age, and a people after an age
        ("Welder, 52, with metal fume fever.", "Welder"),
        ("He is a 61-year-old Swede, otherwise well.", "Swede"),
        # places and people a risk, a virus or a disease is named after
        ("His Framingham risk is 20% and QRISK3 higher.", "Framingham"),
        ("Murray Valley encephalitis was on the differential.", "Murray"),
        ("Sydenham chorea followed the sore throat.", "Sydenham"),
    ],
)
def test_round_thirteen_look_alikes_stay_quiet(text, look_alike):
    found = find_identifiers(text)
    start = text.index(look_alike)
    assert not any(f.start < start + len(look_alike) and start < f.end for f in found), found
