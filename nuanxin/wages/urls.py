from django.urls import path

from nuanxin.wages import views

app_name = "wages"

urlpatterns = [
    path("", views.wallet, name="wallet"),
    path("payout/", views.payout, name="payout"),
    path("deposit/", views.deposit, name="deposit"),
    path("statement.<str:fmt>", views.statement, name="statement"),
]
