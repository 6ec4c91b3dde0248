from django.urls import path

from forums import feeds
from forums.consults.urls import urlpatterns as consult_urls
from forums.pages import actions, composer, forums, images, member, polls, reports, search
from forums.pages import home as home_pages
from forums.pages import thread as thread_pages

app_name = "forums"

thread = "t/<int:pk>-<slug:slug>/"
post = thread + "<int:number>"

urlpatterns = [
    path("following/", home_pages.following, name="home_following"),
    path("forums/", forums.forum_index, name="index"),
    path("forums/<slug:slug>/", forums.category, name="category"),
    path("forums/<slug:slug>/new/", composer.new_thread, name="new_thread"),
    path("forums/<slug:slug>/follow/", actions.follow_forum, name="follow_forum"),
    path("tags/<slug:slug>/", forums.tag, name="tag"),
    path("tags/<slug:slug>/follow/", actions.follow_tag, name="follow_tag"),
    path(thread, thread_pages.thread, name="thread"),
    path(thread + "unread", thread_pages.first_unread, name="first_unread"),
    path(thread + "reply/", composer.reply, name="reply"),
    path(thread + "watch/", actions.watch, name="watch"),
    path(thread + "moderate/", actions.moderate_thread, name="moderate"),
    path(thread + "poll/vote/", polls.vote, name="poll_vote"),
    path(thread + "poll/close/", polls.close, name="poll_close"),
    path(thread + "poll/remove/", polls.remove, name="poll_remove"),
    path(post, thread_pages.post, name="post"),
    path(post + "/edit/", composer.edit, name="edit"),
    path(post + "/history/", thread_pages.history, name="history"),
    path(post + "/delete/", actions.delete, name="delete"),
    path(post + "/react/", actions.react, name="react"),
    path(post + "/accept/", actions.accept, name="accept"),
    path(post + "/bookmark/", actions.bookmark, name="bookmark"),
    path(post + "/hide/", actions.hide_post, name="hide_post"),
    path("drafts/save/", composer.save_draft, name="save_draft"),
    # the composer's helpers (static/js/composer.js) and images in posts
    path("compose/preview/", composer.preview, name="preview"),
    path("compose/mentions/", composer.mentions, name="mentions"),
    path("compose/images/", images.upload, name="upload_image"),
    path("uploads/<slug:key>.<slug:ext>", images.image, name="post_image"),
    path("notifications/", member.notification_list, name="notifications"),
    path("notifications/read-all/", member.notifications_read_all, name="notifications_read_all"),
    path("notifications/<int:pk>/open/", member.notification_open, name="notification_open"),
    path("settings/following/", member.following_settings, name="following"),
    path("bookmarks/", member.bookmark_list, name="bookmarks"),
    path("feeds/latest/rss/", feeds.LatestThreadsFeed(), name="feed_latest"),
    path("feeds/latest/atom/", feeds.LatestThreadsAtomFeed(), name="feed_latest_atom"),
    path("feeds/forums/<slug:slug>/rss/", feeds.ForumFeed(), name="feed_forum"),
    path("feeds/forums/<slug:slug>/atom/", feeds.ForumAtomFeed(), name="feed_forum_atom"),
    path("feeds/tags/<slug:slug>/rss/", feeds.TagFeed(), name="feed_tag"),
    path("feeds/tags/<slug:slug>/atom/", feeds.TagAtomFeed(), name="feed_tag_atom"),
    path("search/", search.search, name="search"),
    # moderation issue: members report posts and threads
    path(thread + "report/", reports.report_thread, name="report_thread"),
    path(post + "/report/", reports.report_post, name="report_post"),
    path("search/similar/", search.similar_threads, name="similar_threads"),
    # private consults: /messages/
    *consult_urls,
]
