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
