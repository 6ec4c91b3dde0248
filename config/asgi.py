import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()

# Read the identifier scanner's lexicon once per web process (gunicorn imports this module in
# each worker), so no author's first scan waits for it. Not in AppConfig.ready: that would slow
# every manage.py command and test start. Then keep the garbage collector off what startup
# loaded (config/warm.py).
from cases.deidentify.lexicon import lexicon  # noqa: E402
from config.warm import freeze_startup  # noqa: E402

lexicon()
freeze_startup()
