"""A case's images: adding them (scanned for identifiers), the author's review of what the
scanner found, removing them, and serving them privately."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.permissions import is_moderator
from accounts.serving import uploaded_file_response
from cases.forms import ImageForm, ImageReviewForm
from cases.images import MAX_IMAGES_PER_CASE, add_case_image, remove_case_image, review_case_image
from cases.models import Case, CaseImage, ImageCheck
from cases.pages.common import noindex, own_case, visible_case
from cases.permissions import is_case_author


def _images_page(request: HttpRequest, case: Case, *, form=None, bound=None) -> HttpResponse:
    """The author's images page: each image with its findings boxed and its review form
    (``bound`` is the one posted with errors), then the upload form."""
    images = list(case.images.all())
    reviews = [
        (
            img,
            bound if bound is not None and bound.image.pk == img.pk else ImageReviewForm(image=img),
        )
        for img in images
    ]
    return render(
        request,
        "cases/images.html",
        {
            "form": form or ImageForm(),
            "case": case,
            "reviews": reviews,
            "images": images,
            "max_images": MAX_IMAGES_PER_CASE,
        },
    )


@login_required
@noindex
def case_images(request: HttpRequest, pk: int) -> HttpResponse:
    case = own_case(request, pk)
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            image = add_case_image(
                case,
                by=request.user,
                data=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as exc:
            field = "alt_text" if getattr(exc, "code", "") == "alt" else "image"
            form.add_error(field, exc.messages)
        else:
            if image.check_state == ImageCheck.OPEN:
                messages.warning(
                    request,
                    _(
                        "Image added. It may identify the patient: black out each boxed "
                        "finding or keep it with a reason."
                    ),
                )
            elif image.check_state == ImageCheck.HELD:
                messages.warning(
                    request,
                    _(
                        "Image added, but its text could not be read automatically on this "
                        "server. A moderator will check it before anyone else sees it."
                    ),
                )
            else:
                messages.success(request, _("Image added. The check found no names or faces."))
            return redirect(f"{reverse('cases:images', args=[case.pk])}#image-{image.pk}")
    return _images_page(request, case, form=form)


@login_required
@require_POST
@noindex
def image_review(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    """Black out the chosen findings and drawn boxes, keep the others with their reasons."""
    case = own_case(request, pk)
    image = get_object_or_404(CaseImage, pk=image_pk, case=case)
    form = ImageReviewForm(request.POST, image=image)
    if not form.is_valid():
        return _images_page(request, case, bound=form)
    try:
        image = review_case_image(
            image, by=request.user, boxes=form.redact_boxes(), keep=form.kept()
        )
    except ValidationError as exc:
        form.add_error(None, exc.messages)
        return _images_page(request, case, bound=form)
    if image.check_state == ImageCheck.OPEN:
        messages.warning(request, _("Saved. The check still finds something: see the boxes."))
    else:
        messages.success(request, _("Saved."))
    return redirect(f"{reverse('cases:images', args=[case.pk])}#image-{image.pk}")


@login_required
@require_POST
@noindex
def image_delete(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    case = own_case(request, pk)
    remove_case_image(get_object_or_404(CaseImage, pk=image_pk, case=case), by=request.user)
    messages.success(request, _("Image removed."))
    return redirect("cases:images", pk=case.pk)


@require_safe
@noindex
def image(request: HttpRequest, pk: int, image_pk: int) -> HttpResponse:
    """Serve a case image to those who may see the case; never stored by the browser.

    An image with findings to resolve, or held for a moderator, is served only to the author
    and moderators. None is kept in a cache: clinical images, and a published one may still
    be redacted or its case hidden (config.middleware.private_pages says so for every case
    page too).
    """
    case = visible_case(request, pk)
    obj = get_object_or_404(CaseImage, pk=image_pk, case=case)
    shown = obj.check_state == ImageCheck.CLEAR
    if not shown and not (is_case_author(request.user, case) or is_moderator(request.user)):
        raise Http404("Image not checked yet.")
    try:
        handle = obj.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("Image file missing.") from exc
    return uploaded_file_response(
        handle,
        content_type=obj.content_type,
        filename=f"case-{case.pk}-image-{obj.pk}.{obj.file.name.rsplit('.', 1)[-1]}",
        cache_control="private, no-store",
    )
