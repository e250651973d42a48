"""Demo charity fund (慈善救助): the donations that fill it and the grants it paid, DOMAIN.md's
stories among them (the Yunnan family camping in a park in 陆家镇 sent home from 昆山南站)."""

# donor, amount in fen, days ago, note
DONATIONS = [
    ("昆山市慈善总会", 20_000_000, 60, "2026年度新市民困难帮扶专项资金"),
    ("昆山市总工会", 5_000_000, 35, "暖新驿站冬季送温暖"),
    ("淳华科技(昆山)有限公司", 1_000_000, 12, "企业定向捐赠"),
]

# case type, words the case's story contains, the story to open if no such case is open,
# staff who proposes (username), kind, amount in fen, purpose, approved by (username or None)
GRANTS = [
    ("hardship", "丈夫生病住院", "丈夫生病住院，家里两个孩子上学，生活困难。", "advisor", "hardship", 300_000,
     "丈夫住院期间的家庭生活费，两个孩子下学期的学杂费", "admin"),
    ("emergency", "云南", "一家三口在陆家镇公园露宿，为孩子手术省房租，需要临时住处和回云南的车票。", "rescue",
     "trip_home", 238_000, "昆山南站至昆明南站高铁二等座车票（两位大人带孩子），回云南为孩子做手术", "admin"),
    ("emergency", "钱包丢了", "刚到昆山南站，钱包丢了，今晚没地方住。", "rescue", "emergency", 50_000,
     "三天临时生活费，补办身份证期间的饭钱和路费", None),
]
