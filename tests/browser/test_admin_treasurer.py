"""Two treasurers finish their day: one proposes a new number, the other finds it on the front page and approves."""

import pytest
from django_otp.oath import totp

from donations.models import ChangeStatus, PendingChange
from tests.browser.conftest import DESKTOP
from tests.donations.factories import seed_details
from tests.factories import UserFactory
from tests.security.otp import confirmed_device

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def log_in_with_code(tab, user):
    device = confirmed_device(user)
    tab.goto("/admin/login/")
    tab.fill("#id_username", user.username)
    tab.fill("#id_password", PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_url("**/admin/2fa/verify/**")
    tab.fill("input[name=token]", f"{totp(device.bin_key, step=device.step, digits=device.digits):0{device.digits}d}")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**/admin/")


@pytest.mark.parametrize("viewport", [None, DESKTOP], ids=["phone", "desktop"])
def test_a_treasurer_proposes_and_a_second_treasurer_approves_from_the_front_page(page, axe_violations, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    seed_details()
    tina = UserFactory(username="tina", role="Treasurer")
    tom = UserFactory(username="tom", role="Treasurer")

    log_in_with_code(page, tina)
    page.goto("/admin/donations/donationdetails/1/change/")
    page.fill("input[name=methods-2-vipps_number]", "912 34 567")  # the seed's third method is Vipps
    page.click("input[name=_save]")
    assert "This looks like a phone number" in page.locator(".errorlist").first.inner_text()
    page.fill("input[name=methods-2-vipps_number]", "557321")
    page.click("input[name=_save]")
    assert "wait for approval by another treasurer" in page.locator(".messagelist").inner_text()
    page.goto("/admin/")
    assert "another treasurer must approve it" in page.locator(".newsroom-desk").inner_text()

    page.context.clear_cookies()
    log_in_with_code(page, tom)
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    waiting = page.locator("section", has=page.locator("h2", has_text="waiting for your approval"))
    assert "only when a second treasurer approves it" in waiting.inner_text()
    waiting.get_by_role("link", name="Review and approve").click()
    page.click("input[name=approve]")
    assert "is now live" in page.locator(".messagelist").inner_text()
    assert PendingChange.objects.get().status == ChangeStatus.APPROVED
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1
