"""The benchmark reads wrk's report correctly and refuses runs with error responses."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from cases.management.commands.bench import parse_wrk

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
