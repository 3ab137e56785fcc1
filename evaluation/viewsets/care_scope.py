"""属地管理 on the care screens: districts and units see and touch only the honourees they recommended."""

from django.http import Http404

from evaluation import rules
from evaluation.models import Honour


def honour_choices(user):
    """Active honourees the user may pick in a care form."""
    return rules.honours_for(user, Honour.objects.active())


class CareScopedIndexMixin:
    """The listing holds the records of the user's honourees only (all of them for city staff)."""

    def get_base_queryset(self):
        return super().get_base_queryset().filter(honour__in=rules.honours_for(self.request.user))


class CareScopedObjectMixin:
    """A record of someone else's honouree is not found, as in the nomination screens."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not rules.can_care_for(self.request.user, obj.honour):
            raise Http404("没有找到该记录。")
        return obj
