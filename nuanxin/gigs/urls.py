from django.urls import path

from nuanxin.gigs import views

app_name = "gigs"

urlpatterns = [
    path("", views.gig_list, name="list"),
    path("map/", views.gig_map, name="map"),
    path("<int:pk>/", views.gig_page, name="gig-detail"),
    path("<int:pk>/report/", views.report, name="report"),
    path("shifts/<int:shift_id>/apply/", views.apply, name="apply"),
    path("mine/", views.my_shifts, name="mine"),
    path("mine/<int:application_id>/check-<str:action>/", views.presence, name="presence"),
    path("mine/<int:application_id>/cancel/", views.cancel, name="cancel"),
    path("mine/<int:application_id>/accept-hours/", views.accept_hours, name="accept-hours"),
    path("mine/<int:application_id>/dispute/", views.dispute, name="dispute"),
    path("employer/", views.dashboard, name="dashboard"),
    path("employer/new/", views.post_gig, name="post"),
    path("employer/<int:pk>/", views.manage, name="manage"),
    path("employer/<int:pk>/<str:action>/", views.gig_action, name="gig-action"),
    path("employer/applications/<int:application_id>/<str:action>/", views.application_action,
         name="application-action"),
]
