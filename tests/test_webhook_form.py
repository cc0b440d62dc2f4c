"""POST /sms as one Flask view: werkzeug's form parsing, Twilio's RequestValidator, and the
app's hooks (security headers, error handlers) like on every route, whatever the encoding."""

from __future__ import annotations

import io
import urllib.parse

import pytest
from flask import request_started
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from tests.conftest import AUTH_TOKEN, PUBLIC_URL, SUBSCRIBER, make_app, sign, twilio_form
from web.signature import public_url

OTHER = "+14155550142"  # the second sender, so that both encodings start from the same record
SEEN_HEADERS = ("Content-Type", "Content-Length", "X-Content-Type-Options", "Referrer-Policy")


def both_encodings(client, form: dict[str, str], signature: str | None = None):
    """The same fields urlencoded and multipart, each from its own sender."""
    other = {**form, "From": OTHER} if form.get("From") == SUBSCRIBER else form
    urlencoded = client.post("/sms", data=form, headers={"X-Twilio-Signature": signature or sign(form)})
    multipart = client.post(
        "/sms", data=other, content_type="multipart/form-data", headers={"X-Twilio-Signature": signature or sign(other)}
    )
    return urlencoded, multipart


def test_a_twilio_request_goes_through_flask_and_its_hooks(app, client):
    seen: list[object] = []
    form = twilio_form("STOP")
    with request_started.connected_to(lambda sender, **extra: seen.append(sender), app):
        answer = client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form)})
    assert answer.status_code == 200 and seen  # one path: Flask's
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "change, status",
    [
        ({}, 200),
        ({"Body": "please stop texting me"}, 200),
        ({"Body": "HELP"}, 200),
        ({"Body": "ok see you then & thanks <3"}, 200),
        ({"MessageSid": "SM<bad>"}, 400),
        ({"Body": "x" * 1601}, 400),
        ({"From": "not a number!!"}, 400),
        ({"Body": None, "BodySTOP": ""}, 400),
        ({"OptOutType": "STOP"}, 200),
        ({"MessagingServiceSid": "MG" + "1" * 32}, 200),
    ],
)
def test_urlencoded_and_multipart_get_the_same_answer(client, change, status):
    urlencoded, multipart = both_encodings(client, twilio_form("STOP", **change))
    assert (urlencoded.status_code, urlencoded.data) == (multipart.status_code, multipart.data)
    assert urlencoded.status_code == status
    assert {h: urlencoded.headers.get(h) for h in SEEN_HEADERS} == {h: multipart.headers.get(h) for h in SEEN_HEADERS}


@pytest.mark.parametrize("signature", ["Zm9yZ2Vk", sign(twilio_form("STOP"), url="http://localhost/sms")])
def test_a_refused_signature_is_a_403_either_way(client, signature):
    urlencoded, multipart = both_encodings(client, twilio_form("STOP"), signature)
    assert urlencoded.status_code == multipart.status_code == 403
    assert urlencoded.data == multipart.data == b"invalid X-Twilio-Signature\n"


def signed_repeated(pairs: list[tuple[str, str]], values_signed: MultiDict | dict) -> dict[str, object]:
    """A urlencoded body with repeated names, and the signature over `values_signed`."""
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + "/sms", values_signed)
    return {
        "data": urllib.parse.urlencode(pairs),
        "content_type": "application/x-www-form-urlencoded",
        "headers": {"X-Twilio-Signature": signature},
    }


def test_every_value_of_a_repeated_name_is_signed_and_the_first_one_is_read(client, app):
    pairs = list(twilio_form("STOP").items()) + [("Body", "hello")]
    assert client.post("/sms", **signed_repeated(pairs, MultiDict(pairs))).status_code == 200
    with app.app_context():
        assert app.service().store.load("+14155550199", SUBSCRIBER).opted_out  # the first Body
    first_only = [(k, v) for k, v in pairs if v != "hello"] + [("Body", "hello")]
    answer = client.post("/sms", **signed_repeated(first_only, dict(first_only[:-1])))
    assert answer.status_code == 403  # a signature over the first values does not cover the second


def test_an_undecodable_body_is_refused_without_a_traceback(client):
    body = urllib.parse.urlencode(twilio_form("STOP")).encode() + b"&Junk=\xff\xfe"
    form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    answer = client.post(
        "/sms",
        input_stream=io.BytesIO(body),
        content_type="application/x-www-form-urlencoded",
        headers={"X-Twilio-Signature": sign(form)},
        environ_overrides={"CONTENT_LENGTH": str(len(body))},
    )
    assert answer.status_code in (400, 403) and b"Traceback" not in answer.data


def test_an_unexpected_error_is_a_logged_500_without_a_traceback(client, monkeypatch, caplog):
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("web.webhook.parse_inbound", broken)
    form = twilio_form("STOP")
    answer = client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form)})
    assert (answer.status_code, answer.data) == (500, b"internal error (logged)\n")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "RuntimeError: boom" in caplog.text


@pytest.mark.parametrize(
    "environ, configured, url",
    [
        ({"PATH_INFO": "/sms", "QUERY_STRING": ""}, "https://a.example/", "https://a.example/sms"),
        ({"PATH_INFO": "/sms", "QUERY_STRING": "x=1&y=%C3%A9"}, "https://a.example", "https://a.example/sms?x=1&y=%C3%A9"),
        ({"PATH_INFO": "/sms", "QUERY_STRING": "q=\xff"}, "https://a.example", "https://a.example/sms?q=\ufffd"),
        (
            {
                "PATH_INFO": "/sms",
                "QUERY_STRING": "k=v",
                "wsgi.url_scheme": "http",
                "HTTP_HOST": "h.test:8080",
                "SCRIPT_NAME": "",
            },
            "",
            "http://h.test:8080/sms?k=v",
        ),
    ],
)
def test_the_public_url_twilio_signed(environ, configured, url):
    assert public_url(environ, configured) == url


def test_a_query_string_in_the_webhook_url_is_signed(client):
    form = twilio_form("HELP")
    signed = {"X-Twilio-Signature": sign(form, url=PUBLIC_URL + "/sms?campaign=7")}
    assert client.post("/sms?campaign=7", data=form, headers=signed).status_code == 200
    assert client.post("/sms?campaign=8", data=form, headers=signed).status_code == 403


@pytest.mark.parametrize("signed_over", ["https://sms.example.com/sms", "https://sms.example.com:443/sms"])
def test_twilio_may_sign_the_url_with_or_without_its_port(client, signed_over):
    form = twilio_form("HELP")
    assert client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form, url=signed_over)}).status_code == 200


def test_an_oversized_body_is_refused_unread(client):
    form = twilio_form("STOP", Junk="y" * 70_000)
    assert client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form)}).status_code == 413


def test_an_unknown_signature_algorithm_is_a_rejected_signature(client):
    form = twilio_form("STOP")
    answer = client.post(
        "/sms", data=form, headers={"X-Twilio-Signature": sign(form), "X-Twilio-Webhooks-Signature-Settings": "algorithm=BOGUS"}
    )
    assert answer.status_code == 403


def test_a_port_the_validator_cannot_read_is_a_rejected_signature(redis_url, prefix):
    app = make_app(redis_url, prefix, PUBLIC_URL="https://sms.example.com:99999")
    form = twilio_form("STOP")
    answer = app.test_client().post(
        "/sms", data=form, headers={"X-Twilio-Signature": sign(form, url="https://sms.example.com:99999/sms")}
    )
    assert answer.status_code == 403


def test_the_signature_is_checked_by_twilios_validator_without_an_exception_per_field(app):
    """The form reaches RequestValidator.validate through a getall adapter: werkzeug's MultiDict
    alone made the validator raise and catch an AttributeError per field and URL variant."""
    import sys

    from web.signature import verify

    pairs = [("MessageSid", "SM" + "1" * 32), ("From", SUBSCRIBER), ("Body", "a"), ("Body", "b"), ("To", "+14155550199")]
    form = MultiDict(pairs)
    environ = {"PATH_INFO": "/sms", "QUERY_STRING": "", "HTTP_X_TWILIO_SIGNATURE": sign(form)}
    raised: list[str] = []

    def trace(frame, event, arg):
        if event == "exception":
            raised.append(arg[0].__name__)
        return trace

    sys.settrace(trace)
    try:
        verify(app.config, environ, form)  # valid: no SignatureRejected
    finally:
        sys.settrace(None)
    assert raised == []
    with pytest.raises(Exception, match="invalid X-Twilio-Signature"):
        verify(app.config, {**environ, "HTTP_X_TWILIO_SIGNATURE": sign(dict(pairs))}, form)  # 'b' alone is not it
