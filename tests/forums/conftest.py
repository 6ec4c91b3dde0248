import pytest
from django.core.cache import cache


@pytest.fixture
def local_cache(settings):
    """A cache of this test's own, emptied before and after (the suite may share Redis)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield cache
    cache.clear()
