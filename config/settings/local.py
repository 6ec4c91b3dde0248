"""Development on a laptop: `make run`."""

from config import env
from config.settings.base import *  # noqa: F403

DEBUG = env.boolean("DEBUG", default=True)

# whitenoise warns on every request when STATIC_ROOT is missing; collectstatic fills it later.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
