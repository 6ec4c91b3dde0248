"""The learning log's URLs, under ``/learning/`` (``config/urls.py``)."""

from django.urls import path

from forums.pages import learning, learning_export

app_name = "learning"

urlpatterns = [
    path("", learning.log, name="log"),
    path("add/<int:thread_id>/", learning.add, name="add"),
    path("entries/<int:pk>/", learning.entry, name="entry"),
    path("entries/<int:pk>/delete/", learning.delete, name="delete"),
    path("not-logged/", learning.suggestions, name="suggestions"),
    path("summary/", learning.summary, name="summary"),
    path("reminder/", learning.prompt, name="prompt"),
    path("reminder/stop/<str:token>/", learning.stop_prompt, name="stop_prompt"),
    path("export/", learning_export.export, name="export"),
    path("verify/<str:token>/", learning_export.verify, name="verify"),
]
