"""The wallet's history in words: one whole sentence per line, with named placeholders, so that
each reads naturally once translated ("为《快递分拣》托管 3 人工资 ¥540.00")."""

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from nuanxin.core.money import format_yuan
from nuanxin.wages.selectors import HistoryLine

# Ledger transaction kinds, for movements no subject describes and for the statements.
KIND_LABELS = {
    "deposit": gettext_lazy("deposit"), "escrow_hold": gettext_lazy("held for a gig"),
    "escrow_settle": gettext_lazy("wage / settlement"), "payout": gettext_lazy("payout"),
    "payout_sent": gettext_lazy("payout sent"), "wage": gettext_lazy("wage"),
    "charity_donation": gettext_lazy("donation to the charity fund"),
    "charity_grant": gettext_lazy("charity aid from the charity fund"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def _held(line: HistoryLine, data) -> str:
    values = {"title": data(line.title), "people": line.people, "amount": format_yuan(line.amount_fen)}
    if line.people:
        return ngettext("Held the wages of %(people)d person for “%(title)s”: %(amount)s",
                        "Held the wages of %(people)d people for “%(title)s”: %(amount)s", line.people) % values
    return _("Held wages for “%(title)s”: %(amount)s") % values


def _settled(line: HistoryLine, data) -> str:
    values = {"title": data(line.title), "paid": format_yuan(line.paid_fen), "returned": format_yuan(line.returned_fen)}
    if line.paid_fen and line.returned_fen:
        return _("“%(title)s”: %(paid)s paid to workers, %(returned)s returned to you") % values
    if line.paid_fen:
        return _("“%(title)s”: %(paid)s paid to workers") % values
    return _("“%(title)s”: %(returned)s returned to you") % values


def history_text(line: HistoryLine, data=str) -> str:
    """The sentence for a line. `data` wraps what people named (a gig's title, an account):
    plain for the API, marked not-to-translate on pages (see history_html)."""
    if line.what == "held":
        return _held(line, data)
    if line.what == "settled":
        return _settled(line, data)
    if line.what == "pay":
        return _("Pay for “%(title)s”") % {"title": data(line.title)}
    if line.what == "payout":
        return _("Taken out to %(account)s") % {"account": data(line.title)}
    if line.what == "grant":
        if line.title:
            return _("Charity aid from the charity fund: %(what)s") % {"what": data(line.title)}
        return _("Charity aid from the charity fund")
    if line.what == "deposit":
        return _("Deposit arrived (transfer reference %(reference)s)") % {"reference": data(line.title)}
    if line.title:
        return _("%(what)s: %(about)s") % {"what": kind_label(line.kind), "about": data(line.title)}
    return kind_label(line.kind)


def _marked(value) -> str:
    return format_html('<span translate="no">{}</span>', value)


def history_html(line: HistoryLine) -> str:
    """The sentence for a page: the names inside are escaped and marked as data; the sentence
    around them is our own translation, so the whole is safe to show."""
    return mark_safe(history_text(line, data=_marked))  # noqa: S308 - parts escaped by format_html


def history_note(line: HistoryLine) -> str:
    if line.what == "held" and line.still_held_fen:
        return _("%(amount)s still held until the work is settled") % {"amount": format_yuan(line.still_held_fen)}
    return line.note


def history_out(line: HistoryLine, *, html: bool = False) -> dict:
    """A line as a page (html=True) or the API shows it: the sentence, a note, and the signed
    change to the caller's balance where the sentence does not already say the amounts."""
    return {"at": line.at, "text": history_html(line) if html else history_text(line), "note": history_note(line),
            "amount_fen": None if line.what in ("held", "settled") else line.amount_fen}
