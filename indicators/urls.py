from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator"),
    path("regions/", views.region_list, name="region-list"),
    path("regions/<slug:slug>/", views.region_detail, name="region"),
]
