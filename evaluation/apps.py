from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """The 我推荐我评议身边好人 pipeline. It may import `portal`, never the reverse."""

    name = "evaluation"
    verbose_name = "好人评选"
    default_auto_field = "django.db.models.BigAutoField"
