"""``/messages/``: private consults (included under that prefix in ``forums.urls``, so named
``forums:consult*``)."""

from django.urls import path

from forums.consults import actions, pages

conversation = "<int:pk>/"  # under "messages/"

urlpatterns = [
    path("", pages.inbox, name="consults"),
    path("new/", pages.start, name="consult_new"),
    path("search/", pages.search, name="consult_search"),
    path("blocked/", actions.blocked, name="consult_blocked"),
    path("block/<str:handle>/", actions.block, name="consult_block"),
    path("images/<slug:key>.<slug:ext>", actions.image, name="consult_image"),
    path(conversation, pages.conversation, name="consult"),
    path(conversation + "reply/", pages.reply, name="consult_reply"),
    path(conversation + "members/", actions.add, name="consult_add"),
    path(conversation + "leave/", actions.leave, name="consult_leave"),
    path(conversation + "archive/", actions.archive, name="consult_archive"),
    path(conversation + "delete/", actions.delete, name="consult_delete"),
    path(conversation + "<int:number>/report/", actions.report, name="consult_report"),
]
