from django.conf import settings
from django.db import models
from treebeard.mp_tree import MP_Node

from evaluation.choices import JurisdictionKind, Role


class Jurisdiction(MP_Node):
    """City → districts / party committees / stationed units → grassroots organisations (属地管理)."""

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("类型", max_length=20, choices=JurisdictionKind.choices)
    district = models.ForeignKey(
        "portal.District",
        verbose_name="对应县区（公开页面）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    node_order_by = ["name"]

    class Meta:
        verbose_name = "辖区/单位"
        verbose_name_plural = "辖区/单位"

    def __str__(self):
        return self.name

    @property
    def level_two(self):
        """The district-level ancestor (or self) that quotas are counted against."""
        if self.depth <= 2:
            return self
        return Jurisdiction.objects.get(path=self.path[: 2 * self.steplen])

    @property
    def public_district(self):
        """The public District (县区) of this node or its nearest ancestor that has one."""
        if self.district_id:
            return self.district
        ancestors = self.get_ancestors().filter(district__isnull=False).select_related("district")
        nearest = ancestors.order_by("-depth").first()
        return nearest.district if nearest else None

    def subtree_filter(self, prefix="jurisdiction__"):
        """Q-style kwargs selecting rows in this jurisdiction or below it."""
        return {f"{prefix}path__startswith": self.path}


class StaffProfile(models.Model):
    """A staff user's role and the one jurisdiction they act for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="evaluation_profile"
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name="所属辖区/单位", on_delete=models.PROTECT, related_name="staff"
    )
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    phone = models.CharField("工作电话", max_length=30, blank=True)

    class Meta:
        verbose_name = "评选工作人员"
        verbose_name_plural = "评选工作人员"

    def __str__(self):
        return (
            f"{self.user.get_full_name() or self.user.get_username()}（{self.get_role_display()}·{self.jurisdiction}）"
        )
