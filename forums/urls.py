from django.urls import path

from forums import views

app_name = "forums"

urlpatterns = [
    path("forums/", views.forum_index, name="index"),
    path("forums/<slug:slug>/", views.category, name="category"),
    path("t/<int:pk>-<slug:slug>/", views.thread, name="thread"),
    path("t/<int:pk>-<slug:slug>/<int:number>", views.post, name="post"),
    path("search/", views.search, name="search"),
]
