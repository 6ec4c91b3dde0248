"""Grant once the case badges already earned before recognition existed (the rules of
``forums.recognition.events``): a first published case, outcomes posted on five cases.
Quiet: no notification for what happened long ago."""

from django.db import migrations

INSERTS = [
    """
    INSERT INTO forums_award (user_id, badge, earned_at)
    SELECT author_id, 'first_case', min(published_at)
    FROM cases_case WHERE author_id IS NOT NULL AND published_at IS NOT NULL
    GROUP BY author_id
    ON CONFLICT DO NOTHING
    """,
    """
    INSERT INTO forums_award (user_id, badge, earned_at)
    SELECT author_id, 'outcomes_5', max(outcome_posted_at)
    FROM cases_case WHERE author_id IS NOT NULL AND outcome_posted_at IS NOT NULL
    GROUP BY author_id HAVING count(*) >= 5
    ON CONFLICT DO NOTHING
    """,
]

DENORMALISE = """
UPDATE accounts_user u SET badges = held.codes
FROM (SELECT user_id, array_agg(badge ORDER BY badge) AS codes FROM forums_award GROUP BY user_id)
    AS held
WHERE held.user_id = u.id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_moderation_quiz_spoilers"),
        ("forums", "0017_backfill_badges"),
    ]

    operations = [
        *(migrations.RunSQL(sql, migrations.RunSQL.noop) for sql in INSERTS),
        migrations.RunSQL(DENORMALISE, migrations.RunSQL.noop),
    ]
