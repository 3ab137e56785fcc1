"""Admin screens for the portal's non-page data."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CommonMistake, District, Menu, WordRule


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_label = "县区"
    list_display = ["name", "sort_order"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class MenuViewSet(SnippetViewSet):
    model = Menu
    icon = "list-ul"
    menu_label = "菜单"
    list_display = ["name", "slug"]


class SiteDataGroup(SnippetViewSetGroup):
    items = (MenuViewSet, DistrictViewSet)
    menu_icon = "cog"
    menu_label = "网站数据"
    menu_name = "site_data"
    menu_order = 800


class WordRuleViewSet(SnippetViewSet):
    model = WordRule
    icon = "warning"
    menu_label = "敏感词"
    list_display = ["word", "level", "note", "active"]
    list_filter = ["level", "active"]
    search_fields = ["word", "note"]


class CommonMistakeViewSet(SnippetViewSet):
    model = CommonMistake
    icon = "edit"
    menu_label = "易错词"
    list_display = ["wrong", "right", "level", "note", "active"]
    list_filter = ["level", "active"]
    search_fields = ["wrong", "right", "note"]


class ContentCheckGroup(SnippetViewSetGroup):
    items = (WordRuleViewSet, CommonMistakeViewSet)
    menu_icon = "warning"
    menu_label = "内容检查"
    menu_name = "content_check"
    menu_order = 810
