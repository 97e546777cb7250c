"""Consent and the public settings through the storefront API (P01, P16, P17, P28).

Reading and setting the visitor's consent uses the same layer as the cookie settings page:
the choice lands in the consent cookie and in a ConsentRecord (H24). Nobody else's records
are ever returned: the API has no endpoint that lists consent records.
"""

from __future__ import annotations

from cookie_consent.models import CookieGroup
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router

from cms.api_auth import require_csrf
from cms.api_throttles import throttle
from home.models import OperatorSettings
from legal.consent import (
    ANALYTICS,
    consent_state,
    group_description,
    group_name,
    record_choice,
)
from legal.models import ConsentAction
from legal.schemas import ConsentIn, ConsentOut, PublicSettingsOut

router = Router(tags=["consent and settings"])


def cookie_groups() -> list[dict]:
    groups = CookieGroup.objects.prefetch_related("cookie_set").order_by("ordering", "pk")
    return [
        {
            "varname": group.varname,
            "name": group_name(group),
            "description": group_description(group),
            "required": group.is_required,
            "cookies": [
                {"name": cookie.name, "description": cookie.description}
                for cookie in group.cookie_set.all()
            ],
        }
        for group in groups
    ]


def consent_out(request: HttpRequest, choice: bool | None = None) -> dict:
    state = consent_state(request)
    analytics_choice = state.analytics_choice if choice is None else choice
    allowed = analytics_choice if analytics_choice is not None else not state.is_eu
    return {
        "eu_rules": state.is_eu,
        "analytics_choice": analytics_choice,
        "analytics_allowed": allowed,
        "show_banner": state.is_eu and analytics_choice is None,
        "groups": cookie_groups(),
    }


@router.get("/consent/", response=ConsentOut, summary="This visitor's cookie consent")
def get_consent(request: HttpRequest):
    return consent_out(request)


@router.post(
    "/consent/",
    throttle=throttle("consent"),
    response=ConsentOut,
    summary="Accept, reject or choose cookie groups (sets the consent cookie)",
)
def set_consent(request: HttpRequest, data: ConsentIn, response: HttpResponse):
    require_csrf(request)
    action = ConsentAction(data.action)
    record_choice(request, response, action, accepted=data.accepted)
    if action == ConsentAction.ACCEPT_ALL:
        choice = True
    elif action == ConsentAction.REJECT_ALL:
        choice = False
    else:
        choice = ANALYTICS in data.accepted
    return consent_out(request, choice)


@router.get("/settings/", response=PublicSettingsOut, summary="What a front end needs to know")
def public_settings(request: HttpRequest):
    operator = OperatorSettings.for_request(request)
    fields = PublicSettingsOut.model_fields["operator"].annotation.model_fields
    return {
        "operator": {name: str(getattr(operator, name) or "") for name in fields},
        "whatsapp_number": operator.whatsapp_number,
        "currency": settings.DEFAULT_CURRENCY,
        "language": get_language(),
        "languages": [{"code": code, "name": str(name)} for code, name in settings.LANGUAGES],
        "cookie_groups": cookie_groups(),
    }
