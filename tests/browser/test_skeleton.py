"""What a visitor sees of the page skeleton, in a real browser."""


def test_skip_link_is_first_in_tab_order_and_moves_focus_to_main(page, home_page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    # Visible when focused (it sits off-screen otherwise).
    assert skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_home_reads_at_320px_without_sideways_scrolling(chromium, live_server, home_page):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.locator("h1").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
