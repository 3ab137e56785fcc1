"""Chinese names for the two staff groups Wagtail's migrations create in English."""

from django.db import migrations

# Frozen here (not imported from portal.groups) so that the migration keeps
# doing what it did if the constants change later.
RENAMES = [("Editors", "网站编辑"), ("Moderators", "网站审核员")]


def _rename(apps, forward):
    Group = apps.get_model("auth", "Group")
    for english, chinese in RENAMES:
        old, new = (english, chinese) if forward else (chinese, english)
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    _rename(apps, forward=True)


def backwards(apps, schema_editor):
    _rename(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_chinese_names"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # every Wagtail migration that looks the groups up by their English name
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0002_initial_data"),
        ("wagtaildocs", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
