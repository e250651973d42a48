from django.urls import path

from nuanxin.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.board, name="board"),
    path("station/", views.station, name="station"),
    path("export/<slug:table>.csv", views.export_csv, name="export_csv"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("reports/<str:month>.pdf", views.report_pdf, name="report_pdf"),
]
