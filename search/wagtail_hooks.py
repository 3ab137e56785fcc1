from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .viewsets import search_query_viewset


@hooks.register("register_admin_viewset")
def register_viewsets():
    return search_query_viewset


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return MenuItem("搜索词统计", search_query_viewset.menu_url, icon_name="search", order=900)
