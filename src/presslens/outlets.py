"""Which outlet published an article, and its profile.

Profiles come from ``presslens/data/outlets.json`` (shipped, each fact with its
source) and from any JSON files named in ``PRESSLENS_OUTLETS`` (paths separated
by the OS path separator, same format; an entry with the name of a shipped one
replaces it). An article's outlet is recognised, in order, from its URL's
domain, from the site name its HTML page gives, and from the outlet's name in
the site text around the article ("Press TV's website can also be accessed
at ...") or its last paragraph.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

from presslens.errors import ConfigError
from presslens.records import Article, Citation, Outlet

__all__ = ["identify_outlet", "load_profiles", "with_outlet"]


@dataclasses.dataclass(frozen=True, slots=True)
class _Profile:
    outlet: Outlet
    aliases: tuple[str, ...]


def _read(text: str, where: str) -> list[_Profile]:
    try:
        data = json.loads(text)
        entries = data["outlets"] if isinstance(data, dict) else data
        profiles = []
        for entry in entries:
            sources = tuple(Citation(field, url) for field, url in (entry.get("sources") or {}).items())
            outlet = Outlet(
                name=entry["name"], domains=tuple(entry.get("domains", ())), country=entry.get("country"),
                owner=entry.get("owner"), state_controlled=entry.get("state_controlled"), note=entry.get("note"),
                sources=sources,
            )
            profiles.append(_Profile(outlet, tuple(entry.get("aliases", ()))))
        return profiles
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise ConfigError(f"{where}: not an outlet profile file ({e}); see README, 'Outlet profiles'") from e


@cache
def _load(extra: str) -> tuple[_Profile, ...]:
    shipped = resources.files("presslens").joinpath("data/outlets.json").read_text(encoding="utf-8")
    profiles = {p.outlet.name: p for p in _read(shipped, "presslens/data/outlets.json")}
    for path in filter(None, extra.split(os.pathsep)):
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise ConfigError(f"PRESSLENS_OUTLETS names {path}, which cannot be read: {e.strerror}") from e
        for profile in _read(text, path):
            profiles[profile.outlet.name] = profile
    return tuple(profiles.values())


def load_profiles() -> tuple[Outlet, ...]:
    """Every known outlet profile, shipped and user-supplied."""
    return tuple(p.outlet for p in _load(os.environ.get("PRESSLENS_OUTLETS", "")))


def _host(url: str) -> str:
    host = urlparse(url if "://" in url else f"https://{url}").netloc.lower().split(":")[0]
    return host.removeprefix("www.")


def _by_domain(host: str, profiles: tuple[_Profile, ...]) -> _Profile | None:
    for profile in profiles:
        for domain in profile.outlet.domains:
            if host == domain or host.endswith("." + domain):
                return profile
    return None


def _names(profile: _Profile) -> list[str]:
    return [profile.outlet.name, *profile.aliases]


def _mentioned(text: str, profiles: tuple[_Profile, ...]) -> _Profile | None:
    """The outlet named in site text, by name, alias or domain; the longest name wins."""
    best: tuple[int, _Profile] | None = None
    for profile in profiles:
        for name in [*_names(profile), *profile.outlet.domains]:
            if len(name) < 3:
                continue
            if (re.search(rf"(?<![\w.]){re.escape(name)}(?![\w])", text, re.IGNORECASE if "." in name else 0)
                    and (best is None or len(name) > best[0])):
                best = (len(name), profile)
    return best[1] if best else None


def identify_outlet(article: Article) -> Outlet | None:
    """The profile of the outlet that published ``article``, or what the article says of it."""
    profiles = _load(os.environ.get("PRESSLENS_OUTLETS", ""))
    found: tuple[_Profile | None, str] | None = None
    if article.url and (profile := _by_domain(_host(article.url), profiles)):
        found = (profile, "url")
    elif article.outlet is not None:
        given = article.outlet
        for domain in given.domains:
            if profile := _by_domain(_host(domain), profiles):
                found = (profile, "url")
                break
        else:
            lowered = given.name.lower()
            match = next((p for p in profiles if lowered in (n.lower() for n in _names(p))), None)
            if match is None:
                return dataclasses.replace(given, identified_by=given.identified_by or "site name")
            found = (match, "site name")
    else:
        # Captions are left out: a photo credit ("Photo by Reuters") names an agency, not the publisher.
        site_text = "\n".join(article.boilerplate)
        last_paragraph = article.body.rsplit("\n\n", 1)[-1] if article.body else ""
        profile = _mentioned(site_text, profiles) or _mentioned_as_publisher(last_paragraph, profiles)
        if profile is not None:
            found = (profile, "text")
    if found is None or found[0] is None:
        return None
    return dataclasses.replace(found[0].outlet, identified_by=found[1])


def _mentioned_as_publisher(paragraph: str, profiles: tuple[_Profile, ...]) -> _Profile | None:
    """Only a closing line that speaks of the site itself ("... website", "Follow X on") counts."""
    if re.search(r"\b(website|follow|subscribe|app|copyright|©)\b", paragraph, re.IGNORECASE):
        return _mentioned(paragraph, profiles)
    return None


def with_outlet(article: Article) -> Article:
    """``article`` with its outlet profile attached when one is recognised."""
    outlet = identify_outlet(article)
    if outlet is None or outlet == article.outlet:
        return article
    return dataclasses.replace(article, outlet=outlet)
