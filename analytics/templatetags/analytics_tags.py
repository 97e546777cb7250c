"""The PostHog script tag of every page, when configured and allowed (P16, P17, H40)."""

from django import template

from analytics.client import SECRET_PATHS, analytics_config, carries_secret
from cms.csp import ADMIN_PREFIXES
from legal.consent import consent_state

register = template.Library()


def _in_admin(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIXES)


def _signed_in_analytics_id(request) -> str | None:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "analytics_id", None):
        return str(user.analytics_id)
    return None


@register.inclusion_tag("analytics/analytics_head.html", takes_context=True)
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
