from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

from accounts import languages
from config import views
from forums.pages import home as forum_home

# Admin sign-in goes through allauth, so moderators and admins are asked for their two-factor
# code; Django's own admin login form would accept a password alone.
admin.site.login = secure_admin_login(admin.site.login)

# allauth renders this when one of ACCOUNT_RATE_LIMITS refuses (sign-up per IP and others).
handler429 = "accounts.views.too_many_requests"
handler400 = "config.views.bad_request"
handler404 = "config.views.page_not_found"
handler500 = "config.views.server_error"

urlpatterns = [
    path("", forum_home.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("hello", views.hello, name="hello"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path(settings.CSP_REPORT_PATH.strip("/") + "/", views.csp_report, name="csp_report"),
    # The language switcher and the scripts' translations (README "Languages and time
    # zones"). The catalog varies with the language, which comes from the Cookie and
    # Accept-Language headers that its Vary names; an hour keeps each page from fetching it anew.
    path("language/", languages.choose_language, name="set_language"),
    path(
        "jsi18n/",
        cache_control(public=True, max_age=3600)(
            JavaScriptCatalog.as_view(packages=["accounts", "forums", "cases"])
        ),
        name="javascript-catalog",
    ),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("cases/", include("cases.urls")),
    path("learning/", include("forums.learning.urls")),
    # The forums before the accounts: their pages are read most, and each group of theirs is
    # passed over with one test of its prefix (a path the forums do not have costs ~12 µs more).
    path("", include("forums.urls")),
    path("", include("accounts.urls")),  # accounts: /u/<handle>/, /settings/..., /avatars/...
    # digests (issue 7): the signed one-click unsubscribe link, no session needed
    path("", include("accounts.unsubscribe")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
