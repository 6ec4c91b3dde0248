from django.urls import path

from cases.pages import browse, discussion, flags, images, quiz, writing

app_name = "cases"

urlpatterns = [
    path("", browse.case_list, name="list"),
    path("new/", writing.case_new, name="new"),
    path("<int:pk>-<slug:slug>/", browse.case_detail, name="detail"),
    path("<int:pk>/edit/", writing.case_edit, name="edit"),
    path("<int:pk>/submit/", writing.case_submit, name="submit"),
    path("<int:pk>/quiz/", quiz.case_quiz, name="quiz"),
    path("<int:pk>/images/", images.case_images, name="images"),
    path("<int:pk>/images/<int:image_pk>/", images.image, name="image"),
    path("<int:pk>/images/<int:image_pk>/delete/", images.image_delete, name="image_delete"),
    path("<int:pk>/images/<int:image_pk>/review/", images.image_review, name="image_review"),
    path("<int:pk>/vote/", quiz.vote, name="vote"),
    path("<int:pk>/reveal/", quiz.reveal, name="reveal"),
    path("<int:pk>/reply/", discussion.reply, name="reply"),
    path("<int:pk>/outcome/", discussion.outcome, name="outcome"),
    path("<int:pk>/flag/", flags.flag, name="flag"),
    path("<int:pk>/report/", flags.report, name="report"),
]
