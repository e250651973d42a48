from django.urls import path

from nuanxin.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/elder/", views.elder_toggle, name="elder"),
]
