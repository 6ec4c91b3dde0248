"""The site's URLconf plus one view nobody wrote an access-matrix row for (a test URLconf)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def surprise(request):
    return HttpResponse("new and unchecked")


urlpatterns = [*site_urlpatterns, path("surprise/<int:pk>/", surprise, name="surprise")]
