from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page, Site
from wagtail.search import index

from cms.memo import RememberedSettingMixin
from home.routing import OneQueryRouteMixin
from storefront.addresses.phones import validate_phone, whatsapp_digits


class FeaturedLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.CharBlock(max_length=200, required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"
        template = "home/blocks/featured_link.html"


class HomePage(OneQueryRouteMixin, Page):
    """The shop's front page: a hero, an introduction and what the shop sells."""

    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.CharField(_("hero text"), max_length=300, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    featured_links = StreamField(
        [("link", FeaturedLinkBlock())], blank=True, verbose_name=_("featured links")
    )

    # What the shop sells, chosen by the editor: shown as product cards and category links.
    featured = StreamField(
        [
            (
                "product",
                blocks.PageChooserBlock(page_type="catalogue.ProductPage", label=_("Product")),
            ),
            (
                "category",
                blocks.PageChooserBlock(page_type="catalogue.CategoryPage", label=_("Category")),
            ),
        ],
        blank=True,
        verbose_name=_("featured products and categories"),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("intro"),
        FieldPanel("featured"),
        FieldPanel("featured_links"),
    ]

    max_count_per_parent = 1
    api_fields = [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("intro"),
        APIField("featured"),
        APIField("featured_links"),
    ]

    class Meta:
        verbose_name = _("home page")

    def featured_choice(self):
        """The editor's choice; a translation without one of its own shows the source's."""
        if self.featured or self.locale.language_code == settings.LANGUAGE_CODE:
            return self.featured
        source = HomePage.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        return source.featured if source is not None else self.featured

    def get_context(self, request, *args, **kwargs):
        from storefront.catalogue.featured import featured_context

        context = super().get_context(request, *args, **kwargs)
        context.update(featured_context(request, self.featured_choice()))
        return context


@register_setting(icon="site")
class OperatorSettings(RememberedSettingMixin, BaseSiteSetting):
    """Who runs the shop (P01): one place that the footer, policy and contact spots read."""

    trading_name = models.CharField(_("trading name"), max_length=120, default="Nera")
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    bin = models.CharField(
        _("BIN"), max_length=12, blank=True, help_text=_("Business identification number")
    )
    legal_address = models.CharField(_("legal address"), max_length=300, blank=True)
    shop_address = models.CharField(_("shop address"), max_length=300, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    whatsapp_number = models.CharField(
        _("WhatsApp number"),
        max_length=32,
        blank=True,
        help_text=_("International format, e.g. +7 707 000 0000; checkout opens a chat with it."),
    )
    hosting_provider = models.CharField(_("hosting provider"), max_length=200, blank=True)
    low_stock_threshold = models.PositiveIntegerField(
        _("low stock threshold"),
        default=3,
        help_text=_(
            "The admin home lists products and variants with this many pieces or fewer left."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("trading_name"), FieldPanel("legal_name"), FieldPanel("bin")],
            heading=_("Company"),
        ),
        MultiFieldPanel(
            [FieldPanel("legal_address"), FieldPanel("shop_address")], heading=_("Addresses")
        ),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("whatsapp_number")],
            heading=_("Contact"),
        ),
        FieldPanel("hosting_provider"),
        FieldPanel("low_stock_threshold"),
    ]

    class Meta:
        verbose_name = _("operator details")

    def clean(self):
        """The WhatsApp number is read by the same parser as the shoppers' phones."""
        super().clean()
        if self.whatsapp_number:
            try:
                validate_phone(self.whatsapp_number)
            except ValidationError as exc:
                raise ValidationError({"whatsapp_number": exc}) from None

    @property
    def whatsapp_digits(self) -> str:
        """The number as wa.me wants it: E.164 without the plus; "" when it is not a number."""
        return whatsapp_digits(self.whatsapp_number)


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"


class QuestionsBlock(blocks.StructBlock):
    """Questions and answers shown as a list of expandable items."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120, required=False)
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template = "home/blocks/questions.html"


class WhatsAppButtonBlock(blocks.StructBlock):
    """A button that opens a chat with the shop; the number is the operator's (one place)."""

    label = blocks.CharBlock(
        label=_("button text"), max_length=80, default="Write to us on WhatsApp"
    )
    message = blocks.CharBlock(
        label=_("first message"),
        max_length=300,
        required=False,
        help_text=_("Typed into the chat for the shopper, who can change it before sending."),
    )

    class Meta:
        icon = "mail"
        label = _("WhatsApp button")
        template = "home/blocks/whatsapp_button.html"

    def get_context(self, value, parent_context=None):
        from storefront.checkout.whatsapp import whatsapp_url

        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        digits = OperatorSettings.for_request(request).whatsapp_digits if request else ""
        if not digits:
            site = Site.objects.filter(is_default_site=True).first()
            digits = OperatorSettings.for_site(site).whatsapp_digits if site else ""
        context["whatsapp_url"] = whatsapp_url(digits, value["message"] or "") if digits else ""
        return context


class ContentStreamBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(
        label=_("text"), features=["h2", "h3", "bold", "italic", "link", "ol", "ul"]
    )
    image = ImageBlock(label=_("image"))
    questions = QuestionsBlock()
    whatsapp = WhatsAppButtonBlock()


class ContentPage(Page):
    """A page of the shop besides products: about, delivery and payment, returns, contacts."""

    intro = models.CharField(_("introduction"), max_length=300, blank=True)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    template = "home/content_page.html"

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


@register_setting(icon="list-ul")
class NavigationSettings(BaseSiteSetting):
    """The header and footer links, in the order editors arrange them.

    Editors choose the pages once (in any language); every language shows that page's
    translation with its translated title, and leaves out pages not published in that language.
    """

    header_links = StreamField(
        [("page", blocks.PageChooserBlock(label=_("page")))],
        blank=True,
        verbose_name=_("header links"),
    )
    footer_links = StreamField(
        [("page", blocks.PageChooserBlock(label=_("page")))],
        blank=True,
        verbose_name=_("footer links"),
    )

    panels = [FieldPanel("header_links"), FieldPanel("footer_links")]

    class Meta:
        verbose_name = _("navigation")
