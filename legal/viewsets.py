"""Consent records in the Wagtail admin, read-only: what a shop shows an auditor (H24)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from legal.antispam.models import SpamRecord
from legal.models import ConsentRecord


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Staff with the view permission may look; nobody adds, edits or deletes a record here."""

    def user_has_permission(self, user, action):
        if action != "view":
            return False
        return super().user_has_permission(user, action)


class ConsentRecordViewSet(ModelViewSet):
    model = ConsentRecord
    icon = "tick-inverse"
    menu_label = _("Consent records")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["created_at", "consent_id", "action", "is_eu"]
    list_filter = ["action", "is_eu"]
    inspect_view_fields = [
        "consent_id",
        "action",
        "accepted",
        "declined",
        "group_versions",
        "is_eu",
        "created_at",
    ]
    form_fields = []


consent_record_viewset = ConsentRecordViewSet("consent_records")


class SpamRecordViewSet(ModelViewSet):
    """What the anti-spam checks caught (P11); read-only, kept 1 year (P22)."""

    model = SpamRecord
    icon = "warning"
    menu_label = _("Anti-spam records")
    add_to_settings_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["created_at", "form", "reason", "email", "ip"]
    list_filter = ["form", "reason"]
    search_fields = ["email"]
    inspect_view_fields = ["created_at", "form", "reason", "email", "ip", "user_agent"]
    form_fields = []


spam_record_viewset = SpamRecordViewSet("spam_records")
