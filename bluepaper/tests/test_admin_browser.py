"""Editors' view: the Chinese admin in headless Chromium, from a browser outside China."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from bluepaper.models import Finding

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-passphrase"  # noqa: S105 - test account only
SOURCE = "京津冀发展报告2025:非首都功能疏解见效,区域均衡仍存短板"
CHINESE_CSV = (
    "指标,地区,时期,年份,数值,文字数值（中文）,文字数值（English）,限定词,来源,出处位置,备注（中文）,备注（English）,状态\n"
    f'resident-population,beijing,年度,2014,12935000,,,精确,"{SOURCE}",[3],,,已发布\n'
    "high-speed-rail-mileage,hebei,年末,2021,1200,,,超过,,[4],"
    + "一条很长的中文备注，" * 12
    + ","
    + "a long English note " * 12
    + ",草稿\n"
)


@pytest.fixture
def admin_page(live_server, browser):
    """A page logged in to the Chinese admin from Berlin (UTC+1), at 1280 px."""
    call_command("load_seed", verbosity=0)
    User.objects.create_superuser("zhubian", password=PASSWORD)
    context = browser.new_context(locale="zh-CN", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "zhubian")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.base = live_server.url
    yield page
    context.close()


def test_an_editor_outside_china_gets_no_time_zone_warning_but_is_told_beijing_time(admin_page):
    finding = Finding.objects.published().first()
    admin_page.goto(f"{admin_page.base}/admin/bluepaper/finding/{finding.pk}/change/")
    assert admin_page.evaluate("new Date().getTimezoneOffset()") != -480  # not Beijing's
    expect(admin_page.locator(".datetimeshortcuts").first).to_be_attached()  # the admin script ran
    expect(admin_page.get_by_text("时间均为北京时间（UTC+8）").first).to_be_visible()
    assert "服务器时间" not in admin_page.locator("body").inner_text()
    warnings = admin_page.locator(".timezonewarning")
    for index in range(warnings.count()):
        expect(warnings.nth(index)).to_be_hidden()


def test_the_import_preview_of_a_chinese_file_fits_1280_px(admin_page):
    admin_page.goto(f"{admin_page.base}/admin/indicators/observation/import/")
    admin_page.set_input_files(
        "#id_import_file", files=[{"name": "观测数据.csv", "mimeType": "text/csv", "buffer": CHINESE_CSV.encode()}]
    )
    admin_page.select_option("#id_format", label="csv")
    admin_page.click("input[type=submit]")
    expect(admin_page.locator("table.import-preview")).to_be_visible()
    expect(admin_page.locator("table.import-preview thead")).to_contain_text("时期")
    overflow = admin_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the import preview scrolls sideways by {overflow}px"
    header = admin_page.locator("#header").bounding_box()
    assert header["x"] == 0 and header["width"] >= 1280 - 20
