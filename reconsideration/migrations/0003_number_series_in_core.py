"""The case and document number series move onto the kernel's sequences (core.numbering): each
counter is copied as scope "reconsideration:<body id>", series = its kind, before the old table goes."""

from django.db import migrations


def copy_counters(apps, schema_editor):
    db = schema_editor.connection.alias  # the owner when migrating with --database owner
    old = apps.get_model("reconsideration", "CaseNumberSequence")
    new = apps.get_model("core", "NumberSequence")
    new.objects.using(db).bulk_create(
        [
            new(
                scope=f"reconsideration:{row.body_id}",
                year=row.year,
                series=row.kind,
                last_value=row.last_value,
            )
            for row in old.objects.using(db).all()
        ]
    )


def copy_back(apps, schema_editor):
    db = schema_editor.connection.alias  # the owner when migrating with --database owner
    old = apps.get_model("reconsideration", "CaseNumberSequence")
    new = apps.get_model("core", "NumberSequence")
    old.objects.using(db).bulk_create(
        [
            old(
                body_id=int(row.scope.split(":", 1)[1]),
                year=row.year,
                kind=row.series,
                last_value=row.last_value,
            )
            for row in new.objects.using(db).filter(scope__startswith="reconsideration:")
        ]
    )
    new.objects.using(db).filter(scope__startswith="reconsideration:").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_number_sequence"),
        ("reconsideration", "0002_recorded_model_in_core"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_back),
        migrations.DeleteModel(name="CaseNumberSequence"),
    ]
