from django import template

from nuanxin.core.money import format_yuan

register = template.Library()


@register.filter
def yuan(fen) -> str:
    """12345 → '¥123.45', 123456 → '¥1,234.56': every amount on every page looks the same."""
    return format_yuan(fen)


@register.filter
def signed_yuan(fen) -> str:
    """+¥9.00 / -¥9.00 for movements in a statement."""
    return format_yuan(fen, sign=True)
