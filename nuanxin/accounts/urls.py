from django.urls import path

from nuanxin.accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("agreement/", views.agreement, name="agreement"),
    path("agreement/withdraw/", views.agreement_withdraw, name="agreement-withdraw"),
    path("terms/", views.document, {"which": "terms"}, name="terms"),
    path("privacy/", views.document, {"which": "privacy"}, name="privacy"),
    path("inbox/", views.inbox, name="inbox"),
    path("devices/", views.my_devices, name="devices"),
    path("profile/", views.profile, name="profile"),
]
