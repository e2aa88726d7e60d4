"""A ceiling on request bodies, enforced before anything parses them."""

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE = "Request body too large"


# A proxy in front (the frontend's /api rewrite) that is still sending a
# chunked body when the connection closes answers 500 for a broken pipe
# instead of passing the 413 on: read and drop up to this many times the
# limit first, one chunk at a time, so that the 413 gets through.
DISCARD_FACTOR = 64


async def discard_rest(receive: Receive, at_most: int) -> None:
    discarded = 0
    while discarded < at_most:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body"):
            return
        discarded += len(message.get("body", b""))


class BodyTooLarge(HTTPException):
    def __init__(self) -> None:
        super().__init__(status_code=413, detail=TOO_LARGE)


class BodySizeLimitMiddleware:
    """413 for a body over max_bytes: at once when Content-Length says so,
    and as soon as a chunked body goes past it, so that no route ever holds
    more than max_bytes of one request in memory."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if (
            declared is not None
            and declared.isdigit()
            and int(declared) > self.max_bytes
        ):
            refusal = JSONResponse({"detail": TOO_LARGE}, status_code=413)
            await refusal(scope, receive, send)
            return

        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    if message.get("more_body"):
                        await discard_rest(receive, DISCARD_FACTOR * self.max_bytes)
                    # Routes read the body through this call: the error
                    # reaches the app's HTTPException handler as a 413.
                    raise BodyTooLarge()
            return message

        await self.app(scope, receive_within_limit, send)
