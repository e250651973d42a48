from django.urls import path

from nuanxin.dashboard import views

app_name = "open_data"

urlpatterns = [
    path("", views.open_data_page, name="index"),
    path("<slug:name>.<str:fmt>", views.open_data_file, name="file"),
]
