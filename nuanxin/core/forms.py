"""Form helpers: errors linked to their fields for screen readers, without JavaScript."""

from django import forms

from nuanxin.core.validators import check_sane_year


class AccessibleForm(forms.Form):
    """Marks invalid fields aria-invalid and points aria-describedby at the hint and the error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._mark_fields()

    def add_error(self, field, error):
        super().add_error(field, error)
        self._mark_fields()

    def _mark_fields(self):
        errors = self._errors or {}
        for name, field in self.fields.items():
            bound = self[name]
            ids = [f"{bound.auto_id}-hint"] if field.help_text else []
            if name in errors:
                field.widget.attrs["aria-invalid"] = "true"
                ids.append(f"{bound.auto_id}-error")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


class DayField(forms.DateField):
    """A date between 1900 and 2100 (9999-12-31 is a clear error, not an overflow)."""

    default_validators = [check_sane_year]


class MomentField(forms.DateTimeField):
    default_validators = [check_sane_year]
