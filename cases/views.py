from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from cases.models import Case, CaseStatus


def case_list(request: HttpRequest) -> HttpResponse:
    cases = list(
        Case.objects.visible_to(request.user)
        .filter(status=CaseStatus.PUBLISHED)
        .select_related("author")
        .order_by("-published_at")[:30]
    )
    return render(request, "cases/list.html", {"cases": cases})
