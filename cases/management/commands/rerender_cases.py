"""Re-render every case's text fields through the current Markdown pipeline.

The companion of forums' ``rerender_posts`` (which cannot import cases): run both after
``forums/rendering.py`` or ``forums/markdown_extensions.py`` changes, since pages show the stored
HTML. Case revisions keep the HTML they were shown with. Safe to interrupt and run again.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from cases.models import TEXT_FIELD_NAMES, Case
from forums.rendering import RenderError, render_markdown

FIELDS = [*TEXT_FIELD_NAMES, "quiz_explanation"]


class Command(BaseCommand):
    help = "Re-render stored case HTML from its Markdown source with the current pipeline."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=200)

    def handle(self, *args, batch_size: int, **options):
        changed = failed = 0
        columns = [*FIELDS, *(f"{name}_html" for name in FIELDS)]
        cases = Case.objects.only("pk", *columns).order_by("pk")
        for case in cases.iterator(chunk_size=batch_size):
            updates = {}
            for name in FIELDS:
                source = getattr(case, name) or ""
                try:
                    html = render_markdown(source) if source.strip() else ""
                except RenderError as exc:
                    failed += 1
                    self.stderr.write(f"case {case.pk} {name}: kept old HTML ({exc})")
                    continue
                if html != getattr(case, f"{name}_html"):
                    updates[f"{name}_html"] = html
            if updates:
                # update(), not save(): no signal, no timestamp, nothing but the HTML changes.
                Case.objects.filter(pk=case.pk).update(**updates)
                changed += 1
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {changed} cases re-rendered, {failed} fields kept as they were."
            )
        )
