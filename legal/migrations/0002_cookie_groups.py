"""The cookie groups every installation needs: essential (required) and analytics (ph_*)."""

from django.db import migrations


def create_groups(apps, schema_editor):
    from legal.consent import COOKIE_GROUPS, GROUP_TEXT

    CookieGroup = apps.get_model("cookie_consent", "CookieGroup")
    Cookie = apps.get_model("cookie_consent", "Cookie")
    for varname, spec in COOKIE_GROUPS.items():
        name, description = GROUP_TEXT[varname]
        group, _created = CookieGroup.objects.get_or_create(
            varname=varname,
            defaults={
                "name": str(name),
                "description": str(description),
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
