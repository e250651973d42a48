"""Bookings for the Kunshan demo: health-check slots, first-aid classes, this season's night
school, next summer's care classes, and the register of 1,100+ volunteer teachers."""

import datetime

HEALTH_CHECK = {
    "title": "新就业群体免费体检（含幽门螺杆菌检测）",
    "description": "昆山市第三人民医院为新就业群体提供免费体检：血常规、肝功能、幽门螺杆菌呼气试验。"
                   "请空腹前往，带身份证。每个时段6人。",
    # (weekday, from, to): Tuesday and Thursday mornings, Saturday morning for those who work weekdays.
    "plan": [(1, "08:00", "11:00"), (3, "08:00", "11:00"), (5, "08:30", "11:30")],
}

FIRST_AID = {
    "title": "急救技能培训（心肺复苏+AED）",
    "description": "医院急诊科医生授课，学会心肺复苏和使用AED。培训合格发证书。",
}

NIGHT_SCHOOL = [
    # title, description, weekday, start, capacity
    ("咖啡师技能", "从手冲到拉花，六次课学会做一杯好咖啡。", 1, "19:00", 20),
    ("羽毛球", "零基础到能打比赛，教练带练。", 2, "19:00", 24),
    ("街舞", "跟着音乐动起来，下班后放松身心。", 4, "19:30", 30),
]

SUMMER_CARE_CLASSES = [
    # label, subject
    ("作业辅导 A班", "作业辅导"),
    ("作业辅导 B班", "作业辅导"),
    ("非遗手工（昆曲脸谱）", "非遗手工"),
    ("团体心理辅导", "心理辅导"),
    ("城市研学（周庄古镇）", "城市研学"),
]

VOLUNTEER_COUNT = 1100
FIRST_VOLUNTEER_PHONE = 13600000000
SUBJECTS = ["作业辅导", "非遗手工", "心理辅导", "城市研学", "书法", "英语", "美术", "体育", "音乐", "科学实验"]
SCHOOLS = ["昆山市第一中学", "昆山开发区实验小学", "苏州大学应用技术学院", "昆山杜克大学", "花桥国际商务城志愿者协会",
           "玉山镇新时代文明实践站", "昆山市青少年宫", "周市镇中心小学"]

SUMMER_START = datetime.date(2027, 7, 5)
