"""Once, for what was written before: each author's published cases and outcomes by month, in
the case's specialty, and the specialty of replies in case discussions (forums 0019 counted
them without one). The rules of cases.contributions and forums.posting.activity, repeated
because a migration must not depend on code that may change after it."""

from django.db import migrations

FILL_CASES = """
INSERT INTO accounts_memberactivity (user_id, month, kind, area, count)
SELECT author_id, date_trunc('month', published_at AT TIME ZONE 'UTC')::date, 'case',
       specialty, count(*)
FROM cases_case
WHERE status = 'published' AND NOT is_hidden AND author_id IS NOT NULL
  AND published_at IS NOT NULL
GROUP BY 1, 2, 4
UNION ALL
SELECT author_id, date_trunc('month', outcome_posted_at AT TIME ZONE 'UTC')::date, 'outcome',
       specialty, count(*)
FROM cases_case
WHERE status = 'published' AND NOT is_hidden AND author_id IS NOT NULL
  AND outcome_posted_at IS NOT NULL
GROUP BY 1, 2, 4
"""

REPLY_AREAS = """
DELETE FROM accounts_memberactivity WHERE kind = 'reply';
INSERT INTO accounts_memberactivity (user_id, month, kind, area, count)
SELECT p.author_id, date_trunc('month', p.created_at AT TIME ZONE 'UTC')::date, 'reply',
       coalesce(c.specialty, ''), count(*)
FROM forums_post AS p
JOIN forums_thread AS t ON t.id = p.thread_id
LEFT JOIN cases_case AS c ON c.thread_id = t.id AND t.is_case_discussion
WHERE p.author_id IS NOT NULL AND NOT p.is_hidden AND NOT p.is_deleted AND NOT t.is_hidden
  AND p.number > 1
GROUP BY 1, 2, 4;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0013_backfill_case_badges"),
        ("forums", "0019_thread_participants_and_activity"),
    ]

    operations = [
        migrations.RunSQL(
            FILL_CASES, "DELETE FROM accounts_memberactivity WHERE kind IN ('case', 'outcome')"
        ),
        migrations.RunSQL(REPLY_AREAS, migrations.RunSQL.noop),
    ]
