from django.urls import path

from nuanxin.grants import views

app_name = "grants"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("fund/", views.fund, name="fund"),
    path("case/<int:case_pk>/propose/", views.propose, name="propose"),
    path("<int:pk>/", views.grant_page, name="detail"),
    path("<int:pk>/approve/", views.approve, name="approve"),
    path("<int:pk>/reject/", views.reject, name="reject"),
]
