"""The policy calculator's arithmetic (政策计算器): what a person may get from three programmes,
from a few plain facts, with the rule parameters as data (the `Policy` rows staff keep up to
date in the admin; a data migration seeds them). Nothing here reads or writes the database.

The national texts the rules follow (see docs/jobs.md "Policy calculator"):

- 财政部 人力资源社会保障部《就业补助资金管理办法》(财社〔2017〕164号):
  第六条 职业培训补贴 (the five groups; subsidy by the certificate obtained);
  第八条 社会保险补贴 (flexible employment of 就业困难人员: at most 2/3 of the contributions
  actually paid, at most 3 years, or until retirement for those within 5 years of it; recent
  graduates: at most 2/3, at most 2 years).
- 国务院办公厅《职业技能提升行动方案（2019—2021年）》(国办发〔2019〕24号): at most three
  training subsidies a person a year, never twice for the same occupation and level.
- 财政部 人力资源社会保障部 中国人民银行《关于进一步加大创业担保贷款贴息力度全力支持重点群体
  创业就业的通知》(财金〔2020〕21号): who may borrow, partnerships up to 10% more, small
  businesses by the share of new hires, up to 3 years, the interest the borrower pays
  (LPR − 150 bp) and the subsidy of the rest.

Amounts that Jiangsu, Suzhou and Kunshan set themselves (the contribution base, the training
amounts by level, the loan ceilings raised since 2020) are parameters marked "to confirm" in
their help text: staff check them against the current local notice and edit them in the admin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nuanxin.core.errors import InvalidInput
from nuanxin.core.money import format_yuan

# --- the facts each calculator asks ---------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str                      # "choice", "int", "bool", "fen"
    label: object                  # the plain question (lazy)
    choices: tuple = ()            # (value, lazy label) for "choice"
    low: int = 0
    high: int = 0
    default: object = None         # None: must be answered
    help: object = ""


GROUPS_INSURANCE = (
    ("difficulty", gettext_lazy("certified as having difficulty finding work")),
    ("graduate", gettext_lazy("a college graduate not yet in a job since leaving school")),
    ("none", gettext_lazy("neither")),
)
GROUPS_TRAINING = (
    ("rural_migrant", gettext_lazy("came from the countryside to work")),
    ("registered_unemployed", gettext_lazy("registered as unemployed in the city")),
    ("graduate_year", gettext_lazy("a college student in the year of graduation")),
    ("school_leaver", gettext_lazy("left middle or high school this year without going on")),
    ("poor_family", gettext_lazy("from a family registered as poor")),
    ("none", gettext_lazy("none of these")),
)
LEVELS = (
    ("special", gettext_lazy("special ability certificate")),
    ("level5", gettext_lazy("skill level 5, beginner")),
    ("level4", gettext_lazy("skill level 4, intermediate")),
    ("level3", gettext_lazy("skill level 3, advanced")),
    ("none", gettext_lazy("no certificate yet")),
)
APPLICANTS = (
    ("individual", gettext_lazy("just me")),
    ("partnership", gettext_lazy("me with partners")),
    ("small_business", gettext_lazy("my small business")),
)
GROUPS_LOAN = (
    ("registered_unemployed", gettext_lazy("registered as unemployed in the city")),
    ("difficulty", gettext_lazy("certified as having difficulty finding work")),
    ("graduate", gettext_lazy("a college graduate (including returned students abroad)")),
    ("returning_migrant", gettext_lazy("a migrant worker going home to start a business")),
    ("veteran", gettext_lazy("a demobilised or retired soldier")),
    ("released_prisoner", gettext_lazy("released from prison")),
    ("online_shop", gettext_lazy("running an online shop")),
    ("rural_founder", gettext_lazy("a farmer starting a business in the countryside")),
    ("lifted_from_poverty", gettext_lazy("from a family lifted out of poverty")),
    ("none", gettext_lazy("none of these")),
)

TITLES = {
    "flexible_insurance": gettext_lazy("Social insurance subsidy for flexible work"),
    "training": gettext_lazy("Skills training subsidy"),
    "startup_loan": gettext_lazy("Start-up guaranteed loan"),
}

FACTS: dict[str, tuple[Fact, ...]] = {
    "flexible_insurance": (
        Fact("group", "choice", gettext_lazy("Which describes you?"), GROUPS_INSURANCE),
        Fact("flexibly_employed", "bool", gettext_lazy("Do you work flexibly (on your own account, gigs, part-time) "
                                                       "and pay your own pension and medical insurance?")),
        # Asked, not assumed: an empty answer is not "nothing paid" (that would say "start paying").
        Fact("monthly_contribution_fen", "fen", gettext_lazy("How much do you pay each month for pension and medical "
                                                             "insurance together?"), high=10_000_000),
        Fact("months_received", "int", gettext_lazy("For how many months have you had this subsidy already?"),
             high=600, default=0),
        Fact("months_since_graduation", "int", gettext_lazy("Graduates: how many months ago did you leave school?"),
             high=600, default=0),
        Fact("years_to_retirement", "int", gettext_lazy("How many years until you reach the legal retirement age?"),
             high=50, default=20),
    ),
    "training": (
        Fact("group", "choice", gettext_lazy("Which describes you?"), GROUPS_TRAINING),
        Fact("certificate", "choice", gettext_lazy("Which certificate did the training give you?"), LEVELS),
        Fact("months_since_certificate", "int", gettext_lazy("How many months ago did you get it?"), high=600,
             default=0),
        Fact("same_before", "bool", gettext_lazy("Have you had a training subsidy before for the same trade and "
                                                 "level?"), default=False),
        Fact("claims_this_year", "int", gettext_lazy("How many training subsidies have you had this year?"), high=50,
             default=0),
    ),
    "startup_loan": (
        Fact("applicant", "choice", gettext_lazy("Who is borrowing?"), APPLICANTS),
        Fact("group", "choice", gettext_lazy("Which describes you (or the partner who leads)?"), GROUPS_LOAN,
             default="none"),
        Fact("partners", "int", gettext_lazy("Partners: how many people start it together, you included?"), low=1,
             high=50, default=1),
        Fact("staff", "int", gettext_lazy("Small business: how many people work there now?"), high=100_000, default=0),
        Fact("new_hires", "int", gettext_lazy("Small business: how many of the groups above did it take on this year "
                                              "with a contract of a year or more?"), high=100_000, default=0),
        Fact("other_loans", "bool", gettext_lazy("Do you or your spouse have other loans (not counting a home, a car, "
                                                 "student loans or small card spending)?"), default=False),
        Fact("amount_wanted_fen", "fen", gettext_lazy("How much would you like to borrow? (0: as much as possible)"),
             high=10_000_000_000, default=0),
    ),
}


def fact_problems(code: str, raw: dict) -> tuple[dict, dict]:
    """The facts of a calculator, checked: (clean facts, problems by field). Unknown keys are
    ignored; a missing answer with a default takes the default."""
    clean, problems = {}, {}
    raw = raw if isinstance(raw, dict) else {}
    for f in FACTS[code]:
        value = raw.get(f.name)
        if value is None or value == "":
            if f.default is None:
                problems[f.name] = _("Please answer this question.")
            else:
                clean[f.name] = f.default
            continue
        if f.kind == "choice":
            values = [v for v, _label in f.choices]
            if not isinstance(value, str) or value not in values:
                problems[f.name] = _("Choose one of: %(values)s.") % {"values": ", ".join(values)}
            else:
                clean[f.name] = value
        elif f.kind == "bool":
            if not isinstance(value, bool):
                problems[f.name] = _("Answer true or false.")
            else:
                clean[f.name] = value
        else:  # int, fen
            if isinstance(value, bool) or not isinstance(value, int) or not f.low <= value <= f.high:
                problems[f.name] = _("A whole number from %(low)s to %(high)s.") % {"low": f.low, "high": f.high}
            else:
                clean[f.name] = value
    return clean, problems


# --- the answer ---------------------------------------------------------------------------------


@dataclass
class Estimate:
    eligible: bool
    amount_fen: int = 0
    months: int = 0
    explanation: str = ""
    monthly_fen: int = 0
    bring: list[str] = field(default_factory=list)


def _yuan(fen: int) -> str:
    return format_yuan(fen)


def _no(why: str) -> Estimate:
    return Estimate(eligible=False, explanation=why)


# --- 灵活就业社会保险补贴 ---------------------------------------------------------------------------


def flexible_insurance(p: dict, f: dict) -> Estimate:
    """财社〔2017〕164号 第八条: 2/3 of the pension and medical contributions actually paid (each
    month capped at the contributions on the lower base), for at most 36 months for 就业困难人员
    (until retirement when it is within 5 years) or 24 months for graduates."""
    if f["group"] == "none":
        return _no(_("This subsidy is for people certified as having difficulty finding work and for "
                     "college graduates not yet in a job since leaving school. An advisor can tell you whether you "
                     "can be certified."))
    if not f["flexibly_employed"]:
        return _no(_("This subsidy is for people in flexible work who pay their own social insurance. If an employer "
                     "takes you on, the employer may get a subsidy instead: ask an advisor."))
    if f["group"] == "graduate":
        if f["months_since_graduation"] > p["graduate_window_months"]:
            return _no(_("Graduates can have this subsidy only within %(n)s months of leaving school.")
                       % {"n": p["graduate_window_months"]})
        limit = p["graduate_max_months"]
        months = max(0, limit - f["months_received"])
    else:
        limit = p["difficulty_max_months"]
        to_retirement = f["years_to_retirement"] * 12
        if f["years_to_retirement"] <= p["near_retirement_years"]:
            # 可延长至退休: whatever was had already, it goes on until retirement.
            months = to_retirement
        else:
            months = max(0, min(limit - f["months_received"], to_retirement))
    if months == 0:
        return _no(_("You have had this subsidy for the longest time allowed (%(n)s months).") % {"n": limit})
    paid = f["monthly_contribution_fen"]
    if paid <= 0:
        return _no(_("Start paying your pension and medical insurance as a flexible worker first; the subsidy is a "
                     "share of what you actually pay."))
    cap = p["base_fen"] * (p["pension_rate_bp"] + p["medical_rate_bp"]) // 10_000
    counted = min(paid, cap)
    monthly = counted * p["share_numerator"] // p["share_denominator"]
    capped = paid > cap
    text = _("You may get %(monthly)s a month (%(num)s/%(den)s of %(counted)s) for %(months)s months: %(total)s in "
             "all.") % {"monthly": _yuan(monthly), "num": p["share_numerator"], "den": p["share_denominator"],
                        "counted": _yuan(counted), "months": months, "total": _yuan(monthly * months)}
    if capped:
        text += " " + _("What you pay above %(cap)s a month (the contributions on the lowest base) is not counted.") % {
            "cap": _yuan(cap)}
    text += " " + _("It is paid after you pay, usually every quarter, into your social security card's bank account.")
    return Estimate(eligible=True, amount_fen=monthly * months, months=months, monthly_fen=monthly, explanation=text)


# --- 职业技能培训补贴 ------------------------------------------------------------------------------


def training(p: dict, f: dict) -> Estimate:
    """财社〔2017〕164号 第六条 (the five groups, by the certificate obtained) with 国办发〔2019〕24号
    (at most three a year, never twice for the same occupation and level)."""
    if f["group"] not in p["groups"]:
        return _no(_("The training subsidy for individuals is for people who came from the countryside to work, "
                     "registered unemployed people, graduates in their final year, school leavers and people from "
                     "poor families. If you work for a company, it can claim the subsidy for training you."))
    if f["certificate"] == "none" or f["certificate"] not in p["amounts_fen"]:
        return _no(_("The subsidy is paid once the training gives you a certificate. Ask an advisor which courses "
                     "near you lead to one."))
    if f["same_before"]:
        return _no(_("A training subsidy is paid only once for the same trade and level."))
    if f["claims_this_year"] >= p["max_per_year"]:
        return _no(_("At most %(n)s training subsidies a year: you have had them all this year.") % {
            "n": p["max_per_year"]})
    if f["months_since_certificate"] > p["apply_within_months"]:
        return _no(_("Apply within %(n)s months of getting the certificate: this one is too old.") % {
            "n": p["apply_within_months"]})
    amount = p["amounts_fen"][f["certificate"]]
    return Estimate(eligible=True, amount_fen=amount, months=0, explanation=_(
        "You may get %(amount)s for this certificate, paid to your social security card's bank account.") % {
        "amount": _yuan(amount)})


# --- 创业担保贷款 ---------------------------------------------------------------------------------


def startup_loan(p: dict, f: dict) -> Estimate:
    """财金〔2020〕21号: who may borrow, how much (individual, partnership +10%, small business
    by its new hires), for how long, and the interest subsidy."""
    if f["other_loans"]:
        return _no(_("A start-up guaranteed loan needs you and your spouse to have no other loans, apart from a home, "
                     "a car, student loans and small card spending."))
    kind = f["applicant"]
    if kind == "small_business":
        staff, hires = f["staff"], f["new_hires"]
        share = p["hire_share_pct_large"] if staff > p["large_staff"] else p["hire_share_pct"]
        if staff <= 0 or hires * 100 < share * staff:
            return _no(_("A small business can borrow when the people it took on this year from the groups the loan "
                         "helps are at least %(share)s%% of its staff, with contracts of a year or more.") % {
                "share": share})
        ceiling = p["small_business_max_fen"]
    else:
        if f["group"] not in p["groups"]:
            return _no(_("This loan is for registered unemployed people, people with difficulty finding work, "
                         "graduates, migrant workers going home to start up, veterans, online shops and some others. "
                         "An advisor can check whether you count."))
        ceiling = p["individual_max_fen"]
        if kind == "partnership" and f["partners"] > 1:
            ceiling = min(f["partners"] * p["individual_max_fen"] * (100 + p["partnership_extra_pct"]) // 100,
                          p["partnership_max_fen"])
    amount = min(f["amount_wanted_fen"], ceiling) if f["amount_wanted_fen"] else ceiling
    months = p["term_months"]
    borrower_bp = max(0, p["lpr_bp"] - p["borrower_below_lpr_bp"])
    top_bp = p["lpr_bp"] + p["rate_over_lpr_bp"]
    subsidy = amount * (top_bp - borrower_bp) * months // (10_000 * 12)
    text = _("You may borrow up to %(amount)s for up to %(months)s months, with a guarantee instead of collateral. "
             "You pay interest only up to %(rate)s a year; the government pays the rest (up to about %(subsidy)s "
             "over the whole loan, at the highest rate a bank may charge).") % {
        "amount": _yuan(amount), "months": months, "rate": f"{borrower_bp / 100:.2f}%", "subsidy": _yuan(subsidy)}
    if amount < ceiling:
        text += " " + _("The most you could ask for is %(ceiling)s.") % {"ceiling": _yuan(ceiling)}
    return Estimate(eligible=True, amount_fen=amount, months=months, explanation=text)


CALCULATORS = {"flexible_insurance": flexible_insurance, "training": training, "startup_loan": startup_loan}


# --- the parameters, as staff see them in the admin ---------------------------------------------

PARAM_HELP: dict[str, dict[str, object]] = {
    "flexible_insurance": {
        "share_numerator": gettext_lazy("Share of the contributions paid back: numerator (2 of 2/3; 财社〔2017〕164号 "
                                        "第八条: 'no more than 2/3 of what was actually paid')."),
        "share_denominator": gettext_lazy("Share: denominator (3 of 2/3)."),
        "base_fen": gettext_lazy("The monthly contribution base the subsidy counts at most, in fen: Jiangsu's lower "
                                 "limit of the contribution base for flexible workers. Local figure, set every July: "
                                 "to confirm with 苏州市/昆山市人社局."),
        "pension_rate_bp": gettext_lazy("Pension contribution rate of a flexible worker, in basis points "
                                        "(2000 = 20%)."),
        "medical_rate_bp": gettext_lazy("Medical insurance rate of a flexible worker in Suzhou, in basis points: "
                                        "to confirm with 苏州市医保局."),
        "difficulty_max_months": gettext_lazy("Longest subsidy for 就业困难人员, in months (164号 第八条: 3 years)."),
        "near_retirement_years": gettext_lazy("Within this many years of retirement the subsidy may run until "
                                              "retirement (164号 第八条: 5)."),
        "graduate_max_months": gettext_lazy("Longest subsidy for graduates, in months (164号 第八条: 2 years)."),
        "graduate_window_months": gettext_lazy("Graduates qualify within this many months of leaving school (the later "
                                               "national notices widened it to 2 years: 24)."),
    },
    "training": {
        "groups": gettext_lazy("The groups an individual subsidy is for (164号 第六条: the five groups): a list of "
                               "rural_migrant, registered_unemployed, graduate_year, school_leaver, poor_family."),
        "amounts_fen": gettext_lazy("Subsidy by certificate, in fen: special (专项职业能力), level5 (初级), level4 "
                                    "(中级), level3 (高级). Jiangsu sets these: to confirm with the current "
                                    "苏州市职业技能培训补贴 list."),
        "max_per_year": gettext_lazy("Subsidies a person may have in one year (国办发〔2019〕24号: 3)."),
        "apply_within_months": gettext_lazy("Months after the certificate within which to apply (local practice: "
                                            "to confirm)."),
    },
    "startup_loan": {
        "groups": gettext_lazy("Who may borrow as an individual (财金〔2020〕21号 一): a list of codes."),
        "individual_max_fen": gettext_lazy("Most an individual may borrow, in fen (21号: 200,000 yuan; raised to "
                                           "300,000 yuan nationally since: to confirm the Jiangsu figure)."),
        "partnership_extra_pct": gettext_lazy("Partnerships: up to this many percent above the partners' individual "
                                              "amounts together (21号: 10)."),
        "partnership_max_fen": gettext_lazy("The most a partnership may borrow in all, in fen (local ceiling: to "
                                            "confirm)."),
        "small_business_max_fen": gettext_lazy("Most a small business may borrow, in fen (21号: 3,000,000 yuan; "
                                               "raised to 4,000,000 yuan since: to confirm)."),
        "hire_share_pct": gettext_lazy("A small business qualifies when this year's hires from the groups are at least "
                                       "this share of its staff, in percent (21号: 15)."),
        "hire_share_pct_large": gettext_lazy("The share for a business of more than `large_staff` people (21号: 8)."),
        "large_staff": gettext_lazy("Staff above which the lower share applies (21号: 100)."),
        "term_months": gettext_lazy("Longest term, in months (21号: 3 years)."),
        "lpr_bp": gettext_lazy("The one-year loan prime rate (LPR), in basis points (300 = 3.00%): update when the "
                               "central bank publishes a new one."),
        "borrower_below_lpr_bp": gettext_lazy("The borrower pays interest up to LPR minus this many basis points; the "
                                              "rest is subsidised (21号: 150)."),
        "rate_over_lpr_bp": gettext_lazy("The highest rate a bank may charge, in basis points over the LPR (eastern "
                                         "provinces: 50, to confirm)."),
    },
}


def param_problems(code: str, params) -> dict[str, str]:
    """What is wrong with a policy's parameters (the admin refuses to save them)."""
    if code not in PARAM_HELP:
        return {}
    if not isinstance(params, dict):
        return {"params": _("The parameters must be a JSON object.")}
    problems = {}
    for name in PARAM_HELP[code]:
        value = params.get(name)
        if name == "groups":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems[name] = _("A list of group codes.")
        elif name == "amounts_fen":
            if not isinstance(value, dict) or not all(isinstance(v, int) and v >= 0 for v in value.values()):
                problems[name] = _("An object of certificate level to amount in fen.")
        elif isinstance(value, bool) or not isinstance(value, int) or value < 0:
            problems[name] = _("A whole number, 0 or more.")
    if code == "flexible_insurance" and not problems and params["share_denominator"] == 0:
        problems["share_denominator"] = _("Cannot be 0.")
    return problems


def bring_text(documents: list[str]) -> str:
    return _("Bring: %(documents)s.") % {"documents": "; ".join(documents)}


def estimate(code: str, params: dict, facts: dict) -> Estimate:
    """The answer for clean facts (fact_problems first) under these parameters."""
    return CALCULATORS[code](params, facts)


# --- a programme's answer, as the API and the page give it -------------------------------------


def documents_of(policy) -> list[str]:
    return [line.strip() for line in (policy.documents or "").splitlines() if line.strip()]


def sources_of(policy) -> list[str]:
    sources = (policy.params or {}).get("sources") if isinstance(policy.params, dict) else None
    return [str(s) for s in sources] if isinstance(sources, list) else []


def answer_for(policy, raw: dict) -> dict:
    """Check the facts, estimate, and add what to bring to the explanation."""
    facts, problems = fact_problems(policy.code, raw)
    if problems:
        raise InvalidInput(fields=problems)
    if param_problems(policy.code, policy.params):  # staff saved broken parameters
        raise InvalidInput(_("This calculator is being updated. Please ask at the service center."),
                           code="not_available")
    answer = estimate(policy.code, policy.params, facts)
    docs = documents_of(policy)
    explanation = answer.explanation
    if answer.eligible and docs:
        explanation += " " + bring_text(docs)
    return {"eligible": answer.eligible, "amount_fen": answer.amount_fen, "months": answer.months,
            "explanation": explanation, "advice": answer.explanation, "monthly_fen": answer.monthly_fen, "documents": docs if answer.eligible else [],
            "sources": sources_of(policy)}
