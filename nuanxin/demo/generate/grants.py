"""Generated charity aid (慈善救助): grants proposed on hardship and emergency cases while staff
worked them, approved and paid by a second person (the administrator) or turned down, and
the donations that filled the fund first. Money moves in the ledger as the grants services
move it: a donation from the outside world into the fund (`grants.donation:<id>`), a paid
grant from the fund into the worker's wallet (`grants.grant:<id>`). Each 30 days' donations
are recorded before that period's first payment, so the fund never goes below zero."""

from __future__ import annotations

import datetime

from django.db import transaction

from nuanxin.accounts.models import User
from nuanxin.demo.generate.base import Context, chunks
from nuanxin.demo.generate.cases import Made
from nuanxin.demo.generate.ledger import WORKER, Book
from nuanxin.grants.choices import GrantKind, GrantStatus
from nuanxin.grants.models import Donation, Grant, GrantHistory
from nuanxin.grants.selectors import REFERENCE_PREFIX
from nuanxin.wages.choices import AccountKind
from nuanxin.wages.services import MAX_AMOUNT_FEN

DONORS = ["昆山市慈善总会", "昆山市总工会", "昆山市红十字会", "昆山开发区商会", "花桥国际商务城企业联合会"]
PURPOSES = {
    GrantKind.HARDSHIP: ["住院期间的家庭生活费", "孩子下学期的学杂费", "工伤休养期间的房租"],
    GrantKind.TRIP_HOME: ["昆山南站回老家的高铁票", "一家人回乡的车票"],
    GrantKind.EMERGENCY: ["三天临时生活费和路费", "补办身份证期间的饭钱"],
}
YUAN = {GrantKind.HARDSHIP: (1000, 5000), GrantKind.TRIP_HOME: (300, 2500), GrantKind.EMERGENCY: (200, 1000)}
BLOCK = datetime.timedelta(days=30)


def make_grants(ctx: Context, fundable: list[Made], *, approver: User, tag: str, book: Book) -> None:
    rng = ctx.rng("grants")
    plans = []
    for made in fundable:
        if rng.random() >= 0.5:  # half of them needed money
            continue
        case = made.case
        proposed = made.working_from + (made.working_until - made.working_from) * rng.uniform(0.05, 0.7)
        if proposed > ctx.now:
            continue
        kind = GrantKind.HARDSHIP if case.type == "hardship" else rng.choice([GrantKind.TRIP_HOME, GrantKind.EMERGENCY])
        low, high = YUAN[kind]
        grant = Grant(case_id=case.pk, payee_id=case.applicant_id, kind=kind, amount_fen=rng.randint(low, high) // 10 * 1000,
                      purpose=rng.choice(PURPOSES[kind]), proposed_by_id=made.staff, created_at=proposed)
        history = [GrantHistory(by_id=made.staff, at=proposed, to_status=GrantStatus.PROPOSED)]
        decided = proposed + datetime.timedelta(hours=rng.uniform(1, 48))
        roll = rng.random()
        if decided <= ctx.now and roll < 0.9:
            paid = roll < 0.82
            grant.status = GrantStatus.PAID if paid else GrantStatus.REJECTED
            grant.decided_by_id, grant.decided_at = approver.pk, decided
            grant.decision_note = "" if paid else "已由其他渠道解决，请继续跟进"
            history.append(GrantHistory(by_id=approver.pk, at=decided, from_status=GrantStatus.PROPOSED,
                                        to_status=grant.status, note=grant.decision_note))
        else:
            grant.status = GrantStatus.PROPOSED
        plans.append((grant, history))
    plans.sort(key=lambda p: p[0].created_at)
    fund, world = book.account(AccountKind.CHARITY_FUND), book.account(AccountKind.WORLD)
    book.ensure(WORKER, [g.payee_id for g, _h in plans if g.status == GrantStatus.PAID])
    bar = ctx.bar("grants", len(plans), "grants")
    start = ctx.start
    n = 0
    while start <= ctx.now:
        block = [p for p in plans if start <= p[0].created_at < start + BLOCK]
        paid = [g for g, _h in block if g.status == GrantStatus.PAID]
        with transaction.atomic():
            if paid:
                _donations(ctx, rng, book, sum(g.amount_fen for g in paid), min(g.decided_at for g in paid),
                           approver, f"{tag}-{n}", fund, world)
            for part in chunks(block, ctx.batch):
                made = ctx.insert(Grant, [g for g, _h in part])
                ctx.insert(GrantHistory, [h for g, hs in zip(made, [h for _g, h in part], strict=True)
                                          for h in _linked(hs, g.pk)])
                for g in made:
                    if g.status == GrantStatus.PAID:
                        reference = f"{REFERENCE_PREFIX}:{g.pk}"
                        book.transfer(key=reference, kind="charity_grant", source=fund,
                                      target=book.account(WORKER, g.payee_id), amount=g.amount_fen, at=g.decided_at,
                                      reference=reference, memo=g.kind)
            book.flush()
        bar.update(len(block))
        start += BLOCK
        n += 1
    bar.close()


def _linked(history: list[GrantHistory], grant_id: int) -> list[GrantHistory]:
    for h in history:
        h.grant_id = grant_id
    return history


def _donations(ctx, rng, book: Book, need: int, first_paid: datetime.datetime, admin: User, key: str,
               fund: int, world: int) -> None:
    """Enough donations to pay this period's grants (in whole 10,000s of yuan), arriving before
    its first payment."""
    amount = -(-int(need * rng.uniform(1.2, 1.6)) // 1_000_000) * 1_000_000
    arrived = max(ctx.start, first_paid - datetime.timedelta(hours=rng.uniform(2, 72)))
    rows = []
    while amount > 0:
        this = min(amount, MAX_AMOUNT_FEN)
        rows.append(Donation(donor=rng.choice(DONORS), amount_fen=this, received_on=arrived.astimezone(ctx.tz).date(),
                             note="新市民困难帮扶专项", recorded_by=admin, created_at=arrived,
                             idempotency_key=f"generated-{key}-{len(rows)}"))
        amount -= this
    for d in ctx.insert(Donation, rows):
        reference = f"grants.donation:{d.pk}"
        book.transfer(key=reference, kind="charity_donation", source=world, target=fund, amount=d.amount_fen,
                      at=d.created_at, reference=reference, memo=d.donor)
