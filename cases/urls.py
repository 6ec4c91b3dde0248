from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("<int:pk>-<slug:slug>/", views.case_detail, name="detail"),
    path("<int:pk>/edit/", views.case_edit, name="edit"),
    path("<int:pk>/submit/", views.case_submit, name="submit"),
    path("<int:pk>/quiz/", views.case_quiz, name="quiz"),
    path("<int:pk>/images/", views.case_images, name="images"),
    path("<int:pk>/images/<int:image_pk>/", views.image, name="image"),
    path("<int:pk>/images/<int:image_pk>/delete/", views.image_delete, name="image_delete"),
    path("<int:pk>/images/<int:image_pk>/review/", views.image_review, name="image_review"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/reveal/", views.reveal, name="reveal"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/outcome/", views.outcome, name="outcome"),
    path("<int:pk>/flag/", views.flag, name="flag"),
    path("<int:pk>/report/", views.report, name="report"),
]
