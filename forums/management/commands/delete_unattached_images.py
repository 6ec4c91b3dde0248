"""Delete post images no post shows, a day after their upload (the beat runs it daily too)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from forums.uploads import delete_unattached_images


class Command(BaseCommand):
    help = "Delete images uploaded in the composer that no post shows, after a day."

    def handle(self, *args, **options):
        total = 0
        while deleted := delete_unattached_images():
            total += deleted
        self.stdout.write(self.style.SUCCESS(f"Deleted {total} unattached images."))
