"""People's names in Chinese order.

Django's User.get_full_name() gives "first last" (晓岚 周), and Wagtail shows
it on the dashboard, in page histories, workflow and lock messages.  A Chinese
name reads surname first with no space (周晓岚); names in Latin letters keep
Django's order.
"""

import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def full_name(first_name, last_name):
    first, last = (first_name or "").strip(), (last_name or "").strip()
    if _CJK.search(first + last):
        return f"{last}{first}"
    return f"{first} {last}".strip()


def install():
    """Make User.get_full_name() (which Wagtail's admin uses) follow the rule above."""
    from django.contrib.auth import get_user_model

    def get_full_name(user):
        return full_name(user.first_name, user.last_name)

    get_user_model().get_full_name = get_full_name
