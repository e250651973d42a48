from django.urls import path

from nuanxin.jobs.views import fairs, policies, seekers, vacancies

app_name = "jobs"

urlpatterns = [
    # part A: vacancies
    path("", vacancies.vacancy_list, name="vacancy-list"),
    path("<int:pk>/", vacancies.vacancy_detail, name="vacancy-detail"),
    path("employer/", vacancies.vacancy_mine, name="vacancy-mine"),
    path("employer/new/", vacancies.vacancy_post, name="vacancy-post"),
    path("employer/<int:pk>/<str:action>/", vacancies.vacancy_action, name="vacancy-action"),
    path("review/", vacancies.vacancy_review_queue, name="vacancy-review-queue"),
    path("review/<int:pk>/", vacancies.vacancy_review, name="vacancy-review"),
    path("review/employers/<int:employer_id>/recheck/", vacancies.employer_recheck, name="employer-recheck"),
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
    # part C: job fairs and the policy calculator
    path("fairs/", fairs.fair_list, name="fairs"),
    path("fairs/new/", fairs.fair_new, name="fair-new"),
    path("fairs/<int:pk>/", fairs.fair_page, name="fair"),
    path("fairs/<int:pk>/sign-up/", fairs.sign_up, name="fair-sign-up"),
    path("fairs/<int:pk>/in/", fairs.door_in, name="fair-in"),
    path("fairs/<int:pk>/book/", fairs.book, name="fair-book"),
    path("fairs/<int:pk>/cancel/", fairs.cancel, name="fair-cancel"),
    path("fairs/<int:pk>/intention/", fairs.intention, name="fair-intention"),
    path("fairs/<int:pk>/door/", fairs.door, name="fair-door"),
    path("fairs/<int:pk>/roll/", fairs.roll, name="fair-roll"),
    path("policies/", policies.policy_list, name="policies"),
    path("policies/<slug:code>/", policies.policy_page, name="policy"),
]
