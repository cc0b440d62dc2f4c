"""GET /u/<token> shows a one-button page; only the POST unsubscribes (link scanners only GET)."""
from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlparse

from flask import Blueprint, abort, current_app, render_template, request

from domain.events import Source
from domain.privacy import mask
from intents import Intent
from service import Inbound, current_service
from service.links import Link, LinkProblem, Links

Page = tuple[str, int] | tuple[str, int, dict[str, str]]  # body, status[, headers]
bp = Blueprint("unsubscribe", __name__)
REASONS = (("too_many", "Too many messages"), ("not_relevant", "Not relevant to me"),
           ("never_signed_up", "I never signed up"), ("cost", "Cost"),
           ("wrong_number", "Wrong number"), ("other", "Something else"))
PROBLEMS = {
    "tampered": (400, "This link is not valid",
                 "The link was changed or cut off. Reply STOP to any of our texts instead."),
    "expired": (410, "This link has expired",
                "Reply STOP to any of our texts to unsubscribe, or ask us for a new link."),
    "unconfigured": (503, "Unsubscribe links are not available",
                     "Reply STOP to any of our texts to unsubscribe."),
}


def links() -> Links:
    """The app's links, on its Redis and SECRET_KEY."""
    config = current_app.config
    service = current_service()
    return Links(service.store.client, config["REDIS_PREFIX"], config["SECRET_KEY"],
                 config["UNSUBSCRIBE_LINK_DAYS"])


def csrf_for(link: Link) -> str:
    """A form token bound to this link and the secret key."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"csrf:{link.link_id}".encode(), hashlib.sha256).hexdigest()


def check_form(link: Link) -> None:
    """Refuse cross-site posts: the CSRF field must match, and so must any Origin header."""
    if not hmac.compare_digest(request.form.get("csrf", ""), csrf_for(link)):
        abort(400, "bad or missing form token")
    origin = request.headers.get("Origin")
    if origin and urlparse(origin).netloc != request.host:
        abort(400, "cross-site form post refused")


def page(template: str, link: Link, token: str, status: int = 200, **extra: object) -> Page:
    """Render a page about one link."""
    brand = current_app.config["BRAND_NAME"]
    html = render_template(template, brand=brand, masked=mask(link.number), token=token,
                           csrf=csrf_for(link), reasons=REASONS, **extra)
    return html, status, {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"}


def problem(kind: str) -> Page:
    """A clear page for a link that cannot be used."""
    status, heading, text = PROBLEMS[kind]
    return render_template("message.html", brand=current_app.config["BRAND_NAME"],
                           heading=heading, text=text), status


def resolve(token: str) -> Link:
    return links().resolve(token)


@bp.errorhandler(LinkProblem)
def link_problem(error: LinkProblem) -> Page:
    return problem(error.kind)


@bp.get("/u/<token>")
def show(token: str) -> Page:
    """The page; GET never changes anything."""
    link = resolve(token)
    if link.used:
        return page("unsubscribed.html", link, token, ask_reason=not link.reason_given)
    if current_service().opted_out(link.scope, link.number):
        return page("unsubscribed.html", link, token, ask_reason=False)  # by SMS, or journalled
    return page("unsubscribe.html", link, token)


@bp.post("/u/<token>")
def confirm(token: str) -> Page:
    """The button: opt out through the same dialogue code as an SMS STOP (channel 'web')."""
    link = resolve(token)
    check_form(link)
    if not link.used:
        # the record first (idempotent by the link's id), then the marker that says it happened
        message = Inbound(link.scope, link.number, "(unsubscribe page)", f"WEB{link.link_id}",
                          channel="web")
        if not _recorded(message, Intent("opt_out", 1.0, "en", Source.WEB, "unsubscribe-link")):
            return page("unsubscribed.html", link, token, ask_reason=False)  # journalled
        links().mark_used(link)
    return page("unsubscribed.html", link, token, ask_reason=not link.reason_given)


def _recorded(message: Inbound, intent: Intent) -> bool:
    """Record the opt-out; if the store is unreachable, journal it (replayed like the webhook's)
    and say False; any other failure is journalled too, then answered as an error."""
    service = current_service()
    try:
        service.handle(message, intent)
        return True
    except Exception as error:
        if not service.keep(message, intent, error):
            raise
        return False


@bp.post("/u/<token>/reason")
def reason(token: str) -> Page:
    """The optional reason, recorded once per link."""
    link = resolve(token)
    check_form(link)
    category = request.form.get("category", "")
    details = request.form.get("details", "").strip()[:500]
    label = dict(REASONS).get(category, "")
    if (label or details) and link.used and not link.reason_given:
        # a reason never changes the state: after a later START it is logged and set aside
        text = " — ".join(filter(None, [label, details]))
        message = Inbound(link.scope, link.number, text, f"WEBR{link.link_id}", channel="web")
        current_service().handle(
            message, Intent("other", 1.0, "en", Source.WEB, f"category:{category or 'other'}"),
            handler="reason")
        links().mark_reason(link)
    return render_template("message.html", brand=current_app.config["BRAND_NAME"],
                           heading="Thank you", text="Your answer is recorded."), 200
