"""The benchmark reads wrk's report correctly and refuses runs with error responses."""

from __future__ import annotations

import re

import pytest
from django.core.management.base import CommandError

from cases.benchmarks.pages import Result, pair_ratios, parse_wrk

REPORT = """Running 2s test @ http://127.0.0.1:8000/
  2 threads and 8 connections
  Latency Distribution
     50%  850.00us
     75%    1.20ms
     90%    2.00ms
     99%    1.50s
  6000 requests in 2.00s, 1.2MB read
Requests/sec:   2999.50
"""


def test_wrk_report_is_parsed_with_units():
    result = parse_wrk(REPORT)
    assert result.rps == 2999.5
    assert result.p50_ms == pytest.approx(0.85)
    assert result.p99_ms == pytest.approx(1500.0)


def test_error_responses_fail_the_benchmark():
    with pytest.raises(CommandError, match="12 error responses"):
        parse_wrk(REPORT + "  Non-2xx or 3xx responses: 12\n")


def test_a_ratio_is_the_median_of_each_rounds_pair():
    # Hello swings between rounds (1,000 then 2,000 req/s) and the page with it: each round's
    # pair gives 0.5, while the medians of each side apart (600 / 1,500) would give 0.4.
    hello = [Result(1000, 1, 2), Result(2000, 1, 2), Result(1500, 1, 2)]
    page = [Result(500, 2, 4), Result(1000, 2, 4), Result(600, 2, 4)]
    ratio, low, high = pair_ratios(hello, page)
    assert ratio == pytest.approx(0.5)
    assert (low, high) == (pytest.approx(0.4), pytest.approx(0.5))


@pytest.mark.django_db
def test_writing_is_timed_for_a_typical_and_a_link_heavy_2_kb_post(capsys):
    import gc
    from io import StringIO

    from cases.benchmarks.pages import PageBenchmark as Command
    from forums.models import Post
    from forums.rendering import render_markdown
    from tests.factories import make_thread

    thread = make_thread()
    posts_before = Post.objects.count()
    command = Command(stdout=StringIO())
    try:
        line = command._time_writing()
        # Timed as a web worker runs: startup's objects frozen out of the collector's walks.
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # this test process goes on as before
    numbers = [float(n) for n in re.findall(r"(\d+\.\d+) ms", line)]
    assert len(numbers) == 4  # typical, link-heavy, the reply service's p50 and p95
    assert all(n > 0 for n in numbers)
    assert numbers[2] <= numbers[3]  # p50 <= p95
    assert "typical (one link)" in line
    assert "link-heavy (16 links)" in line
    # The labels are true of the bodies, which are 2 KB each.
    typical, heavy = Command.TYPICAL_POST, Command.LINK_HEAVY_POST
    assert 1900 <= len(typical) <= 2048
    assert 1900 <= len(heavy) <= 2048
    assert render_markdown(typical).count("<a ") == 1
    assert render_markdown(heavy).count("<a ") == 16
    assert Post.objects.count() == posts_before  # the timed replies were rolled back
    assert thread.posts.count() == 1
