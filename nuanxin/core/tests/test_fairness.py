"""The fairness screen: every category the law names is refused with its rule and article,
honest wording passes, staff change the rules in the admin without a restart, a broken or
dangerous pattern is a form error, and the labelled ads in bench/ meet the goals."""

import importlib
import importlib.util
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from nuanxin.core import fairness
from nuanxin.core.models import PostingRule
from nuanxin.core.regex_guard import check_regex

pytestmark = pytest.mark.django_db

BENCH = Path(__file__).resolve().parents[3] / "bench" / "fairness.py"

# (ad, rule code, category, words of the law it must cite)
UNLAWFUL = [
    ("招聘仓库管理员，限男性", "sex_limit", "sex", "《就业促进法》第二十七条"),
    ("前台文员，女士优先", "sex_limit", "sex", "《就业促进法》第二十七条"),
    ("仅限汉族，待遇从优", "ethnicity_limit", "ethnicity_race", "第二十八条"),
    ("要求无宗教信仰", "religion_limit", "religion", "《就业促进法》第三条"),
    ("残疾人勿扰", "disability_limit", "disability", "《就业促进法》第二十九条"),
    ("要求身体健全，手脚麻利", "disability_limit", "disability", "第二十九条"),
    ("只招本地户籍", "hukou_limit", "hukou_origin", "第三十一条"),
    ("外地人勿扰", "hukou_limit", "hukou_origin", "第三十一条"),
    ("入职体检含乙肝五项", "infectious_disease", "infectious_disease", "《就业促进法》第三十条"),
    ("已婚已育优先", "marriage_childbearing", "marriage_childbearing", "《妇女权益保障法》第四十三条"),
    ("入职两年内不得怀孕", "marriage_childbearing", "marriage_childbearing", "第四十三条"),
    ("入职需交服装费150元", "fee_asked", "fee_deposit", "《劳动合同法》第九条"),
    ("先交保证金500，干满三个月退", "fee_asked", "fee_deposit", "《就业服务与就业管理规定》第十四条"),
    ("身份证原件押在公司", "documents_withheld", "fee_deposit", "《劳动合同法》第九条"),
    ("工资压一个月发放", "wage_withheld", "fee_deposit", "《工资支付暂行规定》第十五条"),
    ("年龄20-35周岁", "age_limit", "age", "《就业服务与就业管理规定》第二十条"),
    ("45岁以下，身体健康", "age_limit", "age", "第二十条"),
    ("五官端正，形象好", "appearance_limit", "appearance_height", "《就业促进法》第三条"),
    ("身高165cm以上", "height_limit", "appearance_height", "第三条"),
    # The same things in other words: refusals later in the sentence, plain-word disabilities, labels.
    ("少数民族应聘需另行审核，原则上不录用", "ethnicity_limit", "ethnicity_race", "第二十八条"),
    ("信教的就别来了", "religion_limit", "religion", "第三条"),
    ("腿脚不便者不考虑", "disability_limit", "disability", "第二十九条"),
    ("【籍贯】限江苏省内", "hukou_limit", "hukou_origin", "第三十一条"),
    ("【要求】男，会电脑", "sex_limit", "sex", "第二十七条"),
    ("入职后怀孕视为自动离职", "marriage_childbearing", "marriage_childbearing", "第四十三条"),
    ("员工身份证由人事部统一保管", "documents_withheld", "fee_deposit", "第九条"),
    ("首月工资押着，干满三个月再发", "wage_withheld", "fee_deposit", "第十五条"),
]

HONEST = ["男女不限", "无需押金", "不收任何费用", "服装免费提供", "需持健康证", "提供住宿", "包吃住",
          "已婚未婚均可", "欢迎残疾人", "年满18周岁", "年满16周岁", "押一休一", "不扣押证件", "身体健康"]


# Honest ads that use the words the rules look for.
HONEST_ADS = [
    "不收押金，不收培训费、服装费和体检费", "押金：无", "体检费用公司全额报销", "体检费用幼儿园承担",
    "本项目已缴存农民工工资保证金", "社保个人部分从工资中代扣", "工资每月10号发放上月工资，从不拖欠",
    "请携带身份证原件及复印件，原件核对后当场归还", "请妥善保管身份证", "乙肝携带者可正常入职，体检不查乙肝",
    "欢迎退休人员，60岁以上也可以", "年满16周岁即可，学生暑假工欢迎", "18周岁以上即可", "残疾人士优先，工作环境无障碍",
    "欢迎少数民族同胞，食堂有清真窗口", "不论户籍，熟悉本地路况者优先", "婚育状况不限，宝妈友好",
    "单身宿舍免费住", "夫妻可安排夫妻房", "主要面向女性顾客的美容店", "男，女均可", "着装整洁，性格阳光开朗",
    "需要能搬运20公斤左右的货物", "早班7:00-15:00，月薪5000-7000", "有叉车证者优先", "押二休一，周末双倍工资",
]


@pytest.mark.parametrize("ad", HONEST_ADS)
def test_honest_ads_that_use_the_words_pass(ad):
    assert fairness.screen("招聘", ad) == []


@pytest.mark.parametrize("ad,code,category,law", UNLAWFUL)
def test_each_category_the_law_names_is_refused_with_its_rule_and_article(ad, code, category, law):
    found = {f.code: f for f in fairness.screen("招聘", ad)}
    assert code in found, found
    assert found[code].category == category
    assert law in found[code].law
    assert found[code].message and found[code].fix and found[code].found


@pytest.mark.parametrize("phrase", HONEST)
def test_honest_phrasing_passes(phrase):
    assert fairness.screen("仓库理货员", phrase) == []


def test_honest_phrases_together_and_spaced_or_full_width_still_pass():
    assert fairness.screen("普工", "，".join(HONEST)) == []
    assert fairness.screen("普工", "男 女 不 限，无需 押金，年满１８周岁") == []


def test_disguised_spacing_and_full_width_still_caught():
    assert [f.code for f in fairness.screen("押 金 ２００ 元")] == ["fee_asked"]


def test_a_warm_screen_costs_one_query(django_assert_num_queries):
    fairness.screen("x")
    with django_assert_num_queries(1):
        fairness.screen("限男性")


def test_a_broken_pattern_written_around_the_admin_is_skipped_not_a_crash(caplog):
    PostingRule.objects.create(code="broken", category="fee_deposit", law="x", pattern="(", message="m", fix="f")
    assert [f.code for f in fairness.screen("入职交押金")] == ["fee_asked"]
    assert "broken" in caplog.text


def test_every_seeded_pattern_passes_the_admin_guard():
    for rule in PostingRule.objects.all():
        for value in (rule.pattern, rule.unless_before, rule.unless):
            if value:
                check_regex(value)


@pytest.mark.parametrize("pattern,code", [
    ("(", "invalid"), ("(a|aa)*b", "unbounded"), ("(?:ab{1,5}){1,5}", "nested"), ("a{0,3}", "empty"),
    (r"(a)\1", "backref"), ("x" * 5000, "too_long"),
])
def test_dangerous_patterns_are_refused(pattern, code):
    with pytest.raises(ValidationError) as e:
        check_regex(pattern)
    assert e.value.code == code



# --- second pass (migration 0004): gaps found by category, each checked both ways ---------------

# (ad, rule code, category, words of the law it must cite)
UNLAWFUL_SECOND_PASS = [
    # A preference put before the group, and a refusal closing the clause after who said it.
    ("两人条件相当时，优先聘用女士", "sex_limit", "sex", "第二十七条"),
    ("装卸岗，女的厂长说了不要。", "sex_limit", "sex", "第二十七条"),
    ("其他省份的就不考虑了，包吃住", "hukou_limit", "hukou_origin", "第三十一条"),
    ("我们只收河南的，包住", "hukou_limit", "hukou_origin", "第三十一条"),
    ("优先考虑本市户籍人员", "hukou_limit", "hukou_origin", "第三十一条"),
    ("店里要单身的，包住", "marriage_childbearing", "marriage_childbearing", "第四十三条"),
    ("没结过婚的店长说不要。", "marriage_childbearing", "marriage_childbearing", "第四十三条"),
    # Disability and faith in the plain words people use.
    ("腿有毛病的都别来", "disability_limit", "disability", "第二十九条"),
    ("缺胳膊少腿的我们不收。", "disability_limit", "disability", "第二十九条"),
    ("跛脚的、没干过的不要", "disability_limit", "disability", "第二十九条"),
    ("只要受洗过的弟兄姊妹", "religion_limit", "religion", "第三条"),
    ("同等条件下优先录用基督徒", "religion_limit", "religion", "第三条"),
    # Fees under other names, charges for leaving, documents "kept safe".
    ("入职收取招工费，当天上岗", "fee_asked", "fee_deposit", "第九条"),
    ("试用期内辞职要交违约金1000元", "fee_on_leaving", "fee_deposit", "第二十五条"),
    ("干不满两个月就走的，倒扣中介费", "fee_on_leaving", "fee_deposit", "第二十五条"),
    ("提前离职罚款500元", "fee_on_leaving", "fee_deposit", "第二十五条"),
    ("叉车证原件放在项目部保管到合同结束", "documents_withheld", "fee_deposit", "第九条"),
    ("银行卡由财务代办后统一保管", "documents_withheld", "fee_deposit", "第九条"),
]

HONEST_SECOND_PASS = [
    # Naming a ground only to say it does not count.
    "招聘不因性别、年龄、户籍或婚姻状况而区别对待", "我们不会因残疾、民族或宗教信仰拒绝任何人",
    "入职体检不开展乙肝、艾滋病项目", "梅毒、乙肝这类检查我们一律不查", "体检依法不进行hiv检测",
    # Naming a fee to warn against it, or to say the employer pays it.
    "谁要是向你收押金或培训费，那就是骗子，请直接报警", "谨防以收取服装费为名的招工骗局",
    "厂里从来不押工资，每月10号发", "招聘费由厂方承担", "招工费：全免",
    # Leaving costs nothing; lawful deductions and returned documents stay fine.
    "离职当月工资照常结清，不扣任何费用", "辞职当月代扣个人社保费", "提前离职无任何违约金",
    "身份证、毕业证原件核验后当场退还本人", "工资卡由员工本人办理和保管",
    # The new words in harmless places.
    "需要单身宿舍的请提前说", "欢迎外省朋友，其他省份的老乡也能来", "同等条件下优先录用退役军人和残疾人",
    "佛教居士林招聘会计，信仰不限", "优先安排孕期女职工做轻体力活",
]


@pytest.mark.parametrize("ad,code,category,law", UNLAWFUL_SECOND_PASS)
def test_second_pass_gaps_are_refused_with_their_rule(ad, code, category, law):
    found = {f.code: f for f in fairness.screen("招聘", ad)}
    assert code in found, found
    assert found[code].category == category and law in found[code].law


@pytest.mark.parametrize("ad", HONEST_SECOND_PASS)
def test_second_pass_honest_wording_passes(ad):
    assert fairness.screen("招聘", ad) == []


def test_second_pass_keeps_a_rule_staff_edited_and_can_be_applied_twice():
    from django.apps import apps

    migration = importlib.import_module("nuanxin.core.migrations.0004_posting_rules_second_pass")
    rule = PostingRule.objects.get(code="sex_limit")
    rule.pattern = "只招猛男"   # a staff edit in the admin, made after the migrations ran
    rule.save()
    migration._extend(apps, None)
    migration._extend(apps, None)
    rule.refresh_from_db()
    assert rule.pattern == f"只招猛男|{migration.SEX_MORE}"
    assert fairness.screen("只招猛男") and fairness.screen("优先录用男性")
    migration._unextend(apps, None)
    rule.refresh_from_db()
    assert rule.pattern == "只招猛男"


# --- the admin ---------------------------------------------------------------------------------

RULE_FORM = {"code": "task_scam", "category": "fee_deposit", "law": "《劳动合同法》第九条",
             "pattern": "刷单|垫付货款", "unless_before": "不|拒绝", "unless": "",
             "message": "Postings may not ask workers to pay for orders.", "fix": "Remove it.", "active": "on"}


@pytest.fixture
def admin_client(client, make_user):
    client.force_login(make_user("admin", username="rules-admin"))
    return client


def test_a_rule_added_in_the_admin_applies_to_the_next_posting_without_restart(admin_client):
    assert fairness.screen("兼职刷单，日结") == []   # the compiled rules are now cached
    r = admin_client.post("/admin/core/postingrule/add/", RULE_FORM)
    assert r.status_code == 302, r.content.decode()[:2000]
    [finding] = fairness.screen("兼职刷单，日结")
    assert (finding.code, finding.found, finding.law) == ("task_scam", "刷单", "《劳动合同法》第九条")
    assert fairness.screen("拒绝刷单") == []

    rule = PostingRule.objects.get(code="task_scam")
    r = admin_client.post(f"/admin/core/postingrule/{rule.pk}/change/", {**RULE_FORM, "active": ""})
    assert r.status_code == 302
    assert fairness.screen("兼职刷单，日结") == []


def test_a_seeded_rule_switched_off_in_the_admin_stops_refusing(admin_client):
    rule = PostingRule.objects.get(code="height_limit")
    form = {f: getattr(rule, f) for f in ("code", "category", "law", "pattern", "unless_before", "unless",
                                          "message", "fix")}
    assert fairness.screen("身高160以上")
    assert admin_client.post(f"/admin/core/postingrule/{rule.pk}/change/", form).status_code == 302
    assert fairness.screen("身高160以上") == []


@pytest.mark.parametrize("field,value", [
    ("pattern", "押金("), ("pattern", "(押金|押)*"), ("unless_before", "[不"), ("unless", "男女不限|"),
])
def test_a_bad_regex_in_the_admin_is_a_form_error_not_a_500(admin_client, field, value):
    r = admin_client.post("/admin/core/postingrule/add/", {**RULE_FORM, field: value})
    assert r.status_code == 200
    assert field in r.context["adminform"].form.errors
    assert not PostingRule.objects.filter(code="task_scam").exists()


def test_admin_lists_rules_and_tries_an_ad(admin_client):
    r = admin_client.get("/admin/core/postingrule/", {"q": "sex"})
    assert r.status_code == 200 and "sex_limit" in r.content.decode()
    r = admin_client.post("/admin/core/postingrule/try/", {"text": "限男性，需交押金"})
    assert r.status_code == 200
    assert {f.code for f in r.context["findings"]} == {"sex_limit", "fee_asked"}
    r = admin_client.post("/admin/core/postingrule/try/", {"text": "男女不限，无需押金"})
    assert r.context["findings"] == []


def test_workers_cannot_reach_the_rules(client, make_user):
    client.force_login(make_user("worker"))
    assert client.get("/admin/core/postingrule/try/").status_code == 302   # to the admin login


# --- the labelled ads --------------------------------------------------------------------------


def test_the_labelled_ads_meet_the_goals():
    """bench/data/posting_ads.jsonl: >= 95% of unlawful ads caught, <= 2% of honest ads refused."""
    spec = importlib.util.spec_from_file_location("bench_fairness", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.measure(bench.load())
    misses = [ad["id"] for ad in result.misses]
    alarms = [ad["id"] for ad, _f in result.false_alarms]
    assert result.caught_rate >= bench.GOAL_CAUGHT, misses
    assert result.false_alarm_rate <= bench.GOAL_FALSE_ALARM, alarms
