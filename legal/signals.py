"""The legal app's signal receivers, connected once from LegalConfig.ready()."""

from wagtail.signals import page_published, page_unpublished

from legal.policy.dates import stamp_last_updated
from legal.policy.models import PrivacyPolicyPage
from legal.policy.services import forget_policy_urls

# The "Last updated" date is decided at publication; footer links are cached per language.
page_published.connect(
    stamp_last_updated, sender=PrivacyPolicyPage, dispatch_uid="legal_policy_stamp_last_updated"
)
page_published.connect(
    forget_policy_urls, sender=PrivacyPolicyPage, dispatch_uid="legal_policy_urls_on_publish"
)
page_unpublished.connect(
    forget_policy_urls, sender=PrivacyPolicyPage, dispatch_uid="legal_policy_urls_on_unpublish"
)
