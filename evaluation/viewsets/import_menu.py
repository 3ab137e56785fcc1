"""Admin registration of the organisation bulk submission screens (imported by wagtail_hooks.py)."""

from django.urls import include, path
from wagtail import hooks

from evaluation.viewsets import imports

# EvaluationGroup (好人评选) collects extra submenu items through this hook once it sets
# `submenu_hook = MENU_HOOK`.
MENU_HOOK = "register_evaluation_menu_item"


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("evaluation/imports/", include((imports.urlpatterns, imports.URL_NAMESPACE)))]


@hooks.register(MENU_HOOK)
def register_import_menu_item():
    return imports.menu_item()
