"""The speed paths give the matches of the plain patterns, whatever the text: the contact
patterns and numeric dates found from a rare part first (ByKeyword) and the labels grouped by
first letter."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cases.deidentify.contact_patterns import EMAIL, IPV4, SSN
from cases.deidentify.labelled import labelled
from cases.deidentify.patterns import LABELLED, LABELLED_IDS, NUMERIC_DATE

# Digits, the separators the three shapes use, and characters that end or open them.
_PIECES = st.sampled_from(
    ["1", "12", "123", "2024", ".", "-", "@", "_", "+", " ", "a", "Zé", "\n", "/", "a.b@c.org"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_keyword_scans_match_the_plain_patterns(text):
    for pattern in (EMAIL, IPV4, SSN, NUMERIC_DATE):
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in pattern.full.finditer(text)
        ]


_LABEL_PIECES = st.sampled_from(
    [
        "mrn", "mr no", "nhs", " no. ", "number", "id", "patient id", "ref", "lot", "s/n",
        "a/c", "fax", "tel", ": ", " ", "#", "is ", "ab ", "12", "3456", "7", "(", "-", ".",
        "x", "\n", "licence plate", "social security",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_LABEL_PIECES, max_size=24).map("".join))
def test_labels_grouped_by_first_letter_find_what_the_plain_alternation_finds(low):
    fast = [(m.span(), m.group("value"), kind) for kind, m in labelled(low)]
    plain = [
        (m.span(), m.group("value"), next(k for k, _l in LABELLED_IDS if m.group(k)))
        for m in LABELLED.finditer(low)
    ]
    assert fast == plain


# Words, digits and the characters IGNORECASE folds (dotless i, dotted I, long s, Kelvin).
_GATE_PIECES = st.sampled_from(
    [
        "restarted", "Re-bled", "depot given", " on ", "12/3", "4/5/6", "1/2", " ", "\n", "x",
        "lot ", "clot", "Batch", "NCT12345678", "nl12345", "\u0131srctn", "\u0130", "\u017f",
        "\u212a", "www.", "WWW.", "://", ".com", ".Org", ".uk ", "BOSTON", "É", "Ab", "McDonald",
        "iPhone", "-", "Note", ", ", "Kisoro:", "9", ".",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(st.lists(_GATE_PIECES, max_size=30).map("".join))
def test_speed_gates_and_scans_agree_with_the_plain_patterns(text):
    import re

    from cases.deidentify import _trial_hint
    from cases.deidentify.contact_patterns import URL_HINT, url_hint
    from cases.deidentify.dates_short import _TREATED
    from cases.deidentify.lowercase import UPPER_RUN
    from cases.deidentify.named_kinds import _CAMEL, _CAMEL_ANY
    from cases.deidentify.patterns import TRIAL_DIGITS, TRIAL_HINT, TRIAL_ID, lower_same_length

    low = lower_same_length(text)
    assert [m.span() for m in _TREATED.finditer(text)] == [
        m.span() for m in _TREATED.full.finditer(text)
    ]
    assert url_hint(text, low) == bool(URL_HINT.search(text))
    hint = _trial_hint(text, low)
    assert not hint or TRIAL_HINT.search(low)  # never asked where it was not before
    if TRIAL_HINT.search(low) and TRIAL_ID.search(text):
        assert hint or TRIAL_DIGITS.search(text)  # and asked wherever TRIAL_ID finds one
    assert bool(_CAMEL_ANY.search(text)) == bool(_CAMEL.search(text))
    plain_upper = re.compile(
        r"[^\W\d_a-z](?<![\w-][^\W\d_a-z])[^\W\d_a-z]{3,}(?:[ -][^\W\d_a-z]{2,}){0,2}(?![\w-])"
    )
    assert [m.span() for m in UPPER_RUN.finditer(text)] == [
        m.span() for m in plain_upper.finditer(text)
    ]


# Pieces of the rarer cues, and the characters IGNORECASE folds (dotless i, dotted I, long s).
_CUE_PIECES = st.sampled_from(
    [
        "call", "CALL", "sign", "Sign", "\u017fign", "s\u0131gn", "s\u0130gn", "Flight",
        "FL\u0130GHT", "flt", " no. ", "Jo", "Ann", " Smith", " (mum)", " (Nurse)", " (nurse)",
        "(dad)", ", MD",
        ", RN", "A. ", "B.", "3-year-old", " old", ", ", " named", " called", " boy", "Kai",
        "EK", "029", " ", "\n", "4", "was ", "is ", "x", "\u212a",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@example("CALL \u017f\u0130GN Kai 4")
@example("fl\u0131ght EK 029")
@given(st.lists(_CUE_PIECES, max_size=24).map("".join))
def test_cue_gates_open_wherever_their_patterns_match(text):
    from cases.deidentify import abroad, names_abroad, posts, signatures_and_firms
    from cases.deidentify.patterns import FLIGHT, FLIGHT_GATE, lower_same_length

    low = lower_same_length(text)
    gates = [
        (abroad.CALL_SIGN, abroad.CALL_SIGN_GATE.search(low)),
        (FLIGHT.full, FLIGHT_GATE.search(low)),
        (names_abroad._SIGNED.full, names_abroad._ROLE_GATE.search(text)),
        (names_abroad._RELATION, names_abroad._RELATION_GATE.search(text)),
        (signatures_and_firms._SIGNED, signatures_and_firms._SIGNED_GATE.search(text)),
        (posts.AGE_NOUN_NAME, posts._AGE_NOUN_GATE.search(text)),
    ]
    for pattern, gate in gates:
        assert gate or not pattern.search(text), pattern.pattern


_SHAPE_PIECES = st.sampled_from(
    [
        "G-ABCD", "-XYZ", "N1", "in ", "ON ", "Bed", " bed", "BAY", "room ", "side room",
        "CUB\u0130CLE", "cub\u0131cle", "3", "12", "-", "/", "Jan", "SEP", "Sept", "named ",
        "called", "name is ", "known as", "initials", "Ann", " Lee", "ADDR", "Address", "addr.",
        ": ", "home ", "1 High St", "\n", ".", "iv", "V", "x", " ", "I", "\u017f", "\u212a",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@example(" ON CUB\u0130CLE 3")
@example("3-SEP and 4/Jan, G-ABCD, named Ann, Address: 1 High St\n2.iv")
@given(st.lists(_SHAPE_PIECES, max_size=24).map("".join))
def test_shape_gates_open_wherever_their_patterns_match(text):
    import re

    import cases.deidentify as scanner
    from cases.deidentify import context, craft_and_vessels, dates_short, other_calendars
    from cases.deidentify.patterns import ADDRESS_LABEL, DAY_MON_DASH, NAMED, lower_same_length

    low = lower_same_length(text)
    gates = [
        (craft_and_vessels._REGISTRATION, craft_and_vessels._REGISTRATION_TAIL.search(text)),
        (context.IN_BED, any(h.search(low) for h in context._IN_BED_HINTS)),
        (DAY_MON_DASH, any(h.search(text) for h in scanner._DAY_MON_DASH_HINTS)),
        (NAMED.full, any(h in text for h in scanner._NAMED_HINTS)),
        (ADDRESS_LABEL.full, "addr" in low),
    ]
    for pattern, gate in gates:
        assert gate or not pattern.search(text), pattern.pattern
    plain_roman = re.compile(r"\d\.[ivx]")
    assert bool(dates_short._ROMAN_HINT.search(text)) == bool(plain_roman.search(text))
    assert any(h.search(text) for h in other_calendars._ROMAN_HINTS) == bool(
        other_calendars._ROMAN_HINT.search(text)
    )


_MORE_PIECES = st.sampled_from(
    [
        "10", "0930", ":30 ", ".45 ", "h15", "on ", "Monday", "Tue", "SAT", "12/", "1234567/",
        "/89", "X", "y", "-", "2019", "123456-", "12", "'s ", "\u2019s ", "town", "the ", "our ",
        "mayor", "police officer", " weekend", " week", " night", " eve", ":", " : ", "Lake ",
        "Mt. ", "River", "Ann", " Lee", "County", "Borough", "He ", "She ", "says", " every ",
        "day ", "in ", "village", ". ", "BED", "rm", "re\u017fu\u017f", "\u017fr",
        "CHA\u0130R", "cha\u0131r", "Majors", "cube", "cot", "Trolley", "3", "yo ", "y/o ", "M ",
        "F ", "with",
        "(", "\n", " ", "\u212a",
    ]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@example("09:30 on Monday; 12/1234567/89; X-1234567-L; 2019-123456-12; the town's mayor")
@example(" weekend: and eve : Lake Tana, Mt. Kenya, Kent County. She says every day in the village")
@example("Bed 4 - Ann Lee, CHA\u0130R 3: Ann Lee; 45 yo Ann with; 45M Ann (")
@given(st.lists(_MORE_PIECES, max_size=24).map("".join))
def test_more_gates_open_wherever_their_patterns_match(text):
    from cases.deidentify import (
        _TRIAL_DIGITS_DASH,
        context,
        feasts_abroad,
        landmarks,
        loose,
        names_abroad,
        places,
        slots,
        spanish,
        unique_appositives,
    )
    from cases.deidentify.patterns import COUNTY, TRIAL_DIGITS, lower_same_length

    low = lower_same_length(text)
    gates = [
        (loose.TIME_WEEKDAY, any(h.search(text) for h in loose._TIME_WEEKDAY_HINTS)),
        (spanish.NSS_SLASHED, spanish._NSS_HINT.search(text)),
        (spanish.NIE, any(h.search(text) for h in spanish._NIE_HINTS)),
        (slots.TOWN_ROLE.full, any(h.search(text) for h in slots._TOWN_ROLE_HINTS)),
        (feasts_abroad._PERIOD_END, any(h.search(text) for h in feasts_abroad._PERIOD_END_HINTS)),
        (landmarks.WATER_OR_HILL.full, any(w in text for w in landmarks._WATER_OR_HILL_WORDS)),
        (COUNTY.full, any(w in text for w in places._COUNTY_WORDS)),
        (unique_appositives._PRONOUN_EVERY, unique_appositives._EVERY_PLACE.search(text)),
        (context.BED_NAME.full, any(h.search(low) for h in context._BED_HINTS)),
        (names_abroad._AFTER_AGE, any(h.search(text) for h in names_abroad._AFTER_AGE_HINTS)),
    ]
    for pattern, gate in gates:
        assert gate or not pattern.search(text), pattern.pattern
    assert bool(_TRIAL_DIGITS_DASH.search(text)) == bool(TRIAL_DIGITS.search(text))


_AGE_AND_EXTENSION_PIECES = st.sampled_from(
    [
        "aged ", "age of ", "age", "to be ", "to", " ", "\n", "about ", "at least ", "over ", "9",
        "95", "104", "1", "ext", "Ext", "extn", ". ", "on ", "call ", "extension ", "x", "X",
        "2207", "12", "-", "a",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@example("aged about 95; she was thought to be at least 101; on ext. 2207; call x 4410")
@given(st.lists(_AGE_AND_EXTENSION_PIECES, max_size=24).map("".join))
def test_age_and_extension_gates_open_wherever_their_patterns_match(text):
    from cases.deidentify import names_and_ages_seen, slots

    if names_and_ages_seen._HEDGED_AGE.search(text):
        assert any(h.search(text) for h in names_and_ages_seen._HEDGED_AGE_HINTS)
    if slots.EXTENSION.full.search(text):
        assert slots._EXTENSION_HINT.search(text)


_ROAD_AND_ROLE_PIECES = st.sampled_from(
    [
        "on ", "off ", "out on ", "county ", "rd", "road", "hwy", "highway", "route", "rte", "fm",
        "sr", "cr", " ", "\n", "12", "9", "is ", "the ", "man ", "who ", "sells ", "fish", "runs",
        ".", ",", "pier", "x",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@example("he is the man who sells fish at the pier; lives out on county rd 12, off hwy 9")
@given(st.lists(_ROAD_AND_ROLE_PIECES, max_size=24).map("".join))
def test_road_and_role_gates_open_wherever_their_patterns_match(text):
    from cases.deidentify import community_roles, islands_and_districts

    if islands_and_districts._ROAD.search(text):
        assert any(h.search(text) for h in islands_and_districts._ROAD_HINTS)
    if community_roles._WHO_SELLS.search(text):
        assert community_roles._WHO_DOES.search(text)


_ZIP_LABEL_PIECES = st.sampled_from(
    [
        "zip", "Z\u0130P", "z\u0131p", "code", " code", "post", "PO\u017fT", "al", " ", ":", " - ",
        "90210", "SW1A 1AA", "\n", "x",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@example("Z\u0130P code: 90210; PO\u017fTAL CODE - SW1A 1AA")
@given(st.lists(_ZIP_LABEL_PIECES, max_size=16).map("".join))
def test_zip_label_gate_opens_wherever_its_pattern_matches(text):
    from cases.deidentify import places
    from cases.deidentify.patterns import ZIP_LABEL, lower_same_length

    if ZIP_LABEL.full.search(text):
        low = lower_same_length(text)
        assert any(hint.search(low) for hint in places._ZIP_LABEL_HINTS)


def test_the_lower_cased_text_keeps_every_character_in_its_place():
    """The passes read spans of the lower-cased text at the original's offsets: "İ" (the one
    character that lower-cases to two) stays, every other character is lowered in place."""
    from cases.deidentify.patterns import lower_same_length

    text = "Dr İlker Çelik from İZMİR. ΟΔΥΣΣΕΑΣ; Straße"
    low = lower_same_length(text)
    assert len(low) == len(text)
    assert low.startswith("dr İlker çelik from İzmİr. οδυσσεα")
    for original, lowered in zip(text, low, strict=True):
        if original == "İ":
            assert lowered == "İ"
        elif original == "Σ":  # at a word's end: final sigma from the sources, not the build
            assert lowered in "σς"
        else:
            assert lowered == original.lower()
    assert lower_same_length("no dotted capital") == "no dotted capital"


# Words of the person patterns, their case variants, what stands around a title ("Mr. ", a line
# break), characters the engine folds or counts as space or word (the long s, "\x1c", "_", "9") and
# non-ASCII letters that send a window to the pattern.
_WINDOW_PIECES = st.sampled_from(
    [
        "mr", "MR", "Mrs", "son", "grand", "grandson", "Wife", "pt", "named", "doña", "señora",
        ".", ". ", " ", "  ", "\n", "\t", "\x1c", "\u00a0", "_", "9", "a", "\u017fon ", "K", "é",
        "(", "-", "'",
    ]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(_WINDOW_PIECES, max_size=8).map("".join))
@example("Mr ")
@example("her son.\n")
@example("grandson ")
@example("wife \n")
@example("\u017fon ")
@example(".mr ")
def test_a_word_ending_the_window_is_found_as_the_pattern_finds_it(window):
    from cases.deidentify.anchored import WordEndsWindow
    from cases.deidentify.named_things import _PERSON_BEFORE as named_things_person
    from cases.deidentify.trades_abroad import _PERSON_BEFORE as trades_person

    for before in (named_things_person, trades_person, WordEndsWindow("mr|son|pt")):
        assert before.search(window) == bool(before.pattern.search(window))
        assert before.search(window[-14:]) == bool(before.pattern.search(window[-14:]))


def test_a_word_ending_the_window_takes_plain_words_only():
    from cases.deidentify.anchored import WordEndsWindow

    assert WordEndsWindow("mr|son").search("her son ")
    assert not WordEndsWindow("mr|son").search("her grandson ")
    try:
        WordEndsWindow("señora?|mr")
    except ValueError:
        pass
    else:
        raise AssertionError("a regex piece was taken for a word")
