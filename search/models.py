from django.db import models
from django.db.models import F
from django.utils import timezone


class SearchQuery(models.Model):
    """What visitors searched for, so editors can see top and unanswered queries."""

    query_string = models.CharField("搜索词", max_length=100, unique=True)
    hits = models.PositiveIntegerField("搜索次数", default=0)
    zero_result_hits = models.PositiveIntegerField("无结果次数", default=0)
    last_result_count = models.PositiveIntegerField("最近结果数", default=0)
    last_searched_at = models.DateTimeField("最近搜索时间", default=timezone.now)

    class Meta:
        ordering = ["-hits"]
        verbose_name = "搜索词"
        verbose_name_plural = "搜索词统计"

    def __str__(self):
        return self.query_string

    @classmethod
    def record(cls, query_string, result_count):
        """Count one search; atomic so that concurrent searches are all counted."""
        query_string = " ".join(query_string.split())[:100]
        if not query_string:
            return
        obj, _ = cls.objects.get_or_create(query_string=query_string)
        cls.objects.filter(pk=obj.pk).update(
            hits=F("hits") + 1,
            zero_result_hits=F("zero_result_hits") + (0 if result_count else 1),
            last_result_count=result_count,
            last_searched_at=timezone.now(),
        )
