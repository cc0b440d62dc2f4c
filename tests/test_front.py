"""The lean POST /sms path (web/front.py): taken for what Twilio sends, and answering exactly
as the Flask view does for the same request sent another way (multipart, chunked)."""
from __future__ import annotations

import io
import urllib.parse

import pytest
from flask import request_started
from hypothesis import given
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator
from werkzeug.datastructures import MultiDict

from tests.conftest import AUTH_TOKEN, PUBLIC_URL, SUBSCRIBER, make_app, sign, twilio_form
from web.front import parse_form
from web.signature import Fields, public_url, signed_urls

OTHER = "+14155550142"  # the second sender, so that both ways start from the same record
SEEN_HEADERS = ("Content-Type", "Content-Length", "X-Content-Type-Options", "Referrer-Policy")


def dispatched(app, send) -> tuple[object, bool]:
    """The answer to `send()`, and whether Flask dispatched it (its request_started signal)."""
    seen: list[object] = []
    with request_started.connected_to(lambda sender, **extra: seen.append(sender), app):
        answer = send()
    return answer, bool(seen)


def both_ways(client, form: dict[str, str], signature: str | None = None):
    """The same fields urlencoded (the lean path) and multipart (Flask's view), each from its
    own sender; the signature covers each form as sent."""
    other = {**form, "From": OTHER} if form.get("From") == SUBSCRIBER else form
    lean = client.post("/sms", data=form, headers={"X-Twilio-Signature": signature or sign(form)})
    slow = client.post("/sms", data=other, content_type="multipart/form-data",
                       headers={"X-Twilio-Signature": signature or sign(other)})
    return lean, slow


def test_a_twilio_request_skips_flask_and_another_content_type_does_not(app, client):
    form = twilio_form("STOP")
    answer, flask_ran = dispatched(app, lambda: client.post("/sms", data=form,
                                                            headers={"X-Twilio-Signature": sign(form)}))
    assert answer.status_code == 200 and not flask_ran
    multipart = twilio_form("STOP", sender=OTHER)
    answer, flask_ran = dispatched(app, lambda: client.post(
        "/sms", data=multipart, content_type="multipart/form-data",
        headers={"X-Twilio-Signature": sign(multipart)}))
    assert answer.status_code == 200 and flask_ran


@pytest.mark.parametrize("change, status", [
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
])
def test_the_lean_path_answers_as_the_flask_view_does(client, change, status):
    form = twilio_form("STOP", **change)
    lean, slow = both_ways(client, form)
    assert (lean.status_code, lean.data) == (slow.status_code, slow.data)
    assert lean.status_code == status
    assert {h: lean.headers.get(h) for h in SEEN_HEADERS} == {h: slow.headers.get(h) for h in SEEN_HEADERS}


@pytest.mark.parametrize("signature", ["Zm9yZ2Vk", sign(twilio_form("STOP"), url="http://localhost/sms")])
def test_a_refused_signature_is_the_same_403_both_ways(client, signature):
    lean, slow = both_ways(client, twilio_form("STOP"), signature)
    assert lean.status_code == slow.status_code == 403
    assert lean.data == slow.data == b"invalid X-Twilio-Signature\n"


def signed_repeated(pairs: list[tuple[str, str]], values_signed: MultiDict | dict) -> dict[str, object]:
    """A urlencoded body with repeated names, and the signature over `values_signed`."""
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC_URL + "/sms", values_signed)
    return {"data": urllib.parse.urlencode(pairs), "content_type": "application/x-www-form-urlencoded",
            "headers": {"X-Twilio-Signature": signature}}


def test_every_value_of_a_repeated_name_is_signed_and_the_first_one_is_read(client, app):
    pairs = list(twilio_form("STOP").items()) + [("Body", "hello")]
    assert client.post("/sms", **signed_repeated(pairs, MultiDict(pairs))).status_code == 200
    with app.app_context():
        assert app.service().store.load("+14155550199", SUBSCRIBER).opted_out  # the first Body
    multipart = client.post("/sms", data=MultiDict(pairs), content_type="multipart/form-data",
                            headers={"X-Twilio-Signature": signed_repeated(pairs, MultiDict(pairs))["headers"]
                                     ["X-Twilio-Signature"]})
    assert multipart.status_code == 200  # the Flask view signs every value too
    first_only = [(k, v) for k, v in pairs if v != "hello"] + [("Body", "hello")]
    answer = client.post("/sms", **signed_repeated(first_only, dict(first_only[:-1])))
    assert answer.status_code == 403  # a signature over the first values does not cover the second


def raw_post(client, body: bytes, length: str | None = None, **environ: str):
    """POST /sms with this exact body and Content-Length, signed over the form it parses to."""
    form = dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    overrides = {"CONTENT_LENGTH": length if length is not None else str(len(body)), **environ}
    return client.post("/sms", input_stream=io.BytesIO(body), content_type="application/x-www-form-urlencoded",
                       headers={"X-Twilio-Signature": sign(form)}, environ_overrides=overrides)


def test_a_body_shorter_than_its_length_is_a_clear_400(client):
    body = urllib.parse.urlencode(twilio_form("STOP")).encode()
    answer = raw_post(client, body, length=str(len(body) + 10))
    assert answer.status_code == 400
    assert answer.data == b"the request body ended before its Content-Length\n"


def test_an_undecodable_body_is_an_empty_form_as_werkzeug_makes_it(client):
    body = urllib.parse.urlencode(twilio_form("STOP")).encode() + b"&Junk=\xff\xfe"
    assert raw_post(client, body).status_code == 403  # nothing Twilio signed
    signed_empty = {"X-Twilio-Signature": sign({})}  # a signature over the URL alone
    lean = client.post("/sms", data=body, content_type="application/x-www-form-urlencoded", headers=signed_empty)
    assert (lean.status_code, lean.data) == (400, b"missing or malformed MessageSid\n")


@pytest.mark.parametrize("environ", [
    {"CONTENT_LENGTH": ""},  # no length: werkzeug reads nothing
    {"HTTP_TRANSFER_ENCODING": "chunked"},  # a length and chunked: the length is not the body's
])
def test_a_body_of_unknown_length_goes_to_the_flask_view(app, client, environ):
    body = urllib.parse.urlencode(twilio_form("STOP")).encode()
    answer, flask_ran = dispatched(app, lambda: raw_post(client, body, **environ))
    assert flask_ran and answer.status_code in (200, 403)


def test_a_body_of_exactly_the_limit_takes_the_lean_path(app, client):
    form = twilio_form("hello")
    padding = 64 * 1024 - len(urllib.parse.urlencode({**form, "Pad": ""}))
    form["Pad"] = "p" * padding
    answer, flask_ran = dispatched(app, lambda: client.post("/sms", data=form,
                                                            headers={"X-Twilio-Signature": sign(form)}))
    assert len(urllib.parse.urlencode(form)) == 64 * 1024
    assert answer.status_code == 200 and not flask_ran


def test_a_chunked_body_goes_to_the_flask_view(app, client):
    body = urllib.parse.urlencode(twilio_form("STOP")).encode()
    answer, flask_ran = dispatched(app, lambda: raw_post(client, body, length="",
                                                         HTTP_TRANSFER_ENCODING="chunked"))
    assert flask_ran and answer.status_code in (200, 403)  # werkzeug reads what it can of it


def test_an_unexpected_error_is_a_logged_500_without_a_traceback(client, monkeypatch, caplog):
    def broken(*args: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("web.webhook.parse_inbound", broken)
    form = twilio_form("STOP")
    answer = client.post("/sms", data=form, headers={"X-Twilio-Signature": sign(form)})
    assert (answer.status_code, answer.data) == (500, b"internal error (logged)\n")
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert "RuntimeError: boom" in caplog.text


@pytest.mark.parametrize("environ, configured, url", [
    ({"PATH_INFO": "/sms", "QUERY_STRING": ""}, "https://a.example/", "https://a.example/sms"),
    ({"PATH_INFO": "/sms", "QUERY_STRING": "x=1&y=%C3%A9"}, "https://a.example",
     "https://a.example/sms?x=1&y=%C3%A9"),
    ({"PATH_INFO": "/sms", "QUERY_STRING": "q=\xff"}, "https://a.example", "https://a.example/sms?q=\ufffd"),
    ({"PATH_INFO": "/sms", "QUERY_STRING": "k=v", "wsgi.url_scheme": "http", "HTTP_HOST": "h.test:8080",
      "SCRIPT_NAME": ""}, "", "http://h.test:8080/sms?k=v"),
])
def test_the_public_url_twilio_signed(environ, configured, url):
    assert public_url(environ, configured) == url


def test_a_query_string_in_the_webhook_url_is_signed(client):
    form = twilio_form("HELP")
    signed = {"X-Twilio-Signature": sign(form, url=PUBLIC_URL + "/sms?campaign=7")}
    assert client.post("/sms?campaign=7", data=form, headers=signed).status_code == 200
    assert client.post("/sms?campaign=8", data=form, headers=signed).status_code == 403


def test_fields_keep_every_value_and_give_the_first():
    fields = Fields.of([("a", "1"), ("b", ""), ("a", "2")])
    assert fields.getall("a") == ["1", "2"] and fields.first() == {"a": "1", "b": ""}


def test_an_oversized_body_is_left_to_flask_which_refuses_it_unread(app, client):
    form = twilio_form("STOP", Junk="y" * 70_000)
    answer, flask_ran = dispatched(app, lambda: client.post("/sms", data=form,
                                                            headers={"X-Twilio-Signature": sign(form)}))
    assert flask_ran and answer.status_code == 413


@pytest.mark.parametrize("url, tried", [
    ("https://a.example/sms", ["https://a.example/sms", "https://a.example:443/sms"]),
    ("https://a.example:443/sms", ["https://a.example:443/sms", "https://a.example/sms"]),
    ("http://127.0.0.1:8000/sms?x=1", ["http://127.0.0.1:8000/sms?x=1", "http://127.0.0.1/sms?x=1"]),
])
def test_the_url_as_written_is_tried_first_then_twilios_other_form(url, tried):
    assert list(signed_urls(url)) == tried


@pytest.mark.parametrize("configured", ["https://sms.example.com", "https://sms.example.com:8443"])
def test_a_request_signed_over_the_configured_url_costs_one_hmac(redis_url, prefix, monkeypatch, configured):
    app, form = make_app(redis_url, prefix, PUBLIC_URL=configured), twilio_form("hello")
    signed = {"X-Twilio-Signature": sign(form, url=configured + "/sms")}
    computed = []
    original = RequestValidator.compute_signature
    monkeypatch.setattr(RequestValidator, "compute_signature",
                        lambda self, url, *rest: computed.append(url) or original(self, url, *rest))
    answer = app.test_client().post("/sms", data=form, headers=signed)
    assert answer.status_code == 200 and computed == [configured + "/sms"]


@given(st.lists(st.tuples(st.text(), st.text()), max_size=6).map(lambda pairs: urllib.parse.urlencode(pairs))
       | st.text(alphabet="ab=&+%2Fé\\xff0", max_size=30))
def test_the_form_parser_reads_what_parse_qsl_reads(text):
    expected = Fields.of(urllib.parse.parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote"))
    assert parse_form(text) == expected
