"""Gallery images and variants become translatable children (their text is translated).

Existing rows take the locale of their product and a fresh translation key each.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill_translation_fields(apps, schema_editor):
    for model_name in ("ProductImage", "ProductVariant"):
        model = apps.get_model("catalogue", model_name)
        for row in model.objects.select_related("product"):
            row.translation_key = uuid.uuid4()
            row.locale_id = row.product.locale_id
            row.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="productimage",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="productimage",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="productvariant",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="productvariant",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(fill_translation_fields, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="productimage",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="productimage",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="productvariant",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="productvariant",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="productimage",
            unique_together={("translation_key", "locale")},
        ),
        migrations.AlterUniqueTogether(
            name="productvariant",
            unique_together={("translation_key", "locale")},
        ),
    ]
