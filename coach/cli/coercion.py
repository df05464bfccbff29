"""Command-line values converted without pydantic where the conversion is plain.

Typer converts every parameter's value through a pydantic ``TypeAdapter`` it builds on first
use, and the first one imports pydantic: about a third of a second of instructions at every
start-up, serial before ``coach check --batch`` forks its workers, spent to turn "1" into 1 and
"answers.jsonl" into a Path. :func:`install` gives the parameters whose type is ``str``,
``int``, ``bool``, ``Path`` or a list of those a conversion that does the plain cases itself (a string
that is already the value, a canonical decimal in range, a path string made a Path and checked
by Typer's own ``coerce_cli_path``) and hands every other value to the conversion Typer would
have used, so values, errors and messages are Typer's own
(``tests/cli/test_cli_coercion.py`` compares the two on ordinary and awkward values).

It leans on Typer internals (``_runtime_param``, ``type_descriptor``); ``pyproject.toml`` pins
Typer to 0.29.x and the test fails if those change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args, get_origin

from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_path, lenient_issubclass

if TYPE_CHECKING:
    from collections.abc import Iterable

    from typer._click import Context
    from typer.core import _TyperParameter

_PLAIN = (str, int, bool, Path)


@dataclass(frozen=True)
class PlainRuntimeParam(RuntimeParam):
    """Typer's conversion of one parameter, with the plain cases done without pydantic."""

    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        annotation: Any = self.annotation
        if get_origin(annotation) is list:
            if isinstance(value, (list, tuple)):
                item_type = get_args(annotation)[0]
                items = [self._plain(item_type, item, param, ctx) for item in value]
                if all(item is not _NOT_PLAIN for item in items):
                    return items
        else:
            plain = self._plain(annotation, value, param, ctx)
            if plain is not _NOT_PLAIN:
                return plain
        typer_own = build_runtime_param(self.descriptor)
        return typer_own._coerce_value(value, param=param, ctx=ctx)

    def _plain(self, annotation: Any, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        """``value`` converted as Typer's adapter converts it, or _NOT_PLAIN."""
        if annotation is bool and type(value) is bool:
            return value  # a flag's own value (the adapter passes a bool through)
        if type(value) is not str:
            return _NOT_PLAIN
        info = self.parameter_info
        if annotation is str:
            return value  # the adapter's str(value), accepted as it is
        if annotation is int:
            # a canonical decimal ("7", not "07", " 7", "+7" or "7_0") within the bounds;
            # everything else, errors included, is the adapter's
            if not (value.isascii() and value.isdigit()) or str(int(value)) != value:
                return _NOT_PLAIN
            number = int(value)
            if (info.min is not None and number < info.min) or (
                info.max is not None and number > info.max
            ):
                return _NOT_PLAIN
            return number
        if annotation is Path:
            # the adapter makes the string a Path (pydantic: Path(value)) and then checks it
            # with this same function
            return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
        return _NOT_PLAIN


_NOT_PLAIN: Any = object()


def _eligible(descriptor: TypeDescriptor) -> bool:
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return False
    if getattr(info, "click_type", None) is not None:
        return False
    annotation: Any = descriptor.annotation
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
    return annotation in _PLAIN and not (
        lenient_issubclass(annotation, Path) and info.path_type is not None
    )


def install(params: Iterable[Any]) -> None:
    """Give each eligible Typer parameter that has no conversion yet the plain one."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        unset = getattr(param, "_runtime_param", False) is None
        if unset and descriptor is not None and _eligible(descriptor):
            param._runtime_param = PlainRuntimeParam(
                parameter_info=descriptor.parameter_info,
                annotation=descriptor.annotation,
                descriptor=descriptor,
            )
