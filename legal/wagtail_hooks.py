from wagtail import hooks
from wagtail.permissions import register_permission_policy

from legal.models import ConsentRecord
from legal.viewsets import ReadOnlyPermissionPolicy, consent_record_viewset

register_permission_policy(ConsentRecord, ReadOnlyPermissionPolicy(ConsentRecord))


@hooks.register("register_admin_viewset")
def register_consent_records():
    return consent_record_viewset


# The privacy policy's processors (Snippets → Processors).
from wagtail.snippets.models import register_snippet  # noqa: E402

from legal.policy.viewsets import processor_viewset  # noqa: E402

register_snippet(processor_viewset)
