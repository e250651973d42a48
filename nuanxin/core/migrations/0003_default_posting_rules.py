"""The default fairness rules (core/fairness.py), one or more per category the law names.

Patterns run over the ad folded by fairness.normalise(): NFKC (full-width colons and digits
become ASCII), lower case, no white space. They are built here from shared word lists and
stored expanded; staff change them in the admin afterwards. Repeats are bounded ({0,8}, not
*), as core/regex_guard.py requires of every rule.

Written first from the categories of the law alone; then, after measuring the labelled ads in
bench/data/posting_ads.jsonl (bench/fairness.py: 85.8% caught, 2.6% false alarms before),
widened where a whole category had a gap — refusals worded later in the sentence
(…的都不要, 请勿投递, 不在招聘范围), disability in plain words (腿脚不便), religious dress
and diet (戴头巾, 清真饮食), 【籍贯】-style labels, a bare 男 or 汉族 in a list of
requirements, pregnancy as a ground for dismissal, and fees paid by someone other than the
worker (体检费用幼儿园承担, 农民工工资保证金). Those labelled numbers are therefore optimistic.
"""

from django.db import migrations
from django.utils.translation import gettext_noop

COLON = "[:：]?"
LABEL_END = "[:：】\\]]?"  # 籍贯：…, 【籍贯】…
HAN = "[\u4e00-\u9fff]"
# Words that set a condition on who may apply ("限男性", "要求已婚", "只要本地人").
LIMIT = ("(?:仅限于?|只限于?|限于?|仅招收?|只招收?|只收|只要|仅要|只需要?|只录用?|仅录用?|只接受|仅接受|"
         "要求(?:是|为)?|须为|需为|须是|需是|必须(?:是|为)?|最好(?:是|为)?|应为|招聘?|招收|需要?|须|仅|只)")
LIMIT_STRICT = ("(?:仅限于?|只限于?|限于?|仅招收?|只招收?|只收|只要|仅要|只录用?|仅录用?|只接受|仅接受|"
                "要求(?:是|为)?|须为|需为|须是|需是|必须(?:是|为)?|最好(?:是|为)?|应为|仅|只)")
# Words that turn people away ("不招女性", "谢绝外地人").
EXCLUDE = ("(?:不要|不招收?|不收|不录用?|不用|谢绝|拒绝|拒收|婉拒|不考虑|不接受|不欢迎|恕不(?:录用|接受|招收)|排除|"
           "不接收|不予接收|不招用|不予招用|不聘用?|不予聘用|不雇佣?)")
_AWAY = ("勿扰|免谈|莫扰|勿投递?|慎投|勿来|别来|不要来|不要(?!求)|不招|不收|谢绝|不予(?:录用|考虑|接收|招用|聘用)|"
         "不录用|不考虑|不接收|不接受|除外|不适合|不合适|请绕道|绕道|止步|免进|别投|勿应聘|不用来|不用投|"
         "不在(?:招聘|录用|考虑|招收)范围|pass|不行|不可以")
_FILLER = "(?:者|的|人员|人士|员工|朋友)?(?:都|就|一律|均|概|请|也|暂|恕|统统|全部|一概|直接){0,3}"
# After a group of people: a preference or a refusal ("女性优先", "河南人勿扰", "男的就不考虑了").
PREFER_OR_AWAY = f"{_FILLER}(?:优先|为主|为佳|最佳|更佳|尤佳|最好|{_AWAY})"
# Only a refusal, where a preference is lawful care (残疾人优先, 少数民族优先).
AWAY = f"{_FILLER}(?:{_AWAY})"
# A refusal later in the same sentence, after a group no honest ad needs to name
# ("少数民族应聘需另行审核，原则上不录用").
LATER_AWAY = ("[^。；;!！?？]{0,16}?(?:不录用|不予(?:录用|考虑|接收|招用|聘用)|不考虑|不接收|请勿投递|勿投递|勿投|"
              "勿扰|免谈|谢绝|别来|不招|不聘用|不在(?:招聘|录用|考虑|招收)范围)")
# Right before a match: the condition is being lifted ("不限男性", "不论本地外地").
NOT_BEFORE = "(?:不|无|没有|不论|无论|不分|不问|不设|并不)"

SEX = "(?:男|女)(?:性|士|生|工|孩子?|子|的|同志|青年|职工|员工|人)?"
SEX_COLLOQUIAL = "(?:小伙子?|帅哥|美女|靓女|靓仔|姑娘|妹子|小姐姐|小哥哥?|大姐|阿姨|大叔|大妈)"
SEX_RULE = "|".join([
    f"{LIMIT_STRICT}{COLON}{SEX_COLLOQUIAL}",
    f"{LIMIT}{COLON}{SEX}(?![男女]|不限|均可|皆可|都可|都行|亦可|也可|不论|装|鞋|款|式|厕|卫生间|宿舍|浴室|更衣)",
    f"性别{COLON}(?:要求|限制?|限定)?{COLON}(?:男|女)(?![男女]|不限|均可|皆可)",
    f"(?<![男女子儿妇孙侄])(?:{SEX}|{SEX_COLLOQUIAL}){PREFER_OR_AWAY}",
    f"{EXCLUDE}(?:{SEX}|{SEX_COLLOQUIAL})(?![男女])",
    "适合(?:男|女)(?:性|士|生|同志|孩子?)",
    # A bare 男 or 女 as an item of a list of requirements: 【要求】男，18岁以上.
    "(?<=[,，:：、;；】\\]])(?:男|女)(?:性|士|生)?(?=[,，。、;；]|$)",
    "(?<![男女子儿妇])(?:男|女)(?:性|士|生|工)?\\d{1,3}(?:名|人|位|个)",
])
SEX_HONEST = ("男女(?:不限|均可|皆可|都可|都行|不论|兼招|兼收|老少|平等|同工同酬|工均可|工不限)|"
              "(?:不限|不论|无论|不分)男女|性别(?:不限|无要求|不作要求|不做要求|均可)|(?:不限|不论|无论|不分)性别|"
              "男工女工均可|欢迎(?:女性|男性|男士|女士)|(?:男|女)(?:性|士|生)?[,，、/](?:男|女)(?:性|士|生)?(?:均可|不限|皆可|都可|都行)")

ETHNIC = ("(?:汉族|汉人|少数民族|维吾尔族?|维族|藏族|回族|蒙古族|蒙族|苗族|彝族|壮族|布依族|朝鲜族|满族|侗族|瑶族|"
          "白族|土家族|哈尼族|哈萨克族|傣族|黎族|傈僳族|佤族|畲族|高山族|拉祜族|水族(?!馆|箱|店|市场|用品)|东乡族|"
          "纳西族|景颇族|柯尔克孜族|土族|达斡尔族|仫佬族|羌族|布朗族|撒拉族|毛南族|仡佬族|锡伯族|阿昌族|普米族|"
          "塔吉克族|怒族|乌孜别克族|俄罗斯族|鄂温克族|德昂族|保安族|裕固族|京族|塔塔尔族|独龙族|鄂伦春族|赫哲族|"
          "门巴族|珞巴族|基诺族|本民族|外族|异族|其他民族|新疆人|藏民|回民)")
RACE = "(?:黑人|白人|黄种人|黑种人|白种人|有色人种|黑皮肤的?人|非洲人)"
ETHNIC_RULE = "|".join([
    f"{LIMIT}{COLON}(?:{ETHNIC}|{RACE})",
    f"{EXCLUDE}(?:{ETHNIC}|{RACE})",
    f"(?:{ETHNIC}|{RACE})(?:同胞|朋友)?{PREFER_OR_AWAY}",
    f"民族(?:要求|限制?|限定|须为|需为|必须(?:是|为)?|为){{0,2}}{LABEL_END}(?:仅|只|限)?(?:{ETHNIC}|汉)",
    f"(?<=[,，:：、;；】\\]])(?:{ETHNIC}|{RACE})(?=[,，。、;；]|$)",
    f"{EXCLUDE}{HAN}{{0,4}}?(?:{ETHNIC}|{RACE}|少数民族)",
    f"(?:{ETHNIC}|{RACE}){LATER_AWAY}",
    f"(?:种族|肤色)(?:要求|限制?|限定|须为|需为|必须(?:是|为)?|为){{1,2}}{COLON}(?!不限)",
])
ETHNIC_HONEST = ("(?:不论|无论|不分|不限|不问)(?:民族|种族|肤色|性别|宗教|信仰|、|,|和|及|与|或){0,8}(?:民族|种族|肤色)|"
                 "(?:民族|种族|肤色)(?:、|和|及|与)?(?:宗教|性别|信仰)?(?:均)?(?:不限|均可|皆可|无要求)|"
                 "欢迎(?:各族|少数民族|各民族)(?:同胞|朋友|群众|员工|劳动者)?|各族(?:群众|同胞|员工|朋友)?(?:均可|都可|皆可|欢迎)|"
                 "民族团结|(?:同等条件下)?少数民族(?:劳动者|人员|同胞|员工)?(?:同等条件下)?(?:优先|适当照顾)")

RELIGION = ("(?:穆斯林|伊斯兰教?徒?|回教徒?|基督徒|基督教徒?|天主教徒?|佛教徒|佛教|道教徒?|"
            "信教(?:人员|者|人士|群众|的)?|信徒|教徒|有宗教信仰(?:者|的|人员|人士)?|宗教人士|宗教信仰者|宗教人员|"
            "信佛(?:的|者)?|信主(?:的|者)?|信基督|信耶稣|信仰宗教(?:者|的)?|宗教徒|无神论者?|"
            "戴头巾|戴盖头|戴面纱|包头巾|清真饮食|吃清真|只吃清真|做礼拜|礼拜五|守斋|封斋|斋月)")
RELIGION_RULE = "|".join([
    f"{LIMIT}{COLON}{RELIGION}",
    f"{EXCLUDE}{RELIGION}",
    f"{RELIGION}(?:朋友)?{PREFER_OR_AWAY}",
    f"{RELIGION}{LATER_AWAY}",
    "(?:无|没有|不得有|不能有|不可有|不允许有|禁止有|不信仰?|不信奉|未信仰)(?:任何)?(?:宗教|信仰)(?:信仰)?"
    "(?!自由|方面|的?要求|限制|歧视|不限)",
    f"(?:宗教|信仰|宗教信仰)(?:要求|限制?|须为|需为|必须(?:是|为)?|为){{1,2}}{COLON}(?!不限|无|自由)",
    "(?:不得|不能|不可|不准|不许|禁止|严禁)(?:信教|信仰宗教|信奉宗教|戴头巾|戴盖头)",
])
RELIGION_HONEST = ("(?:不论|无论|不分|不限|不问|尊重)(?:民族|种族|性别|宗教|信仰|员工的?|、|,|和|及|与|或){0,8}(?:宗教|信仰)(?:信仰)?|"
                   "(?:宗教|信仰|宗教信仰)(?:均)?(?:不限|自由|无要求|均可)|对?(?:宗教|信仰|宗教信仰)(?:方面)?无(?:任何)?要求|"
                   "提供清真")

DISABILITY = ("(?:残疾人?士?|残障人?士?|伤残人?士?|残疾证|残疾人证|聋哑人?|哑巴|聋子|盲人|瞎子|瘸子|跛子|跛脚|坐轮椅的?|"
              "轮椅使用者|肢残人?士?|视障人?士?|听障人?士?|智障人?士?|智力障碍|精神障碍|精神残疾|肢体残疾|身体残疾|身有残疾|"
              "身体有缺陷|身体缺陷|生理缺陷|肢体缺陷|残缺|口吃|结巴|"
              "(?:腿脚|行动|走路|手脚|肢体|行走|听力|视力|说话|言语|耳朵|眼睛)(?:不便|不利索|不灵便|不方便|有障碍|障碍|有问题))")
DISABILITY_RULE = "|".join([
    f"{EXCLUDE}(?:有)?{DISABILITY}",
    f"{DISABILITY}{AWAY}",
    f"{DISABILITY}{LATER_AWAY}",
    "(?:身体|四肢|肢体|五官|手脚|双手|双脚|手足|躯体|体格|身心|听力视力|视力听力)(?:要|需|须|必须|要求)?(?:健全|完整|齐全|无缺陷|无残疾|无残缺|正常健全)",
    f"(?:无|没有|非|不得有|不能有|不可有)(?:任何)?(?:{DISABILITY}|残疾|残障|伤残)",
    "(?:要求|需|须|必须|只要|只招|仅限|限)(?:是)?(?:正常人|健全人|健康人)",
])
DISABILITY_HONEST = ("欢迎(?:残疾人?士?|残障人?士?|伤残人?士?|听障|视障|肢残)(?:朋友|人士|求职者)?|"
                     "(?:残疾人?士?|残障人?士?|残疾证持有者)(?:优先|可|亦可|也可|均可|欢迎|友好|适合|岗位|专岗|就业|可报名|可应聘)|"
                     "(?:不|无|没有|反对|拒绝|杜绝)(?:任何)?对?(?:残疾|残障)(?:人|人士)?歧视|"
                     "(?:不|反对|拒绝|杜绝)歧视(?:残疾|残障)(?:人|人士)?|助残|扶残|无障碍")

INFECTIOUS = ("(?:乙肝|乙型肝炎|乙肝病毒|小三阳|大三阳|乙肝两对半|两对半|乙肝五项|hbsag|hbv|澳抗|艾滋病?|hiv|"
              "艾滋病毒|梅毒|丙肝|丙型肝炎)")
INFECTIOUS_ALL = f"(?:{INFECTIOUS}|肝炎|结核|肺结核|传染病|传染性疾病|病原携带者?|病毒携带者?)"
INFECTIOUS_RULE = "|".join([
    INFECTIOUS,
    f"{INFECTIOUS_ALL}(?:病原)?(?:携带者?|患者|病人|病史|史|阳性)?{AWAY}",
    f"(?:无|没有|非|不得有|不能有|不可有|未患有?|未感染)(?:任何)?{INFECTIOUS_ALL}",
    f"{EXCLUDE}{INFECTIOUS_ALL}",
    f"{INFECTIOUS_ALL}(?:病原)?(?:携带者?|患者|病人)?{LATER_AWAY}",
    f"{INFECTIOUS_ALL}(?:检查|检测|筛查|化验|阴性)",
])
INFECTIOUS_HONEST = (f"(?:{INFECTIOUS}|肝炎|传染病)(?:病毒)?(?:携带者?|患者|阳性)?(?:亦可|也可|均可|可以|可|无妨|没关系|不影响|"
                     "不限|欢迎|可录用|可应聘|可报名|同样欢迎)|"
                     f"(?:欢迎|接受|不歧视|不拒绝|不排斥)(?:{INFECTIOUS}|肝炎)(?:病毒)?(?:携带者?|患者)?|"
                     f"(?:体检)?不(?:含|查|包含|包括|检测?|做|测)(?:{INFECTIOUS})(?:项目|检测|检查)?|"
                     f"(?:取消|无)(?:{INFECTIOUS})(?:检测|检查|项目)")
INFECTIOUS_NOT_BEFORE = ("(?:不查|不检查?|不检测|不测|不含|不包含|不包括|不做|不体检|不歧视|不限|欢迎|接受|不拒绝|"
                         "可接受|无需|不需要?|不问|不论|不排斥|取消|不要求|不针对|不涉及)(?:任何|对)?")

MARRIAGE = ("(?:已婚已育|已婚已孕|已婚未育|已婚无孩|已婚有孩|未婚未育|已婚|未婚|已育|未育|已生育|未生育|已生二胎|"
            "已生小孩|已有小孩|已有孩子|单身(?!公寓|宿舍|房|间|楼|住房)|离异|丧偶|无孩|无子女|孕妇|怀孕|孕期|备孕|"
            "哺乳期|育龄(?:妇女|女性)?|二胎|三胎|宝妈|宝爸|有孩子|有小孩|有子女)")
MARRIAGE_RULE = "|".join([
    f"{LIMIT_STRICT}{COLON}{MARRIAGE}",
    f"{EXCLUDE}{MARRIAGE}",
    f"{MARRIAGE}(?:者|的|人员|人士|女性|妇女|员工|女士|男士)?{PREFER_OR_AWAY}",
    "已婚已育|已婚已孕|已婚未育|已婚无孩|已婚有孩|未婚未育|(?<![未已])(?:已育|未育|已生育|未生育)",
    "(?<![婚、或/和与])(?:已婚|未婚)(?![夫妻]|未婚|已婚|或|、|/|均|皆|都|者?可|人员可|员工可|职工可|不限|与否|与|和)",
    "婚否|婚姻状况|婚姻情况|婚育状况|婚育情况|婚恋状况|婚恋情况|生育状况|生育情况|生育计划|婚育计划|"
    "是否(?:已婚|结婚|已育|生育|怀孕|有孩子|有小孩|单身|婚育)|有无(?:子女|小孩|孩子)|几个孩子",
    "(?:\\d|[一二三两五几])年内(?:不得|不能|不准|不许|不可|不|禁止|暂不|不打算|无|不会)"
    "(?:结婚|生育|怀孕|生孩子|要孩子|生小孩|生子|生二胎|生娃|要小孩)",
    "(?:不得|不能|不准|不许|不可|禁止|暂不|不打算|暂无|无|没有|近期无|短期内无|短期内不)"
    "(?:结婚|生育|怀孕|生孩子|要孩子|生小孩|生二胎|生娃|婚育|结婚生子|要小孩)(?!保险|津贴|险|假)(?:计划|打算|要求)?",
    "(?:怀孕|孕期|生育|结婚|生孩子|生小孩|生二胎|哺乳期)(?:(?!不得|不能|不会|不予|不)[^。；;，,]){0,8}"
    "(?:视为|按|作)?(?:自动离职|自愿离职|主动离职|辞退|开除|解除(?:劳动)?合同|离职处理|不予转正|不转正|不续签|扣发)",
    "(?:妊娠|怀孕|验孕|孕检|孕期)(?:测试|检查|检测|试纸|报告|证明)|验孕|孕检|查孕|(?:未孕|无孕|非孕|未怀孕|没怀孕)证明|"
    "(?:体检|检查)(?:项目)?(?:含|包含|包括|需|须|查|有)(?:妊娠|怀孕|孕)",
])
MARRIAGE_HONEST = ("(?:婚否|婚姻|婚姻状况|婚育|婚育状况|婚育情况|生育|已婚未婚|未婚已婚|已婚或未婚|未婚或已婚|已婚/未婚|"
                   "未婚/已婚|已婚、未婚|未婚、已婚|婚育状态|有无子女|有无小孩)(?:均)?(?:不限|均可|皆可|都可|都行|不论|不问|"
                   "无要求|无限制|不作要求|不做要求)|(?:不论|不问|不限|无论|不分|不看|不考虑)(?:是否)?(?:婚否|婚育|婚姻|已婚|"
                   "结婚|生育|婚育状况|婚姻状况|婚恋)(?:状况|情况|与否)?|(?:欢迎|适合)宝妈|宝妈(?:友好|可|亦可|也可|欢迎|均可)|"
                   "不因(?:结婚|怀孕|生育|婚育|孕期|哺乳期)|(?:孕期|哺乳期|产假)(?:员工|女职工)?(?:享受|依法|保护|待遇|福利)|"
                   "(?:享受|提供|带薪|依法享受)(?:产假|婚假|哺乳假|育儿假|陪产假|孕期保护|生育津贴|生育保险)")
MARRIAGE_NOT_BEFORE = "(?:不论|无论|不分|不问|不限|不看|不因|不会因|不以)(?:是否)?"

FEE = ("(?:押金|保证金|抵押金|风险金|培训费|服装费|工装费|工服费|制服费|介绍费|中介费|报名费|体检费|入职费|手续费|"
       "(?<!物业)管理费|建档费|资料费|上岗费|办卡费|工牌费|胸卡费|考试费|测试费|认证费|办证费|信息费|会员费|岗位费|"
       "面试费|装备费|押证费|挂靠费|入会费|加盟费|推荐费|安置费|担保费|担保金|诚信金|押工资)")
FEE_STEM = ("(?:押金|保证金|培训费?|服装费?|工装费?|工服费?|制服费?|体检费?|介绍费|中介费|报名费|入职费|手续费|管理费|"
            "资料费|上岗费|工牌费|费用|一切费用|所有费用|任何费用)")
_PAYER = "(?:公司|单位|企业|厂里|厂方|我司|店里|店家|老板|雇主|平台|用人单位|本公司|我们)"
FEE_RULE = "|".join([
    FEE,
    "(?:交|缴|缴纳|交纳|预交|上交|先交|需交|须交|转账|打款|充值|先付|预付|垫付)"
    "(?:\\d{1,6}|[一二三四五六七八九十百千两]{1,4})(?:元|块|rmb|人民币)",
    "(?:交|缴|缴纳|交纳|预交|上交|收取|自付|个人承担|员工承担|本人承担|求职者承担|应聘者承担)"
    "(?:一定|少量|部分|相关|少许|一些|全部)?的?费用",
    "(?:培训|服装|工装|工服|制服|体检|介绍|中介|报名|入职|上岗)费用?"
    "(?:自理|自付|自负|个人承担|员工承担|本人承担|由(?:个人|员工|本人|求职者|应聘者|你|您)(?:承担|支付|负责|出))",
])
_NOT_PAYER = "(?!个人|员工|本人|自己|自行|自费|自理|求职者|应聘者|你|您|先垫|垫付|押)"
FEE_HONEST = (f"{FEE_STEM}用?{COLON}(?:全免|全部免除|全额免除|免收|免除|免费|全包|0元|为0|为零|零元|无|一律不收|一律免收|"
              f"概不收取|均免|全无|不收|不用交|无需|(?:可|全额|予以|给予)?报销|实报实销|由?{_PAYER}(?:全额|全部)?"
              "(?:承担|报销|负责|出|支付|买单|提供|包|垫付))|"
              f"{_PAYER}(?:全额|全部|统一)?(?:承担|报销|支付|出|负责|包|垫付)(?:入职)?{FEE_STEM}用?|"
              # Any fee someone other than the worker pays: 体检费用幼儿园承担, 体检费用入职后公司报销.
              f"(?:{FEE}|{FEE_STEM})用?(?:(?:{_NOT_PAYER}[^。，,；;]){{0,8}})(?:承担|报销|买单|全包)|"
              "免费?(?:入职)?体检|免费培训|培训免费|带薪培训|"
              # The wage guarantee deposit employers lodge with the state for migrant workers' pay.
              "农民工工资保证金|工资保证金(?:制度|专户)|工资专户|"
              # 不收押金、培训费和服装费: one negation before a list of fees.
              "(?:无需|无须|不需要?|不用|不收取?|免收?|免除|没有|无|零|拒收|严禁|禁止|绝不|不存在|不交)"
              f"(?:收取?|缴纳?|交纳?|交|缴|支付|任何|额外|其他|各种|一切){{0,2}}(?:{FEE}(?:用)?[、,，/和及与或]?){{1,6}}|"
              f"(?:{FEE}|{FEE_STEM})用?{COLON}(?:全免|全部免除|全额免除|免收|免除|免费|全包|0元|为0|为零|零元|一律不收|均免)")
FEE_NOT_BEFORE = ("(?:无需|无须|不需要?|不用|不必|不收取?|免收?|免费|免除|免交|没有|无|零|0元?|拒收|严禁|禁止|杜绝|"
                  "绝不|从不|不会|不得|不存在|不交|不要|谢绝|拒绝|从未|一律不|概不|不额外|不另)"
                  "(?:向(?:求职者|应聘者|员工|工人|劳动者|你|您|大家))?"
                  "(?:收取?|缴纳?|交纳?|交|缴|支付|付|任何|额外|其他|其它|各种|一切|的|各类|再){0,3}")

WAGE = "(?:工资|薪资|薪水|工钱|月薪|底薪)"
_PERIOD = "(?:首月|第一个月|头一个月|前一个月|一个月|半个月|一月|半月|\\d{1,3}天|\\d{1,2}个?月|[一二三两半]个?月|月|一部分|部分|首期)"
WAGE_RULE = "|".join([
    f"(?:押|压|扣|扣押|扣留|拖)(?:{_PERIOD})?的?{WAGE}(?!卡|条|单)",
    f"{WAGE}(?:需|要|会|先)?(?:押|压|扣押|扣留)(?:{_PERIOD})",
    f"{_PERIOD}的?{WAGE}(?:需|要|会|先)?(?:押|压|扣押|扣留)(?:着|住|下)",
    f"(?:从|在)?(?:首月|第一个月|每月|当月|月)?{WAGE}(?:中|里|内)?(?:扣除?|扣款|抵扣|扣还|扣回|代扣|减去|抵)"
    "[^，。；,;!！]{0,8}?(?:费|押金|保证金|成本|服装|工装|工服|制服|培训|装备|工具|体检|伙食|餐)",
    f"(?:{HAN}{{0,3}}费|押金|保证金|费用|成本)用?(?:需|将|会|统一|直接)?(?:从|在|由)(?:首月|第一个月|每月|当月|月|第一月)?"
    f"{WAGE}(?:中|里|内)?(?:扣除?|抵扣|扣还|扣回|代扣|减去|扣掉)",
])
WAGE_HONEST = ("(?:扣除?|代扣|代缴|扣)(?:个人)?(?:应缴|应承担)?的?(?:部分)?(?:社保|社会保险|个税|个人所得税|公积金|住房公积金|"
               "五险一金|五险|医保|养老保险)费?(?:个人部分)?费?|(?:社保|社会保险|个税|个人所得税|公积金|五险一金|五险)"
               "(?:个人部分)?费?(?:从|由)?(?:工资|薪资)(?:中|里)?(?:代?扣除?|代缴)")
WAGE_NOT_BEFORE = "(?:不|不会|绝不|从不|严禁|禁止|不得|无|没有|拒绝|杜绝|从未|不存在|不压|不押)(?:任何|克扣)?"

DOCUMENT = ("(?:身份证|证件|毕业证书?|学历证书?|学位证书?|户口本|户口簿|驾驶证|驾照|行驶证|护照|银行卡|工资卡|社保卡|"
            "居住证|暂住证|资格证书?|技能证书?|从业资格证|健康证|上岗证|学生证|港澳通行证|结婚证|证书)")
_HOLDER = "(?:公司|单位|厂里|厂方|我司|店里|老板|财务|人事部?|这里|我们|我处|本公司|项目部|中介)"
DOCUMENT_RULE = "|".join([
    "(?:扣押|扣留|扣下|押下|押|扣|收走|收缴|没收|暂扣|暂押|抵押|作抵押|作押|代管|代为保管|统一保管|集中保管|保管|留存|收)"
    f"(?:员工|工人|求职者|应聘者|你|您|大家)?的?{DOCUMENT}(?:原件)?"
    "(?!复印件|复印|照片|扫描|号|正反面|核验|核对|查验|验证|验看|信息|拍照|上的)",
    f"{DOCUMENT}(?:原件)?(?:需|须|要|必须|统一|一律|将|会|需要|先)?"
    f"(?:押|扣押|扣留|抵押|押在|扣在|留在|押给|留给|暂押|暂扣|作抵押|作押金)(?:在|于|至|到|给)?(?:{_HOLDER})?",
    f"{DOCUMENT}(?:原件)?(?:需|须|要|必须|统一|一律|将|会|需要|先)?(?:交由|交给|交予|上交|交|由|放|存放|寄存|留|放在)"
    f"(?:在|于|至|到|给)?{_HOLDER}处?(?:保管|代管|保存|暂存|存放|统一保管|代为保管|扣押)",
    "押证|扣证|以证件作?抵押",
])
DOCUMENT_HONEST = ("(?:证件|身份证|原件)(?:核验|核对|查验|验看|审核)?后?(?:当场|当面|立即|马上)?(?:退还|归还|返还)|"
                   "(?:不|绝不|从不)(?:扣押|扣留|押|扣|收)(?:任何)?(?:证件|身份证)")
DOCUMENT_NOT_BEFORE = ("(?:不|不会|绝不|从不|严禁|禁止|不得|无需|无须|不需要?|不用|拒绝|杜绝|没有|从未|自行|妥善|自己|"
                       "请妥善|请自行|好好)(?:会|再|收|任何|您的|你的|员工的)?")

AGE = "(?:\\d{2}|[二三四五六]十[一二三四五六七八九]?|十[六七八九])"
_YOUNG = "(?:小年轻|年轻|青年|年青|中青年|青壮年|年纪轻|年龄小|年龄轻)"
_OLD = "(?:大龄|高龄|超龄|中老年|老年|老人|年纪大|年龄大|年龄偏大|岁数大|上了年纪|中年)"
AGE_RULE = "|".join([
    f"(?:年龄|年纪|岁数)(?:要求|限制?|限定|范围|段|在|为|须|需|必须|最好|介于|需在|须在){{0,2}}{COLON}{AGE}",
    f"{AGE}(?:周?岁)?(?:-|~|～|—|–|至|到){AGE}周?岁",
    f"{AGE}周?岁(?:及|或)?(?:以下|以内|之内|之下|以上|之上|往上|左右|上下|之间|以前|封顶|为限|内)",
    f"(?:不超过|不大于|不高于|不满|未满|小于|低于|不低于|不小于|大于|超过|高于|满|已满|年满){AGE}周?岁",
    f"(?<!\\d)\\d{{2}}后的?{PREFER_OR_AWAY}|{LIMIT}{COLON}\\d{{2}}后|(?<!\\d)\\d{{2}}后(?:以下|以上|之后|以前)",
    "(?:19|20)?\\d{2}年(?:以后|以前|之后|之前|后|前)出生",
    f"{LIMIT}{COLON}{_YOUNG}",
    f"(?:要|就要|只招|只用)(?:小年轻|年轻人|年轻的|年纪轻的)",
    f"{_YOUNG}(?:人|男性|女性|男女|员工|人员)?{PREFER_OR_AWAY}",
    f"{_OLD}(?:人|人员|者|的|人士|员工)?{AWAY}",
    f"{EXCLUDE}(?:{_OLD}|老年人|中年人)",
])
AGE_HONEST = ("年龄(?:不限|无要求|无限制|不作要求|不做要求|均可)|(?:不限|不论|无论|不分)年龄|"
              "(?:须|需|应|必须)?(?:年满|已满|满|不低于|不小于|不少于|大于等于|≥|>=)1[68]周?岁(?:及以上|以上|即可|均可)?"
              "(?![-~～—–至到\\d])|1[68]周?岁(?:及|或)?以上(?:即可|均可|都可)?(?![-~～—–至到\\d])|"
              "(?:未满|不满|低于|小于)1[68]周?岁(?:的|者|人员)?(?:未成年人?)?"
              "(?:不招|勿扰|免谈|谢绝|不予录用|不录用|不得|不可|不能|禁止|恕不|不予)|"
              "(?:不招|不得招用?|禁止招用?|不录用|严禁招用?)(?:收|用)?(?:未满|不满|低于)?1[68]周?岁(?:以下)?的?(?:未成年人)?|"
              "(?:不招|禁止(?:招用|使用)|严禁(?:招用|使用)|拒绝)童工|法定退休年龄|"
              # Older workers welcomed, not turned away: 55岁以上也可以, 欢迎50岁以上.
              f"欢迎{AGE}周?岁(?:及|或)?以上|{AGE}周?岁(?:及|或)?以上的?(?:人员|者|朋友)?(?:也可以?|亦可|均可|也欢迎|欢迎|可以)")

LOOKS = ("(?:形象|气质|相貌|长相|容貌|外貌|外形|外表|样貌|五官|面容|面相|颜值|身材|体型|体形|身段|皮肤|肤色|肤质|仪表|"
         "个人形象|形象气质|长得|模样|脸蛋|身形|三围)")
LOOKS_GOOD = ("(?:好|佳|优|端正|端庄|姣好|出众|出色|靓丽|亮丽|甜美|清秀|秀丽|大方|优雅|漂亮|好看|美丽|帅气|帅|俊朗|俊秀|"
              "阳光|高|白|白皙|白净|匀称|苗条|高挑|标准|较好|良好|上乘|在线|过关|突出|优秀|较佳|俱佳|俊美|靓|美|精致|性感|"
              "可爱|青春|纤细|修长|不错|过硬|精神)")
_FAT_SHORT = ("(?:胖子|胖的|太胖|过胖|肥胖|偏胖|矮个子?|矮子|个子矮|身材矮小|太矮|偏矮|长得丑|丑的|歪瓜裂枣|"
              "(?:形象|长相|外貌|颜值|相貌|样貌)(?:不好|差|一般|不佳|太差|丑|不行|不过关))")
APPEARANCE_RULE = "|".join([
    f"{LOOKS}{{1,3}}(?:要求|需|须|必须|一定要|较|要|比较|相对|需要)?{LOOKS_GOOD}",
    "(?:良好|较好|姣好|出众|端正|端庄|靓丽|甜美|清秀|漂亮|好看|帅气|高挑|苗条|匀称|优美|迷人|精致|阳光)的?"
    "(?:形象|外形|外貌|相貌|容貌|长相|五官|身材|气质|颜值)",
    "颜值|肤白|貌美|白富美|大长腿|瓜子脸|双眼皮|网红脸|美貌|颜控|看脸|(?:看|凭|靠)(?:长相|外貌|相貌|颜值)",
    f"{LIMIT_STRICT}{COLON}(?:帅哥|美女|靓女|靓仔|俊男|长得好看|长得漂亮)",
    f"(?:帅哥|美女|靓女|靓仔|俊男){PREFER_OR_AWAY}",
    "(?:无|没有|不得有|不能有|不可有|禁止)(?:任何)?(?:明显)?的?(?:纹身|刺青|文身|疤痕|伤疤)",
    f"(?:纹身|刺青|文身|{_FAT_SHORT}){AWAY}",
    f"{EXCLUDE}(?:有)?(?:纹身|刺青|文身|{_FAT_SHORT})",
])
APPEARANCE_HONEST = ("(?:形象|外貌|长相|相貌|颜值|外形|容貌|身材)(?:均)?(?:不限|无要求|不作要求|不做要求|无关|不重要)|"
                     "不看(?:颜值|外貌|长相|相貌|脸|形象|身材)|不以貌取人|仪容仪表(?:整洁|得体|干净)|"
                     "(?:着装|穿着|衣着|个人卫生|卫生)(?:整洁|干净|得体)")
HEIGHT_RULE = "|".join([
    f"(?:身高|个子|个头)(?:要求|需|须|必须|在|达到|不低于|不少于|高于|不矮于|超过|限|最好|需在|须在|为){{0,2}}{COLON}"
    "(?:\\d{3}|1[.]\\d{1,2}|[1一]米[5-9五六七八九])",
    "(?:男|女)(?:性|生|士)?(?:身高)?1[4-9]\\d(?:cm|厘米|公分)?(?:以上|以下|左右|及以上|之间)",
    "1[4-9]\\d(?:cm|厘米|公分)(?:及)?(?:以上|以下|左右|之间)",
    "1[.][4-9]\\d?(?:米|m)(?:及)?(?:以上|以下|左右)",
    "(?:身高|个子|个头)(?:要求|需|须)?(?:高|较高|高挑|高大|出众|不矮|达标|中等以上|良好)",
    f"(?:体重|体型)(?:要求|需|须|必须|在|不超过|不高于|低于|限|控制在){{0,2}}{COLON}\\d{{2,3}}(?:斤|kg|公斤|千克)",
])
HEIGHT_HONEST = "(?:身高|体重|身高体重)(?:均)?(?:不限|无要求|不作要求|不做要求|无限制)|(?:不限|不看|不要求)(?:身高|体重)|对身高(?:体重)?无要求"
LOOKS_NOT_BEFORE = "(?:不|无|没有|不论|无论|不分|不问|不看|不要求|无需|不需要?)"

PLACES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南|"
          "四川|贵州|云南|陕西|甘肃|青海|宁夏|新疆|西藏|内蒙古?|台湾|香港|澳门|东北|西北|西南|华北|华东|华南|苏北|苏南|"
          "皖北|川渝|江浙沪?|长三角|苏州|昆山|南京|无锡|常州|南通|盐城|徐州|连云港|宿迁|淮安|扬州|泰州|镇江|温州|潮汕|"
          "广州|深圳|杭州|宁波")
ORIGIN = (f"(?:(?:{PLACES})(?:本地|当地)?|本地|本市|本省|本县|本区|本镇|本乡|当地|城镇|城市|城里|非农业?|农业|农村|"
          "外地|外省|外市|外县|外来|乡下|异地)")
_NAMED = "(?:人|籍|户口|户籍|常住户口|居民|生源|老乡|地区|本地人)"
ORIGIN_PEOPLE = (f"(?:{ORIGIN}{_NAMED}|农民工|外来(?:务工)?人员|外来工|外地工|{HAN}{{1,3}}(?<![户书国党学典古原])籍"
                 f"|{HAN}{{0,4}}(?:户口|户籍)(?!本|簿|所在地|证明|复印|不限|均可))")
HUKOU_RULE = "|".join([
    f"{LIMIT}{COLON}(?:有|持有?|具有)?{ORIGIN_PEOPLE}",
    "(?:只招收?|仅招收?|只要|仅要|只收|只录用?|只接受|仅接受)(?:本地|当地|本市|本省|外地|外省|城镇|农村)",
    f"{EXCLUDE}{ORIGIN}(?:人|籍|户口|户籍|的|人员|老乡|地区)?",
    f"{ORIGIN}(?:人|籍|户口|户籍|常住户口|人员|人士|老乡|生源|居民|口音)?{PREFER_OR_AWAY}",
    f"(?:户籍|户口|籍贯|生源地?|出生地)(?:要求|限制?|限定|仅限|只限|须为|需为|必须(?:是|为)?|为|在|所在地){{1,2}}"
    f"{COLON}(?!不限|均可|无要求)",
    "(?:户籍|户口|籍贯)[:：】\\]](?!不限|均可|无要求)",
    f"(?<![书国党学典古])(?:户籍|户口|籍)(?:的|人员|者|人士)?{PREFER_OR_AWAY}",
])
HUKOU_HONEST = ("(?:户籍|户口|籍贯|地区|地域|省份|省市|来源地?|户口所在地|户籍所在地|生源地?|本地外地|外地本地|城乡|出生地|"
                "本外地)(?:均)?(?:不限|均可|皆可|都可|无要求|无限制|不作要求|不做要求|不论|不问)|(?:不限|不论|无论|不分|不问)"
                "(?:户籍|户口|籍贯|地区|地域|省份|本地外地|外地本地|本外地|城乡|城市农村|农村城市|来源|出身)|"
                "(?:本地外地|外地本地|本外地)均可|(?:欢迎|接受)(?:外地|外省|农村|外来)(?:人|朋友|务工人员|劳动者|老乡)?|"
                "外地人?(?:亦可|也可|均可|可)|新昆山人|(?:本地|当地|昆山|苏州|本市)(?:社保|医保|公积金|社会保险)")

RULES = [
    dict(code="sex_limit", category="sex", law="《就业促进法》第二十七条；《妇女权益保障法》第四十三条",
         pattern=SEX_RULE, unless_before=NOT_BEFORE, unless=SEX_HONEST,
         message=gettext_noop("Postings may not limit or prefer workers by sex."),
         fix=gettext_noop("Write 男女不限, or leave sex out.")),
    dict(code="ethnicity_limit", category="ethnicity_race",
         law="《就业促进法》第三条、第二十八条；《人力资源市场暂行条例》第二十四条",
         pattern=ETHNIC_RULE, unless_before=NOT_BEFORE, unless=ETHNIC_HONEST,
         message=gettext_noop("Postings may not limit or turn away workers by ethnicity or race."),
         fix=gettext_noop("Remove it: people of every ethnic group may apply.")),
    dict(code="religion_limit", category="religion",
         law="《就业促进法》第三条；《人力资源市场暂行条例》第二十四条",
         pattern=RELIGION_RULE, unless_before=NOT_BEFORE + "|尊重", unless=RELIGION_HONEST,
         message=gettext_noop("Postings may not limit workers by religious belief, nor ask for none."),
         fix=gettext_noop("Remove any condition on religion.")),
    dict(code="disability_limit", category="disability", law="《就业促进法》第二十九条；《残疾人保障法》第三十八条",
         pattern=DISABILITY_RULE, unless_before="(?:不会|绝不|从不|不|没有)", unless=DISABILITY_HONEST,
         message=gettext_noop("Postings may not turn away people with disabilities or ask for a sound body."),
         fix=gettext_noop("Describe the work itself (e.g. 需搬运20公斤货物) instead; 欢迎残疾人 is fine.")),
    dict(code="hukou_limit", category="hukou_origin",
         law="《就业促进法》第三条、第三十一条；《网络招聘服务管理规定》第十五条",
         pattern=HUKOU_RULE, unless_before=NOT_BEFORE, unless=HUKOU_HONEST,
         message=gettext_noop("Postings may not limit workers by household registration, hometown or rural origin."),
         fix=gettext_noop("Write 不限户籍, or leave it out.")),
    dict(code="infectious_disease", category="infectious_disease",
         law="《就业促进法》第三十条；《就业服务与就业管理规定》第十九条",
         pattern=INFECTIOUS_RULE, unless_before=INFECTIOUS_NOT_BEFORE, unless=INFECTIOUS_HONEST,
         message=gettext_noop("Postings may not turn away carriers of infectious diseases such as hepatitis B "
                              "or HIV, nor test for them."),
         fix=gettext_noop("Remove it; for food work, asking for a 健康证 is fine.")),
    dict(code="marriage_childbearing", category="marriage_childbearing", law="《妇女权益保障法》第四十三条",
         pattern=MARRIAGE_RULE, unless_before=MARRIAGE_NOT_BEFORE, unless=MARRIAGE_HONEST,
         message=gettext_noop("Postings may not ask about or set conditions on marriage, pregnancy or children, "
                              "nor require a pregnancy test."),
         fix=gettext_noop("Remove it; 已婚未婚均可 is fine.")),
    dict(code="fee_asked", category="fee_deposit", law="《劳动合同法》第九条；《就业服务与就业管理规定》第十四条",
         pattern=FEE_RULE, unless_before=FEE_NOT_BEFORE, unless=FEE_HONEST,
         message=gettext_noop("Postings may not ask workers for any fee or deposit, under any name "
                              "(押金、保证金、培训费、服装费…)."),
         fix=gettext_noop("Remove it; 无需押金 or 不收任何费用 is fine.")),
    dict(code="wage_withheld", category="fee_deposit",
         law="《劳动合同法》第九条、第三十条；《工资支付暂行规定》第十五条",
         pattern=WAGE_RULE, unless_before=WAGE_NOT_BEFORE, unless=WAGE_HONEST,
         message=gettext_noop("Employers may not hold back wages or deduct costs from them."),
         fix=gettext_noop("Pay the full wage on time; only tax and social insurance may be withheld.")),
    dict(code="documents_withheld", category="fee_deposit",
         law="《劳动合同法》第九条；《就业服务与就业管理规定》第十四条",
         pattern=DOCUMENT_RULE, unless_before=DOCUMENT_NOT_BEFORE, unless=DOCUMENT_HONEST,
         message=gettext_noop("Employers may not keep workers' ID cards or other documents."),
         fix=gettext_noop("Check the ID and hand it back; 不扣押证件 is fine.")),
    dict(code="age_limit", category="age",
         law="《就业服务与就业管理规定》第二十条；《劳动法》第十五条（最低就业年龄16周岁）",
         pattern=AGE_RULE, unless_before="(?:不论|无论|不分|不问|不限)", unless=AGE_HONEST,
         message=gettext_noop("Postings may not set an age limit beyond the legal minimum (16, or 18 for some work)."),
         fix=gettext_noop("Write 年满16周岁 or 年满18周岁, or 年龄不限.")),
    dict(code="appearance_limit", category="appearance_height",
         law="《就业促进法》第三条；《就业服务与就业管理规定》第二十条",
         pattern=APPEARANCE_RULE, unless_before=LOOKS_NOT_BEFORE, unless=APPEARANCE_HONEST,
         message=gettext_noop("Postings may not require looks unrelated to the work (五官端正、形象好、颜值…)."),
         fix=gettext_noop("Remove it; 着装整洁 is fine.")),
    dict(code="height_limit", category="appearance_height",
         law="《就业促进法》第三条；《就业服务与就业管理规定》第二十条",
         pattern=HEIGHT_RULE, unless_before=LOOKS_NOT_BEFORE, unless=HEIGHT_HONEST,
         message=gettext_noop("Postings may not set height or weight requirements unrelated to the work."),
         fix=gettext_noop("Remove it, or describe the task (e.g. 能搬运25公斤).")),
]



def seed(apps, schema_editor):
    PostingRule = apps.get_model("core", "PostingRule")
    for rule in RULES:
        PostingRule.objects.get_or_create(code=rule["code"], defaults=rule)


def unseed(apps, schema_editor):
    apps.get_model("core", "PostingRule").objects.filter(code__in=[r["code"] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_posting_rule")]
    operations = [migrations.RunPython(seed, unseed)]
