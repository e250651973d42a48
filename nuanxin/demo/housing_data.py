"""Demo warm residences (暖"新"居所): the city's 1,000 units (flats and rooms) with their beds,
spread over the towns, and the guests of a winter evening: some residences full tonight, guests
checked in, requests waiting for review, a family from an emergency case in shelter."""

from nuanxin.core.towns import Town

# Residences beyond the five places the map already has: (town, community, road).
MORE_RESIDENCES = [
    (Town.YUSHAN, "城北", "城北路"), (Town.BACHENG, "正仪", "正仪街"), (Town.DIANSHANHU, "杨湘", "淀兴路"),
    (Town.ZHOUZHUANG, "全福", "全旺路"), (Town.QIANDENG, "淞南", "淞南路"), (Town.JINXI, "长云", "长云路"),
    (Town.RESORT, "阳澄湖畔", "湖滨路"),
]

# Units per residence, in the order residences are made (the five map places first): 1,000 in all.
UNITS = [140, 120, 110, 100, 100, 90, 90, 80, 60, 50, 50, 10]
assert sum(UNITS) == 1000

# A unit's kind and beds, in a repeating pattern: half men's rooms, a quarter women's, a quarter family.
PATTERN = [("men", 4), ("women", 4), ("men", 4), ("family", 3)]

HOUSE_RULES = ("入住请出示入住码和身份证。\n22:00后保持安静，楼内禁烟。\n电动车请在楼下充电区充电，禁止进楼。\n"
               "退房前整理床铺，钥匙交还管理员。")

# Small residences made full tonight (their index in the residence order), to show "full".
FULL_TONIGHT = [11]
