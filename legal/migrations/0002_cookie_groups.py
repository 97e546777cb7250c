"""The cookie groups every installation needs: essential (required) and analytics (ph_*).

The rows are frozen here as they were when this migration was written: a migration that imports
live code changes meaning when that code changes. Later changes to the groups are applied by
`legal.consent.ensure_cookie_groups` (run by `seed_demo`) or by a new migration.
"""

from django.db import migrations

GROUPS = {
    "essential": {
        "name": "Essential",
        "description": (
            "Needed for the shop to work: your session (basket and sign-in), protection against "
            "forged forms, your language and this cookie choice. They cannot be switched off."
        ),
        "is_required": True,
        "is_deletable": False,
        "ordering": 0,
        "cookies": [
            ("sessionid", "Session: basket and sign-in (2 weeks after the last visit)."),
            ("csrftoken", "Protection against forged form submissions."),
            ("nera_language", "The language you chose."),
            ("nera_consent", "Your cookie choice and its consent id (6 months)."),
            ("messages", "One-time notices such as 'You have signed in' (until shown)."),
        ],
    },
    "analytics": {
        "name": "Analytics",
        "description": (
            "PostHog (EU servers) counts anonymised page views and clicks so that we can improve "
            "the shop. It stores ph_* cookies and browser storage only while analytics is on."
        ),
        "is_required": False,
        "is_deletable": True,
        "ordering": 10,
        "cookies": [
            ("ph_*", "PostHog: anonymous visitor id and session (cookie and local storage)."),
        ],
    },
}


def create_groups(apps, schema_editor):
    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    for varname, spec in GROUPS.items():
        group, _created = CookieGroup.objects.get_or_create(
            varname=varname,
            defaults={
                "name": spec["name"],
                "description": spec["description"],
                "is_required": spec["is_required"],
                "is_deletable": spec["is_deletable"],
                "ordering": spec["ordering"],
            },
        )
        for cookie_name, cookie_description in spec["cookies"]:
            Cookie.objects.get_or_create(
                cookiegroup=group,
                name=cookie_name,
                domain="",
                defaults={"description": cookie_description},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_consent_records_and_analytics_settings"),
        ("cookie_consent", "0004_cookie_natural_key"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
