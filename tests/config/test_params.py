import pytest
from django.test import RequestFactory

from config.params import MAX_PAGE, page_number, whole_number


@pytest.mark.parametrize(
    ("raw", "page"),
    [
        (None, 1),
        ("", 1),
        ("3", 3),
        (" 3 ", 3),
        ("0", 1),
        ("-1", 1),
        ("-99999999999999999999", 1),
        ("99999999999999999999", MAX_PAGE),
        ("1e999", 1),
        ("NaN", 1),
        ("1.5", 1),
        ("²", 1),  # a digit to str.isdigit that int() refuses
        ("٣", 1),  # Arabic-Indic three: int() reads it, a page link never holds it
        ("+2", 2),
        ("x" * 5000, 1),
    ],
)
def test_a_page_number_is_always_a_page(raw, page):
    query = {} if raw is None else {"page": raw}
    assert page_number(RequestFactory().get("/", query)) == page


def test_a_whole_number_keeps_inside_its_range():
    assert whole_number("7", default=0, maximum=5) == 5
    assert whole_number("-7", default=0, minimum=-3, maximum=5) == -3
    assert whole_number("9" * 400, default=0, maximum=2**31 - 1) == 2**31 - 1
    assert whole_number("abc", default=4, maximum=5) == 4
