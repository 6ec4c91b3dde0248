from __future__ import annotations

import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max, Sum

from accounts.models import User
from cases.benchmarks.seed import RARE_WORD, skewed_lengths
from cases.models import Case, CaseStatus
from cases.moderation import CASE_FORUM_SLUG
from forums.models import Category, CategoryFollow, Post, Reaction, Thread, ThreadState

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
        "seed_bench",
        users=50,
        threads=30,
        posts=600,
        cases=40,
        pool=20,
        stdout=StringIO(),
        stderr=err,
    )
    published = Case.objects.filter(status=CaseStatus.PUBLISHED)
    forum_posts = Post.objects.exclude(thread__category__slug=CASE_FORUM_SLUG)
    assert User.objects.count() == 50
    assert Thread.objects.exclude(category__slug=CASE_FORUM_SLUG).count() == 30
    assert forum_posts.count() == 600
    assert "posts" in err.getvalue()
    assert "600/600" in err.getvalue()
    # Post numbers run 1..post_count in every thread, and the counters agree.
    for thread in Thread.objects.annotate(n=Count("posts"), top=Max("posts__number")):
        assert thread.n == thread.post_count == thread.top
    assert Category.objects.aggregate(total=Sum("post_count"))["total"] == Post.objects.count()
    # Cases in every state; each published one has its discussion thread and a quiz.
    assert Case.objects.count() == 40
    assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert published.filter(thread__isnull=True).count() == 0
    assert published.exclude(quiz_options__is_correct=True).count() == 0
    # Reactions with matching counters, follows, read state, and every vector filled.
    assert Reaction.objects.count() == Post.objects.aggregate(n=Sum("helpful_count"))["n"] > 0
    assert CategoryFollow.objects.exists()
    assert ThreadState.objects.exists()
    assert not Post.objects.filter(
        search_vector__isnull=True, thread__is_hidden=False, thread__hidden_by_case=False
    ).exists()
    assert not Case.objects.filter(search_vector__isnull=True).exists()
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
