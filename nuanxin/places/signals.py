"""Cache busting only: a saved or deleted place, or changed amenities, renews cached totals."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from nuanxin.places.models import Place
from nuanxin.places.selectors import places_changed


@receiver(post_save, sender=Place)
@receiver(post_delete, sender=Place)
def _place_saved(sender, **kwargs):
    places_changed()


@receiver(m2m_changed, sender=Place.amenities.through)
def _amenities_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        places_changed()
