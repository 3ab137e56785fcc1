from django.db import models
from wagtail.search import index


class District(index.Indexed, models.Model):
    """A county, district or city-level unit shown on public pages (县区)."""

    name = models.CharField("名称", max_length=50, unique=True)
    sort_order = models.PositiveIntegerField("排序", default=0)

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "县区"
        verbose_name_plural = "县区"

    def __str__(self):
        return self.name
