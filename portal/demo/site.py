"""Site skeleton of the demo: accounts, districts, the home page, channels, settings and menus."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page, Site

from home.models import HomePage
from portal.groups import EDITORS
from portal.models import ChannelPage, District, Menu, MenuItem, SiteSettings

from .places import CITY, DISTRICT_INTROS, DISTRICT_SLUGS, DISTRICTS, OFFICE, SITE_NAME
from .review import REVIEW_ACCOUNTS

ACCOUNTS = [
    # username, password, e-mail, surname, given name, superuser, groups
    ("admin", "admin123456", "admin@example.com", "管", "理员", True, ()),
    ("editor", "editor123456", "editor@example.com", "周", "晓岚", False, (EDITORS,)),
    *REVIEW_ACCOUNTS,
]

# key, title, slug, intro, shown on the home page
CHANNELS = [
    ("yaowen", "要闻", "yaowen", "全市精神文明建设的重要会议、重点工作和重大活动。", True),
    ("tongzhi", "通知公告", "tongzhi", "市文明委、市文明办发布的通知、公示和决定。", True),
    ("nuanxinwen", "暖新闻", "nuanxinwen", "发生在身边的暖心小事。", True),
    ("chengxin", "诚信建设", "chengxin", "诚信经营、信用惠民和失信治理。", True),
    ("bobao", "文明播报", "bobao", "城市文明的新变化、新气象。", True),
    ("zhiyuan", "志愿服务", "zhiyuan", "志愿服务组织、项目和志愿者的故事。", True),
    ("xianqu", "县区频道", "xianqu", "各县（市、区）文明创建动态。", True),
    ("jieri", "我们的节日", "jieri", "春节、元宵、清明、端午、中秋、重阳等传统节日主题活动。", True),
    ("chuangjian", "文明城市创建", "chuangjian", f"{CITY}创建文明城市工作动态和问题整改。", True),
    ("weichengnian", "未成年人教育", "weichengnian", "未成年人思想道德建设和校外实践活动。", True),
    ("sixiang", "思想道德建设", "sixiang", "道德讲堂、家风家训、移风易俗。", True),
    ("weiguancha", "文明微观察", "weiguancha", "评说身边的文明与不文明现象。", False),
    ("gushi", "身边故事", "gushi", "普通人的凡人善举：助人为乐、见义勇为、诚实守信、敬业奉献、孝老爱亲。", True),
]

MAIN_MENU = [
    "yaowen",
    "tongzhi",
    "nuanxinwen",
    "chengxin",
    "bobao",
    "zhiyuan",
    "xianqu",
    "jieri",
    "chuangjian",
    "gushi",
]

SETTINGS = {
    "office_name": OFFICE,
    "address": f"河东省{CITY}城关区人民路88号市行政中心5号楼",
    "postcode": "000100",
    "phone": "0123-3218806",
    "email": "qinghe-wmb@example.com",
    "organiser_name": f"{CITY}文明网编辑部",
    "site_code": "0000000000",
    "icp_number": "河ICP备00000000号-1",
    "police_record": "河公网安备00000000000000号",
    "about": (
        f"{SITE_NAME}由{OFFICE}主办，发布全市精神文明建设新闻、通知公告、身边好人和身边故事。"
        "（演示站点，城市与人物均为虚构）"
    ),
}


def create_accounts():
    """Create the demo accounts that do not exist yet; return (users by name, names created)."""
    user_model = get_user_model()
    users, created = {}, []
    for username, password, email, last, first, superuser, groups in ACCOUNTS:
        user = user_model.objects.filter(username=username).first()
        if user is None:
            make = user_model.objects.create_superuser if superuser else user_model.objects.create_user
            user = make(username=username, email=email, password=password, last_name=last, first_name=first)
            created.append(username)
        for name in groups:
            group = Group.objects.filter(name=name).first()
            if group is not None:
                user.groups.add(group)
        users[username] = user
    return users, created


def create_districts():
    districts = {}
    for order, name in enumerate(DISTRICTS, start=1):
        districts[name], _created = District.objects.get_or_create(name=name, defaults={"sort_order": order * 10})
    return districts


def replace_welcome_page(publisher, day):
    """Put a HomePage at depth 2 as the default site's root, and delete Wagtail's welcome page."""
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    old_root = site.root_page if site else None
    # The welcome page holds the slug "home"; move it aside first (deleting it would delete the Site).
    root.get_children().filter(slug="home").update(slug="welcome-old")
    home = HomePage(
        title="首页",
        slug="home",
        seo_title=SITE_NAME,
        show_in_menus=False,
        welcome=f"欢迎访问{SITE_NAME}：看新闻，读身边故事，推荐身边好人。",
    )
    publisher.add(root, home, day)
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = SITE_NAME
    site.save()
    if old_root is not None and old_root.specific_class is Page and not old_root.get_children().exists():
        old_root.delete()
    return home, site


def create_channels(publisher, home, day):
    """The channels under home, and one sub-channel per district under 县区频道."""
    channels = {}
    for key, title, slug, intro, on_home in CHANNELS:
        page = ChannelPage(title=title, slug=slug, intro=intro, show_on_home=on_home, show_in_menus=key in MAIN_MENU)
        channels[key] = publisher.add(home, page, day)
    for name, slug in DISTRICT_SLUGS.items():
        page = ChannelPage(title=name, slug=slug, intro=DISTRICT_INTROS[name], show_on_home=False)
        channels[f"xianqu/{slug}"] = publisher.add(channels["xianqu"], page, day + datetime.timedelta(days=1))
    return channels


def attach_home_channels(publisher, home, channels):
    home.news_channel = channels["yaowen"]
    home.notice_channel = channels["tongzhi"]
    home.story_channel = channels["gushi"]
    publisher.republish(home)


def create_settings(site):
    settings = SiteSettings.for_site(site)
    for field, value in SETTINGS.items():
        setattr(settings, field, value)
    settings.save()
    return settings


def create_menus(home, channels, roll):
    main, _created = Menu.objects.get_or_create(slug="main", defaults={"name": "主导航"})
    main.items.all().delete()
    entries = [("首页", home)] + [("", channels[key]) for key in MAIN_MENU] + [("好人榜", roll)]
    for order, (label, page) in enumerate(entries):
        MenuItem.objects.create(menu=main, sort_order=order, label=label, link_page=page)
    footer, _created = Menu.objects.get_or_create(slug="footer", defaults={"name": "页脚链接"})
    footer.items.all().delete()
    links = [
        ("网站首页", home, ""),
        ("通知公告", channels["tongzhi"], ""),
        ("好人榜", roll, ""),
        ("身边故事", channels["gushi"], ""),
        ("中国文明网", None, "https://www.wenming.cn/"),
        ("网站地图", None, "/sitemap.xml"),
    ]
    for order, (label, page, url) in enumerate(links):
        MenuItem.objects.create(menu=footer, sort_order=order, label=label, link_page=page, link_url=url)
    return main, footer
