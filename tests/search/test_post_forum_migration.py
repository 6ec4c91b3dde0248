"""Migration 0022 gives every post of an existing site its thread's forum (``Post.category``),
which the forum filter of search reads: run backwards and forwards on real rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from forums.models import Post
from forums.posting import create_reply
from forums.search.query import search
from tests.factories import CategoryFactory, UserFactory, make_thread

BEFORE, AFTER = ("forums", "0021_post_by_author"), ("forums", "0022_post_forum")


def _migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([target])


def _columns() -> set[str]:
    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, "forums_post")
    return {column.name for column in table}


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_each_post_with_its_threads_forum():
    author = UserFactory()
    one, two = CategoryFactory(), CategoryFactory()
    first = make_thread(category=one, title="Aortic dissection", body="Tearing pain")
    create_reply(thread=first, author=author, body="Widened mediastinum")
    second = make_thread(category=two, title="Pulmonary embolism", body="Pleuritic pain")
    try:
        _migrate(BEFORE)
        assert "category_id" not in _columns()
        _migrate(AFTER)
    finally:
        _migrate(AFTER)  # whatever failed, later tests get the schema they expect
    assert "category_id" in _columns()
    assert dict(Post.objects.values_list("pk", "category")) == {
        post.pk: post.thread.category_id for post in Post.objects.select_related("thread")
    }
    assert Post.objects.filter(thread=first).count() == 2
    assert [p.thread for p in search(user=author, query="pain", forum=two.slug).results] == [second]
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "forums_post")
    assert indexes["forums_post_forum_newest"]["columns"] == ["category_id", "id"]
