"""What a posting may not say: fees or deposits asked of workers, and discriminatory limits.

These are the scams and the discrimination workers report most (招聘收费、押金; 限男/女、
年龄、户籍). Honest text that only mentions the words — 无需押金, 男女不限, 年龄不限, 不限户籍 —
passes: a match counts only when no negation stands right before it.

Each rule is a regular expression over the text with spaces removed; `problems()` returns
(code, message) for every rule that fires, so the refusal names what to change.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Words that, just before a fee word, turn it into an honest "no fee" statement.
_NEGATION = r"(?:无需|无须|不需|不需要|不用|不收|不收取|免|免收|免费|无|没有|零|0元?|拒绝|严禁|禁止|不存在|不交|不要|绝不)"
_FEE_WORDS = (
    r"(?:押金|保证金|培训费|服装费|工装费|体检费|介绍费|中介费|报名费|入职费|手续费|管理费|"
    r"建档费|资料费|上岗费|押身份证|押证件|扣押证件)"
)
_ASK_FEE = re.compile(
    rf"(?:(?:交|缴|付|收|收取|缴纳|先交|需交|需缴|需付)(?:纳)?{_FEE_WORDS}|{_FEE_WORDS}\d+|{_FEE_WORDS})"
)


@dataclass(frozen=True)
class Rule:
    code: str
    pattern: re.Pattern
    allowed_before: re.Pattern | None
    message: str


RULES = [
    # "不收押金": the negation may stand right before the verb the match starts with.
    Rule("fee_asked", _ASK_FEE, re.compile(r"(?:" + _NEGATION + r"|不).{0,3}$"),
         _("Postings may not ask workers for any fee or deposit (押金、培训费、服装费…). "
           "Remove it; saying 无需押金 is fine.")),
    Rule("sex_limit",
         re.compile(r"(?:限|仅限|只限|只要|只招|仅招|要求|招)(?:男|女)(?:性|士|生|工)?(?!女|男|不限)|"
                    r"(?:男|女)(?:性)?(?:优先|免谈|勿扰)|(?:不要|不招)(?:男|女)"),
         None,
         _("Postings may not limit or prefer workers by sex. Write 男女不限 or leave it out.")),
    Rule("age_limit",
         re.compile(r"(?:年龄|年纪)(?!不限)[^，。；,;]{0,6}\d{2}|\d{2}\s*(?:周?岁)\s*(?:以下|以上|以内|之间)|"
                    r"\d{2}\s*[-~～至到]\s*\d{2}\s*(?:周?岁)|(?:限|仅限)\d{2}后"),
         None,
         _("Postings may not set an age limit (beyond the legal minimum of 16). Write 年龄不限 "
           "or leave it out.")),
    Rule("hometown_limit",
         re.compile(r"(?:限|仅限|只限|只要|只招|不要|不招|谢绝)[^，。；,;]{0,6}(?:籍|人|户口|户籍|地区)|"
                    r"(?:本地人|外地人)(?:优先|免谈)|(?:户籍|户口)(?:限|要求)"),
         re.compile(r"(?:不)$"),
         _("Postings may not limit workers by hometown or household registration. "
           "Write 不限户籍 or leave it out.")),
    Rule("ethnic_limit",
         re.compile(r"(?:限|仅限|只要|只招|不要|不招)(?:汉族|少数民族|\w族)"),
         None,
         _("Postings may not limit workers by ethnicity.")),
]

# Honest phrases removed before the rules run, so that they never trip a rule.
_HONEST = re.compile(
    r"男女不限|不限男女|性别不限|年龄不限|不限年龄|不限户籍|户籍不限|籍贯不限|不限籍贯|地区不限|不限地区|"
    r"(?:须|需|应)?年满1[68]周?岁|1[68]周?岁以上(?:即可)?"
)


def problems(*texts: str) -> list[tuple[str, str]]:
    """(code, message) for every rule the texts break; empty when the posting is fine."""
    text = _HONEST.sub("|", re.sub(r"\s+", "", "".join(t or "" for t in texts)))
    found: list[tuple[str, str]] = []
    for rule in RULES:
        for m in rule.pattern.finditer(text):
            before = text[max(0, m.start() - 8) : m.start()]
            if rule.allowed_before is not None and rule.allowed_before.search(before):
                continue
            found.append((rule.code, str(rule.message)))
            break
    return found
