from django.urls import path

from nuanxin.housing import views

app_name = "housing"

urlpatterns = [
    path("", views.residence_list, name="list"),
    path("<int:pk>/", views.residence_page, name="residence"),
    path("<int:pk>/apply/", views.apply_here, name="apply-here"),
    path("apply/", views.apply_anywhere, name="apply"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/<str:action>/", views.mine_action, name="mine-action"),
    path("staff/", views.staff_home, name="staff"),
    path("staff/shelter/", views.shelter, name="shelter"),
    path("staff/<int:pk>/", views.staff_day, name="staff-day"),
    path("staff/<int:pk>/calendar/", views.staff_calendar, name="staff-calendar"),
    path("staff/<int:pk>/queue/", views.staff_queue, name="staff-queue"),
    path("staff/<int:pk>/<str:action>/", views.staff_action, name="staff-action"),
]
