"""The lawyer's own defaults: who writes the documents, for which firm, in which language and
on which paper.

They live in `settings.yaml` in the user's configuration folder (platformdirs: on Linux
`~/.config/extradition-assessor/settings.yaml`), or in the file given with `--settings`.
The file is optional; a missing default file means "no author, no firm, English, A4".
It is read with the case-file reader, so a mistake is reported as `file:line:column`.

```yaml
author: Jane Doe
firm: Doe & Partners, Podgorica
lang: ru           # the reports' language (also `language:`); --lang wins
paper: a4          # or letter
```
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from .problems import InputError

APP_NAME = "extradition-assessor"
FILE_NAME = "settings.yaml"
PAPERS = ("a4", "letter")
FIELDS = ("author", "firm", "language", "lang", "paper")


def languages() -> tuple[str, ...]:
    """English and every language with a catalog (assessor/locale/<lang>/): a language the
    tool does not speak is refused rather than silently ignored."""
    from .i18n import available_languages

    return tuple(available_languages())


@dataclass(frozen=True)
class Settings:
    author: str | None = None
    firm: str | None = None
    language: str = "en"
    paper: str = "a4"
    file: str | None = None  # where they were read from (None: built-in defaults)


def default_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings of `path` (which must exist), else of the default file if there is one."""
    if path is None:
        path = default_path()
        if not path.is_file():
            return Settings()
    from .yamlfile import load

    try:
        if path.stat().st_size == 0 and not path.is_dir():
            return Settings(file=str(path))  # an empty settings file: the defaults
    except OSError:
        pass  # the reader below reports a missing or unreadable file with its name
    document = load(path)
    data = document.data
    if data is None:
        return Settings(file=str(path))
    if not isinstance(data, dict):
        raise InputError([document.problem((), "settings must be a mapping of fields",
                                           "author, firm, language, paper")])
    problems = []
    values: dict[str, str] = {}
    written_as: dict[str, str] = {}  # `lang:` is reported where it was written
    for key, value in data.items():
        if key not in FIELDS:
            close = difflib.get_close_matches(str(key), FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else "one of " + ", ".join(FIELDS)
            problems.append(document.problem((key,), "unknown setting", hint))
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(document.problem((key,), "must be text", "e.g. " + {
                "author": "Jane Doe", "firm": "Doe & Partners", "language": "ru",
                "lang": "ru", "paper": "a4"}[key], at_value=True))
            continue
        if key == "lang":
            if "language" in data:
                problems.append(document.problem((key,), "lang and language are the same "
                                                 "setting", "give one of them"))
                continue
            key, written_as["language"] = "language", "lang"
        values[key] = " ".join(value.split())
    for key, allowed in (("language", languages()), ("paper", PAPERS)):
        if key in values and values[key].lower() not in allowed:
            problems.append(document.problem((written_as.get(key, key),),
                                             f"{values[key]!r} is not supported",
                                             "one of " + ", ".join(allowed), at_value=True))
        elif key in values:
            values[key] = values[key].lower()
    if problems:
        raise InputError(problems)
    return Settings(**values, file=str(path))
