"""The site-wide pages, included by the root URLconf (bluepaper/urls.py) in both languages."""

from django.urls import path

from . import feeds, previews, views

app_name = "website"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("preview/<str:app_label>/<str:model_name>/<int:pk>/", previews.preview, name="preview"),
    path("feeds/", feeds.feed_list, name="feeds"),
    path("feeds/findings/", feeds.FindingFeed(), name="feed-findings"),
    path("feeds/corrections/", feeds.CorrectionFeed(), name="feed-corrections"),
    path("feeds/indicators/<slug:slug>/", feeds.indicator_feed, name="feed-indicator"),
]
