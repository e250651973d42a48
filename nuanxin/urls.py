from django.contrib import admin
from django.urls import include, path

from nuanxin.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("nuanxin.accounts.urls")),
    path("places/", include("nuanxin.places.urls")),
    path("gigs/", include("nuanxin.gigs.urls")),
    path("help/", include("nuanxin.cases.urls")),
    path("wallet/", include("nuanxin.wages.urls")),
    path("bookings/", include("nuanxin.bookings.urls")),
    path("grants/", include("nuanxin.grants.urls")),
    path("housing/", include("nuanxin.housing.urls")),
    path("jobs/", include("nuanxin.jobs.urls")),
    path("dashboard/", include("nuanxin.dashboard.urls")),
    path("open-data/", include("nuanxin.dashboard.open_urls")),
    path("", include("nuanxin.core.urls")),
]
