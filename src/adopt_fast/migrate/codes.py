"""flake8 codes (with plugins) -> Ruff selectors, checked against the pinned Ruff's rules."""

from __future__ import annotations

import functools
import os
import re
import sys
from dataclasses import dataclass, field

from adopt_fast.migrate.rules import RuleTable, rule_table

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_PLUGINS_FILE = os.path.join(os.path.dirname(__file__), "flake8_plugins.toml")
_PREVIEW_SHOWN = 6  # preview-only rules named in a note before "..."
NOT_INSTALLED = (
    "is not installed (not in the flake8 hook's additional_dependencies, a requirements "
    "file, tox's deps or the project's optional dependencies), so flake8 never reported "
    "these codes; not selected"
)
_UNKNOWN_CODE = (
    "no flake8 plugin adopt-fast knows reports this code, and Ruff has no equivalent of it"
)


@dataclass(frozen=True, eq=False)
class Plugin:
    package: str  # "" for flake8's own checks (pycodestyle, pyflakes, mccabe)
    name: str
    codes: dict[str, str]
    default: tuple[str, ...]
    unsupported: dict[str, str]
    reason: str | None  # set when Ruff does not implement the plugin at all


@functools.lru_cache(maxsize=1)
def plugins() -> tuple[Plugin, ...]:
    with open(_PLUGINS_FILE, "rb") as f:
        data = tomllib.load(f)
    return tuple(
        Plugin(
            package=p["package"],
            name=p.get("name", p["package"]),
            codes=p["codes"],
            default=tuple(p.get("default", ())),
            unsupported=p.get("unsupported", {}),
            reason=p.get("reason"),
        )
        for p in data["plugin"]
    )


def package_name(requirement: str) -> str:
    """`flake8-bugbear==24.2.6` -> `flake8-bugbear` (PEP 503 normalised)."""
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    return re.sub(r"[-_.]+", "-", match.group(1)).lower() if match else ""


@dataclass(frozen=True)
class Translated:
    selectors: list[str] = field(default_factory=list)
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (code, reason)


@dataclass(frozen=True)
class CodeMap:
    """The code translation for one project: flake8's own checks plus its installed plugins."""

    installed: frozenset[str] = frozenset()
    table: RuleTable = field(default_factory=rule_table)
    # The flake8 hook's additional_dependencies: the only packages that are surely there for
    # flake8 (requirements files and tox deps also list the project's other tools).
    hook_packages: frozenset[str] = frozenset()

    def active(self, plugin: Plugin) -> bool:
        return plugin.package == "" or plugin.package in self.installed

    def default_codes(self) -> list[tuple[str, str]]:
        """(plugin, code) flake8 reports when `select` is not set: its own checks and the
        installed plugins'."""
        return [(p.name, code) for p in plugins() if self.active(p) for code in p.default]

    def installed_plugins(self) -> list[Plugin]:
        return [p for p in plugins() if p.package and p.package in self.installed]

    def unknown_plugins(self) -> list[str]:
        known = {p.package for p in plugins()}
        return sorted(name for name in self.hook_packages if name not in known)

    def translate(self, code: str, *, ignore: bool = False) -> Translated:
        code = code.strip().upper()
        reason = self._unsupported(code)
        if reason:
            return Translated(dropped=[(code, reason)])
        candidates = self._candidates(code)
        if not candidates:
            return Translated(dropped=[(code, _UNKNOWN_CODE)])
        result = Translated()
        for plugin, ruff_selector in candidates:
            if not ignore and not self.active(plugin):
                # flake8 skips codes of plugins it does not have (`enable-extensions = G`
                # without flake8-logging-format): selecting them would add new findings.
                result.dropped.append((code, f"{plugin.package} {NOT_INSTALLED}"))
                continue
            if plugin.reason:
                result.dropped.append((code, f"{plugin.name}: {plugin.reason}"))
                continue
            self._check(code, ruff_selector, plugin, ignore, result)
        return result

    def _unsupported(self, code: str) -> str | None:
        for plugin in sorted(plugins(), key=lambda p: not self.active(p)):
            for prefix, reason in plugin.unsupported.items():
                if code.startswith(prefix):
                    return reason
        return None

    def _candidates(self, code: str) -> list[tuple[Plugin, str]]:
        """The plugin a code belongs to (the longest prefix, then installed ones first), and,
        for a broad selector such as `C`, every installed plugin whose codes it covers."""
        # A prefix owns a code only when the rest is digits: `BLK` is not flake8-bugbear's `B`.
        narrowing = [
            (-len(prefix), not self.active(p), i, p, prefix, target)
            for i, p in enumerate(plugins())
            for prefix, target in p.codes.items()
            if code.startswith(prefix) and (code == prefix or code[len(prefix) :].isdigit())
        ]
        found: list[tuple[Plugin, str]] = []
        if narrowing:
            *_, plugin, prefix, target = min(narrowing, key=lambda c: c[:3])
            found.append((plugin, target + code[len(prefix) :] if target else ""))
        for plugin in plugins():
            if not self.active(plugin):
                continue
            for prefix, target in plugin.codes.items():
                if prefix.startswith(code) and len(prefix) > len(code):
                    found.append((plugin, target))
        unique: list[tuple[Plugin, str]] = []
        for item in found:
            if not any(item[0] is p and item[1] == s for p, s in unique):
                unique.append(item)
        return unique

    def _check(
        self, code: str, selector: str, plugin: Plugin, ignore: bool, result: Translated
    ) -> None:
        rules = [r for r in self.table.matching(selector) if not r.removed]
        if not rules:
            result.dropped.append(
                (
                    code,
                    f"Ruff's {plugin.name} rules do not include {selector}"
                    if selector != code
                    else f"Ruff does not implement {plugin.name}'s {code}",
                )
            )
            return
        preview = [r.code for r in rules if r.preview]
        if len(preview) == len(rules):
            # Never written, selected or ignored: an ignore of a rule Ruff does not run
            # would only say something untrue about the configuration.
            reason = f"Ruff checks {selector} only in preview mode" + (
                ", which stays off" if ignore else " (`ruff format` fixes most layout findings)"
            )
            result.dropped.append((code, reason))
            return
        if selector not in result.selectors:
            result.selectors.append(selector)
        if ignore or not preview:
            return
        more = ", ..." if len(preview) > _PREVIEW_SHOWN else ""
        reason = (
            f"{len(preview)} of the {len(rules)} Ruff rules of {selector} run only "
            f"in preview mode and stay off: {', '.join(preview[:_PREVIEW_SHOWN])}{more}"
        )
        result.dropped.append((code, reason))
