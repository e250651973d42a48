from django.db import migrations

CODES = [
    "charging", "drinking_water", "wifi", "reading_corner", "first_aid_kit", "microwave",
    "restroom", "heating", "air_conditioning", "seating", "lockers",
]


def add_amenities(apps, schema_editor):
    Amenity = apps.get_model("places", "Amenity")
    for code in CODES:
        Amenity.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]
    operations = [migrations.RunPython(add_amenities, migrations.RunPython.noop)]
