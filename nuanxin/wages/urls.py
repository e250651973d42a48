from django.urls import path

from nuanxin.wages import views

app_name = "wages"

urlpatterns = [
    path("", views.wallet, name="wallet"),
    path("payout/", views.payout, name="payout"),
    path("deposit/", views.deposit, name="deposit"),
    path("account/", views.payout_account, name="payout-account"),
    path("account/remove/", views.payout_account_remove, name="payout-account-remove"),
    path("statement.<str:fmt>", views.statement, name="statement"),
]
