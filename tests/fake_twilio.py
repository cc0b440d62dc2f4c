"""A local HTTP server that speaks the part of Twilio's Messages API the sender uses."""

from __future__ import annotations

import base64
import threading
import uuid
from collections.abc import Callable
from urllib.parse import parse_qs

from tests.fake_http import FakeServer, JsonHandler

ACCOUNT_SID = "AC" + "1" * 32
AUTH_TOKEN = "fake-twilio-token"
CARRIER_OPTED_OUT = {"+14155550166"}  # Twilio answers 21610 for these
UNREACHABLE = {"+14155550177"}  # Twilio answers 21211 (invalid 'To')


class FakeTwilio(JsonHandler):
    """POST /2010-04-01/Accounts/{sid}/Messages.json as Twilio documents it."""

    sent: list[dict[str, str]] = []
    before_refusal: Callable[[], None] | None = None  # a fault a test plants as Twilio answers 21610

    def do_POST(self) -> None:  # noqa: N802
        if not self._authorised():
            return self.reply_json(401, {"code": 20003, "message": "Authenticate", "status": 401})
        if self.path != f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json":
            return self.reply_json(404, {"code": 20404, "message": "Not found", "status": 404})
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        to = form.get("To", "")
        if to in CARRIER_OPTED_OUT:
            if FakeTwilio.before_refusal:
                FakeTwilio.before_refusal()
            return self.reply_json(
                400,
                {
                    "code": 21610,
                    "status": 400,
                    "message": "Attempt to send to unsubscribed recipient",
                    "more_info": "https://www.twilio.com/docs/errors/21610",
                },
            )
        if to in UNREACHABLE:
            return self.reply_json(
                400, {"code": 21211, "status": 400, "message": f"The 'To' number {to} is not a valid phone number."}
            )
        FakeTwilio.sent.append(form)
        sid = "SM" + uuid.uuid4().hex
        self.reply_json(
            201,
            {
                "sid": sid,
                "account_sid": ACCOUNT_SID,
                "to": to,
                "from": form.get("From"),
                "body": form.get("Body"),
                "status": "queued",
                "messaging_service_sid": form.get("MessagingServiceSid"),
                "num_segments": "1",
                "direction": "outbound-api",
                "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json",
            },
        )

    def _authorised(self) -> bool:
        expected = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
        return self.headers.get("Authorization") == f"Basic {expected}"


class FakeTwilioServer:
    """Start on enter (a free port), stop on exit; `.sent` lists the accepted messages."""

    def __enter__(self) -> FakeTwilioServer:
        FakeTwilio.sent = []
        FakeTwilio.before_refusal = None
        self.server = FakeServer(("127.0.0.1", 0), FakeTwilio)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        return self

    @property
    def sent(self) -> list[dict[str, str]]:
        return FakeTwilio.sent

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def sending_settings(api_url: str, sender: str) -> dict[str, str]:
    """The app settings that send from `sender` through this fake (webhooks signed with its token)."""
    return {
        "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "TWILIO_FROM": sender,
        "TWILIO_API_BASE_URL": api_url,
    }
