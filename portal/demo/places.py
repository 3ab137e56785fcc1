"""The fictional city of the demo: its districts, towns, units and people's names."""

import random

CITY = "清河市"
CITY_SHORT = "清河"
PROVINCE = "河东省"
OFFICE = "清河市精神文明建设指导委员会办公室"
OFFICE_SHORT = "市文明办"
SITE_NAME = "清河市文明网"
SEED = 20260601

# District name -> its streets, towns and townships.
DISTRICTS = {
    "城关区": ["东关街道", "南门街道", "鼓楼街道", "西大街街道"],
    "河西区": ["滨河街道", "柳湾街道", "西营镇", "沙河镇"],
    "新华区": ["新华街道", "建设路街道", "北苑街道", "工农街道"],
    "东湖县": ["湖滨镇", "杨柳镇", "莲花乡", "双桥镇"],
    "南山县": ["南山镇", "石门镇", "茶岭乡", "青松乡"],
    "白石市": ["白石街道", "龙泉镇", "清泉镇", "凤凰街道"],
    "高新区": ["科创街道", "云谷街道"],
}

DISTRICT_SLUGS = {
    "城关区": "chengguan",
    "河西区": "hexi",
    "新华区": "xinhua",
    "东湖县": "donghu",
    "南山县": "nanshan",
    "白石市": "baishi",
    "高新区": "gaoxin",
}

DISTRICT_INTROS = {
    "城关区": "老城所在地，街巷密集，商贸繁荣，近年来以老旧小区改造和背街小巷整治带动文明创建。",
    "河西区": "沿清河西岸展开，滨河绿道和新建社区多，志愿服务队伍活跃在河道守护和社区治理一线。",
    "新华区": "老工业基地转型发展的主阵地，退休职工多，“老工匠”“老党员”志愿服务品牌远近闻名。",
    "东湖县": "湖区农业大县，以移风易俗、美丽乡村建设和新时代文明实践所（站）建设为工作重点。",
    "南山县": "山区县，茶园遍布，留守老人和儿童较多，邻里互助、关爱帮扶的好故事层出不穷。",
    "白石市": "省辖县级市，民营经济发达，诚信经营和企业文明建设走在全市前列。",
    "高新区": "年轻人聚集的产业新城，依托园区企业开展青年志愿服务和文明单位创建。",
}

VILLAGES = [
    "大柳树村",
    "杏花村",
    "王家庄村",
    "石桥村",
    "河湾村",
    "新民村",
    "桃源村",
    "后沟村",
    "马坊村",
    "前进村",
    "槐树岭村",
    "双井村",
    "白杨村",
    "红旗村",
    "刘家坪村",
    "东岗村",
]

COMMUNITIES = [
    "幸福里社区",
    "和平社区",
    "锦绣社区",
    "桃园社区",
    "春晖社区",
    "安居社区",
    "新村社区",
    "康乐社区",
    "向阳社区",
    "丽景社区",
    "朝阳社区",
    "书香苑社区",
    "滨江社区",
    "长青社区",
]

SCHOOLS = ["第一中学", "实验小学", "第三中学", "育才小学", "职业技术学校", "第二实验小学"]

HOSPITALS = ["人民医院", "中医医院", "妇幼保健院", "社区卫生服务中心"]

COMPANIES = [
    "清河新材料有限公司",
    "白石宏达机械厂",
    "东湖绿源农业合作社",
    "清河公交集团",
    "南山云雾茶业有限公司",
    "清河市供电公司",
    "河西恒通物流公司",
    "高新区智联科技公司",
    "新华区老字号饭庄",
    "清河自来水公司",
    "城关区百货大楼",
    "清河顺风快递站",
]

PRIVATE_COMPANIES = [
    "清河新材料有限公司",
    "白石宏达机械厂",
    "南山云雾茶业有限公司",
    "河西恒通物流公司",
    "高新区智联科技公司",
    "新华区老字号饭庄",
]
FACTORIES = ["清河新材料有限公司", "白石宏达机械厂", "清河市供电公司", "清河自来水公司"]

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶"
    "余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚"
)
MALE_NAMES = (
    "建国 志强 伟 军 明华 海涛 永刚 德福 长江 文斌 振宇 红卫 立新 春生 宝山 玉林 国庆 俊杰 浩然 子轩 东升 庆丰 守义 "
    "强 斌 涛 磊 勇 刚 杰 峰 超 鹏 辉 建军 建华 志刚 志明 海军 海峰 永强 永军 晓东 晓峰 国强 国华 卫东 卫国 "
    "德胜 福生 文华 文杰 宇航 天宇 子豪 一鸣 家乐 泽宇 俊豪 明轩 思远 树林 金山 满仓 有福 连生"
).split()
FEMALE_NAMES = (
    "秀英 桂兰 玉梅 丽华 淑芬 春燕 晓红 海燕 雪梅 静怡 婷婷 美玲 慧敏 凤霞 月娥 冬梅 小芳 雅琴 文娟 丽娟 巧云 爱华 "
    "芳 娟 敏 静 丽 艳 萍 红 燕 霞 玲 颖 婷 雪 秀兰 秀珍 桂英 桂芳 玉兰 玉珍 淑华 淑珍 丽萍 丽霞 红梅 红霞 "
    "晓燕 晓丽 海霞 春梅 金凤 翠兰 彩霞 素芬 梦瑶 欣怡 诗涵 雨萱 佳怡 思琪 梓涵 一诺 雅婷 晓雯 晶晶"
).split()


def make_rng(offset=0):
    """A seeded generator, so the demo reads the same on every machine."""
    return random.Random(SEED + offset)  # noqa: S311 (demo data, not security)


class NameMaker:
    """Invents plausible, distinct personal names."""

    def __init__(self, rng, taken=()):
        self.rng = rng
        self.taken = set(taken)

    def person(self, gender=None):
        """Return (name, gender) with gender "m" or "f"."""
        gender = gender or self.rng.choice("mf")
        given_names = MALE_NAMES if gender == "m" else FEMALE_NAMES
        for _ in range(500):
            name = self.rng.choice(SURNAMES) + self.rng.choice(given_names)
            if name not in self.taken and len(set(name)) == len(name):
                self.taken.add(name)
                return name, gender
        raise RuntimeError("ran out of names")


RURAL_SUFFIXES = ("镇", "乡")
RURAL_DISTRICTS = [name for name, towns in DISTRICTS.items() if any(t.endswith(RURAL_SUFFIXES) for t in towns)]
URBAN_DISTRICTS = [name for name, towns in DISTRICTS.items() if any(t.endswith("街道") for t in towns)]


def town_of(rng, district, setting=None):
    """A town of `district`; setting "rural" picks a 镇/乡, "urban" a 街道 (when the district has one)."""
    towns = DISTRICTS[district]
    if setting == "rural":
        towns = [t for t in towns if t.endswith(RURAL_SUFFIXES)] or towns
    elif setting == "urban":
        towns = [t for t in towns if t.endswith("街道")] or towns
    return rng.choice(towns)


def place_of(rng, district, setting=None):
    """A town plus a village or community, e.g. 东湖县湖滨镇杏花村."""
    town = town_of(rng, district, setting)
    small = rng.choice(VILLAGES) if town.endswith(RURAL_SUFFIXES) else rng.choice(COMMUNITIES)
    return town, small
