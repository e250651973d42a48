"""Demo gigs: Kunshan employers posting temporary work across the towns for the next two weeks."""

import datetime
import random

from nuanxin.core.validators import uscc_check_char

EMPLOYERS = [
    # name, contact, phone, first 17 characters of a credit code
    ("昆山好洁家政服务有限公司", "周经理", "13900000011", "91320583MA1XJ0001"),
    ("昆山顺达物流有限公司", "吴主管", "13900000012", "91320583MA1XJ0002"),
    ("昆山鹿城搬家服务有限公司", "郑师傅", "13900000013", "91320583MA1XJ0003"),
    ("昆山花桥会展服务有限公司", "王经理", "13900000014", "91320583MA1XJ0004"),
    ("昆山宏达餐饮管理有限公司", "陈店长", "13900000015", "91320583MA1XJ0005"),
    ("昆山开发区云仓供应链有限公司", "刘主管", "13900000016", "91320583MA1XJ0006"),
    ("昆山市安居建筑劳务有限公司", "赵工", "13900000017", "91320583MA1XJ0007"),
]

TEMPLATES = {
    "cleaning": [("家庭保洁 4小时", 3000, "hour", ["保洁"]), ("办公室日常保洁", 2800, "hour", []),
                 ("新房开荒保洁", 20000, "day", ["保洁"])],
    "domestic": [("钟点工：做饭加打扫", 3500, "hour", ["家政"]), ("临时育婴看护", 4000, "hour", ["育婴"])],
    "moving": [("搬家帮手（2人一组）", 15000, "job", ["搬运"]), ("家具搬运上楼", 20000, "job", ["搬运"])],
    "delivery": [("午高峰外卖骑手", 800, "piece", ["电动车驾驶"]), ("社区团购配送", 600, "piece", ["电动车驾驶"])],
    "courier": [("快递分拣员（夜班）", 2500, "hour", ["分拣"]), ("双十二快递分拣", 20000, "day", ["分拣"])],
    "catering": [("餐厅帮厨（周末）", 2500, "hour", ["厨师"]), ("宴会服务员", 18000, "day", [])],
    "factory": [("电子厂临时普工", 2200, "hour", ["普工"]), ("包装工", 20000, "day", ["普工"])],
    "warehouse": [("仓库理货员", 2400, "hour", ["仓管"]), ("装卸工", 3000, "hour", ["搬运"])],
    "construction": [("工地小工（清理、搬运）", 25000, "day", []), ("电工辅助（需电工证）", 30000, "day", ["电工"])],
    "event": [("展会搭建帮手", 22000, "day", []), ("活动引导员", 2500, "hour", [])],
    "other": [("社区活动协助", 2000, "hour", [])],
}
EMPLOYER_FOR = {"cleaning": 0, "domestic": 0, "moving": 2, "delivery": 1, "courier": 1, "catering": 4,
                "factory": 5, "warehouse": 5, "construction": 6, "event": 3, "other": 3}
DESCRIPTIONS = [
    "工资日结，不收任何费用，无需押金。男女不限，年龄不限。",
    "到岗请带好身份证，现场有人带班。工作餐公司提供。",
    "需要能吃苦，准时到岗。完工后当天确认工时。",
]
SLOTS = [(8, 4), (9, 8), (13, 4), (18, 4), (22, 8)]  # (start hour, hours)


def uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


def gig_specs(rng: random.Random, now: datetime.datetime, towns: dict, count: int = 300) -> list[dict]:
    """`count` gigs with one to three shifts each within the next two weeks."""
    from nuanxin.demo.data import jitter

    categories = list(TEMPLATES)
    town_codes = list(towns)
    today = now.astimezone(datetime.timezone(datetime.timedelta(hours=8))).date()
    specs = []
    for i in range(count):
        category = categories[i % len(categories)]
        title, pay, unit, skills = rng.choice(TEMPLATES[category])
        town = town_codes[i % len(town_codes)]
        lat, lon = jitter(rng, town, 2.0)
        shifts = []
        for _ in range(rng.randint(1, 3)):
            day = today + datetime.timedelta(days=rng.randint(1, 14))
            hour, hours = rng.choice(SLOTS)
            start = datetime.datetime.combine(day, datetime.time(hour),
                                              tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
            shifts.append({"start": start, "end": start + datetime.timedelta(hours=hours),
                           "headcount": rng.choice([1, 2, 2, 3, 5, 10])})
        description = rng.choice(DESCRIPTIONS)
        specs.append({
            "employer": EMPLOYER_FOR[category], "title": title, "category": category,
            "description": description, "address": f"{towns[town]}{rng.randint(1, 999)}号",
            "lat": lat, "lon": lon, "pay_fen": pay, "pay_unit": unit, "skills": skills,
            "instant": rng.random() < 0.3, "shifts": shifts,
            # A gig whose text promises 日结 pays the same day (the flag makes the platform keep it).
            "same_day_pay": "日结" in description,
        })
    return specs
