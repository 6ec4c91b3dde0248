"""Rewrite every stored search vector (after a change to how vectors are built, or a restore)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from forums.search.index import index_all_posts


class Command(BaseCommand):
    help = "Rebuild the stored full-text search vectors of all posts, in batches, with progress."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=5000, help="Posts per transaction.")

    def handle(self, *args, batch: int, **options):
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            self.stdout.write(f"posts: {done}/{total}")

        done = index_all_posts(batch=batch, progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Indexed {done} posts in {elapsed:.1f} s."))
