"""The account area at /<lang>/account/: our profile and address book, and allauth's views."""

from allauth.account import views as allauth_views
from django.urls import include, path

from storefront.accounts import views
from storefront.accounts.decorators import reauthentication_required

account_area = [
    path("", views.profile, name="profile"),
    path("addresses/", views.address_list, name="address_list"),
    path("addresses/new/", views.address_create, name="address_create"),
    path("addresses/<uuid:public_id>/", views.address_edit, name="address_edit"),
    path("addresses/<uuid:public_id>/delete/", views.address_delete, name="address_delete"),
    path("addresses/<uuid:public_id>/default/", views.address_make_default, name="address_default"),
]

urlpatterns = [
    path("account/", include((account_area, "accounts"))),
    # H05: the current password, typed at sign-in or at the prompt within the last minutes, is
    # asked for before the form (which then wants only the new one), as for the email change.
    # Same path and name, listed first so it wins.
    path(
        "account/password/change/",
        reauthentication_required(app="allauth.account")(allauth_views.password_change),
        name="account_change_password",
    ),
    # allauth's views keep their own names (account_login, account_signup, ...).
    path("account/", include("allauth.account.urls")),
]
