"""Fill an empty database with a realistic corpus for benchmarks.

    python manage.py seed_bench --users 100000 --threads 50000 --posts 1000000 --cases 10000

Rows go in with PostgreSQL COPY; bodies are Markdown of varied length rendered once through the
real pipeline (a pool of rendered bodies is reused); thread lengths are skewed like a real forum:
most short, some over 1,000 posts and one of 50,000. Then the rest a busy forum has: cases in
every state (published ones with their discussion thread and quiz), "helpful" reactions,
followed forums and tags, read state and watched threads, and the search vectors of posts and
cases. Prints a progress bar per table.
It lives in cases because it seeds every app (imports flow cases -> forums -> accounts).
"""

from __future__ import annotations

import random
from datetime import timedelta
from itertools import accumulate

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from accounts.models import User
from cases.benchmarks.bulk import Progress, copy_rows, next_id, reset_sequence
from cases.models import SPECIALTIES, TEXT_FIELD_NAMES, Case, CaseStatus, QuizOption
from cases.moderation import case_forum
from cases.search import index_cases
from forums.models import (
    Category,
    CategoryFollow,
    Post,
    Reaction,
    TagFollow,
    Thread,
    ThreadState,
    Visibility,
    WatchLevel,
)
from forums.rendering import render_markdown
from forums.search.index import index_all_posts

RARE_WORD = "pheochromocytoma"
WORDS = """
patient presented with fever cough dyspnoea chest pain troponin ECG echocardiogram sepsis
lactate antibiotics ceftriaxone metoprolol heparin anticoagulation creatinine potassium
sodium CT scan MRI biopsy follow-up discharge admission ward clinic referral diagnosis
differential management outcome history examination investigation haemoglobin platelets
tachycardia bradycardia hypotension oxygen saturation wheeze crackles oedema rash headache
seizure stroke thrombolysis guideline evidence trial cohort consultant resident nurse
pharmacist dose mg daily review audit teaching learning question answer experience
""".split()
FORUMS = [
    "Cardiology",
    "Emergency medicine",
    "Infectious diseases",
    "Respiratory",
    "Neurology",
    "Gastroenterology",
    "Renal",
    "Endocrinology",
    "Haematology",
    "Oncology",
    "Paediatrics",
    "Obstetrics",
    "Psychiatry",
    "Dermatology",
    "Rheumatology",
    "Geriatrics",
    "Intensive care",
    "Anaesthesia",
    "General practice",
    "Medical education",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def _body(rng: random.Random, length: int) -> str:
    parts = []
    while sum(map(len, parts)) < length:
        kind = rng.random()
        if kind < 0.6:
            parts.append(" ".join(_sentence(rng, rng.randint(6, 18)) for _ in range(3)))
        elif kind < 0.75:
            parts.append("\n".join(f"- {_sentence(rng, rng.randint(3, 8))}" for _ in range(4)))
        elif kind < 0.85:
            parts.append(f"**{_sentence(rng, 4)}** see https://example.org/{rng.randint(1, 999)}")
        elif kind < 0.93:
            parts.append("| test | value |\n|---|---|\n| Hb | 121 g/L |\n| CRP | 48 mg/L |")
        else:
            parts.append(f"```\ndose = {rng.randint(1, 500)} mg\n```")
    return "\n\n".join(parts)


def skewed_lengths(rng: random.Random, threads: int, posts: int) -> list[int]:
    """Thread lengths summing to ``posts``: one giant, a few long, a long tail of short ones."""
    if posts < threads:
        raise CommandError("--posts must be at least --threads (every thread has a first post)")
    lengths = [1] * threads
    budget = posts - threads
    giant = min(49_999, budget // 4)
    lengths[0] += giant
    budget -= giant
    for i in range(1, min(21, threads)):
        extra = min(rng.randint(1_000, 3_000), budget // 4)
        lengths[i] += extra
        budget -= extra
    rest = range(min(21, threads), threads)
    weights = [rng.paretovariate(1.3) for _ in rest]
    total = sum(weights) or 1
    for i, weight in zip(rest, weights, strict=True):
        extra = min(int(budget * weight / total), 900)
        lengths[i] += extra
    shortfall = posts - sum(lengths)
    for _ in range(shortfall):
        lengths[rng.randrange(min(21, threads), threads) if threads > 21 else 0] += 1
    return lengths


class SeedBenchmark(BaseCommand):
    help = "Seed a large, realistic corpus with COPY (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=int, default=1_000)
        parser.add_argument("--threads", type=int, default=500)
        parser.add_argument("--posts", type=int, default=10_000)
        parser.add_argument("--cases", type=int, default=100)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--pool", type=int, default=400, help="rendered bodies to reuse")

    def handle(self, *args, **options):
        if Post.objects.exists():
            raise CommandError("seed_bench fills an empty database; this one has posts.")
        rng = random.Random(options["seed"])  # noqa: S311 - reproducible fake data
        with transaction.atomic():
            users = self._users(rng, options["users"])
            forums = self._forums()
            pool = self._pool(rng, options["pool"])
            threads = self._threads_and_posts(rng, forums, users, pool, options)
            tags = self._tags(rng, threads)
            cases = self._cases(rng, users, pool, options["cases"])
            self._reactions(rng, users, options["posts"])
            self._following(rng, users, forums, tags, threads)
            self._counters()
        self._search_vectors(cases)
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {len(users):,} members, {len(threads):,} threads, "
                f"{options['posts']:,} posts, {len(cases):,} cases."
            )
        )

    def _users(self, rng: random.Random, count: int) -> list[int]:
        first = next_id(User)
        today = timezone.localdate()
        progress = Progress("members", count, stream=self.stderr)
        copy_rows(
            User,
            (
                {
                    "id": first + i,
                    "email": f"bench{first + i}@example.org",
                    "handle": f"member_{first + i}",
                    "display_name": f"Member {first + i}",
                    "password": "!",
                    "email_verified": True,
                    "professional_verified_until": today + timedelta(days=365)
                    if i % 3 == 0
                    else None,
                }
                for i in range(count)
            ),
            progress=progress,
        )
        progress.finish()
        reset_sequence(User)
        return list(range(first, first + count))

    def _forums(self) -> list[Category]:
        forums = []
        for position, name in enumerate(FORUMS):
            forum, _ = Category.objects.get_or_create(
                slug=slugify(name),
                defaults={
                    "name": name,
                    "position": position,
                    "description": f"{name} cases.",
                    "visibility": Visibility.VERIFIED if position == 17 else Visibility.PUBLIC,
                },
            )
            forums.append(forum)
        return forums

    def _pool(self, rng: random.Random, size: int) -> list[tuple[str, str]]:
        progress = Progress("rendering", size, stream=self.stderr)
        pool = []
        for _ in range(size):
            length = int(min(rng.lognormvariate(6.0, 0.9), 6000))
            source = _body(rng, max(length, 40))
            pool.append((source, render_markdown(source)))
            progress.advance()
        progress.finish()
        return pool

    def _threads_and_posts(self, rng, forums, users, pool, options) -> list[int]:
        count, total = options["threads"], options["posts"]
        lengths = skewed_lengths(rng, count, total)
        cum = list(accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(users))))
        now = timezone.now()
        first_thread, first_post = next_id(Thread), next_id(Post)
        threads, posts = [], []
        post_id = first_post
        for i, length in enumerate(lengths):
            started = now - timedelta(minutes=rng.randint(60, 60 * 24 * 700))
            step = (now - started) / (length + 1)
            authors = rng.choices(users, cum_weights=cum, k=min(length, 50))
            title = _sentence(rng, rng.randint(4, 10))[:-1]
            if i == 1:
                title = f"Chest pain with a {RARE_WORD}"
            threads.append(
                {
                    "id": first_thread + i,
                    "category_id": forums[i % len(forums)].pk,
                    "title": title,
                    "slug": slugify(title)[:200],
                    "author_id": authors[0],
                    "created_at": started,
                    "last_posted_at": started + step * length,
                    "last_poster_id": authors[(length - 1) % len(authors)],
                    "post_count": length,
                    "is_pinned": i % 97 == 0,
                }
            )
            posts.append(
                (first_thread + i, length, started, step, authors, threads[-1]["category_id"])
            )
        progress = Progress("threads", len(threads), stream=self.stderr)
        copy_rows(Thread, threads, progress=progress)
        progress.finish()

        def post_rows():
            nonlocal post_id
            for thread_id, length, started, step, authors, forum_id in posts:
                for number in range(1, length + 1):
                    source, html = pool[rng.randrange(len(pool))]
                    if post_id % 20_000 == 7:
                        source, html = (
                            f"A rare {RARE_WORD}. {source}",
                            f"<p>A rare {RARE_WORD}.</p>{html}",
                        )
                    yield {
                        "id": post_id,
                        "thread_id": thread_id,
                        "category_id": forum_id,
                        "number": number,
                        "author_id": authors[number % len(authors)],
                        "source": source,
                        "html": html,
                        "created_at": started + step * number,
                    }
                    post_id += 1

        progress = Progress("posts", total, stream=self.stderr)
        copy_rows(Post, post_rows(), progress=progress)
        progress.finish()
        reset_sequence(Thread)
        reset_sequence(Post)
        return [row["id"] for row in threads]

    def _tags(self, rng: random.Random, threads: list[int]) -> None:
        names = [f"{rng.choice(WORDS)}-{i}" for i in range(200)] + ["ecg", "sepsis", "teaching"]
        tags = [
            Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0]
            for name in names
        ]
        thread_type = ContentType.objects.get_for_model(Thread)
        first = next_id(TaggedItem)
        rows, next_pk = [], first
        for thread_id in threads:
            for tag in rng.sample(tags, rng.randint(0, 3)):
                rows.append(
                    {
                        "id": next_pk,
                        "tag_id": tag.pk,
                        "content_type_id": thread_type.pk,
                        "object_id": thread_id,
                    }
                )
                next_pk += 1
        progress = Progress("tags", len(rows), stream=self.stderr)
        copy_rows(TaggedItem, rows, progress=progress)
        progress.finish()
        reset_sequence(TaggedItem)
        return [tag.pk for tag in tags]

    def _cases(self, rng, users, pool, count: int) -> list[int]:
        """Cases in every state; published ones get their verified-only discussion thread."""
        if count <= 0:
            return []
        forum = case_forum()
        now = timezone.now()
        first_case, first_thread, first_post = next_id(Case), next_id(Thread), next_id(Post)
        # Case text is short prose per section, from the same rendered pool as the posts.
        sections = [(s, h) for s, h in pool if len(s) < 1500] or pool
        cases, threads, posts, options = [], [], [], []
        option_id = next_id(QuizOption)
        statuses = (
            [CaseStatus.PUBLISHED] * 14
            + [CaseStatus.PENDING] * 2
            + [CaseStatus.RETURNED, CaseStatus.DRAFT, CaseStatus.DRAFT]
        )
        for i in range(count):
            pk = first_case + i
            status = statuses[i % len(statuses)]
            created = now - timedelta(minutes=rng.randint(60, 60 * 24 * 700))
            title = f"Case: {_sentence(rng, rng.randint(4, 9))[:-1]}"
            row = {
                "id": pk,
                "title": title,
                "slug": slugify(title)[:200],
                "author_id": rng.choice(users),
                "status": status,
                "created_at": created,
                "specialty": SPECIALTIES[i % len(SPECIALTIES)][0],
                "age_band": "40-49",
                "sex": "female" if i % 2 else "male",
                "care_setting": "inpatient",
                "hide_diagnosis": i % 3 != 0,
                "revealed_at": created + timedelta(days=2) if i % 5 == 0 else None,
            }
            for name in TEXT_FIELD_NAMES:
                source, html = sections[rng.randrange(len(sections))]
                row[name], row[f"{name}_html"] = source, html
            if status != CaseStatus.DRAFT:
                row["submitted_at"] = created
            if status == CaseStatus.RETURNED:
                row["return_reason"] = "Please remove the admission date."
            if status == CaseStatus.PUBLISHED:
                thread_id = first_thread + len(threads)
                row["published_at"] = created + timedelta(hours=6)
                row["thread_id"] = thread_id
                row["is_hidden"] = i % 97 == 0  # a few wait on a patient-privacy review
                body = f"Discussion of a case study: [read the case](/cases/{pk}-{row['slug']}/)."
                threads.append(
                    {
                        "id": thread_id,
                        "category_id": forum.pk,
                        "title": title,
                        "slug": row["slug"],
                        "author_id": row["author_id"],
                        "created_at": row["published_at"],
                        "last_posted_at": row["published_at"],
                        "last_poster_id": row["author_id"],
                        "post_count": 1,
                        # As cases.moderation leaves them: hidden with the case, if it is.
                        "is_case_discussion": True,
                        "hidden_by_case": row["is_hidden"],
                    }
                )
                posts.append(
                    {
                        "id": first_post + len(posts),
                        "thread_id": thread_id,
                        "category_id": forum.pk,
                        "number": 1,
                        "author_id": row["author_id"],
                        "source": body,
                        "html": render_markdown(body),
                        "created_at": row["published_at"],
                    }
                )
                for position in range(4):
                    options.append(
                        {
                            "id": option_id,
                            "case_id": pk,
                            "text": _sentence(rng, 3)[:-1],
                            "is_correct": position == 0,
                            "position": position,
                            "vote_count": rng.randint(0, 40),
                        }
                    )
                    option_id += 1
            cases.append(row)
        copy_rows(Thread, threads)
        copy_rows(Post, posts)
        progress = Progress("cases", len(cases), stream=self.stderr)
        copy_rows(Case, cases, progress=progress)
        progress.finish()
        copy_rows(QuizOption, options)
        for model in (Thread, Post, Case, QuizOption):
            reset_sequence(model)
        return [row["id"] for row in cases]

    def _reactions(self, rng, users, posts: int) -> None:
        """ "Helpful" marks on about one post in five, with the denormalised counts to match."""
        first_post, last_post = (
            Post.objects.order_by("pk").values_list("pk", flat=True)[:1][0],
            (next_id(Post) - 1),
        )
        first = next_id(Reaction)
        marks = set()
        for _ in range(posts // 5):
            post = rng.randint(first_post, last_post)
            marks.update((post, rng.choice(users)) for _ in range(rng.choice((1, 1, 1, 2, 3))))
        rows = [
            {"id": first + offset, "post_id": post, "user_id": user}
            for offset, (post, user) in enumerate(sorted(marks))
        ]
        progress = Progress("reactions", len(rows), stream=self.stderr)
        copy_rows(Reaction, rows, progress=progress)
        progress.finish()
        reset_sequence(Reaction)
        with connection.cursor() as cursor:
            cursor.execute("""
                UPDATE forums_post p SET helpful_count = r.n
                FROM (SELECT post_id, count(*) AS n FROM forums_reaction GROUP BY post_id) r
                WHERE r.post_id = p.id
            """)

    def _following(self, rng, users, forums, tags, threads) -> None:
        """Forum and tag follows for a fifth of the members; read state on a few threads each."""
        followers = rng.sample(users, len(users) // 5)
        forum_rows, tag_rows, state_rows = [], [], []
        for user in followers:
            for forum in rng.sample(forums, rng.randint(1, 3)):
                forum_rows.append({"user_id": user, "category_id": forum.pk})
            for tag in rng.sample(tags, rng.randint(0, 2)):
                tag_rows.append({"user_id": user, "tag_id": tag})
            for thread in rng.sample(threads, min(len(threads), rng.randint(1, 8))):
                state_rows.append(
                    {
                        "user_id": user,
                        "thread_id": thread,
                        "level": WatchLevel.WATCHING if rng.random() < 0.3 else WatchLevel.NORMAL,
                        "last_read_number": rng.randint(1, 5),
                    }
                )
        for label, model, rows in (
            ("forum follows", CategoryFollow, forum_rows),
            ("tag follows", TagFollow, tag_rows),
            ("read state", ThreadState, state_rows),
        ):
            first = next_id(model)
            for offset, row in enumerate(rows):
                row["id"] = first + offset
            progress = Progress(label, len(rows), stream=self.stderr)
            copy_rows(model, rows, progress=progress)
            progress.finish()
            reset_sequence(model)

    def _search_vectors(self, cases: list[int]) -> None:
        """Fill every stored search vector through the one indexing function, with progress."""
        progress = Progress("search", Post.objects.count(), stream=self.stderr)

        def advance(done: int, total: int) -> None:
            progress.advance(done - progress.done)

        index_all_posts(batch=20_000, progress=advance)
        progress.finish()
        for start in range(0, len(cases), 5000):
            index_cases(case_ids=cases[start : start + 5000])
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    def _counters(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("""
                UPDATE forums_category c SET
                    thread_count = s.threads, post_count = s.posts, last_thread_id = s.last_id
                FROM (
                    SELECT category_id, count(*) AS threads, sum(post_count) AS posts,
                           (array_agg(id ORDER BY last_posted_at DESC))[1] AS last_id
                    FROM forums_thread GROUP BY category_id
                ) s
                WHERE s.category_id = c.id
            """)
            cursor.execute("ANALYZE")
