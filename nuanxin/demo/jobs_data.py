"""Demo data for the employment service (jobs); one section per part."""

import datetime
import random

# --- A: vacancies ----------------------------------------------------------------------------

# The employers that post: 淳华科技 (data.EMPLOYER_PHONE) and the gig employers of gigs_data.
VACANCY_EMPLOYER_PHONES = ["13900000001", "13900000011", "13900000012", "13900000013", "13900000014",
                           "13900000015", "13900000016", "13900000017"]

# occupation code (2022 classification), title, kind, pay from/to (yuan), per, skills, employer (index above)
VACANCY_TEMPLATES = [
    ("6-25-04-07", "电子厂普工（SMT产线）", "full_time", 5000, 7000, "month", ["普工"], 0),
    ("6-25-02-06", "芯片封装测试操作员", "full_time", 5500, 7500, "month", [], 0),
    ("4-08-05-07", "电子产品检验员", "full_time", 5200, 6800, "month", ["质检"], 0),
    ("6-31-01-02", "设备维修钳工", "full_time", 7000, 10000, "month", ["钳工证"], 0),
    ("6-31-01-03", "厂区电工", "full_time", 7000, 9500, "month", ["电工证"], 0),
    ("6-14-02-00", "注塑成型操作工", "full_time", 5500, 7000, "month", [], 0),
    ("4-02-06-01", "仓储管理员", "full_time", 5500, 7000, "month", ["仓管"], 6),
    ("4-02-06-02", "仓库理货员", "full_time", 5000, 6500, "month", ["叉车证"], 6),
    ("4-02-05-01", "装卸搬运工", "full_time", 5500, 8000, "month", ["搬运"], 3),
    ("4-02-07-08", "快递员", "full_time", 6000, 9000, "month", ["电动车驾驶"], 2),
    ("4-10-08-01", "网约配送员（兼职）", "part_time", 20, 30, "hour", ["电动车驾驶"], 2),
    ("4-09-08-01", "商场保洁员", "full_time", 3500, 4200, "month", ["保洁"], 1),
    ("4-10-01-06", "家政服务员", "full_time", 5000, 7000, "month", ["家政"], 1),
    ("4-10-01-05", "养老护理员", "full_time", 5000, 6500, "month", ["养老护理员证"], 1),
    ("4-03-02-01", "中式烹调师", "full_time", 6000, 8500, "month", ["厨师证"], 5),
    ("4-03-02-05", "餐厅服务员", "full_time", 4200, 5200, "month", [], 5),
    ("4-03-02-05", "周末餐厅服务员（兼职）", "part_time", 20, 25, "hour", [], 5),
    ("4-01-02-04", "超市收银员", "full_time", 4000, 5000, "month", [], 5),
    ("4-07-05-01", "园区保安员", "full_time", 4500, 5500, "month", ["保安员证"], 4),
    ("6-29-01-01", "砌筑工", "full_time", 8000, 11000, "month", [], 7),
    ("6-29-01-04", "钢筋工", "full_time", 8500, 12000, "month", [], 7),
    ("6-18-02-04", "焊工", "full_time", 8000, 12000, "month", ["焊工证"], 7),
    ("6-22-02-01", "汽车装调工", "full_time", 6000, 8000, "month", [], 0),
    ("4-12-01-01", "汽车维修工", "full_time", 6000, 9000, "month", ["汽修"], 0),
    ("4-10-03-02", "美发师", "full_time", 5000, 9000, "month", [], 1),
]
REQUIREMENTS = [
    "能适应倒班，身体健康，有相关经验优先；男女不限，无需押金，公司不收任何费用。",
    "认真负责，能吃苦耐劳；无经验可培训上岗，持证者优先。入职不收任何费用。",
    "有相关工作经验一年以上优先，能看懂简单的作业指导书。年满18周岁。",
]
DUTIES = {
    "full_time": "按岗位作业指导书完成日常工作，遵守安全生产规定；签订劳动合同，缴纳五险，提供工作餐和宿舍。",
    "part_time": "按排班完成工作，每周不少于三次；按小时计酬，工资每半月结算一次。",
}
VACANCY_COUNT = 200
PENDING_EVERY = 25          # every 25th waits for review (8 of 200)
REJECTED_NOTE = "请写明具体的上班地点（厂区门牌号）和班次安排后重新提交。"


def vacancy_specs(rng: random.Random, towns: list[str], today: datetime.date) -> list[dict]:
    """VACANCY_COUNT vacancies over the templates and the towns, each with its employer's index."""
    from nuanxin.core.towns import CHINESE_NAMES
    from nuanxin.demo.data import jitter

    specs = []
    for i in range(VACANCY_COUNT):
        code, title, kind, low, high, period, skills, employer = VACANCY_TEMPLATES[i % len(VACANCY_TEMPLATES)]
        town = towns[(i * 7) % len(towns)]
        lat, lon = jitter(rng, town, 2.0)
        specs.append({
            "employer": employer, "title": title, "occupation": code, "kind": kind,
            "headcount": rng.choice([1, 2, 3, 5, 10, 20]),
            "requirements": REQUIREMENTS[i % len(REQUIREMENTS)], "duties": DUTIES[kind], "skills": skills,
            "address": f"{CHINESE_NAMES[town]}{rng.choice(['前进路', '长江路', '黄河路', '青阳路', '友谊路'])}"
                       f"{rng.randint(1, 300)}号",
            "town": town, "lat": lat, "lon": lon, "pay_min_fen": low * 100, "pay_max_fen": high * 100,
            "pay_period": period, "valid_until": today + datetime.timedelta(days=rng.choice([30, 30, 45, 60, 90])),
        })
    return specs
