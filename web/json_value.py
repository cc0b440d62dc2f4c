"""A JSON value as a type: what the OpenAPI document is built of. Narrower than Any: mypy refuses
a value json.dumps could not write (a set, a datetime, an object), at any depth."""

from __future__ import annotations

from typing import TypeAlias

JSON: TypeAlias = "str | int | float | bool | None | list[JSON] | dict[str, JSON]"
Object: TypeAlias = "dict[str, JSON]"
