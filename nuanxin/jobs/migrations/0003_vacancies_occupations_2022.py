"""The occupational classification (职业分类大典 2022: 8 major, 79 medium, 450 minor groups and
1,639 occupations) from jobs/data/occupations_2022.json (its source in jobs/data/README.md).

Idempotent: entries are created or updated by code and parents set from the codes, so running
it on a database that has some of them changes only what differs. Unapplying leaves the rows
(vacancies and seekers may point at them)."""

from django.db import migrations


def load(apps, schema_editor):
    from nuanxin.jobs import occupations

    occupations.load_file(apps.get_model("jobs", "Occupation"))


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_vacancies_search_index")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
