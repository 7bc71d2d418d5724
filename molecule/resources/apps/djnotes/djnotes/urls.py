"""Routes of djnotes."""
from django.urls import path

from notes import views

urlpatterns = [
    path("", views.index),
    path("notes", views.notes),
    path("release", views.release),
    path("token", views.token),
]
