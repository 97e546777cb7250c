import uuid

import factory

from legal.models import ConsentAction, ConsentRecord


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    consent_id = factory.LazyFunction(uuid.uuid4)
    action = ConsentAction.ACCEPT_ALL
    accepted = factory.LazyFunction(lambda: ["analytics"])
    declined = factory.LazyFunction(list)
    group_versions = factory.LazyFunction(lambda: {"analytics": "2026-01-01T00:00:00+00:00"})
    is_eu = True
