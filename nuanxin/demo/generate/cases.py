"""Generated help requests, walked along the cases workflow as staff would: triaged (mostly in
time, some late and escalated by the timed job), assigned, worked on, now and then waiting
for the applicant or referred to a partner, resolved (some after the deadline, escalated
when it passed) and closed; a few closed at once (duplicates, withdrawn); recent ones still
open. Many applicants rate the help (1–5). Every move is a CaseEvent with its moment; the
deadlines come from each type's CaseTypeConfig, as case_open sets them."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from nuanxin.cases import services as cases_services
from nuanxin.cases.choices import OPEN_STATES, TRANSITIONS, Channel, CloseReason, State
from nuanxin.cases.models import Case, CaseEvent
from nuanxin.core.masking import mask_phone
from nuanxin.core.towns import CHINESE_NAMES
from nuanxin.demo.generate.base import Context, Workers, chunks, weighted

TYPE_WEIGHTS = {"job_seeking": 22, "policy": 18, "rights": 15, "hardship": 12, "health": 12, "emergency": 8,
                "legal_aid": 7, "startup": 6}
SCORES = {5: 45, 4: 30, 3: 12, 2: 7, 1: 6}
PARTNERS = {"legal": "昆山市法律援助中心", "hospital": "昆山市第三人民医院", "rescue": "昆山市救助管理站",
            "advisor": "昆山市总工会职工服务中心"}
EMPLOYERS = ["某物流公司站点", "工地包工头", "某餐饮店老板", "某电子厂劳务派遣公司", "某家政公司"]

# What people write, by type: (summary, details).
STORIES: dict[str, list[tuple[str, dict]]] = {
    "job_seeking": [("刚到昆山，想找包吃住的工作。", {"wants": "普工、包吃住", "needs_lodging": "是"}),
                    ("会开叉车，想找仓库的长期工作。", {"skills": "叉车证", "wants": "仓管"}),
                    ("送外卖太累了，想转行进厂。", {"wants": "电子厂普工"})],
    "policy": [("灵活就业人员社保补贴怎么申请？", {"topic": "灵活就业社保补贴"}),
               ("孩子在昆山上学需要什么材料？", {"topic": "随迁子女入学"}),
               ("居住证怎么办理？", {"topic": "居住证"})],
    "rights": [("{employer}拖欠工资{amount}元，一直推说下个月发。", {"issue": "工资"}),
               ("送餐时摔伤，站点说不算工伤。", {"issue": "工伤"}),
               ("干了两个月没签劳动合同，现在不让干了。", {"issue": "合同"})],
    "legal_aid": [("劳动合同到期不续签，也不给补偿，想请律师但请不起。", {"matter": "经济补偿", "other_party": "原单位"}),
                  ("电动车被撞，对方不肯赔。", {"matter": "交通事故赔偿", "other_party": "肇事司机"})],
    "emergency": [("刚到昆山南站，钱包丢了，今晚没地方住。", {"need": "住宿", "people": "1", "where_now": "昆山南站"}),
                  ("一家人没钱回老家，孩子生病要回去看。", {"need": "回乡车票", "people": "3"}),
                  ("房东突然不让住了，东西都在外面。", {"need": "住宿", "people": "1"})],
    "health": [("想预约免费体检，查幽门螺杆菌。", {"wants": "体检"}),
               ("胃疼好几天了，想知道定点医院怎么看。", {"symptoms": "胃疼", "wants": "挂号"}),
               ("腰扭伤了，干不了重活。", {"symptoms": "腰痛", "wants": "看病"})],
    "hardship": [("家里老人生病住院，生活困难。", {"household": "夫妻二人和孩子", "need": "生活补助"}),
                 ("工伤休养三个月没有收入，房租交不上。", {"household": "一个人", "need": "房租"}),
                 ("孩子学费交不起。", {"household": "一家四口", "need": "学费"})],
    "startup": [("想在小区门口开个早餐店，有没有创业补贴？", {"idea": "早餐店"}),
                ("想自己买车跑货运，能贷款吗？", {"idea": "货运"})],
}
NOTES = {State.IN_PROGRESS: "已联系求助人", State.WAITING: "请补充相关材料（工资条、聊天记录）",
         State.RESOLVED: "已办结"}


@dataclass
class Made:
    """A case the grants part may fund: its row, when it was being worked on, who works it."""

    case: Case
    working_from: datetime.datetime
    working_until: datetime.datetime
    staff: int


def make_cases(ctx: Context, workers: Workers, staff: dict[str, int]) -> list[Made]:
    rng = ctx.rng("cases")
    type_of = weighted(rng, TYPE_WEIGHTS)
    score_of = weighted(rng, SCORES)
    configs = {t: cases_services.type_config(t) for t in TYPE_WEIGHTS}
    days = ctx.dates()
    bar = ctx.bar("cases", len(days))
    fundable: list[Made] = []
    pending: list[tuple[Case, list[CaseEvent]]] = []
    for day in days:
        for _i in range(ctx.count(rng, ctx.expected("cases", day, workers))):
            opened = ctx.at(day, rng.choice([8, 9, 10, 11, 13, 14, 15, 16, 17, 19, 20, 21]), rng.randrange(60))
            if not ctx.inside(opened):
                continue
            w = workers.pick(rng, opened)
            if w is None:
                continue
            case_type = type_of()
            made = _case(ctx, rng, score_of, case_type, configs[case_type], opened, workers, w, staff)
            pending.append(made[:2])
            if made[2] is not None:
                fundable.append(made[2])
        if len(pending) >= ctx.batch // 4:
            _write(ctx, pending)
            pending = []
        bar.update(1)
    _write(ctx, pending)
    bar.close()
    return fundable


def _case(ctx, rng, score_of, case_type, config, opened, workers, w, staff):
    team, first_hours, resolve_hours = config
    officer = staff[team]
    summary, details = rng.choice(STORIES[case_type])
    employer, amount = rng.choice(EMPLOYERS), rng.randrange(20, 200) * 100
    summary = summary.format(employer=employer, amount=amount)
    if case_type == "rights":
        details = {**details, "employer": employer, "amount_yuan": str(amount)}
    case = Case(type=case_type, team=team, town=workers.town[w], summary=summary, created_at=opened,
                details=json.dumps(details, ensure_ascii=False),
                first_response_due=opened + datetime.timedelta(hours=first_hours),
                due_at=opened + datetime.timedelta(hours=resolve_hours))
    if rng.random() < 0.75:  # filed by the worker online
        case.applicant_id, opener = workers.ids[w], workers.ids[w]
        case.applicant_name, case.applicant_phone_masked = workers.name[w], mask_phone(workers.phone[w])
        case.channel = Channel.ONLINE
    else:  # filed for them at a window, on the phone, over WeChat or at a station
        opener = staff["rescue"] if team == "rescue" else staff["advisor"]
        case.created_by_id, case.channel = opener, rng.choice([Channel.WINDOW, Channel.PHONE, Channel.WECHAT,
                                                               Channel.STATION])
        case.applicant_name, case.applicant_phone = workers.name[w], workers.phone[w]
        case.applicant_phone_masked = mask_phone(workers.phone[w])
    if case.town:
        case.summary = case.summary if rng.random() < 0.7 else f"（{CHINESE_NAMES[case.town]}）{case.summary}"

    # The path it would take, with the moment of each move; cut at now.
    hour = datetime.timedelta(hours=1)
    if rng.random() < 0.92:
        first = opened + first_hours * hour * rng.uniform(0.05, 0.9)
    else:
        first = opened + first_hours * hour * rng.uniform(1.1, 3.0)
    moves: list[tuple[str, datetime.datetime, str]] = []   # (to, at, note)
    if rng.random() < 0.08:  # closed without work: the same request twice, withdrawn, unreachable
        moves.append((State.CLOSED, first, ""))
        case.close_reason = rng.choice([CloseReason.DUPLICATE, CloseReason.WITHDRAWN, CloseReason.UNREACHABLE])
    else:
        t = first
        moves.append((State.TRIAGED, t, ""))
        t += hour * rng.uniform(0.1, 8)
        moves.append((State.ASSIGNED, t, ""))
        t += hour * rng.uniform(0.5, 24)
        moves.append((State.IN_PROGRESS, t, NOTES[State.IN_PROGRESS]))
        if rng.random() < 0.2:
            t += hour * rng.uniform(1, 48)
            moves.append((State.WAITING, t, NOTES[State.WAITING]))
            t += hour * rng.uniform(2, 72)
            moves.append((State.IN_PROGRESS, t, ""))
        on_time = rng.random() < 0.9
        done = opened + resolve_hours * hour * (rng.uniform(0.2, 0.95) if on_time else rng.uniform(1.05, 1.8))
        done = max(done, t + hour)
        if rng.random() < 0.08:
            moves.append((State.REFERRED, t + hour, ""))
            case.referred_to = PARTNERS[team]
            case.referral_consent_at = t + hour
            moves.append((State.CLOSED, done, ""))
            case.close_reason = CloseReason.REFERRED
        else:
            moves.append((State.RESOLVED, done, NOTES[State.RESOLVED]))
            moves.append((State.CLOSED, done + datetime.timedelta(days=rng.uniform(1, 7)), ""))
            case.close_reason = CloseReason.HELPED if rng.random() < 0.93 else CloseReason.NOT_ELIGIBLE
    moves = [m for m in moves if m[1] <= ctx.now]
    if not moves or moves[-1][0] != State.CLOSED:
        case.close_reason = ""
    if not moves or not any(m[0] == State.REFERRED for m in moves):
        case.referred_to, case.referral_consent_at = "", None

    events = [CaseEvent(actor_id=opener, kind="opened", to_state=State.NEW, at=opened)]
    state = State.NEW
    for to, at, note in moves:
        assert to in TRANSITIONS[state], (state, to)  # the generator's own path, checked
        events.append(CaseEvent(actor_id=officer, from_state=state, to_state=to, note=note, at=at))
        state = to
    case.state = state
    if moves:
        case.first_responded_at = moves[0][1]
        case.assignee_id = officer if any(m[0] == State.ASSIGNED for m in moves) else None
    # The timed job escalates, once, an open case whose first answer or resolution is overdue.
    open_until = next((at for to, at, _n in moves if to not in OPEN_STATES), None)
    answered = case.first_responded_at or ctx.now + hour
    late = [(case.first_response_due, answered), (case.due_at, open_until or ctx.now + hour)]
    for moment, unless_by in sorted(late):
        escalated = moment + datetime.timedelta(seconds=rng.randint(1, 59))
        if escalated <= ctx.now and escalated < unless_by and (open_until is None or escalated < open_until):
            case.escalated_at = escalated
            events.append(CaseEvent(kind="escalation", note=_("Deadline missed: escalated to the team lead."),
                                    at=escalated))
            break
    case.updated_at = max(e.at for e in events)
    if state in (State.RESOLVED, State.CLOSED) and case.applicant_id and rng.random() < 0.55:
        rated = next(at for to, at, _n in moves if to in (State.RESOLVED, State.CLOSED)) + \
            datetime.timedelta(hours=rng.uniform(1, 96))
        if rated <= ctx.now:
            late_case = case.escalated_at is not None
            case.satisfaction = min(score_of(), 3) if late_case and rng.random() < 0.5 else score_of()
            case.updated_at = max(case.updated_at, rated)
    events.sort(key=lambda e: e.at)
    fund = None
    if case_type in ("hardship", "emergency") and case.applicant_id:
        working = [at for to, at, _n in moves if to == State.IN_PROGRESS]
        if working:
            until = open_until or ctx.now
            fund = Made(case, working[0], until, officer)
    return case, events, fund


def _write(ctx: Context, pending: list[tuple[Case, list[CaseEvent]]]) -> None:
    for part in chunks(pending, ctx.batch):
        with transaction.atomic():
            made = ctx.insert(Case, [c for c, _e in part])
            events = []
            for case, evs in zip(made, [e for _c, e in part], strict=True):
                for e in evs:
                    e.case_id = case.pk
                    events.append(e)
            ctx.insert(CaseEvent, events)
