from django.urls import path

from accounts import member_pages, views

app_name = "accounts"

urlpatterns = [
    path("u/<str:handle>/", views.profile, name="profile"),
    path("u/<str:handle>/follow/", member_pages.follow, name="follow"),
    path("u/<str:handle>/followers/", member_pages.followers, name="followers"),
    path("members/", member_pages.member_directory, name="directory"),
    path("avatars/<int:user_id>/<str:name>", views.avatar, name="avatar"),
    path("settings/", views.settings_index, name="settings"),
    path("settings/profile/", views.settings_profile, name="settings_profile"),
    path("settings/preferences/", views.settings_preferences, name="settings_preferences"),
    path("settings/verification/", views.settings_verification, name="settings_verification"),
    path("settings/verification/<int:pk>/evidence", views.evidence, name="verification_evidence"),
    path("settings/data/", views.settings_data, name="settings_data"),
    path("settings/warnings/", views.settings_warnings, name="warnings"),
    path("settings/data/export.json", views.export_data, name="export_data"),
]
