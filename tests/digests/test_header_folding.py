"""``accounts.mail.headers.QuickFolding`` writes the headers folding would leave alone directly,
and must give the very bytes the standard library's ``compat32`` folding gives, for every
header: the quick path for plain short values, the standard path for everything else."""

from __future__ import annotations

import random
from email.header import Header
from email.policy import compat32

import pytest

from accounts.mail.compose import compose
from accounts.mail.headers import QUICK_FOLDING
from tests.factories import UserFactory

# The characters that matter to folding: letters, the specials of RFC 5322, the encoded-word
# markers, white space of every kind and line breaks, and non-ASCII letters.
ALPHABET = "ab Z09 \t\r\n=?;,<>\"'()@:.\\-_/é€\x7f~!"
NAMES = ["Subject", "To", "From", "List-Id", "X-A-Very-Long-Header-Name-For-Testing", "X"]


def _values(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    values = []
    for _ in range(count):
        length = rng.choice([0, 1, 5, 20, 40, 60, 70, 72, 73, 74, 75, 76, 77, 78, 79, 90, 200])
        values.append("".join(rng.choice(ALPHABET) for _ in range(length)))
        # Mostly plain text: words and single spaces, at every length near the line's limit.
        words = []
        while len(" ".join(words)) < length:
            size = rng.randint(1, 12)
            words.append("".join(rng.choice("abcXYZ0189.-=?<>@") for _ in range(size)))
        values.append(" ".join(words))
    return values


def _outcome(fold, name, value):
    """What folding gives: the text or bytes, or the error it raises (an embedded header)."""
    try:
        return fold(name, value)
    except Exception as error:  # the same error is what is compared
        return type(error), str(error)


@pytest.mark.parametrize("linesep", ["\n", "\r\n"])
def test_quick_folding_gives_the_standard_librarys_bytes(linesep):
    standard = compat32.clone(linesep=linesep)
    quick = QUICK_FOLDING.clone(linesep=linesep)
    quick_ones = 0
    for value in _values(1500, seed=35):
        for name in NAMES:
            expected = _outcome(standard.fold_binary, name, value)
            assert _outcome(quick.fold_binary, name, value) == expected, (name, value)
            expected = _outcome(standard.fold, name, value)
            assert _outcome(quick.fold, name, value) == expected, (name, value)
            quick_ones += len(name) + 2 + len(value) <= 78 and "  " not in value
    # Both paths are exercised: plain values that fit a line, and values that do not.
    assert 4_000 < quick_ones < 15_000
    header = Header("Ünïcode subject " * 8, "utf-8", header_name="Subject")
    assert quick.fold_binary("Subject", header) == standard.fold_binary("Subject", header)


@pytest.mark.django_db
def test_a_site_email_is_written_with_quick_folding_and_reads_back_the_same():
    member = UserFactory()
    message = compose(
        "forums/email/digest",
        to=member,
        context={"digest": None, "sections": [], "frequency": "daily"},
        unsubscribe="digest",
    ).message()
    assert isinstance(message.policy, type(QUICK_FOLDING))
    raw = message.as_bytes(linesep="\r\n")
    message.policy = compat32
    assert message.as_bytes(linesep="\r\n") == raw
    assert b"List-Id: <digest." in raw
