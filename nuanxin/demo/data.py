"""The Kunshan demo data: known places from DOMAIN.md and a seeded, realistic generated set."""

import datetime
import random

from nuanxin.core.towns import CHINESE_NAMES, TOWN_CENTRES, Town
from nuanxin.core.validators import id_number_check_char

DEMO_PASSWORD = "kunshan-demo-2026"  # noqa: S105 - demo accounts only; printed by `make run`
SEED = 20221101

STAFF = [
    # username, name, role
    ("admin", "系统管理员", "admin"),
    ("advisor", "陈顾问", "advisor"),
    ("manager", "周站长", "station_manager"),
    ("hospital", "市三院 王医生", "hospital"),
    ("teacher", "志愿者 刘老师", "teacher"),
    ("organiser", "青年夜校 赵老师", "organiser"),
    ("rescue", "救助站 孙科长", "rescue"),
    ("legal", "法律援助 吴律师", "legal"),
    ("official", "市委社会工作部 郑处长", "official"),
]
EMPLOYER_PHONE = "13900000001"
FIRST_WORKER_PHONE = 13800000000
WORKER_COUNT = 220

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超",
         "秀英", "霞", "平", "刚", "桂英", "建华", "小龙", "海燕", "志强", "春梅", "国庆", "文博", "子轩", "雨欣"]
# Province-level region codes with a prefecture code, for plausible ID numbers, and hometowns.
HOMETOWNS = [("620102", "甘肃兰州"), ("410105", "河南郑州"), ("340104", "安徽合肥"), ("510107", "四川成都"),
             ("530102", "云南昆明"), ("520102", "贵州贵阳"), ("430102", "湖南长沙"), ("360102", "江西南昌"),
             ("320705", "江苏连云港"), ("370102", "山东济南"), ("420102", "湖北武汉"), ("500101", "重庆万州")]
OCCUPATIONS = ["delivery", "ride_hailing", "courier", "cleaner", "factory_temp", "job_seeker"]
SKILLS = ["电动车驾驶", "保洁", "搬运", "分拣", "普工", "电工", "厨师", "收银", "育婴", "家政", "驾驶C1", "仓管"]

COMMUNITIES = ["同心", "和谐", "新华", "朝阳", "东方", "城北", "城南", "中华园", "柏庐", "亭林", "娄江", "西塘",
               "北门", "江浦", "绿地", "蓬朗", "夏驾", "石牌", "正仪", "绰墩", "大市", "南港", "陈墓", "杨湘泾",
               "金华", "长江", "珠江", "黄河", "青阳", "前进", "同丰", "白塘", "玉龙", "兵希", "少卿", "新镇"]
ROADS = ["前进路", "人民路", "长江路", "黄河路", "朝阳路", "柏庐路", "马鞍山路", "同丰路", "萧林路",
         "珠江路", "白塘路", "青阳路", "景王路", "祖冲之路", "中华园路", "环城路"]

AMENITY_SETS = [
    ["charging", "drinking_water", "wifi", "reading_corner", "first_aid_kit"],
    ["charging", "drinking_water", "wifi", "microwave", "seating", "first_aid_kit"],
    ["charging", "drinking_water", "restroom", "heating", "air_conditioning", "seating"],
    ["drinking_water", "wifi", "reading_corner", "first_aid_kit", "lockers"],
]


def short_town(code: str) -> str:
    return CHINESE_NAMES[code].removesuffix("镇")


def jitter(rng: random.Random, town: str, km: float) -> tuple[float, float]:
    lat, lon = TOWN_CENTRES[town]
    return (round(lat + rng.gauss(0, km / 111.0), 6), round(lon + rng.gauss(0, km / 95.0), 6))


def id_number(rng: random.Random, region: str, born: datetime.date) -> str:
    first17 = f"{region}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return first17 + id_number_check_char(first17)


def t(s: str) -> datetime.time:
    return datetime.time.fromisoformat(s)


DAILY_8_20 = {d: [("08:00", "20:00")] for d in range(7)}
OFFICE = {**{d: [("09:00", "17:00")] for d in range(5)}, 5: [("09:00", "12:00")]}
CANTEEN = {d: [("06:30", "20:30")] for d in range(7)}
RIDERS_NIGHT = {d: [("06:00", "02:00")] for d in range(7)}  # past midnight, for night riders


def known_places() -> list[dict]:
    """The real places named in DOMAIN.md (coordinates approximate, WGS-84)."""
    return [
        dict(name="昆山人力资源市场劳动者服务中心", kind="service_center", town=Town.YUSHAN,
             address="崂山路9号", lat=31.3712, lon=120.9745, phone="0512-57500000",
             org="昆山市人力资源和社会保障局", hours=OFFICE,
             amenities=["drinking_water", "wifi", "seating", "restroom", "air_conditioning", "charging"],
             description="约120平方米。用人单位设摊招聘，窗口提供政策咨询、困难帮扶、创业咨询、权益维护。"
                         "夜间在高铁站接站，帮初来乍到的求职者找到住处。"),
        dict(name='千灯镇淞南社区暖"新"驿站', kind="warm_station", town=Town.QIANDENG,
             address="淞南社区服务中心一楼", lat=31.2612, lon=120.9893, co_build="community",
             org="千灯镇淞南社区居委会", hours=DAILY_8_20, opened_on=datetime.date(2026, 11, 15),
             amenities=["charging", "drinking_water", "wifi", "reading_corner", "first_aid_kit", "heating"],
             description="冬季室温保持20℃。充电桩、直饮水、无线网、图书角、医疗包。", manager=True),
        dict(name="昆山市第三人民医院", kind="hospital", town=Town.KETD, address="前进东路",
             lat=31.3520, lon=120.9975, phone="0512-57000000", org="昆山市第三人民医院", is_24h=True,
             amenities=["drinking_water", "restroom", "seating", "first_aid_kit"],
             description="定点医院：免费体检（含幽门螺杆菌检测）、预约挂号、急救技能培训，危重症绿色通道和专门病房。"),
        dict(name="昆山市救助管理站", kind="rescue_station", town=Town.YUSHAN, address="城北路",
             lat=31.4010, lon=120.9520, phone="0512-57300000", org="昆山市救助管理站", is_24h=True,
             amenities=["drinking_water", "restroom", "heating", "seating", "first_aid_kit"],
             description="急难救助：临时住宿、返乡车票。"),
        dict(name='昆山南站暖"新"驿站', kind="warm_station", town=Town.YUSHAN, address="昆山南站南广场",
             lat=31.3685, lon=120.9545, org="昆山市委社会工作部", is_24h=True,
             amenities=["charging", "drinking_water", "wifi", "seating", "first_aid_kit"],
             description="高铁站旁，24小时开放；就业顾问夜间在此接站。"),
        dict(name='美团外卖城北站暖"新"驿站', kind="warm_station", town=Town.YUSHAN, address="城北路美团外卖城北站",
             lat=31.4025, lon=120.9610, co_build="shop", org="美团外卖城北站", hours=RIDERS_NIGHT,
             amenities=["charging", "drinking_water", "microwave", "seating", "lockers"],
             description="外卖骑手的家门口驿站，早6点开到次日凌晨2点。"),
        dict(name='陆家镇杏花南苑暖"新"居所', kind="residence", town=Town.LUJIA, address="杏花南苑",
             lat=31.3150, lon=121.0400, org="昆山市人力资源和社会保障局", is_24h=True,
             amenities=["drinking_water", "wifi", "heating", "air_conditioning", "restroom"],
             description="过渡性住房，求职期间可申请入住。"),
        dict(name="昆山青年夜校（市民文化中心）", kind="school", town=Town.YUSHAN, address="前进西路市民文化中心",
             lat=31.3880, lon=120.9440, org="共青团昆山市委", hours={d: [("18:30", "21:30")] for d in range(5)},
             amenities=["drinking_water", "wifi", "air_conditioning", "restroom"],
             description="咖啡、羽毛球、街舞等课程，一开放就被抢光。"),
    ]


def generated_places(rng: random.Random) -> list[dict]:
    towns = list(Town)
    out: list[dict] = []
    used: set[str] = set()

    def community(town: str) -> str:
        while True:
            name = f"{short_town(town)}{rng.choice(COMMUNITIES)}"
            if name not in used:
                used.add(name)
                return name

    # 97 more warm stations (100 with the three known ones); the last 12 are still planned.
    for i in range(97):
        town = towns[i % len(towns)]
        lat, lon = jitter(rng, town, 2.5)
        co = rng.choice(["community", "community", "property", "shop", "building", "business_district"])
        label = {"community": "社区", "property": "物业", "shop": "商铺", "building": "楼宇",
                 "business_district": "商圈"}[co]
        hours_kind = rng.random()
        out.append(dict(
            name=f'{community(town)}{label}暖"新"驿站', kind="warm_station", town=town,
            address=f"{rng.choice(ROADS)}{rng.randint(1, 999)}号", lat=lat, lon=lon, co_build=co,
            hours=DAILY_8_20 if hours_kind < 0.7 else (RIDERS_NIGHT if hours_kind < 0.85 else None),
            is_24h=hours_kind >= 0.85, amenities=rng.choice(AMENITY_SETS),
            status="planned" if i >= 85 else "open",
        ))
    for i in range(30):
        town = towns[i % len(towns)]
        lat, lon = jitter(rng, town, 2.0)
        out.append(dict(
            name=f'{community(town)}家门口暖"新"就业服务站', kind="employment_station", town=town,
            address=f"{rng.choice(ROADS)}{rng.randint(1, 999)}号", lat=lat, lon=lon, hours=OFFICE,
            amenities=["drinking_water", "wifi", "seating"], org="昆山市人力资源和社会保障局",
            phone=f"0512-5{rng.randint(1000000, 9999999)}",
        ))
    for i, town in enumerate([Town.YUSHAN, Town.LUJIA, Town.HUAQIAO, Town.ZHOUSHI, Town.ZHANGPU,
                              Town.BACHENG, Town.KETD, Town.HITECH]):
        lat, lon = jitter(rng, town, 1.5)
        out.append(dict(
            name=f"{short_town(town)}暖\"新\"定点食堂{i + 1}号", kind="canteen", town=town,
            address=f"{rng.choice(ROADS)}{rng.randint(1, 999)}号", lat=lat, lon=lon, hours=CANTEEN,
            amenities=["drinking_water", "microwave", "seating", "restroom"],
            description="新就业群体凭码就餐享优惠。",
        ))
    for town in [Town.HUAQIAO, Town.ZHOUSHI, Town.ZHANGPU, Town.HITECH]:
        lat, lon = jitter(rng, town, 1.5)
        out.append(dict(
            name=f'{community(town)}暖"新"居所', kind="residence", town=town,
            address=f"{rng.choice(ROADS)}{rng.randint(1, 999)}号", lat=lat, lon=lon, is_24h=True,
            amenities=["drinking_water", "wifi", "heating", "air_conditioning", "restroom"],
        ))
    for town in [Town.LUJIA, Town.ZHOUSHI, Town.HUAQIAO]:
        lat, lon = jitter(rng, town, 1.0)
        out.append(dict(
            name=f"{short_town(town)}暑托班（{community(town)}社区活动室）", kind="school", town=town,
            address=f"{rng.choice(ROADS)}{rng.randint(1, 999)}号", lat=lat, lon=lon, hours=OFFICE,
            amenities=["drinking_water", "air_conditioning", "restroom", "reading_corner"],
        ))
    return out


# Dated exceptions: New Year's Day and Spring Festival 2027 closures, a late opening on New Year's Eve.
HOLIDAY_CLOSURES = [datetime.date(2027, 1, 1), datetime.date(2027, 2, 6), datetime.date(2027, 2, 7)]
