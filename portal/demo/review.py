"""Demo set-up of 三审: one account per review step, and a starter word list and mistakes list.

The groups 初审/复审/终审 and the workflow come from migration portal 0003_review_workflow,
so a real deployment has them too; only the accounts and the lists are demo content.
"""

from portal.choices import CheckLevel
from portal.models import CommonMistake, WordRule

# username, password, e-mail, surname, given name, superuser, groups (same shape as site.ACCOUNTS)
REVIEW_ACCOUNTS = [
    ("reviewer_first", "demo123456", "reviewer1@example.com", "林", "初审", False, ("初审",)),
    ("reviewer_second", "demo123456", "reviewer2@example.com", "郑", "复审", False, ("复审",)),
    ("reviewer_final", "demo123456", "reviewer3@example.com", "韩", "终审", False, ("终审",)),
]

WORDS = [
    ("代开发票", CheckLevel.FORBIDDEN, "违法广告用语，不得出现在网站上"),
    ("有偿刷票", CheckLevel.FORBIDDEN, "评选活动禁止刷票"),
    ("网络赌博", CheckLevel.FORBIDDEN, "违法内容"),
    ("国家级", CheckLevel.NOTICE, "绝对化或级别用语，请核实出处"),
    ("史上最", CheckLevel.NOTICE, "绝对化用语，建议删改"),
    ("最佳", CheckLevel.NOTICE, "绝对化用语，请核实是否为正式评选结果"),
]

MISTAKES = [
    ("精神文明建设委员会", "精神文明建设指导委员会", "机构全称"),
    ("中央文明委员会", "中央文明委", "机构简称"),
    ("再接再励", "再接再厉", ""),
    ("迫不急待", "迫不及待", ""),
    ("一愁莫展", "一筹莫展", ""),
    ("默守成规", "墨守成规", ""),
    ("鞠躬尽粹", "鞠躬尽瘁", ""),
    ("明辩是非", "明辨是非", ""),
    ("心无旁鹜", "心无旁骛", ""),
]


def create_rules():
    """Add the starter lists (entries already there are left as the editors changed them)."""
    for word, level, note in WORDS:
        WordRule.objects.get_or_create(word=word, defaults={"level": level, "note": note})
    for wrong, right, note in MISTAKES:
        CommonMistake.objects.get_or_create(wrong=wrong, defaults={"right": right, "note": note})
