"""The project's zh_Hans catalogue: the committed .mo files say what the .po files say (no gettext needed)."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0]) / "zh_Hans" / "LC_MESSAGES"


def po_entries(path):
    """{(context, msgid): msgstr} of a .po file (first plural form)."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        fields, current = {}, None
        for line in lines:
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?) (".*")$', line)
            if match:
                current = match.group(1).replace("[0]", "")
                fields[current] = ast.literal_eval(match.group(2))
            elif line.startswith('"') and current:
                fields[current] += ast.literal_eval(line)
        if fields.get("msgid"):
            entries[(fields.get("msgctxt"), fields["msgid"])] = fields["msgstr"]
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(domain):
    with open(LOCALE / f"{domain}.mo", "rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    entries = po_entries(LOCALE / f"{domain}.po")
    assert len(entries) > 10
    for (context, msgid), msgstr in entries.items():
        got = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
        assert got == msgstr, f"{msgid!r}: run `python manage.py compilemessages -l zh_Hans` and commit the .mo"


def test_wagtail_strings_read_in_chinese(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert translation.gettext("Saved") == "已保存"
        assert translation.gettext("Go to the first error") == "转到第一个错误"
        assert translation.gettext("Inspect") == "查看详情"
