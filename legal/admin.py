"""Consent records for an auditor: read-only in the Django admin (nobody edits a record)."""

from django.contrib import admin

from legal.models import ConsentRecord


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "consent_id", "action", "accepted", "declined", "is_eu")
    list_filter = ("action", "is_eu")
    search_fields = ("consent_id",)
    date_hierarchy = "created_at"
    readonly_fields = (
        "consent_id",
        "user",
        "action",
        "accepted",
        "declined",
        "group_versions",
        "is_eu",
        "created_at",
    )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
