"""Server-side analytics events, sent only when the visitor's consent allows."""

from django.http import HttpRequest


def capture_event(request: HttpRequest, event: str, properties: dict | None = None) -> None:
    """Send one event for this visitor, or nothing when consent or configuration says no."""
    return None  # placeholder until the consent work lands
