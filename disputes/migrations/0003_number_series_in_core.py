"""Dispute numbers move onto the kernel's sequences (core.numbering): each year's counter is copied
as scope "disputes" before the old table goes."""

from django.db import migrations


def copy_counters(apps, schema_editor):
    db = schema_editor.connection.alias  # the owner when migrating with --database owner
    old = apps.get_model("disputes", "DisputeNumberCounter")
    new = apps.get_model("core", "NumberSequence")
    new.objects.using(db).bulk_create(
        [
            new(scope="disputes", year=row.year, series="", last_value=row.last_value)
            for row in old.objects.using(db).all()
        ]
    )


def copy_back(apps, schema_editor):
    db = schema_editor.connection.alias  # the owner when migrating with --database owner
    old = apps.get_model("disputes", "DisputeNumberCounter")
    new = apps.get_model("core", "NumberSequence")
    old.objects.using(db).bulk_create(
        [
            old(year=row.year, last_value=row.last_value)
            for row in new.objects.using(db).filter(scope="disputes")
        ]
    )
    new.objects.using(db).filter(scope="disputes").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_number_sequence"),
        ("disputes", "0002_party_is_a_recorded_model"),
    ]

    operations = [
        migrations.RunPython(copy_counters, copy_back),
        migrations.DeleteModel(name="DisputeNumberCounter"),
    ]
