from django.urls import path

from . import views

app_name = "policies"
urlpatterns = [
    path("", views.strategy_list, name="strategy-list"),
    path("<slug:slug>/", views.strategy_detail, name="strategy"),
    path("<slug:slug>/parallel/", views.strategy_parallel, name="strategy-parallel"),
    path("<slug:slug>/cite.bib", views.strategy_cite, {"file_format": "bib"}, name="strategy-cite-bib"),
    path("<slug:slug>/cite.ris", views.strategy_cite, {"file_format": "ris"}, name="strategy-cite-ris"),
    path("<slug:slug>/share.png", views.strategy_share_image, name="strategy-share-image"),
    path("<slug:slug>/qr.svg", views.strategy_qr, name="strategy-qr"),
]
