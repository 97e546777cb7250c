from django import template
from django.urls import reverse

from analytics.client import analytics_config
from cms.csp import ADMIN_PREFIXES
from legal.consent import consent_state

register = template.Library()


def _in_admin(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIXES)


@register.inclusion_tag("legal/includes/consent_banner.html", takes_context=True)
def consent_banner(context):
    """The EU banner or the non-EU notice, and the state consent.js acts on."""
    request = context.get("request")
    if request is None or _in_admin(request):
        return {"state": None}
    state = consent_state(request)
    match = getattr(request, "resolver_match", None)
    on_settings_page = bool(match and match.view_name == "legal:cookie_settings")
    configured = analytics_config(request) is not None
    # With no analytics configured there is nothing optional to ask about.
    ask = configured and not on_settings_page
    return {
        "state": state,
        "show_banner": ask and state.show_banner,
        "show_notice": ask and state.show_notice,
        "settings_url": reverse("legal:cookie_settings"),
        "next": request.get_full_path(),
        "consent": {"analytics": configured and state.analytics_allowed},
        "csrf_token": context.get("csrf_token"),
    }
