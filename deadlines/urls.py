"""URLs of the deadlines app: /deadlines/…"""

from . import notification_urls, views_urls

app_name = "deadlines"

urlpatterns = [*views_urls.urlpatterns, *notification_urls.urlpatterns]
