"""Where a visitor is, roughly: the country of their IP, computed per request and never stored."""

from django.http import HttpRequest


def visitor_country(request: HttpRequest) -> str:
    """ISO 3166 alpha-2 code of the visitor's country, or "" when unknown."""
    return ""  # placeholder until the consent work lands
