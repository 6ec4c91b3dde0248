"""RSS and Atom feeds of threads. Public forums only: feeds are read as an anonymous visitor."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from forums.models import Category, Post, Thread

FEED_ITEMS = 30


def public_threads() -> QuerySet[Thread]:
    """What a visitor may read, each thread with its first post's HTML (no query per item).

    Never a case's discussion, wherever it was moved: a feed is read off the site, and a case's
    title (its discussion's title) does not leave the site."""
    first_post = Post.objects.filter(
        thread=OuterRef("pk"), number=1, is_hidden=False, is_deleted=False
    )
    return (
        Thread.objects.visible_to(AnonymousUser())
        .filter(is_case_discussion=False)
        .select_related("author", "category")
        .annotate(first_html=Subquery(first_post.values("html")[:1]))
        .order_by("-created_at", "-pk")
    )


class _ThreadFeed(Feed):
    def items(self, obj=None):
        return list(self.threads(obj)[:FEED_ITEMS])

    def threads(self, obj) -> QuerySet[Thread]:
        return public_threads()

    def item_title(self, item: Thread) -> str:
        return item.title

    def item_description(self, item: Thread) -> str:
        # Stored, sanitised HTML from the one pipeline; feed readers get the same as the page.
        return item.first_html or ""

    def item_author_name(self, item: Thread) -> str:
        return item.author.name if item.author else ""

    def item_pubdate(self, item: Thread):
        return item.created_at

    def item_updateddate(self, item: Thread):
        return item.last_posted_at

    def item_categories(self, item: Thread):
        return [item.category.name]


class LatestThreadsFeed(_ThreadFeed):
    title = _("Rounds: latest threads")
    link = "/forums/"
    description = _("New threads in the public forums.")


class LatestThreadsAtomFeed(LatestThreadsFeed):
    feed_type = Atom1Feed
    subtitle = LatestThreadsFeed.description


class ForumFeed(_ThreadFeed):
    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category.objects.visible_to(AnonymousUser()), slug=slug)

    def threads(self, obj: Category) -> QuerySet[Thread]:
        return public_threads().filter(category=obj)

    def title(self, obj: Category) -> str:
        return f"Rounds: {obj.name}"

    def link(self, obj: Category) -> str:
        return obj.get_absolute_url()

    def description(self, obj: Category) -> str:
        return obj.description


class ForumAtomFeed(ForumFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Category) -> str:
        return obj.description


class TagFeed(_ThreadFeed):
    def get_object(self, request, slug: str) -> Tag:
        return get_object_or_404(Tag, slug=slug)

    def threads(self, obj: Tag) -> QuerySet[Thread]:
        return public_threads().filter(tags=obj)

    def title(self, obj: Tag) -> str:
        return f"Rounds: #{obj.name}"

    def link(self, obj: Tag) -> str:
        return f"/tags/{obj.slug}/"

    def description(self, obj: Tag) -> str:
        return _("Public threads tagged %(tag)s.") % {"tag": obj.name}


class TagAtomFeed(TagFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Tag) -> str:
        return self.description(obj)
