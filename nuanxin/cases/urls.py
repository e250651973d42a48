from django.urls import path

from nuanxin.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.ask_for_help, name="help"),
    path("mine/", views.my_requests, name="mine"),
    path("mine/export/", views.export_mine, name="export"),
    path("queue/", views.queue, name="queue"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/", views.case_page, name="case-detail"),
    path("<int:pk>/transition/", views.transition, name="transition"),
    path("<int:pk>/notes/", views.note, name="note"),
    path("<int:pk>/call/", views.call, name="call"),
]
