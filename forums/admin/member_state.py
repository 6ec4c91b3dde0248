"""Admin listings of what members keep for themselves: revisions, reactions, bookmarks, drafts."""

from django.contrib import admin

from forums.models import Bookmark, Draft, PostRevision, Reaction


@admin.register(PostRevision)
class PostRevisionAdmin(admin.ModelAdmin):
    list_display = ["post", "editor", "replaced_at"]
    list_select_related = ["post__thread", "editor"]
    readonly_fields = ["post", "source", "html", "written_at", "replaced_at", "editor"]


@admin.register(Reaction)
class ReactionAdmin(admin.ModelAdmin):
    list_display = ["post", "user", "kind", "created_at"]
    list_select_related = ["post__thread", "user"]
    raw_id_fields = ["post", "user"]


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin):
    list_display = ["user", "post", "created_at"]
    list_select_related = ["post__thread", "user"]
    raw_id_fields = ["post", "user"]


@admin.register(Draft)
class DraftAdmin(admin.ModelAdmin):
    list_display = ["user", "thread", "category", "updated_at"]
    list_select_related = ["user", "thread", "category"]
    raw_id_fields = ["user", "thread", "category"]
