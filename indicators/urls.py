from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator"),
    path("indicators/<slug:slug>/chart.svg", views.indicator_chart, {"file_format": "svg"}, name="indicator-chart-svg"),
    path("indicators/<slug:slug>/chart.png", views.indicator_chart, {"file_format": "png"}, name="indicator-chart-png"),
    path("indicators/<slug:slug>/share.png", views.indicator_share_image, name="indicator-share-image"),
    path("indicators/<slug:slug>/qr.svg", views.indicator_qr, name="indicator-qr"),
    path("regions/", views.region_list, name="region-list"),
    path("regions/<slug:slug>/", views.region_detail, name="region"),
]
