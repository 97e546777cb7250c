"""Admin for the policy's processors: a snippet viewset (Snippets → Processors)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from legal.policy.models import Processor


class ProcessorViewSet(SnippetViewSet):
    model = Processor
    icon = "group"
    menu_label = _("Processors")
    list_display = ["name", "purpose", "server_location", "transfer_safeguard"]
    ordering = ["sort_order", "pk"]


processor_viewset = ProcessorViewSet()
