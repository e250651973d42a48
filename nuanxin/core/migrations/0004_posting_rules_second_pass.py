"""Second pass over the default fairness rules: gaps a held-out set of ads showed, closed by category.

bench/data/posting_ads_holdout.jsonl, written without looking at the rules, caught 91.4% of
unlawful ads with 5.2% false alarms. Its misses and false alarms were read to find the gaps;
each change below is worded for the whole category, not for those ads, and the set is
therefore no longer a blind measure. The gaps, with the law's reasoning:

- Honest ads name a category only to rule it out, and the screen read the name as a
  condition. An equal-treatment list (不因性别、民族、户籍、婚育状况或乙肝携带等因素设置限制)
  names every ground the law protects precisely to say none applies, so every rule now blanks
  such a list. A test refused after the list (HIV、乙肝等检测一律不做) or by a verb the
  rule did not know (依法不进行乙肝检测) is what 《就业服务与就业管理规定》第十九条 asks for.
  A warning against scammers (凡是找你收报名费、押金的都不是我们的人) and a promise not to
  hold wages (不押工资) are the opposite of asking for a fee.
- A refusal at the end of a spoken clause (结了婚的老板说不要, 别的省的不要), a bare 要 or 只要
  before a marital status or a province (要单身的, 只要四川的), and a preference put before
  the group (同等条件下优先录用男性) set the same condition as the forms already refused.
- Disability and religion in plain words: 瘸的, 手有毛病, 缺胳膊少腿; 皈依, 居士, 受洗. The law
  protects the person, whatever the ad calls the impairment or the faith.
- Documents kept "for safe keeping" are still withheld (《劳动合同法》第九条): any certificate
  (电工证, not only the listed ones) or 原件 handed to the company to keep, and a wage card the
  company opens and keeps, also when words come between (由公司统一办理并保管).
- Charging a worker for leaving (不满三个月离职扣除招聘费, 提前离职交违约金) is a fee in
  another name, and a penalty the law allows only for agreed training or non-competition
  (《劳动合同法》第二十五条): a new rule, fee_on_leaving. A recruitment fee (招聘费, 招工费)
  is a fee under any name (第九条).

Each seeded rule is extended by appending alternatives, so a rule staff have edited in the
admin keeps their edits and gains the new alternatives; unapplying removes exactly what was
appended. Patterns keep core/regex_guard.py's limits (bounded repeats, no repeat inside a
repeated group).
"""

import importlib

from django.db import migrations
from django.utils.translation import gettext_noop

seeded = importlib.import_module("nuanxin.core.migrations.0003_default_posting_rules")
HAN, COLON = seeded.HAN, seeded.COLON

# A refusal that ends its clause, perhaps after who said it: 瘸的不要，结了婚的老板说不要。
_SAYER = ("(?:的|者|人|人员|人士|朋友)?(?:老板|厂里|店里|我们|这边|经理|领导|公司|厂长|店长|主管)?(?:说了?|讲了?)?"
          "(?:都|就|一律|也|暂时|暂|统统|实在|肯定|真的|一概|全部|直接){0,2}")
_AWAY_END = ("(?:不要|不收|不招|不用|不考虑|不行|不可以|不能要|不录|免谈|勿扰|别来)(?:了|啊|哦|呀|吧|哈|的|哟){0,2}"
             "(?=[,，。!！;；?？~]|$)")
REFUSED = f"{_SAYER}{_AWAY_END}"
# …or ends a list: 手有毛病的、瘸的不要 (the ground may be any item of it).
REFUSED_IN_LIST = f"(?:的|者)?[、/][^。；;!！?？,，]{{0,12}}?{REFUSED}"
# A preference put before the group: 同等条件下优先录用男性, 优先考虑本地人.
PREFER_FIRST = f"优先(?:录用|录取|考虑|招聘|招录|招收|聘用|选用|选择){{0,1}}{COLON}"


def refused(group: str) -> str:
    return f"{group}(?:{REFUSED}|{REFUSED_IN_LIST})"


# Every ground the law protects, as an honest ad lists it to say none of them counts.
GROUND = ("(?:性别|男女|民族|种族|肤色|宗教信仰|宗教|信仰|户籍|户口|籍贯|地域|出身|省份|婚育状况|婚姻状况|婚育|婚姻|婚否|"
          "生育|是否结婚|是否生育|是否怀孕|残疾|残障|身体残疾|乙肝病毒携带|乙肝携带|乙肝|病原携带|传染病病原携带|hiv|"
          "艾滋病?|年龄|身高|相貌|外貌|长相|容貌)")
EQUAL_TREATMENT = ("(?:不因|不以|不论|无论|不分|不问|不看|不限|不考虑|不得因|不会因|不会以|不受)"
                   "(?:员工|求职者|应聘者|劳动者)?的?"
                   f"(?:{GROUND}(?:状况|情况|与否|者|差异|不同)?[、/和及与或]?){{1,10}}等?(?:因素|原因|差异|方面)?"
                   "(?![:：]|要求|限|须|需|在|为|\\d)")

# --- disability: plain words for an impairment -------------------------------------------------
DISABILITY_PLAIN = ("(?:瘸(?:腿|脚|子)?|腿瘸|跛(?:脚|子)?|"
                    "(?:手|脚|腿|胳膊|眼睛?|耳朵|嘴巴?|腰|背|身体|脑子|智力|精神)上?(?:有|带)(?:毛病|缺陷|残疾|残|问题|障碍)|"
                    "(?:手|脚|腿|胳膊|手指)(?:残|断|不全|不好使|不利索|不灵活)|缺胳膊少腿|"
                    "少了?(?:一只|一条|一根|根|只)?(?:手指头?|手|腿|胳膊|眼睛?)|独眼龙?|独臂|断指|断臂|驼背|罗锅|侏儒|"
                    "弱智|傻子|精神病人?|癫痫|羊癫疯|听不见|看不见|说不了话|耳背)")
DISABILITY_MORE = "|".join([
    f"{seeded.EXCLUDE}(?:有)?{DISABILITY_PLAIN}",
    f"{DISABILITY_PLAIN}(?:{seeded.AWAY}|{seeded.LATER_AWAY})",
    refused(f"(?:{DISABILITY_PLAIN}|{seeded.DISABILITY})"),
])

# --- religion: the words of a faith's own members ---------------------------------------------
RELIGION_PLAIN = ("(?:皈依(?:的|过)?(?:佛门|三宝)?|受洗(?:的|过)?|居士|教友|信众|佛门弟子|"
                  "(?:佛教|基督教|伊斯兰教|天主教|道教)的?(?:信徒|信众|教友|弟子|居士))")
RELIGION_MORE = "|".join([
    f"{seeded.LIMIT}{COLON}{RELIGION_PLAIN}",
    f"{seeded.EXCLUDE}{RELIGION_PLAIN}",
    f"{PREFER_FIRST}(?:{RELIGION_PLAIN}|{seeded.RELIGION})",
    refused(f"(?:{RELIGION_PLAIN}|{seeded.RELIGION})"),
    f"{RELIGION_PLAIN}{seeded.PREFER_OR_AWAY}",
])

# --- sex: preference put first, refusal at the end of the clause ------------------------------
_SEX_PERSON = "(?<![男女子儿妇孙侄美])(?:男|女)(?:的|性|士|生|人|孩子?|工|同志)"
SEX_MORE = "|".join([
    f"{PREFER_FIRST}(?:{seeded.SEX}|{seeded.SEX_COLLOQUIAL})(?![男女])",
    refused(f"(?:{_SEX_PERSON}|{seeded.SEX_COLLOQUIAL})"),
])

# --- household registration and origin: colloquial places, "only" before a province -----------
_ELSEWHERE = "(?:(?:别的|其他|其它|外|另外的?)(?:省份?|市|县|地方|地区)|省外|市外|外地)"
HUKOU_MORE = "|".join([
    refused(f"(?:{_ELSEWHERE}|{seeded.ORIGIN})"),
    f"(?:只招收?|仅招收?|只要|仅要|只收|只录用?|只接受|仅接受|仅限|只限)(?:{seeded.PLACES}|本地|当地|本市|本省)"
    "(?:省|市|县|地区)?(?:的(?=[,，。!！;；啊呀哦了~]|$)|的?人|籍|的?老乡|户口|户籍)",
    f"{PREFER_FIRST}{seeded.ORIGIN}{seeded._NAMED}",
])

# --- marriage and children: spoken forms, a bare 要 before a status ----------------------------
_STATUS_SPOKEN = ("(?:结了婚|结过婚|结婚了|已经结婚|没结婚|没结过婚|离过婚|离了婚|有老公|有老婆|有对象|没对象|有家室|"
                  "有娃|有孩子|有小孩|没孩子|没有孩子|生过孩子|生了孩子)")
_STATUS = f"(?:单身|已婚|未婚|离异|丧偶|已育|未育|{_STATUS_SPOKEN})"
MARRIAGE_MORE = "|".join([
    f"(?<![不需只重主想])要(?:是)?{_STATUS}(?:的|者|人员|女性|男性|女士|男士)",
    f"{_STATUS_SPOKEN}(?:者|的|人员|女性|男性)?{seeded.PREFER_OR_AWAY}",
    refused(_STATUS),
])

# --- infectious disease: tests refused with other verbs, or after the list --------------------
_DISEASES = f"(?:{seeded.INFECTIOUS_ALL}[、/和及与或]?){{1,6}}等?"
_NOT_TESTED = "(?:不做|不查|不检测?|不测|不含|不包含|不包括|不进行|不开展|不安排|取消|免除|不要求)"
INFECTIOUS_HONEST_MORE = "|".join([
    f"(?:依法)?(?:不进行|不开展|不安排|不设置?|不做|不查|不含|不包含|不包括|取消|免除|免做|免查)(?:任何|对)?"
    f"{_DISEASES}(?:病毒)?(?:携带)?(?:检测|检查|筛查|化验|项目)?",
    f"{_DISEASES}(?:(?!不录|不招|不要|勿|谢绝|拒)[^。；;!！?？,，]){{0,10}}(?:检测|检查|筛查|化验|项目)"
    f"(?:我们|公司|本公司|厂里|本厂|店里)?(?:一律|均|都|概|全部|统统|一概|也)?{_NOT_TESTED}",
])
INFECTIOUS_NOT_BEFORE_MORE = "(?:不进行|不开展|不安排|不设置?|免做|免查|免检)(?:任何|对)?"

# --- fees: any fee the employer pays, scam warnings, wages not held ----------------------------
_FEE_LIST = f"(?:{seeded.FEE}用?[、,，/和及与或]?){{1,6}}"
FEE_HONEST_MORE = "|".join([
    # 凡是找你收报名费、押金的都不是我们的人: naming fees to warn workers against whoever asks.
    "(?:凡是?|但凡|任何|如有|若有|如遇|若遇|谁|如果有人|若有人)[^。；;!！?？]{0,12}?(?:收|交|缴|要|索要|收取|索取)"
    f"[^。；;!！?？]{{0,3}}?{_FEE_LIST}[^。；;!！?？]{{0,12}}?"
    "(?:不是我们|不是本公司|不是本厂|不是我司|与本公司无关|与我们无关|与我司无关|骗子|诈骗|欺诈|请举报|举报|报警|冒充)",
    f"(?:谨防|警惕|小心|当心|提防|严防)[^。；;!！?？,，]{{0,10}}?{_FEE_LIST}",
    # 不押工资: a promise not to hold wages, which the fee words contain.
    "(?:不|从不|绝不|决不|不会|没有|无|拒绝|杜绝|严禁|禁止|不得)(?:押|压|扣押|扣留|拖欠|克扣|扣)(?:任何|员工|工人|大家)?的?"
    "(?:工资|薪资|工钱|薪水)",
    # A fee of any name the employer pays or waives: 招聘费由公司承担, 招聘费全免.
    f"{HAN}{{1,4}}费用?(?:由)?{seeded._PAYER}(?:全额|全部|统一)?(?:承担|报销|支付|负责|出|买单)",
    f"{HAN}{{1,3}}费用?{COLON}(?:全免|免收|免除|免费|0元|为0|为零|零元|无|一律不收|均免|不收)",
])
FEE_MORE = "招聘费|招工费|离职费|辞职费|辞工费"

# --- leaving: the new rule --------------------------------------------------------------------
_LEAVING = ("(?:离职|辞职|辞工|自离|离厂|离岗|走人|提前走|提前离开|跳槽|不干了|"
            "(?:干|做|工作|上班)?不满[^。；;!！?？,，]{0,6}?(?:月|天|期|周))")
LEAVING_RULE = "|".join([
    f"{_LEAVING}(?:(?!不|无|免|没)[^。；;!！?？]){{0,10}}?(?:扣除?|扣掉|扣回|倒扣|收取?|交|缴纳?|支付|赔偿?|罚)"
    f"(?:{HAN}{{0,4}}?费|违约金|赔偿金|押金|罚款|罚金)",
    f"(?:{_LEAVING}|提前)[^。；;!！?？,，]{{0,6}}?(?:违约金|赔偿金|罚款|罚金)",
])
LEAVING_HONEST = "|".join([
    seeded.WAGE_HONEST,   # 个人社保部分 is withheld lawfully
    "(?:水电|水|电|燃气|网络?|电话|话)费",
    "(?:无|没有|不收|不设|不约定|不需要?|无需|不用|免|不存在|不交|不要|不扣|不会扣|不会收)(?:任何)?(?:违约金|赔偿金|罚款|罚金)",
])

EXTENSIONS = {   # code -> field -> alternatives appended
    "sex_limit": {"pattern": SEX_MORE, "unless": EQUAL_TREATMENT},
    "ethnicity_limit": {"unless": EQUAL_TREATMENT},
    "religion_limit": {"pattern": RELIGION_MORE, "unless": EQUAL_TREATMENT},
    "disability_limit": {"pattern": DISABILITY_MORE, "unless": EQUAL_TREATMENT},
    "hukou_limit": {"pattern": HUKOU_MORE, "unless": EQUAL_TREATMENT},
    "infectious_disease": {"unless": f"{EQUAL_TREATMENT}|{INFECTIOUS_HONEST_MORE}",
                           "unless_before": INFECTIOUS_NOT_BEFORE_MORE},
    "marriage_childbearing": {"pattern": MARRIAGE_MORE, "unless": EQUAL_TREATMENT},
    "fee_asked": {"pattern": FEE_MORE, "unless": FEE_HONEST_MORE},
    "documents_withheld": {"pattern": None},  # filled in below
    "age_limit": {"unless": EQUAL_TREATMENT},
    "appearance_limit": {"unless": EQUAL_TREATMENT},
    "height_limit": {"unless": EQUAL_TREATMENT},
}

# --- documents: any certificate or original handed over to be kept ----------------------------
_ANY_DOCUMENT = f"(?:{seeded.DOCUMENT}|原件|各类证件|相关证件|{HAN}{{1,3}}证书?)"
EXTENSIONS["documents_withheld"]["pattern"] = (
    f"{_ANY_DOCUMENT}(?:原件)?(?:需|须|要|必须|统一|一律|将|会|需要|先|均|都|请)?"
    "(?:交由|交给|交予|上交|交|由|放|存放|寄存|留|放在|押在|留在)(?:在|于|至|到|给)?"
    f"{seeded._HOLDER}处?(?:(?!本人|自己|自行|员工|个人|你|您|退还|归还|返还|核|验|复印)[^。，,；;!！]){{0,6}}?"
    "(?:保管|代管|保存|暂存|存放|扣押|扣留|留存|收存)")

NEW_RULES = [
    dict(code="fee_on_leaving", category="fee_deposit",
         law="《劳动合同法》第九条、第二十五条；《工资支付暂行规定》第十五条",
         pattern=LEAVING_RULE, unless_before=seeded.FEE_NOT_BEFORE, unless=LEAVING_HONEST,
         message=gettext_noop("Employers may not charge workers for leaving: no recruitment fee, penalty or "
                              "deduction, except what the law allows for agreed training."),
         fix=gettext_noop("Remove it; workers may leave after notice (30 days, 3 in probation) at no cost.")),
]


def _extend(apps, schema_editor):
    PostingRule = apps.get_model("core", "PostingRule")
    for code, fields in EXTENSIONS.items():
        rule = PostingRule.objects.filter(code=code).first()
        if rule is None:   # deleted by staff: nothing to extend
            continue
        for field, extra in fields.items():
            current = getattr(rule, field) or ""
            if extra not in current:
                setattr(rule, field, f"{current}|{extra}" if current else extra)
        rule.save()
    for rule in NEW_RULES:
        PostingRule.objects.get_or_create(code=rule["code"], defaults=rule)


def _unextend(apps, schema_editor):
    PostingRule = apps.get_model("core", "PostingRule")
    for code, fields in EXTENSIONS.items():
        rule = PostingRule.objects.filter(code=code).first()
        if rule is None:
            continue
        for field, extra in fields.items():
            current = getattr(rule, field) or ""
            setattr(rule, field, current.replace(f"|{extra}", "") if current != extra else "")
        rule.save()
    PostingRule.objects.filter(code__in=[r["code"] for r in NEW_RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0003_default_posting_rules")]
    operations = [migrations.RunPython(_extend, _unextend)]
