"""Ticket numbers per session (1, 2, 3…) instead of database ids, and the record of a lottery
registration closed early. Existing enrolments are numbered in the order they were made."""

from django.db import migrations, models


def number_existing(apps, schema_editor):
    Session = apps.get_model("bookings", "Session")
    Enrollment = apps.get_model("bookings", "Enrollment")
    for session_id in Session.objects.values_list("pk", flat=True).iterator():
        rows = list(Enrollment.objects.filter(session_id=session_id).order_by("pk").only("pk"))
        for n, e in enumerate(rows, 1):
            e.ticket = n
        Enrollment.objects.bulk_update(rows, ["ticket"], batch_size=500)
        Session.objects.filter(pk=session_id).update(tickets_issued=len(rows))


class Migration(migrations.Migration):

    dependencies = [
        ("bookings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="session",
            name="tickets_issued",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="session",
            name="planned_closes_at",
            field=models.DateTimeField(blank=True, editable=False, null=True,
                                       verbose_name="registration was to close at"),
        ),
        migrations.AddField(
            model_name="session",
            name="closed_early_reason",
            field=models.CharField(blank=True, editable=False, max_length=200,
                                   verbose_name="why registration closed early"),
        ),
        migrations.AddField(
            model_name="enrollment",
            name="ticket",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="ticket number"),
        ),
        migrations.RunPython(number_existing, migrations.RunPython.noop),
    ]
