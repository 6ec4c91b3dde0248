"""A Celery worker started by the test suite: test settings, but real SMTP and a real broker.

EMAIL_URL and REDIS_URL come from the test that starts it.
"""

from config import env
from config.settings.test import *  # noqa: F403

globals().update(env.parse_email_url(env.get("EMAIL_URL", "memory://"), mail_dir=str(VAR_DIR)))  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = False
