"""Grant once the badges already earned in the forums before recognition existed: helpful
marks, accepted answers, first replies to case studies and verified clinicians (cases grants
its own, ``cases 0013``). Quiet: no notification for what happened long ago. The rules are
those of ``forums.recognition.events``; ON CONFLICT keeps it safe to run on a database where
some were granted already."""

from django.db import migrations

INSERTS = [
    # Ten "helpful" marks on the member's posts.
    """
    INSERT INTO forums_award (user_id, badge, earned_at)
    SELECT p.author_id, 'helpful_10', max(r.created_at)
    FROM forums_reaction r JOIN forums_post p ON p.id = r.post_id
    WHERE r.kind = 'helpful' AND p.author_id IS NOT NULL
    GROUP BY p.author_id HAVING count(*) >= 10
    ON CONFLICT DO NOTHING
    """,
    # A reply accepted as its thread's answer, not by its own author.
    """
    INSERT INTO forums_award (user_id, badge, earned_at)
    SELECT p.author_id, 'first_accepted', min(p.created_at)
    FROM forums_thread t JOIN forums_post p ON p.id = t.accepted_post_id
    WHERE p.author_id IS NOT NULL AND p.author_id IS DISTINCT FROM t.author_id
    GROUP BY p.author_id
    ON CONFLICT DO NOTHING
    """,
    # The first reply in a case's discussion by someone other than its author.
    """
    INSERT INTO forums_award (user_id, badge, earned_at)
    SELECT author_id, 'first_responder', min(created_at) FROM (
        SELECT DISTINCT ON (p.thread_id) p.author_id, p.created_at
        FROM forums_post p JOIN forums_thread t ON t.id = p.thread_id
        WHERE t.is_case_discussion AND p.number > 1
          AND p.author_id IS DISTINCT FROM t.author_id
        ORDER BY p.thread_id, p.number
    ) AS first_replies
    WHERE author_id IS NOT NULL
    GROUP BY author_id
    ON CONFLICT DO NOTHING
    """,
    # An approved professional verification (and a verification set without a request, as
    # the demo seeder does).
    """
    INSERT INTO forums_award (user_id, badge, earned_at)
    SELECT user_id, 'verified', min(coalesce(decided_at, created_at))
    FROM accounts_verificationrequest WHERE status = 'approved'
    GROUP BY user_id
    ON CONFLICT DO NOTHING
    """,
    """
    INSERT INTO forums_award (user_id, badge, earned_at)
    SELECT id, 'verified', now() FROM accounts_user
    WHERE professional_verified_until IS NOT NULL
    ON CONFLICT DO NOTHING
    """,
]

# Bylines read the codes from the user row (User.badges).
DENORMALISE = """
UPDATE accounts_user u SET badges = held.codes
FROM (SELECT user_id, array_agg(badge ORDER BY badge) AS codes FROM forums_award GROUP BY user_id)
    AS held
WHERE held.user_id = u.id
"""


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0016_recognition"),
        ("accounts", "0013_recognition_and_participation"),
    ]

    operations = [
        *(migrations.RunSQL(sql, migrations.RunSQL.noop) for sql in INSERTS),
        migrations.RunSQL(DENORMALISE, migrations.RunSQL.noop),
    ]
