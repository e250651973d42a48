from django.urls import path

from nuanxin.places import views

app_name = "places"

urlpatterns = [
    path("", views.nearby, name="nearby"),
    path("map/", views.places_map, name="map"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.place_page, name="place-detail"),
    path("<int:pk>/check-in/", views.check_in, name="check-in"),
    path("<int:pk>/qr.svg", views.qr_code, name="place-qr"),
    path("<int:pk>/manage/", views.manage, name="manage"),
]
