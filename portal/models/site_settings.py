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
    organiser_name = models.CharField("承办单位", max_length=100, blank=True)
    site_code = models.CharField(
        "网站标识码", max_length=20, blank=True, help_text="政府网站标识码，例如：1401000001。"
    )
    icp_number = models.CharField("ICP备案号", max_length=50, blank=True, help_text="例如：晋ICP备12345678号-1。")
    icp_url = models.URLField("ICP备案查询地址", blank=True, default="https://beian.miit.gov.cn/")
    police_record = models.CharField(
        "公安备案号", max_length=50, blank=True, help_text="例如：晋公网安备 14010002000001号。"
    )
    police_record_url = models.URLField(
        "公安备案查询地址", blank=True, help_text="留空时按备案号中的数字生成全国互联网安全管理服务平台的查询地址。"
    )
    party_gov_badge = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="党政机关网站标识",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="由机构编制部门核发的“党政机关”标识图片。",
    )
    party_gov_badge_url = models.URLField("党政机关标识链接", blank=True, help_text="标识核发机构的验证地址。")
    about = models.TextField("网站简介", blank=True, help_text="用于页面描述和分享摘要。")

    panels = [
        MultiFieldPanel(
            [FieldPanel("office_name"), FieldPanel("organiser_name"), FieldPanel("address"), FieldPanel("postcode")],
            heading="主办和承办单位",
        ),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading="联系方式"),
        MultiFieldPanel(
            [
                FieldPanel("site_code"),
                FieldPanel("icp_number"),
                FieldPanel("icp_url"),
                FieldPanel("police_record"),
                FieldPanel("police_record_url"),
                FieldPanel("party_gov_badge"),
                FieldPanel("party_gov_badge_url"),
            ],
            heading="网站标识和备案信息",
        ),
        FieldPanel("about"),
    ]

    class Meta:
        verbose_name = "网站设置"

    @property
    def police_record_link(self):
        """The register's page for this record: the one set, else built from the number's digits."""
        if self.police_record_url:
            return self.police_record_url
        code = "".join(ch for ch in self.police_record if ch.isdigit())
        return f"https://beian.mps.gov.cn/#/query/webSearch?code={code}" if code else ""


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
