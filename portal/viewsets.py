"""Admin screens for the portal's non-page data."""

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, Menu


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
