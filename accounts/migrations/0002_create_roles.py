from django.db import migrations


def create_roles(apps, schema_editor):
    from accounts.roles import sync_roles

    sync_roles(using=schema_editor.connection.alias, apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
