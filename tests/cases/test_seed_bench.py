from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max, Sum

from accounts.models import User
from cases.management.commands.seed_bench import RARE_WORD, skewed_lengths
from forums.models import Category, Post, Thread

pytestmark = pytest.mark.django_db


def test_thread_lengths_are_skewed_and_add_up():
    lengths = skewed_lengths(random.Random(1), 5_000, 400_000)
    assert sum(lengths) == 400_000
    assert min(lengths) >= 1
    assert max(lengths) == lengths[0] == 50_000
    assert sum(length > 1_000 for length in lengths) >= 20
    assert sorted(lengths)[len(lengths) // 2] < 100, "most threads are short"


def test_seed_bench_fills_consistent_rows_with_progress():
    err = StringIO()
    call_command(
        "seed_bench", users=50, threads=30, posts=600, pool=20, stdout=StringIO(), stderr=err
    )
    assert User.objects.count() == 50
    assert Thread.objects.count() == 30
    assert Post.objects.count() == 600
    assert "posts" in err.getvalue()
    assert "600/600" in err.getvalue()
    # Post numbers run 1..post_count in every thread, and the counters agree.
    for thread in Thread.objects.annotate(n=Count("posts"), top=Max("posts__number")):
        assert thread.n == thread.post_count == thread.top
    assert Category.objects.aggregate(total=Sum("post_count"))["total"] == 600
    assert Post.objects.filter(source__contains=RARE_WORD).exists()
    assert "<script" not in "".join(Post.objects.values_list("html", flat=True))
    # The sequences were moved past the copied ids: the ORM can insert again.
    User.objects.create_user(email="after@example.org", handle="after_seed")


def test_seed_bench_refuses_a_database_that_has_posts():
    call_command(
        "seed_bench", users=5, threads=3, posts=10, pool=3, stdout=StringIO(), stderr=StringIO()
    )
    with pytest.raises(CommandError, match="empty database"):
        call_command("seed_bench", users=5, threads=3, posts=10, stdout=StringIO())
