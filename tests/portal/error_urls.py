"""The site's URLs plus one view that fails, to see the 500 page a visitor gets."""

from django.urls import path

from portal.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("数据库连接中断（测试）")


urlpatterns = [path("broken/", broken), *site_urlpatterns]
