from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    """PostHog: the server-side client (analytics.client) and the page's script tag.

    Whether a visitor may be counted is legal.consent's answer; this app only asks it.
    """

    name = "analytics"
    label = "analytics"
