"""The site's default share image (/share.png), for pages without one of their own."""

from bluepaper.models import Report
from bluepaper.share import report_card
from core.share_images import share_image_response


def site_share_image(request):
    """The latest published edition's title and summary as a share image, in the URL's language."""
    report = Report.objects.published().select_related("source").first()
    return share_image_response(request, report_card(report))
