"""The shopper's "Privacy and my data" area (P24-P28): download, delete, links to correct.

Thin views over legal.rights.services; every lookup goes through the signed-in user (H09).
"""

from __future__ import annotations

import json
import logging

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from legal.registry import entries
from legal.rights.forms import DeleteAccountForm
from legal.rights.services import erase_person, export_person, person_for_user
from storefront.accounts.decorators import reauthentication_required

logger = logging.getLogger(__name__)


@never_cache
@login_required
@require_GET
def account_privacy(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "legal/account_privacy.html",
        {"sections": [str(entry.description) for entry in entries()]},
    )


@never_cache
@login_required
@require_GET
@reauthentication_required
def account_export(request: HttpRequest) -> HttpResponse:
    """Everything held about the shopper as one JSON file (P24, P27); needs a recent password (H05)."""
    document = export_person(person_for_user(request.user))
    body = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"personal-data-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    """Delete the account after the password is entered again (P26, H05, H06, H31)."""
    user = request.user
    person = person_for_user(user)
    if user.is_staff or user.is_superuser:
        messages.error(request, _("Staff accounts are removed by an administrator."))
        return redirect("legal:account_privacy")
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        name = user.get_full_name()
        email = user.email
        erase_person(person)
        logout(request)
        _send_confirmation(email, name)
        request.session["account_deleted"] = True
        return redirect("legal:account_deleted")
    preview = erase_person(person, dry_run=True)
    return render(request, "legal/account_delete.html", {"form": form, "preview": preview})


@never_cache
@require_GET
def account_deleted(request: HttpRequest) -> HttpResponse:
    if not request.session.pop("account_deleted", False):
        return redirect("account_login")
    return render(request, "legal/account_deleted.html")


class _Recipient:
    """The deleted account's name and address, for the email's greeting only."""

    def __init__(self, email: str, name: str) -> None:
        self.email = email
        self.first_name = name.split(" ", 1)[0] if name else ""
        self._name = name

    def get_full_name(self) -> str:
        return self._name


def _send_confirmation(email: str, name: str) -> None:
    """Through the account adapter: a provider outage is logged and retried (H35)."""
    get_adapter().send_mail(
        "account/email/account_deleted", email, {"user": _Recipient(email, name)}
    )
