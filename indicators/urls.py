from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.indicator_list, name="indicator-list"),
    path("indicators/<slug:slug>/", views.indicator_detail, name="indicator"),
    path("indicators/<slug:slug>/findings/", views.indicator_findings, name="indicator-findings"),
    path("indicators/<slug:slug>/cite.bib", views.indicator_cite, {"file_format": "bib"}, name="indicator-cite-bib"),
    path("indicators/<slug:slug>/cite.ris", views.indicator_cite, {"file_format": "ris"}, name="indicator-cite-ris"),
    path("indicators/<slug:slug>/chart.svg", views.indicator_chart, {"file_format": "svg"}, name="indicator-chart-svg"),
    path("indicators/<slug:slug>/chart.png", views.indicator_chart, {"file_format": "png"}, name="indicator-chart-png"),
    path("indicators/<slug:slug>.csv", views.indicator_download, {"file_format": "csv"}, name="indicator-csv"),
    path("indicators/<slug:slug>.json", views.indicator_download, {"file_format": "json"}, name="indicator-json"),
    path("indicators/<slug:slug>/share.png", views.indicator_share_image, name="indicator-share-image"),
    path("indicators/<slug:slug>/qr.svg", views.indicator_qr, name="indicator-qr"),
    path("regions/", views.region_list, name="region-list"),
    path("regions/<slug:slug>/", views.region_detail, name="region"),
    path("regions/<slug:slug>/findings/", views.region_findings, name="region-findings"),
]
