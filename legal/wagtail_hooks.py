from wagtail import hooks
from wagtail.permissions import register_permission_policy

from legal.antispam.models import SpamRecord
from legal.models import ConsentRecord
from legal.viewsets import ReadOnlyPermissionPolicy, consent_record_viewset, spam_record_viewset

register_permission_policy(ConsentRecord, ReadOnlyPermissionPolicy(ConsentRecord))


@hooks.register("register_admin_viewset")
def register_consent_records():
    return consent_record_viewset


register_permission_policy(SpamRecord, ReadOnlyPermissionPolicy(SpamRecord))


@hooks.register("register_admin_viewset")
def register_spam_records():
    return spam_record_viewset


# Rights requests received by email (P29): the admin screens and the dashboard panel.
from legal.rights.viewsets import RightsRequestsPanel, rights_request_viewset  # noqa: E402


@hooks.register("register_admin_viewset")
def register_rights_requests():
    return rights_request_viewset


@hooks.register("construct_homepage_panels")
def add_rights_requests_panel(request, panels):
    # Staff without the permission see none of it (H08).
    if request.user.has_perm("legal.view_rightsrequest"):
        panels.append(RightsRequestsPanel())


@hooks.register("register_permissions")
def register_rights_request_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="legal",
        codename__in=["export_personal_data", "erase_personal_data"],
    )


# The privacy policy's processors (Snippets → Processors).
from wagtail.snippets.models import register_snippet  # noqa: E402

from legal.policy.viewsets import processor_viewset  # noqa: E402

register_snippet(processor_viewset)
