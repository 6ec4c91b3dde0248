from django.urls import path

from forums import feeds, views

app_name = "forums"

thread = "t/<int:pk>-<slug:slug>/"
post = thread + "<int:number>"

urlpatterns = [
    path("forums/", views.forum_index, name="index"),
    path("forums/<slug:slug>/", views.category, name="category"),
    path("forums/<slug:slug>/new/", views.new_thread, name="new_thread"),
    path("forums/<slug:slug>/follow/", views.follow_forum, name="follow_forum"),
    path("tags/<slug:slug>/", views.tag, name="tag"),
    path("tags/<slug:slug>/follow/", views.follow_tag, name="follow_tag"),
    path(thread, views.thread, name="thread"),
    path(thread + "unread", views.first_unread, name="first_unread"),
    path(thread + "reply/", views.reply, name="reply"),
    path(thread + "watch/", views.watch, name="watch"),
    path(thread + "moderate/", views.moderate_thread, name="moderate"),
    path(post, views.post, name="post"),
    path(post + "/edit/", views.edit, name="edit"),
    path(post + "/history/", views.history, name="history"),
    path(post + "/delete/", views.delete, name="delete"),
    path(post + "/react/", views.react, name="react"),
    path(post + "/accept/", views.accept, name="accept"),
    path(post + "/bookmark/", views.bookmark, name="bookmark"),
    path(post + "/hide/", views.hide_post, name="hide_post"),
    path("drafts/save/", views.save_draft, name="save_draft"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read-all/", views.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("settings/following/", views.following_settings, name="following"),
    path("bookmarks/", views.bookmark_list, name="bookmarks"),
    path("feeds/latest/rss/", feeds.LatestThreadsFeed(), name="feed_latest"),
    path("feeds/latest/atom/", feeds.LatestThreadsAtomFeed(), name="feed_latest_atom"),
    path("feeds/forums/<slug:slug>/rss/", feeds.ForumFeed(), name="feed_forum"),
    path("feeds/forums/<slug:slug>/atom/", feeds.ForumAtomFeed(), name="feed_forum_atom"),
    path("feeds/tags/<slug:slug>/rss/", feeds.TagFeed(), name="feed_tag"),
    path("feeds/tags/<slug:slug>/atom/", feeds.TagAtomFeed(), name="feed_tag_atom"),
    path("search/", views.search, name="search"),
    # moderation issue: members report posts and threads
    path(thread + "report/", views.report_thread, name="report_thread"),
    path(post + "/report/", views.report_post, name="report_post"),
    path("search/similar/", views.similar_threads, name="similar_threads"),
]
