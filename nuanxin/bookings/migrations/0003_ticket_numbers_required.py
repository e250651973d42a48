"""Every enrolment has its ticket number (0002 numbered the old ones), unique per session.
A migration of its own: PostgreSQL does not alter a table it just updated rows of in the
same transaction while constraint triggers are pending."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("bookings", "0002_session_ticket_numbers"),
    ]

    operations = [
        migrations.AlterField(
            model_name="enrollment",
            name="ticket",
            field=models.PositiveIntegerField(editable=False, verbose_name="ticket number"),
        ),
        migrations.AddConstraint(
            model_name="enrollment",
            constraint=models.UniqueConstraint(fields=("session", "ticket"), name="one_ticket_number_per_session"),
        ),
    ]
