"""Demo help requests, written as workers and staff would (DOMAIN.md's stories among them)."""

# (type, team, what happened, town)
STORIES = [
    ("emergency", "rescue", "一家三口在陆家镇公园露宿，为孩子手术省房租，需要临时住处和回云南的车票。", "lujia"),
    ("emergency", "rescue", "刚到昆山南站，钱包丢了，今晚没地方住。", "yushan"),
    ("rights", "legal", "在工地干了三个月，老板拖欠工资一万二，一直推说下个月发。", "zhangpu"),
    ("rights", "legal", "送外卖时摔伤了腿，站点说不算工伤。", "yushan"),
    ("legal_aid", "legal", "劳动合同到期不续签，也不给补偿，想请律师但请不起。", "huaqiao"),
    ("health", "hospital", "想预约免费体检，查幽门螺杆菌。", "ketd"),
    ("health", "hospital", "胃疼好几天了，想知道定点医院怎么看。", "zhoushi"),
    ("job_seeking", "advisor", "19岁，从甘肃来，想找包吃住的工作。", "yushan"),
    ("job_seeking", "advisor", "会开叉车，想找仓库的长期工作。", "ketd"),
    ("hardship", "advisor", "丈夫生病住院，家里两个孩子上学，生活困难。", "qiandeng"),
    ("policy", "advisor", "外地户口的孩子在昆山上学需要什么材料？", "bacheng"),
    ("startup", "advisor", "想在小区门口开个早餐店，有没有创业补贴？", "hitech"),
]
