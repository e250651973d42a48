from django.db import migrations

ROLES = ["worker", "employer", "advisor", "station_manager", "hospital", "teacher", "organiser",
         "rescue", "legal", "official", "admin"]


def add_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        Group.objects.get_or_create(name=role)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]
