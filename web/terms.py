"""GET /terms: the SMS program's public terms (CTIA asks for them), in the unsubscribe pages' look."""

from __future__ import annotations

import click
from flask import Blueprint, Flask, current_app, render_template, request
from flask.cli import with_appcontext

from .terms_text import (
    LANGUAGE_NAMES,
    LANGUAGES,
    NATIVE_NAMES,
    help_words,
    pick_language,
    start_words,
    stop_words,
    terms_for,
    to_markdown,
)

bp = Blueprint("terms", __name__)


def render_terms(language: str) -> str:
    """The page's HTML in one language."""
    terms = terms_for(current_app.config, language)
    return render_template(
        "terms.html",
        t=terms,
        lang=language,
        brand=terms.brand,
        stop=stop_words(terms),
        start=start_words(terms),
        help=help_words(terms),
        names=LANGUAGE_NAMES,
        languages=[(code, NATIVE_NAMES[code]) for code in LANGUAGES],
    )


@bp.get("/terms")
def terms_page() -> tuple[str, int, dict[str, str]]:
    """Public, no personal data: cacheable for a while."""
    language = pick_language(request.args.get("lang"), request.accept_languages)
    return (
        render_terms(language),
        200,
        {"Cache-Control": "public, max-age=300", "Content-Language": language, "Vary": "Accept-Language"},
    )


@bp.get("/")
def home() -> tuple[str, int, dict[str, str]]:
    """What a subscriber who types the domain sees: the program, how to stop it, its terms."""
    terms = terms_for(current_app.config, "en")
    return (
        render_template(
            "home.html", brand=terms.brand, description=terms.description, privacy_url=current_app.config["PRIVACY_URL"]
        ),
        200,
        {"Cache-Control": "public, max-age=300"},
    )


@click.command("terms")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True)
@with_appcontext
def terms_command(fmt: str, lang: str) -> None:
    """Print the program's terms, for a privacy policy or a carrier registration form."""
    with current_app.test_request_context():
        click.echo(render_terms(lang) if fmt == "html" else to_markdown(terms_for(current_app.config, lang)), nl=False)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.cli.add_command(terms_command)
