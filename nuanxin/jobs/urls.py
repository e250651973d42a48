from django.urls import path

from nuanxin.jobs.views import fairs, policies

app_name = "jobs"

urlpatterns = [
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
