"""The wallet's history in words: one whole sentence per line, with named placeholders, so that
each reads naturally once translated ("为《快递分拣》托管 3 人工资 ¥540.00")."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from nuanxin.core.money import format_yuan
from nuanxin.wages.selectors import HistoryLine

# Ledger transaction kinds, for movements no subject describes and for the statements.
KIND_LABELS = {
    "deposit": gettext_lazy("deposit"), "escrow_hold": gettext_lazy("held for a gig"),
    "escrow_settle": gettext_lazy("wage / settlement"), "payout": gettext_lazy("payout"),
    "payout_sent": gettext_lazy("payout sent"), "wage": gettext_lazy("wage"),
}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def _held(line: HistoryLine) -> str:
    values = {"title": line.title, "people": line.people, "amount": format_yuan(line.amount_fen)}
    if line.people:
        return ngettext("Held the wages of %(people)d person for 《%(title)s》: %(amount)s",
                        "Held the wages of %(people)d people for 《%(title)s》: %(amount)s", line.people) % values
    return _("Held wages for 《%(title)s》: %(amount)s") % values


def _settled(line: HistoryLine) -> str:
    values = {"title": line.title, "paid": format_yuan(line.paid_fen), "returned": format_yuan(line.returned_fen)}
    if line.paid_fen and line.returned_fen:
        return _("《%(title)s》: %(paid)s paid to workers, %(returned)s returned to you") % values
    if line.paid_fen:
        return _("《%(title)s》: %(paid)s paid to workers") % values
    return _("《%(title)s》: %(returned)s returned to you") % values


def history_text(line: HistoryLine) -> str:
    if line.what == "held":
        return _held(line)
    if line.what == "settled":
        return _settled(line)
    if line.what == "pay":
        return _("Pay for 《%(title)s》") % {"title": line.title}
    if line.what == "payout":
        return _("Taken out to %(account)s") % {"account": line.title}
    if line.what == "deposit":
        return _("Deposit arrived (transfer reference %(reference)s)") % {"reference": line.title}
    if line.title:
        return _("%(what)s: %(about)s") % {"what": kind_label(line.kind), "about": line.title}
    return kind_label(line.kind)


def history_note(line: HistoryLine) -> str:
    if line.what == "held" and line.still_held_fen:
        return _("%(amount)s still held until the work is settled") % {"amount": format_yuan(line.still_held_fen)}
    return line.note


def history_out(line: HistoryLine) -> dict:
    """A line as a page shows it: the sentence, a note, and the signed change to the caller's
    balance where the sentence does not already say the amounts."""
    return {"at": line.at, "text": history_text(line), "note": history_note(line),
            "amount_fen": None if line.what in ("held", "settled") else line.amount_fen}
