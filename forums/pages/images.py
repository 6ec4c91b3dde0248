"""Images in posts: the composer's upload (JSON for static/js/composer.js) and serving them with
their thread's permissions."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.permissions import can_post
from accounts.serving import uploaded_file_response
from config.params import MAX_INTEGER, whole_number
from forums import uploads
from forums.models import Category, PostImage
from forums.pages.common import get_thread
from forums.permissions import (
    can_reply,
    can_start_thread,
    can_view_post_image,
    is_public_image,
)
from forums.posting import limits
from forums.posting.checks import Origin

# Images of public threads may be kept by browsers and proxies, briefly: a thread can be hidden
# or moved to a members' forum, and from then on the view answers 404.
PUBLIC_CACHE = "public, max-age=300"


def _refused(message: str, *, field: str = "image", status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message, "field": field}, status=status)


@login_required
@require_POST
def upload(request: HttpRequest) -> JsonResponse:
    """Store one image (``image``, with ``alt_text``) for the thread (``thread``, a reply or an
    edit) or forum (``forum``, a new thread) the member is writing in. Answers the Markdown to
    insert, or the reason it was refused and the field it concerns; the text being written is
    in the browser and is never touched."""
    thread_id = whole_number(request.POST.get("thread"), default=0, maximum=MAX_INTEGER)
    forum_id = whole_number(request.POST.get("forum"), default=0, maximum=MAX_INTEGER)
    thread = category = None
    if thread_id:
        thread = get_thread(request, thread_id)
        allowed = can_reply(request.user, thread)
    elif forum_id:
        category = get_object_or_404(Category.objects.visible_to(request.user), pk=forum_id)
        allowed = can_start_thread(request.user, category)
    else:
        raise Http404("Name a thread or a forum.")
    if not (allowed and can_post(request.user)):
        return _refused(_("You cannot add images here."), status=403)
    file = request.FILES.get("image")
    if file is None:
        return _refused(_("Choose an image file to add."))
    if file.size > uploads.MAX_BYTES:
        # Refused before reading it: the size the browser declared is enough.
        return _refused(
            _("The image is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "size": f"{file.size / 1_048_576:.1f}",
                "limit": f"{uploads.MAX_BYTES / 1_048_576:.0f}",
            }
        )
    try:
        limits.check_rate(user=request.user, origin=Origin.of(request), action="upload")
    except limits.RateLimited as exc:
        return _refused(exc.message, status=429)
    try:
        image = uploads.store_post_image(
            by=request.user,
            data=file.read(),
            alt_text=request.POST.get("alt_text", ""),
            thread=thread,
            category=category,
        )
    except uploads.UploadError as exc:
        return _refused(str(exc), field=exc.field)
    return JsonResponse(
        {
            "markdown": uploads.markdown_for(image),
            "url": image.get_absolute_url(),
            "alt": image.alt_text,
        },
        status=201,
    )


@require_GET
def image(request: HttpRequest, key: str, ext: str) -> HttpResponse:
    """One post image, to whoever may read the post that shows it (404 for anyone else, as the
    thread itself). Images outside public threads are never stored by the browser."""
    found = get_object_or_404(
        PostImage.objects.select_related("post__thread__category"), key=key, extension=ext
    )
    if not can_view_post_image(request.user, found):
        raise Http404("No such image.")
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Image file missing.") from exc
    return uploaded_file_response(
        handle,
        content_type=found.content_type,
        filename=f"image.{found.extension}",
        cache_control=PUBLIC_CACHE if is_public_image(found) else "private, no-store",
    )
