"""P05/P10/H29: the visitor's IP decides country and language, and is written nowhere."""

import json
import logging

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from legal.models import ConsentRecord

from .fake_posthog import RecordingPostHog

KEY = "phc_testkey"


def database_text() -> str:
    """Every row of every table as text, with session data decoded."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            chunks.extend(repr(row) for row in cursor.fetchall())
    chunks.extend(json.dumps(session.get_decoded()) for session in Session.objects.all())
    return "\n".join(chunks)


def ip_forms(ip: str) -> list[str]:
    forms = [ip]
    if ":" not in ip:
        forms.append(ip.replace(".", "-"))
        forms.append(".".join(reversed(ip.split("."))))
    return forms


@pytest.mark.promise("P05")
@pytest.mark.promise("P10")
@pytest.mark.hardening("H29")
@pytest.mark.parametrize(
    ("ip", "language"),
    [("95.56.187.203", "ru"), ("2a03:5a00:0:1::77", "ru"), ("::ffff:178.124.77.91", "ru")],
)
def test_distinctive_ip_is_used_but_never_written(
    client, settings, cookie_groups, shop_funnel, caplog, capsys, ip, language
):
    caplog.set_level(logging.DEBUG)
    settings.POSTHOG_KEY = KEY
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    headers = {"REMOTE_ADDR": ip, "HTTP_ACCEPT_LANGUAGE": "de-DE"}
    with RecordingPostHog() as fake:
        settings.POSTHOG_HOST = fake.url
        client.cookies[f"ph_{KEY}_posthog"] = json.dumps({"distinct_id": "visitor-1"})

        # The IP is used: the country (KZ/RU/BY) picks Russian and the non-EU default.
        response = client.get("/", **headers)
        assert response["Location"] == f"/{language}/"
        html = client.get(f"/{language}/", **headers).content.decode()
        assert 'class="consent-notice"' in html
        client.get(f"/{language}/cookies/", **headers)
        client.get(f"/{language}/no-such-page/", **headers)
        client.post(f"/{language}/cookies/", {"action": "reject_all"}, **headers)
        client.post(f"/{language}/cookies/", {"action": "accept_all"}, **headers)
        # posthog-js sets its cookie again once the visitor accepted.
        client.cookies[f"ph_{KEY}_posthog"] = json.dumps({"distinct_id": "visitor-1"})
        # The real shop: basket, checkout (an inquiry is stored) and the WhatsApp button.
        shop_funnel(client, language, **headers)
        events = fake.wait_for_events(3)
    assert len(events) == 3
    assert ConsentRecord.objects.count() == 2

    haystacks = {
        "database": database_text(),
        "logs": caplog.text + "\n".join(repr(record.__dict__) for record in caplog.records),
        "console": "".join(capsys.readouterr()),
        "analytics": b"".join(fake.raw).decode("utf-8", "replace"),
    }
    for where, text in haystacks.items():
        for form in ip_forms(ip) + ip_forms(ip.removeprefix("::ffff:")):
            assert form not in text, f"{form} found in {where}"
