"""GET /u/<token> shows a one-button page; only the POST unsubscribes (link scanners only GET)."""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlparse

from flask import Blueprint, Flask, abort, current_app, render_template, request

from domain.events import Source
from domain.privacy import mask
from intents import Intent
from service import Inbound, OptOutService, bound
from service.links import Link, LinkProblem, Links

Page = tuple[str, int] | tuple[str, int, dict[str, str]]  # body, status[, headers]
REASONS = (
    ("too_many", "Too many messages"),
    ("not_relevant", "Not relevant to me"),
    ("never_signed_up", "I never signed up"),
    ("cost", "Cost"),
    ("wrong_number", "Wrong number"),
    ("other", "Something else"),
)
PROBLEMS = {
    "tampered": (400, "This link is not valid", "The link was changed or cut off. Reply STOP to any of our texts instead."),
    "expired": (410, "This link has expired", "Reply STOP to any of our texts to unsubscribe, or ask us for a new link."),
    "unconfigured": (503, "Unsubscribe links are not available", "Reply STOP to any of our texts to unsubscribe."),
}


def init_app(app: Flask) -> None:
    """The unsubscribe page's routes on the app's service."""
    bp = Blueprint("unsubscribe", __name__)
    bp.register_error_handler(LinkProblem, link_problem)
    bp.add_url_rule("/u/<token>", view_func=bound(show), methods=["GET"])
    bp.add_url_rule("/u/<token>", view_func=bound(confirm), methods=["POST"])
    bp.add_url_rule("/u/<token>/reason", view_func=bound(reason), methods=["POST"])
    app.register_blueprint(bp)


def links(service: OptOutService) -> Links:
    """The app's links, on its Redis and SECRET_KEY."""
    config = current_app.config
    return Links(service.store.repositories.links, config["SECRET_KEY"], config["UNSUBSCRIBE_LINK_DAYS"])


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
    html = render_template(
        template, brand=brand, masked=mask(link.number), token=token, csrf=csrf_for(link), reasons=REASONS, **extra
    )
    return html, status, {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"}


def problem(kind: str) -> Page:
    """A clear page for a link that cannot be used."""
    status, heading, text = PROBLEMS[kind]
    return render_template("message.html", brand=current_app.config["BRAND_NAME"], heading=heading, text=text), status


def link_problem(error: LinkProblem) -> Page:
    return problem(error.kind)


def show(service: OptOutService, token: str) -> Page:
    """The page; GET never changes anything."""
    link = links(service).resolve(token)
    if link.used:
        return page("unsubscribed.html", link, token, ask_reason=not link.reason_given)
    if service.opted_out(link.scope, link.number):
        return page("unsubscribed.html", link, token, ask_reason=False)  # by SMS, or journalled
    return page("unsubscribe.html", link, token)


def confirm(service: OptOutService, token: str) -> Page:
    """The button: opt out through the same dialogue code as an SMS STOP (channel 'web')."""
    link = links(service).resolve(token)
    check_form(link)
    if not link.used:
        # the record first (idempotent by the link's id), then the marker that says it happened
        message = Inbound(link.scope, link.number, "(unsubscribe page)", f"WEB{link.link_id}", channel="web")
        if not _recorded(service, message, Intent("opt_out", 1.0, "en", Source.WEB, "unsubscribe-link")):
            return page("unsubscribed.html", link, token, ask_reason=False)  # journalled
        links(service).mark_used(link)
    return page("unsubscribed.html", link, token, ask_reason=not link.reason_given)


def _recorded(service: OptOutService, message: Inbound, intent: Intent) -> bool:
    """Record the opt-out; if the store is unreachable, journal it (replayed like the webhook's)
    and say False; any other failure is journalled too, then answered as an error."""
    try:
        service.handle(message, intent)
        return True
    except Exception as error:
        if not service.keep(message, intent, error):
            raise
        return False


def reason(service: OptOutService, token: str) -> Page:
    """The optional reason, recorded once per link."""
    link = links(service).resolve(token)
    check_form(link)
    category = request.form.get("category", "")
    details = request.form.get("details", "").strip()[:500]
    label = dict(REASONS).get(category, "")
    if (label or details) and link.used and not link.reason_given:
        # a reason never changes the state: after a later START it is logged and set aside
        text = " — ".join(filter(None, [label, details]))
        message = Inbound(link.scope, link.number, text, f"WEBR{link.link_id}", channel="web")
        service.handle(message, Intent("other", 1.0, "en", Source.WEB, f"category:{category or 'other'}"), handler="reason")
        links(service).mark_reason(link)
    return render_template(
        "message.html", brand=current_app.config["BRAND_NAME"], heading="Thank you", text="Your answer is recorded."
    ), 200
