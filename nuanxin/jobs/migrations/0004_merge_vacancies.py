"""Joins part A's migrations (the vacancies' search index, the 2022 classification) with the
fairs' seed and the plain-English labels. Nothing to do."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("jobs", "0003_merge_labels_and_policies"),
        ("jobs", "0003_vacancies_occupations_2022"),
    ]

    operations = []
