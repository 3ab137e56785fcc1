from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """The 我推荐我评议身边好人 pipeline. It may import `portal`, never the reverse."""

    name = "evaluation"
    verbose_name = "好人评选"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from home.models import HomePage
        from portal.models import ChannelPage

        # The routable CampaignPage model sits in pages.py, above forms and services.
        from . import pages  # noqa: F401

        # Campaign pages plug themselves into the page tree so that the portal
        # and home apps never have to name the evaluation app.
        for parent in (HomePage, ChannelPage):
            if "evaluation.CampaignPage" not in parent.subpage_types:
                parent.subpage_types = [*parent.subpage_types, "evaluation.CampaignPage"]

        from . import signals

        signals.connect()
