"""The Wagtail admin's language for staff who browse the shop in Kazakh."""

from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property

# Wagtail ships no Kazakh catalogue: a Kazakh admin would be half English. Staff who have not
# chosen an admin language and browse the shop in Kazakh get the admin in Russian instead.
ADMIN_LANGUAGE_FALLBACKS = {"kk": "ru"}


class AdminLanguageFallbackMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def prefix(self) -> str:
        return reverse("wagtailadmin_home")

    def __call__(self, request):
        if request.path.startswith(self.prefix):
            fallback = ADMIN_LANGUAGE_FALLBACKS.get(translation.get_language())
            if fallback:
                translation.activate(fallback)
        return self.get_response(request)
