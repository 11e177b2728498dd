from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("mfa/verify/", views.SecondFactorVerifyView.as_view(), name="mfa_verify"),
    path("mfa/setup/", views.AuthenticatorSetupView.as_view(), name="mfa_setup"),
    path("security/", views.SecurityView.as_view(), name="security"),
    path("security/users/<int:pk>/reset-mfa/", views.UserMfaResetView.as_view(), name="user_mfa_reset"),
    path("security/users/<int:pk>/unlock/", views.UserUnlockView.as_view(), name="user_unlock"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/new/", views.UserCreateView.as_view(), name="user_create"),
    path("users/<int:pk>/edit/", views.UserEditView.as_view(), name="user_edit"),
    path("users/<int:pk>/toggle-active/", views.UserToggleActiveView.as_view(), name="user_toggle_active"),
    path("users/<int:pk>/reset-password/", views.UserResetPasswordView.as_view(), name="user_reset_password"),
    path("units/", views.UnitTreeView.as_view(), name="unit_tree"),
    path("units/new/", views.UnitCreateView.as_view(), name="unit_create"),
    path("units/<int:pk>/edit/", views.UnitEditView.as_view(), name="unit_edit"),
]
