"""The policy calculator's three programmes with their rule parameters (part C of issue 14).

Idempotent: a programme already present (perhaps edited by staff in the admin) is left as it
is; running the migration again, or on a database that has them, changes nothing. The values
are a copy taken here, not imported from jobs.policies, so later code changes never rewrite
history. National figures follow the texts named in each row's params["sources"]; figures
Jiangsu, Suzhou or Kunshan set are marked "to confirm" in the admin's help text."""

from django.db import migrations

POLICIES = [
    {
        "code": "flexible_insurance",
        "name": "灵活就业社会保险补贴",
        "summary": "就业困难人员、离校2年内未就业的高校毕业生灵活就业后，按实际缴纳的基本养老、基本医疗保险费给予补贴，"
                   "原则上不超过实际缴费的2/3；就业困难人员最长3年（距法定退休年龄不足5年的可延长至退休），"
                   "高校毕业生最长2年。",
        "documents": "身份证\n就业困难人员认定证明，或毕业证书\n灵活就业登记\n养老、医疗保险缴费凭证\n社会保障卡（银行账户）",
        "params": {
            "share_numerator": 2, "share_denominator": 3,
            "base_fen": 449400, "pension_rate_bp": 2000, "medical_rate_bp": 800,
            "difficulty_max_months": 36, "near_retirement_years": 5,
            "graduate_max_months": 24, "graduate_window_months": 24,
            "sources": ["财社〔2017〕164号《就业补助资金管理办法》第八条"],
        },
    },
    {
        "code": "training",
        "name": "职业技能培训补贴",
        "summary": "农村转移就业劳动者、城镇登记失业人员、毕业年度高校毕业生、未继续升学的应届初高中毕业生、"
                   "贫困家庭子女参加就业技能培训并取得证书的，按证书等级给予补贴；每人每年不超过3次，"
                   "同一职业同一等级不重复享受。",
        "documents": "身份证\n培训合格证书、职业技能等级证书或专项职业能力证书\n身份类别证明（如失业登记、毕业证书）\n"
                     "社会保障卡（银行账户）",
        "params": {
            "groups": ["rural_migrant", "registered_unemployed", "graduate_year", "school_leaver", "poor_family"],
            "amounts_fen": {"special": 60000, "level5": 100000, "level4": 150000, "level3": 200000},
            "max_per_year": 3, "apply_within_months": 12,
            "sources": ["财社〔2017〕164号《就业补助资金管理办法》第六条", "国办发〔2019〕24号《职业技能提升行动方案（2019—2021年）》"],
        },
    },
    {
        "code": "startup_loan",
        "name": "创业担保贷款及贴息",
        "summary": "城镇登记失业人员、就业困难人员、高校毕业生、返乡创业农民工、退役军人等创业的，可申请创业担保贷款，"
                   "合伙创业可适当提高额度，小微企业按新招用人员比例申请；期限最长3年，财政按规定贴息。",
        "documents": "身份证、户口簿或居住证\n身份类别证明（如失业登记、毕业证书、退役证）\n营业执照\n创业计划书\n"
                     "婚姻状况证明\n小微企业：职工名册、劳动合同和社保缴费记录",
        "params": {
            "groups": ["registered_unemployed", "difficulty", "graduate", "returning_migrant", "veteran",
                       "released_prisoner", "online_shop", "rural_founder", "lifted_from_poverty"],
            "individual_max_fen": 30_000_000, "partnership_extra_pct": 10, "partnership_max_fen": 200_000_000,
            "small_business_max_fen": 400_000_000, "hire_share_pct": 15, "hire_share_pct_large": 8,
            "large_staff": 100, "term_months": 36, "lpr_bp": 300, "borrower_below_lpr_bp": 150,
            "rate_over_lpr_bp": 50,
            "sources": ["财金〔2020〕21号《关于进一步加大创业担保贷款贴息力度全力支持重点群体创业就业的通知》"],
        },
    },
]


def seed(apps, schema_editor):
    Policy = apps.get_model("jobs", "Policy")
    for row in POLICIES:
        Policy.objects.get_or_create(code=row["code"], defaults={k: v for k, v in row.items() if k != "code"})


class Migration(migrations.Migration):

    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
