"""The privacy policy page, other legal pages and the processor snippet.

The policy is a Wagtail page translated with wagtail-localize. Its versions are Wagtail's own
revisions: every published revision stays readable in the version archive (see
`legal.policy.versions`), and its "Last updated" date is decided when a revision is published
(`legal.policy.dates`).
"""

from __future__ import annotations

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from legal.policy.blocks import LegalStreamBlock, PolicyStreamBlock
from legal.policy.versions import compare_versions, find_version, published_versions


class Processor(TranslatableMixin, models.Model):
    """A service that processes personal data for the shop (P18), shown in the policy."""

    name = models.CharField(_("name"), max_length=120)
    purpose = models.CharField(_("purpose"), max_length=300)
    data_shared = models.CharField(_("data shared"), max_length=500)
    server_location = models.CharField(_("server location"), max_length=200)
    transfer_safeguard = models.CharField(
        _("transfer safeguard"),
        max_length=300,
        blank=True,
        help_text=_(
            "What covers a transfer outside the EEA, e.g. the EU-U.S. Data Privacy Framework. "
            "Leave empty when the data stays in the EEA."
        ),
    )
    website = models.URLField(_("website"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("purpose"),
        FieldPanel("data_shared"),
        FieldPanel("server_location"),
        FieldPanel("transfer_safeguard"),
        FieldPanel("website"),
        FieldPanel("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("processor")
        verbose_name_plural = _("processors")
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class LegalPage(Page):
    """A generic legal text (terms, imprint): sections and the operator details."""

    body = StreamField(LegalStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("body")]
    api_fields = [APIField("body"), APIField("last_published_at")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "legal/policy/legal_page.html"

    class Meta:
        verbose_name = _("legal page")


class PrivacyPolicyPage(RoutablePageMixin, Page):
    """The privacy policy at /<lang>/privacy/, with its version archive and comparisons."""

    last_updated = models.DateField(
        _("last updated"),
        null=True,
        blank=True,
        help_text=_(
            "Set when a change to the text is published. Change it only to correct the date; "
            "a date you type here is kept."
        ),
    )
    minor_change = models.BooleanField(
        _("minor change (keep the date)"),
        default=False,
        help_text=_(
            "Tick for a typo or wording fix: the 'Last updated' date stays as it is and "
            "signed-in shoppers are not told about a change."
        ),
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    body = StreamField(PolicyStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("last_updated"), FieldPanel("minor_change")],
            heading=_("Last updated"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    api_fields = [
        APIField("last_updated"),
        APIField("intro"),
        APIField("body"),
        APIField("published_versions"),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "legal/policy/privacy_policy_page.html"

    class Meta:
        verbose_name = _("privacy policy")

    @property
    def published_versions(self) -> list[dict]:
        """Every published version (id, date, URL), newest first; for the page API."""
        return [version.as_dict() for version in published_versions(self)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["fallback_language"] = getattr(request, "policy_fallback_language", None)
        return context

    @path("")
    def current(self, request):
        return self.render(request, context_overrides={"versions": published_versions(self)})

    @path("versions/")
    def versions(self, request):
        versions = published_versions(self)
        return self.render(
            request,
            template="legal/policy/versions.html",
            context_overrides={
                "versions": versions,
                "version_rows": list(
                    zip(versions, [*versions[1:], None][: len(versions)], strict=True)
                ),
            },
        )

    @path("versions/<int:revision_id>/")
    def version(self, request, revision_id: int):
        version = find_version(self, revision_id)
        if version is None:
            raise Http404
        old_page = version.as_page()
        context = old_page.get_context(request)
        context.update({"page": old_page, "self": old_page, "version": version, "live_page": self})
        return TemplateResponse(request, "legal/policy/privacy_policy_page.html", context)

    @path("versions/<int:old_id>/compare/<int:new_id>/")
    def compare(self, request, old_id: int, new_id: int):
        old, new = find_version(self, old_id), find_version(self, new_id)
        if old is None or new is None:
            raise Http404
        return self.render(
            request,
            template="legal/policy/compare.html",
            context_overrides={
                "old": old,
                "new": new,
                "rows": compare_versions(old, new, request),
                "same": old.revision_id == new.revision_id,
            },
        )
