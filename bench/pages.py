"""The pages `make bench` measures: seed pages that the synthetic data set makes grow."""

# Under wrk, uncached and cached, side by side with the trivial view and nginx.
LOADED = {
    "home": "/",
    "finding": "/findings/k5uj8/high-speed-rail-network/",
    "indicator": "/indicators/high-speed-rail-mileage/",
    "search": "/search/?q=%E9%AB%98%E9%93%81",  # 高铁
    "api-list": "/api/v1/findings/",
}
# Counted for SQL queries at 1x and 100x the seed.
COUNTED = {
    **LOADED,
    "region": "/regions/beijing/",
    "chapter": "/reports/2025/progress/",
    "indicator-list": "/indicators/",
    "strategy-list": "/strategies/",
}
