"""The site-wide pages, included by the root URLconf (bluepaper/urls.py) in both languages."""

from django.urls import path

from . import embeds, feeds, oembed, previews, share, styleguide, views
from .caching import cacheable

app_name = "website"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
    path("embed/findings/<str:key>/", embeds.embed_finding, name="embed-finding"),
    path("embed/indicators/<slug:slug>/", embeds.embed_indicator, name="embed-indicator"),
    path("oembed/", oembed.oembed, name="oembed"),
    path("share.png", share.site_share_image, name="share-image"),
    path("preview/<str:app_label>/<str:model_name>/<int:pk>/", previews.preview, name="preview"),
    path("styleguide/", styleguide.styleguide, name="styleguide"),
    path("feeds/", feeds.feed_list, name="feeds"),
    path("feeds/findings/", cacheable(feeds.FindingFeed()), name="feed-findings"),
    path("feeds/corrections/", cacheable(feeds.CorrectionFeed()), name="feed-corrections"),
    path("feeds/indicators/<slug:slug>/", cacheable(feeds.indicator_feed), name="feed-indicator"),
]
