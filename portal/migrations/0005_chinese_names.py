"""Chinese names for what Wagtail's own migrations create in English: the tree roots and the default workflow."""

from django.db import migrations

RENAMES = [
    # (model, field, English, Chinese)
    ("wagtailcore", "Page", "title", "Root", "全部站点"),
    ("wagtailcore", "Collection", "name", "Root", "全部文件"),
    ("wagtailcore", "Workflow", "name", "Moderators approval", "单人审核（备用）"),
    ("wagtailcore", "Task", "name", "Moderators approval", "审核员审核"),
]


def _rename(apps, forward):
    for app_label, model_name, field, english, chinese in RENAMES:
        old, new = (english, chinese) if forward else (chinese, english)
        model = apps.get_model(app_label, model_name)
        queryset = model.objects.filter(**{field: old})
        if model_name == "Page":
            queryset = queryset.filter(depth=1)
            queryset.update(title=new, draft_title=new)
        elif model_name == "Collection":
            queryset.filter(depth=1).update(name=new)
        else:
            queryset.update(**{field: new})


def forwards(apps, schema_editor):
    _rename(apps, forward=True)


def backwards(apps, schema_editor):
    _rename(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_identity_reports"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
