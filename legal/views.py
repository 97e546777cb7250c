"""The cookie settings page (P16, P17, P28): accept, reject or withdraw at any time."""

from __future__ import annotations

from cookie_consent.models import CookieGroup
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from legal.consent import (
    ANALYTICS,
    ESSENTIAL,
    consent_state,
    group_description,
    group_name,
    optional_groups,
    record_choice,
)
from legal.models import ConsentAction, ConsentRecord

ACTIONS = {
    "accept_all": ConsentAction.ACCEPT_ALL,
    "reject_all": ConsentAction.REJECT_ALL,
    "save": ConsentAction.CUSTOM,
}


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@never_cache
@require_http_methods(["GET", "POST"])
def cookie_settings(request: HttpRequest) -> HttpResponse:
    settings_url = reverse("legal:cookie_settings")
    if request.method == "POST":
        choice = request.POST.get("action", "")
        if choice == "settings":
            return HttpResponseRedirect(settings_url)
        action = ACTIONS.get(choice)
        if action is None:
            return HttpResponseRedirect(settings_url)
        accepted = request.POST.getlist("groups")
        fallback = f"{settings_url}?saved=1"
        response = HttpResponseRedirect(_safe_next(request, fallback))
        record_choice(request, response, action, accepted=accepted)
        return response

    state = consent_state(request)
    essential = CookieGroup.objects.filter(varname=ESSENTIAL).prefetch_related("cookie_set").first()
    groups = [
        {
            "varname": group.varname,
            "name": group_name(group),
            "description": group_description(group),
            "cookies": list(group.cookie_set.all()),
            "checked": state.analytics_allowed if group.varname == ANALYTICS else False,
        }
        for group in optional_groups()
    ]
    return render(
        request,
        "legal/cookie_settings.html",
        {
            "essential": essential,
            "essential_name": group_name(essential) if essential else "",
            "essential_description": group_description(essential) if essential else "",
            "groups": groups,
            "state": state,
            "saved": request.GET.get("saved") == "1",
        },
    )


@never_cache
@require_GET
def consent_record_export(request: HttpRequest) -> JsonResponse:
    """This browser's consent records as JSON (P24/P27), found by the consent id in its cookie."""
    consent_id = consent_state(request).consent_id
    records = (
        [record.as_export() for record in ConsentRecord.objects.filter(consent_id=consent_id)]
        if consent_id
        else []
    )
    response = JsonResponse({"consent_records": records})
    response["Content-Disposition"] = 'attachment; filename="consent-records.json"'
    return response
