"""The sample application's own test suite, run natively (CPython) and recorded with --workbench-record."""

import asyncio

import httpx

import app


def test_profile():
    with httpx.Client() as client:
        assert app.profile(client)["query"]["user"] == "alice"


def test_create_item():
    with httpx.Client() as client:
        assert app.create_item(client)["json"]["qty"] == 2


def test_redirect_and_page():
    with httpx.Client() as client:
        response = app.follow_redirect(client)
        assert response.status_code == 200
        assert len(response.history) == 1
        assert "slideshow" in str(app.page_settings(client)) or app.page_settings(client) is not None


def test_async_form_and_status():
    async def main():
        async with httpx.AsyncClient() as client:
            body = await app.log_in(client)
            assert body["form"]["user"] == "alice"
            assert await app.status_created(client) == 201

    asyncio.run(main())
