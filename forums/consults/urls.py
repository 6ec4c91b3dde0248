"""``/messages/``: private consults (included in ``forums.urls``, so named ``forums:consult*``)."""

from django.urls import path

from forums.consults import pages

conversation = "messages/<int:pk>/"

urlpatterns = [
    path("messages/", pages.inbox, name="consults"),
    path("messages/new/", pages.start, name="consult_new"),
    path("messages/search/", pages.search, name="consult_search"),
    path("messages/blocked/", pages.blocked, name="consult_blocked"),
    path("messages/block/<str:handle>/", pages.block, name="consult_block"),
    path(conversation, pages.conversation, name="consult"),
    path(conversation + "reply/", pages.reply, name="consult_reply"),
    path(conversation + "members/", pages.add, name="consult_add"),
    path(conversation + "leave/", pages.leave, name="consult_leave"),
    path(conversation + "archive/", pages.archive, name="consult_archive"),
    path(conversation + "delete/", pages.delete, name="consult_delete"),
    path(conversation + "<int:number>/report/", pages.report, name="consult_report"),
]
