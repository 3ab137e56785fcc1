from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import SearchQuery


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Search statistics are recorded by the site, never typed in by hand.

    Every editor who can use the admin may read them; only those with the
    model's delete permission may clear entries.
    """

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        if action in ("view", "inspect", "export"):
            return user.is_active and user.has_perm("wagtailadmin.access_admin")
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(SearchQuery, ReadOnlyPolicy(SearchQuery), exact_class=True)


class SearchQueryViewSet(ModelViewSet):
    model = SearchQuery
    icon = "search"
    menu_label = "搜索词统计"
    menu_order = 900
    add_to_admin_menu = False
    list_display = ["query_string", "hits", "zero_result_hits", "last_result_count", "last_searched_at"]
    list_filter = {"zero_result_hits": ["gt"], "last_result_count": ["exact"]}
    search_fields = ["query_string"]
    search_backend_name = None
    ordering = ["-hits"]
    list_export = ["query_string", "hits", "zero_result_hits", "last_result_count", "last_searched_at"]
    export_filename = "search-queries"
    copy_view_enabled = False
    inspect_view_enabled = True
    form_fields = ["query_string"]


search_query_viewset = SearchQueryViewSet("search_queries")
