"""The Apertium backend: rule-based translation with the pairs installed on the system.

Apertium is a separate program (Debian: ``apertium`` plus pair packages such as
``apertium-fr-es``, ``apertium-es-ro``, ``apertium-es-pt``, ``apertium-eng-spa``). Its
installed modes are listed by ``apertium -l``; each plain ``xx-yy`` mode is a direct pair,
and two modes that meet in a pivot language (Spanish first) make a chained pair, so
fr → es → en works with the fr-es and spa-eng packages. Without the program the backend
offers no pairs.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache

from newsweave.language.codes import normalize_declared
from newsweave.translate.base import QUALITY_RULE_BASED, TranslationError

#: Pivot languages tried for chained pairs, in order of preference.
PIVOTS: tuple[str, ...] = ("es", "en", "ca", "fr", "pt")

_PLAIN_MODE = re.compile(r"^([a-z]{2,3})-([a-z]{2,3})$")


def parse_modes(listing: str) -> dict[tuple[str, str], str]:
    """``{(src, tgt): mode}`` from the output of ``apertium -l``.

    Only plain ``src-tgt`` modes count (not variants such as ``es-pt_BR`` or
    ``eco-fr-es``); three-letter codes are folded to ISO 639-1 (``spa-eng`` → es, en).
    """
    modes: dict[tuple[str, str], str] = {}
    for line in listing.splitlines():
        name = line.strip()
        match = _PLAIN_MODE.match(name)
        if not match:
            continue
        src = normalize_declared(match.group(1))
        tgt = normalize_declared(match.group(2))
        if src is None or tgt is None or src == tgt:
            continue
        modes.setdefault((src, tgt), name)
    return modes


def plan_routes(modes: dict[tuple[str, str], str]) -> dict[tuple[str, str], tuple[str, ...]]:
    """For every reachable pair, the modes to run in turn (one, or two through a pivot)."""
    routes: dict[tuple[str, str], tuple[str, ...]] = {pair: (mode,) for pair, mode in modes.items()}
    for pivot in PIVOTS:
        for (src, mid), first in modes.items():
            if mid != pivot:
                continue
            for (mid2, tgt), second in modes.items():
                if mid2 != pivot or tgt == src or (src, tgt) in routes:
                    continue
                routes[(src, tgt)] = (first, second)
    return routes


@lru_cache(maxsize=4)
def _listing(program: str) -> str:
    try:
        done = subprocess.run(
            [program, "-l"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout if done.returncode == 0 else ""


class ApertiumBackend:
    """Rule-based translation through the ``apertium`` program, chaining via a pivot."""

    name = "apertium"
    quality = QUALITY_RULE_BASED

    def __init__(self, program: str | None = None) -> None:
        self.program = program or shutil.which("apertium")

    def routes(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """``{(src, tgt): modes}`` for every pair reachable here."""
        if not self.program:
            return {}
        return plan_routes(parse_modes(_listing(self.program)))

    def pairs(self) -> frozenset[tuple[str, str]]:
        return frozenset(self.routes())

    def route(self, src: str, tgt: str) -> tuple[str, ...]:
        """The modes run for ``src`` → ``tgt``; ``TranslationError`` when there are none."""
        found = self.routes().get((src, tgt))
        if not found:
            raise TranslationError(f"{self.name} has no installed pair for {src}→{tgt}")
        return found

    def translate(self, texts: list[str], src: str, tgt: str) -> list[str]:
        """Translate ``texts`` in one run per mode; line breaks inside a text become spaces."""
        modes = self.route(src, tgt)
        if not texts:
            return []
        flat = [" ".join(t.split()) for t in texts]
        joined = self._run_chain(modes, "\n".join(flat))
        lines = joined.rstrip("\n").split("\n")
        if len(lines) == len(flat):
            return [out.strip() if text else text for out, text in zip(lines, flat, strict=True)]
        # The engine merged or split lines: fall back to one call per text.
        return [self._run_chain(modes, t).strip() if t else t for t in flat]

    def _run_chain(self, modes: tuple[str, ...], text: str) -> str:
        for mode in modes:
            text = self._run(mode, text)
        return text

    def _run(self, mode: str, text: str) -> str:
        if not self.program:
            raise TranslationError("apertium is not installed")
        try:
            done = subprocess.run(
                [self.program, "-u", "-f", "txt", mode],
                input=text,
                capture_output=True,
                text=True,
                timeout=60 + len(text) / 200,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as err:
            raise TranslationError(f"apertium {mode} failed: {err}") from err
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise TranslationError(f"apertium {mode} failed: {tail}")
        return done.stdout
