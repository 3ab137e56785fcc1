"""Editorial review (三审): the content check's lists, its stored findings, broken links and the review task."""

from django.db import models
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.models import AbstractGroupApprovalTask

from portal.choices import CheckLevel, LinkKind


class WordRule(models.Model):
    """A word the content check looks for: 禁止 refuses publication, 提示 is shown to reviewers."""

    word = models.CharField("词语", max_length=100, unique=True)
    level = models.CharField("级别", max_length=20, choices=CheckLevel.choices, default=CheckLevel.NOTICE)
    note = models.CharField("说明", max_length=200, blank=True, help_text="审核人员看到的原因或处理建议。")
    active = models.BooleanField("启用", default=True)

    panels = [FieldPanel("word"), FieldPanel("level"), FieldPanel("note"), FieldPanel("active")]

    class Meta:
        verbose_name = "敏感词"
        verbose_name_plural = "敏感词"
        ordering = ["level", "word"]

    def __str__(self):
        return self.word


class CommonMistake(models.Model):
    """A common mistake (wrong → right): misnamed institutions, misspelt set phrases."""

    wrong = models.CharField("错误写法", max_length=100, unique=True)
    right = models.CharField("正确写法", max_length=100)
    level = models.CharField("级别", max_length=20, choices=CheckLevel.choices, default=CheckLevel.NOTICE)
    note = models.CharField("说明", max_length=200, blank=True)
    active = models.BooleanField("启用", default=True)

    panels = [FieldPanel("wrong"), FieldPanel("right"), FieldPanel("level"), FieldPanel("note"), FieldPanel("active")]

    class Meta:
        verbose_name = "易错词"
        verbose_name_plural = "易错词"
        ordering = ["wrong"]

    def __str__(self):
        return f"{self.wrong} → {self.right}"


class ContentFinding(models.Model):
    """A finding of the content check in a page's latest revision (rebuilt whenever a revision is saved)."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="+")
    path = models.CharField("字段路径", max_length=255)
    location = models.CharField("位置", max_length=255)
    offset = models.PositiveIntegerField("字符位置")
    text = models.CharField("匹配内容", max_length=100)
    level = models.CharField("级别", max_length=20, choices=CheckLevel.choices)
    note = models.CharField("说明", max_length=200, blank=True)
    suggestion = models.CharField("建议改为", max_length=100, blank=True)
    checked_at = models.DateTimeField("检查时间", auto_now_add=True)

    class Meta:
        verbose_name = "内容检查结果"
        verbose_name_plural = "内容检查结果"
        ordering = ["level", "page_id", "path", "offset"]

    def __str__(self):
        return f"{self.location}：{self.text}"


class BrokenLink(models.Model):
    """A link on a live page that leads nowhere, found by `manage.py check_links`."""

    page = models.ForeignKey("wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="+")
    location = models.CharField("位置", max_length=255)
    kind = models.CharField("链接类型", max_length=20, choices=LinkKind.choices)
    target = models.CharField("链接地址", max_length=2000)
    reason = models.CharField("问题", max_length=255)
    checked_at = models.DateTimeField("检查时间")

    class Meta:
        verbose_name = "失效链接"
        verbose_name_plural = "失效链接"
        ordering = ["page_id", "location"]

    def __str__(self):
        return self.target


class ReviewTask(AbstractGroupApprovalTask):
    """A group approval step that never lets a page with a 禁止 finding pass.

    Approving such a page sends it back for changes instead, with the findings as the
    comment, so the editor sees where to fix it and nothing reaches publication.
    """

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and self.refusal(obj):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve":
            reason = self.refusal(task_state.workflow_state.content_object)
            if reason:
                task_state.reject(user=user, comment=reason)
                return None
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_template_for_action(self, action):
        return "portal/review/workflow_action_modal.html"

    @staticmethod
    def refusal(obj):
        """Why the latest revision of `obj` may not pass ("" if it may).

        The reasons come from the `review_task_refusal` hooks (the content check
        registers one in portal/wagtail_hooks.py), so this model needs none of the
        modules that check content.
        """
        latest = obj.get_latest_revision_as_object() if hasattr(obj, "get_latest_revision_as_object") else obj
        return "；".join(reason for fn in hooks.get_hooks("review_task_refusal") if (reason := fn(latest)))

    @classmethod
    def get_description(cls):
        return "所选用户组的成员审核此步骤；含“禁止”词语的页面不能通过。"

    class Meta:
        verbose_name = "审核步骤（含内容检查）"
        verbose_name_plural = "审核步骤（含内容检查）"
