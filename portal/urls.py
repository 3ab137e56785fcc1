from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import public_views
from portal import views as portal_views
from search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/security/", include("portal.security.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", public_views.robots_txt, name="robots_txt"),
    path("feed/", public_views.site_feed, name="site_feed"),
    path("guanhuai/", public_views.switch_care_mode, name="care_mode"),
    path("jiucuo/", public_views.error_report, name="error_report"),
    path("jiucuo/captcha/<str:token>.png", public_views.captcha_image, name="error_report_captcha"),
    path("healthz", portal_views.healthz, name="healthz"),
    path("favicon.ico", portal_views.favicon),
    # The evaluation app is mounted by name so that portal code never imports it.
    path("api/v1/", include("evaluation.api.urls")),
    path("evaluation/", include("evaluation.urls")),
]

# Media are served by Django too so that `make run` and `make serve` work without a
# separate web server; a real deployment lets nginx serve the same folders.  Only
# the public folders (Wagtail images and renditions) are reachable: documents go
# through Wagtail's document view and private uploads through checking views.
urlpatterns += [path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", portal_views.public_media)]

urlpatterns += [path("", include(wagtail_urls))]
