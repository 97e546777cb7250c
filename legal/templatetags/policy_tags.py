from django import template
from django.conf import settings
from django.utils import translation

from legal.policy import services

register = template.Library()


@register.simple_tag
def privacy_policy_url() -> str:
    """The privacy policy in the current language (for footers, sign-up, checkout, cookies)."""
    return services.policy_url(translation.get_language() or settings.LANGUAGE_CODE)


@register.inclusion_tag("legal/policy/includes/change_notice.html", takes_context=True)
def privacy_policy_change_notice(context):
    request = context.get("request")
    notice = services.policy_change_notice(request) if request is not None else None
    return {"notice": notice}
