"""Response headers that apply to the whole API."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# Browsers that saw this once use only HTTPS for the site for two years.
STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains"
# The API's answers are about one user at one moment: no cache may keep them.
DEFAULT_CACHE_CONTROL = "no-store"


def security_headers(https_only: bool) -> dict[str, str]:
    """SECURITY_HEADERS, with Strict-Transport-Security when served over HTTPS."""
    headers = dict(SECURITY_HEADERS)
    if https_only:
        headers["Strict-Transport-Security"] = STRICT_TRANSPORT_SECURITY
    return headers


class SecurityHeadersMiddleware:
    """Adds security_headers(), and no-store unless a route chose otherwise,
    to every response (plain ASGI: no extra coroutine per request). Starlette
    answers an unhandled error outside every middleware, so the handler of
    500s adds the same headers itself."""

    def __init__(self, app: ASGIApp, https_only: bool = False) -> None:
        self.app = app
        self.headers = security_headers(https_only)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.update(self.headers)
                headers.setdefault("Cache-Control", DEFAULT_CACHE_CONTROL)
            await send(message)

        await self.app(scope, receive, send_with_headers)
