"""Forums, threads and posts in the admin, with the moderators' actions on them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.admin import ModerationAdminMixin, ReasonForm, ask_then_apply
from accounts.models import User
from forums.admin.console import (
    MoveForm,
    ObjectButtonsMixin,
    RedactForm,
    each_selected,
    stored_html,
)
from forums.models import Category, Post, Thread
from forums.posting import moderation
from forums.posting.categories import delete_forum, save_forum


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "visibility", "thread_count", "post_count", "position"]
    list_filter = ["visibility"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["thread_count", "post_count", "last_thread"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]

    # Through the service: a new visibility re-indexes the forum, and cached pages follow.
    def save_model(self, request, obj, form, change):
        save_forum(obj)

    def delete_model(self, request, obj):
        delete_forum(obj)

    def delete_queryset(self, request, queryset):
        for forum in queryset:
            delete_forum(forum)


@admin.register(Thread)
class ThreadAdmin(ObjectButtonsMixin, ModerationAdminMixin, admin.ModelAdmin):
    list_per_page = 50  # moderators scan a page; previews stay light
    list_display = [
        "title",
        "category",
        "author",
        "post_count",
        "last_posted_at",
        "is_pinned",
        "is_locked",
        "is_hidden",
        "hidden_by_case",
    ]
    list_filter = ["is_hidden", "hidden_by_case", "is_locked", "is_pinned", "category"]
    list_select_related = ["category", "author"]
    search_fields = ["title", "author__handle"]
    autocomplete_fields = ["category", "author", "last_poster", "accepted_post"]
    # Hidden with its case: shown, never edited here (the case's review restores it).
    readonly_fields = ["post_count", "created_at", "first_post_preview", "hidden_by_case"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = [
        "hide",
        "unhide",
        "lock",
        "unlock",
        "pin",
        "unpin",
        "move",
    ]

    def has_add_permission(self, request) -> bool:
        return False  # threads are started on the site, through forums.posting

    @admin.display(description=_("first post"))
    def first_post_preview(self, obj: Thread) -> str:
        first = obj.posts.filter(number=1).only("html").first()
        return stored_html(first.html) if first else "-"

    hide = admin.action(description=_("Hide"), permissions=["moderate"])(
        each_selected(moderation.hide_thread, _("Hidden."))
    )
    unhide = admin.action(description=_("Unhide"), permissions=["moderate"])(
        each_selected(moderation.unhide_thread, _("Shown again."))
    )
    lock = admin.action(description=_("Lock"), permissions=["moderate"])(
        each_selected(moderation.lock_thread, _("Locked."))
    )
    unlock = admin.action(description=_("Unlock"), permissions=["moderate"])(
        each_selected(moderation.unlock_thread, _("Unlocked."))
    )
    pin = admin.action(description=_("Pin"), permissions=["moderate"])(
        each_selected(moderation.pin_thread, _("Pinned."))
    )
    unpin = admin.action(description=_("Unpin"), permissions=["moderate"])(
        each_selected(moderation.unpin_thread, _("Unpinned."))
    )

    @admin.action(description=_("Move to another forum"), permissions=["moderate"])
    def move(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            form_class=MoveForm,
            title=_("Move threads"),
            apply=lambda thread, data: moderation.move_thread(
                thread, to=data["to"], by=request.user, reason=data["reason"]
            ),
        )


@admin.register(Post)
class PostAdmin(ObjectButtonsMixin, ModerationAdminMixin, admin.ModelAdmin):
    list_per_page = 50  # moderators scan a page; previews stay light
    list_display = ["__str__", "thread", "author", "created_at", "is_hidden", "is_deleted"]
    list_filter = ["is_hidden", "is_deleted", "thread__category"]
    list_select_related = ["thread", "author"]
    search_fields = ["source", "author__handle", "thread__title"]
    autocomplete_fields = ["thread", "author"]
    readonly_fields = ["preview", "created_at", "edited_at", "edit_count"]
    fields = ["thread", "number", "author", "preview", "created_at", "edited_at", "edit_count"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    actions = ["hide", "unhide", "redact", "hide_all_by_author"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description=_("rendered text"))
    def preview(self, obj: Post) -> str:
        return stored_html(obj.html)

    hide = admin.action(description=_("Hide"), permissions=["moderate"])(
        each_selected(moderation.hide_post, _("Hidden."))
    )
    unhide = admin.action(description=_("Unhide"), permissions=["moderate"])(
        each_selected(moderation.unhide_post, _("Shown again."))
    )

    @admin.action(
        description=_("Redact (remove the text from the post, its versions, quotes and search)"),
        permissions=["moderate"],
    )
    def redact(self, request, queryset):
        return ask_then_apply(
            self,
            request,
            queryset,
            form_class=RedactForm,
            title=_("Redact posts"),
            apply=lambda post, data: moderation.redact_post(
                post, by=request.user, reason=data["reason"]
            ),
        )

    @admin.action(
        description=_("Spam: hide everything the authors of these posts wrote"),
        permissions=["moderate"],
    )
    def hide_all_by_author(self, request, queryset):
        # One call per member, however many of their posts were ticked.
        authors = User.objects.filter(pk__in=queryset.values("author_id"))
        return ask_then_apply(
            self,
            request,
            authors,
            form_class=ReasonForm,
            title=_("Hide all posts by these members"),
            apply=lambda member, data: moderation.hide_member_posts(
                member, by=request.user, reason=data["reason"]
            ),
            selected=queryset,
        )


# Object-page buttons (after the classes, so the services read as a table).
ThreadAdmin.object_buttons = {
    "hide": (_("Hide"), moderation.hide_thread, lambda t: not t.is_hidden),
    "unhide": (_("Unhide"), moderation.unhide_thread, lambda t: t.is_hidden),
    "lock": (_("Lock"), moderation.lock_thread, lambda t: not t.is_locked),
    "unlock": (_("Unlock"), moderation.unlock_thread, lambda t: t.is_locked),
    "pin": (_("Pin"), moderation.pin_thread, lambda t: not t.is_pinned),
    "unpin": (_("Unpin"), moderation.unpin_thread, lambda t: t.is_pinned),
}
PostAdmin.object_buttons = {
    "hide": (_("Hide"), moderation.hide_post, lambda p: not p.is_hidden),
    "unhide": (_("Unhide"), moderation.unhide_post, lambda p: p.is_hidden),
}
PostAdmin.object_form_buttons = {
    "redact": (
        _("Redact…"),
        RedactForm,
        lambda post, data, by: moderation.redact_post(post, by=by, reason=data["reason"]),
        lambda p: True,
    ),
}
