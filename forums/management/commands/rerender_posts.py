"""Re-render every post (and revision) through the current pipeline.

Run after ``forums/rendering.py`` changes: pages show the stored HTML, so old posts keep the old
rendering until this runs. Mentions are resolved again against today's members; nobody is
notified. Safe to interrupt and run again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from forums.models import Post, PostRevision
from forums.posting import render_post
from forums.rendering import RenderError


class Command(BaseCommand):
    help = "Re-render stored post HTML from its Markdown source with the current pipeline."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size: int, **options):
        changed = failed = seen = 0
        total = Post.objects.count()
        last_pk = 0
        while True:
            batch = list(Post.objects.filter(pk__gt=last_pk).order_by("pk")[:batch_size])
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
            self.stdout.write(f"{seen}/{total} posts checked, {changed} re-rendered")
        revisions = 0
        for revision in PostRevision.objects.iterator(chunk_size=batch_size):
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
                f"{revisions} revisions re-rendered."
            )
        )
