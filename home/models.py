from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms.memo import RememberedSettingMixin
from home.routing import OneQueryRouteMixin


class FeaturedLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=80)
    text = blocks.CharBlock(max_length=200, required=False)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    class Meta:
        icon = "link"
        template = "home/blocks/featured_link.html"


class HomePage(OneQueryRouteMixin, Page):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.CharField(_("hero text"), max_length=300, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    featured_links = StreamField(
        [("link", FeaturedLinkBlock())], blank=True, verbose_name=_("featured links")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("intro"),
        FieldPanel("featured_links"),
    ]

    max_count_per_parent = 1
    api_fields = [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("intro"),
        APIField("featured_links"),
    ]

    class Meta:
        verbose_name = _("home page")


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
    ]

    class Meta:
        verbose_name = _("operator details")

    @property
    def whatsapp_digits(self) -> str:
        """The number as wa.me wants it: digits only, no plus sign."""
        return "".join(ch for ch in self.whatsapp_number if ch.isdigit())
