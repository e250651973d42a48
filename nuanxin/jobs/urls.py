from django.urls import path

from nuanxin.jobs.views import vacancies

app_name = "jobs"

urlpatterns = [
    # A: vacancies
    path("", vacancies.vacancy_list, name="vacancy-list"),
    path("<int:pk>/", vacancies.vacancy_detail, name="vacancy-detail"),
    path("employer/", vacancies.vacancy_mine, name="vacancy-mine"),
    path("employer/new/", vacancies.vacancy_post, name="vacancy-post"),
    path("employer/<int:pk>/<str:action>/", vacancies.vacancy_action, name="vacancy-action"),
    path("review/", vacancies.vacancy_review_queue, name="vacancy-review-queue"),
    path("review/<int:pk>/", vacancies.vacancy_review, name="vacancy-review"),
    path("review/employers/<int:employer_id>/recheck/", vacancies.employer_recheck, name="employer-recheck"),
]
