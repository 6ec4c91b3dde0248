"""The Celery app: JSON only, time limits, and a real worker answering on Redis."""

from __future__ import annotations

from config.celery import app


def test_celery_speaks_json_only_with_time_limits():
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"
    assert app.conf.task_time_limit > app.conf.task_soft_time_limit > 0
    assert app.conf.task_acks_late is True


def test_a_real_worker_answers_on_redis(celery_worker):
    replies = app.control.ping(timeout=5)
    assert replies, celery_worker.log.read_text()
    assert all(reply_body == {"ok": "pong"} for reply in replies for reply_body in reply.values())


def test_every_scheduled_task_is_registered():
    import django.conf

    app.autodiscover_tasks(force=True)
    schedule = django.conf.settings.CELERY_BEAT_SCHEDULE
    assert {"forums.queue_digests", "cases.send_outcome_reminders"} <= {
        entry["task"] for entry in schedule.values()
    }
    for entry in schedule.values():
        assert entry["task"] in app.tasks, entry["task"]
