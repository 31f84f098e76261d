"""The neutral result of a translation: Ruff settings, and what could not be carried over."""

from __future__ import annotations

from dataclasses import dataclass, field

# A Ruff setting's place in the configuration, e.g. ("lint", "mccabe", "max-complexity").
Key = tuple[str, ...]
Value = str | int | bool | list[str] | dict[str, list[str]]
# Every rule the old tools checked goes into `lint.select`: Ruff's own (much broader) default
# selection is not what the project ran before, so it is not silently turned on.
SELECT: Key = ("lint", "select")
IGNORE: Key = ("lint", "ignore")


@dataclass(frozen=True)
class Origin:
    """Where a value came from: a file (relative to the project) and a 1-based line."""

    path: str
    line: int | None = None
    what: str = ""  # what the value stands for, when the place alone does not say it

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def labelled(self, what: str) -> Origin:
        return Origin(self.path, self.line, what)

    def describe(self) -> str:
        return f"{self.what}, {self}" if self.what else str(self)


@dataclass(frozen=True)
class Untranslatable:
    """A code or option Ruff cannot express, with where it was and why it is left out."""

    item: str
    origin: Origin
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.item}: {self.reason}"


@dataclass
class RuffSettings:
    """Ruff settings keyed by their place in the config; list values keep their order."""

    values: dict[Key, Value] = field(default_factory=dict)
    origins: dict[Key, Origin] = field(default_factory=dict)
    # Where each item of a list setting came from, for the comment written next to it.
    item_origins: dict[tuple[Key, str], Origin] = field(default_factory=dict)

    def set(self, key: Key, value: Value, origin: Origin) -> None:
        self.values[key] = value
        self.origins[key] = origin

    def extend(self, key: Key, items: list[str], origin: Origin) -> None:
        """Append to a list setting, skipping what is already there."""
        current = self.values.setdefault(key, [])
        assert isinstance(current, list)
        for item in items:
            if item not in current:
                current.append(item)
                self.item_origins[key, item] = origin
        self.origins.setdefault(key, origin)

    def get_list(self, key: Key) -> list[str]:
        value = self.values.get(key, [])
        assert isinstance(value, list)
        return value

    def as_table(self) -> dict[str, object]:
        """The settings as nested tables, in the shape of `[tool.ruff]` / ruff.toml."""
        table: dict[str, object] = {}
        for key, value in self.values.items():
            if value in ([], {}):
                continue
            node = table
            for part in key[:-1]:
                child = node.setdefault(part, {})
                assert isinstance(child, dict)
                node = child
            node[key[-1]] = value
        return table


@dataclass
class Translation:
    """Everything a migration learned: settings, what was left out, and notes for the user."""

    settings: RuffSettings = field(default_factory=RuffSettings)
    untranslatable: list[Untranslatable] = field(default_factory=list)
    # Options whose behaviour is already Ruff's (or that only affect the old tool's run).
    no_setting_needed: list[Untranslatable] = field(default_factory=list)
    # Old configuration sections that the user can delete once the migration is committed.
    old_sections: list[Origin] = field(default_factory=list)

    def drop(self, item: str, origin: Origin, reason: str) -> None:
        self.untranslatable.append(Untranslatable(item, origin, reason))

    def absorb(self, item: str, origin: Origin, reason: str) -> None:
        self.no_setting_needed.append(Untranslatable(item, origin, reason))
