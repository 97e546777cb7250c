from django import template
from django.urls import reverse

from legal.analytics import SECRET_PATHS, analytics_config, carries_secret
from legal.consent import consent_state
from legal.csp import ADMIN_PREFIXES

register = template.Library()


def _in_admin(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIXES)


def _signed_in_analytics_id(request) -> str | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "analytics_id", None):
        return str(user.analytics_id)
    return None


@register.inclusion_tag("legal/includes/analytics_head.html", takes_context=True)
def analytics_head(context):
    """posthog-js, only when a key is configured and the visitor's consent allows it (P16/P17)."""
    request = context.get("request")
    if request is None or _in_admin(request):
        return {"enabled": False}  # e.g. page previews inside the Wagtail admin
    if carries_secret(request.path_info):
        return {"enabled": False}  # H40: a key or reference in the address stays out of it
    config = analytics_config(request)
    if config is None or not consent_state(request).analytics_allowed:
        return {"enabled": False}
    return {
        "enabled": True,
        "config": {
            "key": config.key,
            "apiHost": config.host,
            # P15: the opaque id of a signed-in shopper, never the email or primary key.
            "identify": _signed_in_analytics_id(request),
            # H40: what analytics.js cuts out of every URL it reports.
            "secretPaths": [list(pair) for pair in SECRET_PATHS],
        },
    }


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
