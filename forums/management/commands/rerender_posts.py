"""Re-render every post (and revision) through the current pipeline.

Run after ``forums/rendering.py`` changes: pages show the stored HTML, so old posts keep the old
rendering until this runs. Mentions are resolved again against today's members; nobody is
notified. Safe to interrupt and run again. Prints its progress, rate and time left per batch;
``--limit N`` checks the first N posts only (to measure the rate on a big forum).
"""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from forums.models import Post, PostRevision
from forums.posting import render_post
from forums.rendering import RenderError


class Command(BaseCommand):
    help = "Re-render stored post HTML from its Markdown source with the current pipeline."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--limit", type=int, default=0, help="check only this many posts")

    def handle(self, *args, batch_size: int, limit: int = 0, **options):
        changed = failed = seen = 0
        total = Post.objects.count()
        if limit:
            total = min(total, limit)
        last_pk = 0
        started = time.monotonic()
        while seen < total:
            batch = list(
                Post.objects.filter(pk__gt=last_pk)
                .only("pk", "source", "html")
                .order_by("pk")[: min(batch_size, total - seen)]
            )
            if not batch:
                break
            updates = []
            for post in batch:
                try:
                    html, _mentioned = render_post(post.source)
                except RenderError as exc:
                    # Older, laxer limits may have let this in; keep the stored HTML, report it.
                    failed += 1
                    self.stderr.write(f"post {post.pk}: kept old HTML ({exc})")
                    continue
                if html != post.html:
                    post.html = html
                    updates.append(post)
            with transaction.atomic():
                Post.objects.bulk_update(updates, ["html"])
            changed += len(updates)
            seen += len(batch)
            last_pk = batch[-1].pk
            elapsed = time.monotonic() - started
            rate = seen / elapsed if elapsed else 0.0
            left = (total - seen) / rate if rate else 0.0
            self.stdout.write(
                f"{seen:,}/{total:,} posts checked, {changed:,} re-rendered; "
                f"{rate:,.0f} posts/s, about {left / 60:.1f} min left"
            )
        elapsed = time.monotonic() - started
        rate = seen / elapsed if elapsed else 0.0
        revisions = 0
        revision_rows = PostRevision.objects.only("pk", "source", "html")
        for revision in revision_rows.iterator(chunk_size=batch_size) if not limit else ():
            try:
                html, _mentioned = render_post(revision.source)
            except RenderError:
                continue
            if html != revision.html:
                PostRevision.objects.filter(pk=revision.pk).update(html=html)
                revisions += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {changed} of {total} posts re-rendered, {failed} kept as they were, "
                f"{revisions} revisions re-rendered; {seen:,} posts in {elapsed:.1f} s "
                f"({rate:,.0f} posts/s)."
            )
        )
