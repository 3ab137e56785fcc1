"""Names of the staff groups the site creates, in one place for the demo, migrations and tests.

Wagtail's own migrations create "Editors" and "Moderators"; migration
portal 0006_group_names gives them the Chinese names below, so that the admin's
group lists, permission screens and workflow tasks read in Chinese.
"""

EDITORS = "网站编辑"
MODERATORS = "网站审核员"

# (Wagtail's English name, the name the site uses)
WAGTAIL_DEFAULT_GROUPS = [("Editors", EDITORS), ("Moderators", MODERATORS)]
