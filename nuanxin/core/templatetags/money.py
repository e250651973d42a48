from django import template

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """3000 → '30', 3050 → '30.5', -900 → '-9': money in yuan, as people say it."""
    if fen is None:
        return ""
    return f"{fen / 100:.2f}".rstrip("0").rstrip(".")
