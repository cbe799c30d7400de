"""Workbench's default redaction rules, applied before anything is written.

The same defaults as Workbench's own redactor (Sources/Engine/Run/Redactor.swift): the values of
``Authorization``, ``Proxy-Authorization``, ``Cookie`` and ``Set-Cookie`` are secrets, and so is any value
whose name contains ``token``, ``password``, ``secret``, ``apikey``, ``api_key`` or ``api-key``
(query parameters, form fields, JSON members). A secret value is written as a reference to a secret
variable (``Bearer {{token}}``); the value itself is written only when asked (``keep_values=True``).
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

DEFAULT_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_SECRET_WORDS = ("token", "password", "secret", "apikey", "api_key", "api-key")
#: Shorter values are not worth a variable (Workbench's Redactor.minimumLength).
MINIMUM_LENGTH = 3


def is_secret_name(name: str) -> bool:
    """True for names Workbench treats as secret by default (``access_token``, ``X-Api-Key``, …)."""
    lower = name.lower()
    return any(word in lower for word in _SECRET_WORDS)


def variable_name(text: str) -> str:
    """A valid Workbench variable name: a letter or ``_``, then letters, digits, ``_``, ``-`` or ``.``."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", text) or "_"
    if not (name[0].isalpha() or name[0] == "_"):
        name = "_" + name
    return name


class Redactor:
    """Turns secret values into ``{{variable}}`` references and remembers the variables it made."""

    def __init__(self, sensitive_headers=DEFAULT_SENSITIVE_HEADERS, keep_values: bool = False):
        self.sensitive_headers = frozenset(h.lower() for h in sensitive_headers)
        self.keep_values = keep_values
        #: variable name → secret value (in creation order)
        self.variables: Dict[str, str] = {}

    def reference(self, base: str, value: str) -> str:
        """The variable holding ``value`` (a new one, ``base``, ``base_2``, … when needed), as ``{{name}}``."""
        for name, existing in self.variables.items():
            if existing == value and (name == base or name.startswith(base + "_")):
                return "{{%s}}" % name
        name = variable_name(base)
        candidate, n = name, 2
        while candidate in self.variables and self.variables[candidate] != value:
            candidate = "%s_%d" % (name, n)
            n += 1
        self.variables[candidate] = value
        return "{{%s}}" % candidate

    def header(self, name: str, value: str) -> str:
        lower = name.lower()
        if lower not in self.sensitive_headers and not is_secret_name(lower):
            return value
        if len(value) < MINIMUM_LENGTH:
            return value
        for scheme in ("Bearer ", "Basic ", "Token "):
            if value.startswith(scheme) and len(value) > len(scheme):
                base = "token" if scheme != "Basic " else "basic_credentials"
                return scheme + self.reference(base, value[len(scheme):])
        return self.reference(lower, value)

    def field(self, name: str, value):
        """A query parameter, form field or JSON member: secret when its name says so."""
        if isinstance(value, str) and is_secret_name(name) and len(value) >= MINIMUM_LENGTH:
            return self.reference(name, value)
        return value

    def json(self, value, key: Optional[str] = None):
        if isinstance(value, dict):
            return {k: self.json(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.json(v, key) for v in value]
        if isinstance(value, str):
            return self.field(key, value) if key is not None else value
        return value

    def pairs(self, pairs: List[Tuple[str, str]]) -> List[Tuple[str, str]]:
        return [(k, self.field(k, v)) for k, v in pairs]

    def collection_variables(self) -> Dict[str, dict]:
        """The secret variables for the collection's ``variables`` object."""
        return {
            name: {"value": value if self.keep_values else "", "secret": True}
            for name, value in self.variables.items()
        }
