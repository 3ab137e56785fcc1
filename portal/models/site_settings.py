from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Footer and identity of the site, edited by the office in the admin."""

    office_name = models.CharField("主办单位", max_length=100, default="市精神文明建设指导委员会办公室")
    address = models.CharField("地址", max_length=200, blank=True)
    postcode = models.CharField("邮编", max_length=10, blank=True)
    phone = models.CharField("联系电话", max_length=50, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True)
    police_record = models.CharField("公安备案号", max_length=50, blank=True)
    about = models.TextField("网站简介", blank=True, help_text="用于页面描述和分享摘要。")

    panels = [
        MultiFieldPanel(
            [FieldPanel("office_name"), FieldPanel("address"), FieldPanel("postcode")],
            heading="主办单位",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="联系方式"),
        MultiFieldPanel([FieldPanel("icp_number"), FieldPanel("police_record")], heading="备案信息"),
        FieldPanel("about"),
    ]

    class Meta:
        verbose_name = "网站设置"


class Menu(ClusterableModel):
    """A navigation menu (main navigation, footer links) edited as a snippet."""

    name = models.CharField("名称", max_length=50)
    slug = models.SlugField("标识", unique=True, help_text="模板按标识取用：main 为主导航，footer 为页脚链接。")

    panels = [FieldPanel("name"), FieldPanel("slug"), InlinePanel("items", label="菜单项")]

    class Meta:
        verbose_name = "菜单"
        verbose_name_plural = "菜单"

    def __str__(self):
        return self.name


class MenuItem(Orderable):
    menu = ParentalKey(Menu, on_delete=models.CASCADE, related_name="items")
    label = models.CharField("显示文字", max_length=50, blank=True, help_text="留空时使用页面标题。")
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="站内页面", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    link_url = models.CharField("外部链接", max_length=500, blank=True)

    panels = [FieldPanel("label"), FieldPanel("link_page"), FieldPanel("link_url")]

    class Meta(Orderable.Meta):
        verbose_name = "菜单项"

    @property
    def text(self):
        if self.label:
            return self.label
        return self.link_page.title if self.link_page_id else self.link_url

    @property
    def url(self):
        if self.link_page_id:
            return self.link_page.url
        return self.link_url or "#"

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.link_page_id and not self.link_url:
            raise ValidationError("请选择站内页面或填写外部链接。")
