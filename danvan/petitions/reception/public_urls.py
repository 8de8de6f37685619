"""Public pages (no account): answers to voter petitions published by the units."""

from django.urls import path

from danvan.petitions.reception import views

urlpatterns = [
    path("cu-tri/", views.public_answers, name="voter-answer-list"),
    path("cu-tri/<int:petition_id>/", views.public_answer, name="voter-answer-detail"),
]
