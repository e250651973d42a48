from django.urls import path

from nuanxin.jobs.views import seekers

app_name = "jobs"

urlpatterns = [
    # part B: seekers, follow-ups, referrals, stations
    path("me/", seekers.mine, name="seeker-mine"),
    path("me/register/", seekers.register, name="seeker-register"),
    path("me/close/", seekers.close_mine, name="seeker-close-mine"),
    path("seekers/", seekers.seeker_list, name="seeker-list"),
    path("seekers/new/", seekers.seeker_new, name="seeker-new"),
    path("seekers/<int:seeker_id>/", seekers.seeker_file, name="seeker-file"),
    path("seekers/<int:seeker_id>/<str:action>/", seekers.seeker_action, name="seeker-action"),
    path("follow-ups/", seekers.seeker_list, {"due": True}, name="follow-ups-due"),
    path("letters/<str:token>/", seekers.letter, name="letter"),
    path("letters/<str:token>/outcome/", seekers.letter_outcome, name="letter-outcome"),
    path("stations/", seekers.stations_mine, name="stations-mine"),
    path("stations/<int:place_id>/", seekers.station, name="station"),
]
