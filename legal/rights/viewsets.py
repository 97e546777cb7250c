"""Staff screens for rights requests received by email (P29), registered in wagtail_hooks.py.

The request's inspect screen offers "Prepare export" (a JSON download to send to the person) and
"Erase" (a dry-run preview of what goes and what stays, then the erasure). Each action is
written to the request's audit trail: who, what, when, and counts only.
"""

from __future__ import annotations

import json

from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import CreateView, EditView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button

from legal.rights.models import AuditAction, RightsRequest, RightsRequestEvent
from legal.rights.services import erase_person, export_person, person_for_email

EXPORT_PERMISSION = "legal.export_personal_data"
ERASE_PERMISSION = "legal.erase_personal_data"


def record_event(request_obj: RightsRequest, user, action: str, counts=None) -> None:
    RightsRequestEvent.objects.create(
        request=request_obj, actor=user, action=action, counts=counts or {}
    )


class RightsRequestCreateView(CreateView):
    def save_instance(self):
        instance = super().save_instance()
        record_event(instance, self.request.user, AuditAction.RECORDED)
        return instance


class RightsRequestEditView(EditView):
    def save_instance(self):
        instance = super().save_instance()
        record_event(instance, self.request.user, AuditAction.CHANGED)
        return instance


def _action_buttons(obj: RightsRequest, user) -> list[Button]:
    buttons = []
    if user.has_perm(EXPORT_PERMISSION):
        buttons.append(
            Button(
                _("Prepare export"),
                url=reverse("rights_request:prepare_export", args=[quote(obj.pk)]),
                icon_name="download",
                priority=40,
            )
        )
    if user.has_perm(ERASE_PERMISSION):
        buttons.append(
            Button(
                _("Erase"),
                url=reverse("rights_request:erase", args=[quote(obj.pk)]),
                icon_name="bin",
                priority=50,
            )
        )
    return buttons


class RightsRequestInspectView(InspectView):
    template_name = "legal/admin/rights_request_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["events"] = self.object.events.select_related("actor")
        return context

    @property
    def header_more_buttons(self):
        return list(super().header_more_buttons) + _action_buttons(self.object, self.request.user)


class RightsRequestActionMixin:
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.rights_request = get_object_or_404(RightsRequest, pk=unquote(str(kwargs["pk"])))
        self.person = person_for_email(self.rights_request.requester_email)
        return super().dispatch(request, *args, **kwargs)

    def inspect_url(self) -> str:
        return reverse("rights_request:inspect", args=[quote(self.rights_request.pk)])


class PrepareExportView(RightsRequestActionMixin, TemplateView):
    """The person's data as the JSON file of P27, for staff to send to the requester (P24)."""

    permission = EXPORT_PERMISSION

    def get(self, request, *args, **kwargs):
        document = export_person(self.person)
        counts = {key: len(section["records"]) for key, section in document["sections"].items()}
        record_event(self.rights_request, request.user, AuditAction.EXPORT_PREPARED, counts)
        body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        filename = f"personal-data-{str(self.rights_request.public_id)[:8]}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "no-store"
        return response


class EraseView(RightsRequestActionMixin, WagtailAdminTemplateMixin, TemplateView):
    """GET previews the erasure (a dry run), POST erases (P26); both go to the audit trail."""

    permission = ERASE_PERMISSION
    template_name = "legal/admin/rights_request_erase.html"
    page_title = _("Erase a person's data")

    def get_page_subtitle(self):
        return str(self.rights_request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        preview = erase_person(self.person, dry_run=True)
        record_event(
            self.rights_request, self.request.user, AuditAction.ERASURE_PREVIEWED, preview.counts()
        )
        context.update(
            rights_request=self.rights_request,
            preview=preview,
            back_url=self.inspect_url(),
        )
        return context

    def post(self, request, *args, **kwargs):
        report = erase_person(self.person)
        record_event(self.rights_request, request.user, AuditAction.ERASED, report.counts())
        messages.success(
            request,
            _("Erased: %(removed)d items removed, %(retained)d kept by law.")
            % {"removed": report.removed, "retained": report.retained},
        )
        return redirect(self.inspect_url())


class RightsRequestViewSet(ModelViewSet):
    model = RightsRequest
    icon = "user"
    menu_label = _("Rights requests")
    menu_order = 260
    url_prefix = "legal/rights-requests"
    url_namespace = "rights_request"
    add_view_class = RightsRequestCreateView
    edit_view_class = RightsRequestEditView
    inspect_view_class = RightsRequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["requester_email", "kind", "received_on", "status", "notes"]
    list_display = [
        "requester_email",
        "kind",
        "status",
        DateColumn("received_on", label=_("Received")),
        DateColumn("due_on", label=_("Due")),
        Column("is_overdue", label=_("Overdue")),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["requester_email"]
    search_backend_name = None
    inspect_view_fields = [
        "requester_email",
        "kind",
        "status",
        "received_on",
        "due_on",
        "closed_at",
        "notes",
    ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["delete_url_name"] = None
        return view_kwargs

    def get_urlpatterns(self):
        # Requests are proof of the answer (kept 3 years after closing): no delete screen.
        urls = [url for url in super().get_urlpatterns() if url.name != "delete"]
        return urls + [
            path("export/<str:pk>/", PrepareExportView.as_view(), name="prepare_export"),
            path("erase/<str:pk>/", EraseView.as_view(), name="erase"),
        ]


rights_request_viewset = RightsRequestViewSet("rights_requests")


class RightsRequestsPanel(Component):
    """The Wagtail dashboard's list of overdue and due-within-7-days requests (P29)."""

    name = "rights_requests"
    template_name = "legal/admin/rights_requests_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["overdue"] = list(RightsRequest.objects.overdue())
        context["due_soon"] = list(RightsRequest.objects.due_soon())
        return context
