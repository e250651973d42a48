from django.urls import path

from nuanxin.bookings import views

app_name = "bookings"

urlpatterns = [
    path("", views.offering_list, name="list"),
    path("offerings/<int:pk>/", views.offering_page, name="offering"),
    path("sessions/<int:session_id>/enroll/", views.enroll, name="enroll"),
    path("sessions/<int:session_id>/check-in/", views.check_in, name="check-in"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/<str:action>/", views.enrollment_action, name="enrollment-action"),
    path("children/", views.children, name="children"),
    path("children/<int:child_id>/consent/<str:action>/", views.consent, name="consent"),
    path("organise/", views.organise, name="organise"),
    path("draws/", views.draws_explained, name="draws-explained"),
    path("organise/sessions/<int:session_id>/", views.roll, name="roll"),
    path("organise/sessions/<int:session_id>/<str:action>/", views.roll_action, name="roll-action"),
]
