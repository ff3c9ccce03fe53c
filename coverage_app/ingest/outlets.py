"""Outlets by name: one Outlet per normalised name or domain, created on the fly."""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction

from coverage_app.models import Outlet

_TLD = re.compile(r"\.(?:com|org|net|news|info|co\.uk|co|io|ru|de|fr|uk|us|eu|example)$", re.I)


def outlet_key(name: str) -> str:
    """`The Quillpost.com` -> `quillpost`: lower case, no leading "the", no TLD, no punctuation."""
    key = name.strip().lower()
    key = re.sub(r"^the\s+", "", key)
    key = _TLD.sub("", key)
    key = "".join(ch for ch in key if ch.isalnum())
    return key or "unknown"


def outlet_for(name: str, domain: str = "") -> Outlet:
    """The outlet with this normalised name or domain, created on the fly when none has it."""
    name = " ".join((name or "").split()) or domain or "Unknown outlet"
    key = outlet_key(name)
    outlet = None
    if domain:
        outlet = Outlet.objects.filter(domain=domain).order_by("pk").first()
    if outlet is None:
        outlet = Outlet.objects.filter(key=key).first()
    if outlet is None:
        try:
            with transaction.atomic():
                return Outlet.objects.create(name=name[:200], key=key, domain=domain)
        except IntegrityError:  # created by someone else a moment ago
            outlet = Outlet.objects.get(key=key)
    if domain and not outlet.domain:
        Outlet.objects.filter(pk=outlet.pk, domain="").update(domain=domain)
        outlet.domain = domain
    return outlet
