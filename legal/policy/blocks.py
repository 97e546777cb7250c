"""The policy's StreamField blocks: prose sections, and live blocks whose facts come from code.

A live block holds no facts of its own; it reads them from `legal.policy.facts` each time it is
rendered (HTML) or serialised (page API), so an editor places it and the system fills it in.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Site

from legal.policy import facts


def _site(context) -> Site | None:
    request = (context or {}).get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.RichTextBlock(
        label=_("Text"),
        required=False,
        features=["bold", "italic", "link", "ol", "ul", "h3"],
    )

    class Meta:
        icon = "title"
        label = _("Section")
        template = "legal/policy/blocks/section.html"


class LiveBlockMixin:
    """Adds `rows` from the live configuration to the template context and the API value."""

    def rows(self, value, context=None):  # pragma: no cover - each block defines it
        raise NotImplementedError

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["rows"] = self.rows(value, parent_context)
        return context

    def get_api_representation(self, value, context=None):
        return {"rows": self.rows(value, context)}


class OperatorDetailsBlock(LiveBlockMixin, blocks.StaticBlock):
    """All eight operator details from the CMS setting (P01), and who the controller is (P35)."""

    def rows(self, value, context=None):
        return facts.operator_rows(_site(context))

    class Meta:
        icon = "site"
        label = _("Operator details (live)")
        admin_text = _("Shows the operator details from Settings → Operator details.")
        template = "legal/policy/blocks/operator_details.html"


class DataCollectedBlock(LiveBlockMixin, blocks.StructBlock):
    """The fields of one of the shop's forms, read from the form itself (P02, P03)."""

    form = blocks.ChoiceBlock(
        label=_("Form"),
        choices=[(key, source.label) for key, source in facts.FORMS.items()],
    )

    def rows(self, value, context=None):
        return facts.form_field_rows(value["form"])

    def get_api_representation(self, value, context=None):
        return {"form": value["form"], "rows": self.rows(value, context)}

    class Meta:
        icon = "form"
        label = _("Data collected by a form (live)")
        template = "legal/policy/blocks/data_collected.html"


class PurposeBlock(blocks.StructBlock):
    purpose = blocks.CharBlock(label=_("Purpose"), max_length=300)
    data = blocks.CharBlock(label=_("Data used"), max_length=300)
    legal_basis = blocks.CharBlock(label=_("Legal basis"), max_length=300)


class PurposesBlock(blocks.StructBlock):
    """Purposes and legal bases (§3): written by the editor, one row per purpose."""

    purposes = blocks.ListBlock(PurposeBlock(), label=_("Purposes"))

    class Meta:
        icon = "list-ul"
        label = _("Purposes and legal bases")
        template = "legal/policy/blocks/purposes.html"


class CookieTableBlock(LiveBlockMixin, blocks.StaticBlock):
    """Every cookie and storage key from the cookie-consent groups (P14, P34)."""

    def rows(self, value, context=None):
        return facts.cookie_rows()

    class Meta:
        icon = "table"
        label = _("Cookies and browser storage (live)")
        admin_text = _("Shows the cookies of the cookie groups (Settings → Cookie consent).")
        template = "legal/policy/blocks/cookies.html"


class RetentionTableBlock(LiveBlockMixin, blocks.StaticBlock):
    """The retention rules of the personal-data registry and the declared ones (P19-P23, P33)."""

    def rows(self, value, context=None):
        return facts.retention_rows()

    class Meta:
        icon = "time"
        label = _("Retention periods (live)")
        admin_text = _("Shows the retention rules the shop's code enforces, and PostHog's.")
        template = "legal/policy/blocks/retention.html"


class ProcessorsBlock(LiveBlockMixin, blocks.StaticBlock):
    """The processor snippets, their server locations and transfer safeguards (P18, P35)."""

    def rows(self, value, context=None):
        return facts.processor_rows()

    class Meta:
        icon = "group"
        label = _("Processors (live)")
        admin_text = _("Shows the processors from Snippets → Processors.")
        template = "legal/policy/blocks/processors.html"


class RightsBlock(LiveBlockMixin, blocks.StaticBlock):
    """The rights, where to use them, the contact address and the answer time (P24-P29, P35)."""

    def rows(self, value, context=None):
        return facts.rights_facts(_site(context))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context.update(context["rows"])
        return context

    def get_api_representation(self, value, context=None):
        return self.rows(value, context)

    class Meta:
        icon = "user"
        label = _("Your rights (live)")
        admin_text = _("Shows the rights, the links to use them and the contact address.")
        template = "legal/policy/blocks/rights.html"


class PolicyStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        icon="pilcrow",
        template="legal/policy/blocks/paragraph.html",
    )
    operator_details = OperatorDetailsBlock()
    data_collected = DataCollectedBlock()
    purposes = PurposesBlock()
    cookies = CookieTableBlock()
    retention = RetentionTableBlock()
    processors = ProcessorsBlock()
    rights = RightsBlock()


class LegalStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), icon="pilcrow", template="legal/policy/blocks/paragraph.html"
    )
    operator_details = OperatorDetailsBlock()
