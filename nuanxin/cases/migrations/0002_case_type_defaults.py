from django.db import migrations

# type: (team, first response hours, resolve hours); staff change them in the admin.
DEFAULTS = {
    "emergency": ("rescue", 2, 72),
    "rights": ("legal", 24, 30 * 24),
    "legal_aid": ("legal", 24, 30 * 24),
    "health": ("hospital", 24, 7 * 24),
    "job_seeking": ("advisor", 24, 14 * 24),
    "policy": ("advisor", 24, 7 * 24),
    "hardship": ("advisor", 24, 14 * 24),
    "startup": ("advisor", 48, 30 * 24),
}


def seed(apps, schema_editor):
    Config = apps.get_model("cases", "CaseTypeConfig")
    for case_type, (team, first, resolve) in DEFAULTS.items():
        Config.objects.get_or_create(type=case_type, defaults={
            "team": team, "first_response_hours": first, "resolve_hours": resolve})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
