"""Every prompt: the ways to read what the user types (a real terminal, an editor, or a script on
standard input), the profile wizard and the real-interview log prompts. They return values; the
commands decide what to do with them.

Each reader is an ``ask`` callable for :func:`coach.session.run_practice`. prompt_toolkit and
questionary are imported only here, when a session starts, so `coach --help` never pays for them.

Answer input in a terminal is multi-line and works with Japanese IME (the IME commits text before
Enter reaches us). Finishing is easy: an empty line (Enter twice), Ctrl-D or Alt+Enter. Pasted
text keeps its blank lines (bracketed paste never triggers the key bindings). Ctrl-C stops the
session but hands what was typed back to the session, which saves it.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from coach.errors import CoachError
from coach.sanitize import clean
from coach.session import Ask, Interrupted

if TYPE_CHECKING:
    from rich.console import Console

    from coach.banks import Catalog
    from coach.interviews import LoggedAnswer
    from coach.profile import Profile

Asker = Callable[[Ask], "str | None"]  # what a session reads answers from

# Most important first, so that a narrow terminal (80 columns, the clock in front) cuts only the
# last hint: how to submit, then how to stop without losing the text, then how to end.
FINISH_HELP = "Enter 2回で確定 ・ Ctrl-C で中断（保存）・ 空のまま Ctrl-D で終了"
FINISH_HELP_FOLLOW_UP = "Enter 2回で確定 ・ Ctrl-C で中断（保存）・ 空のまま Enter で次へ"
SCRIPT_SEPARATOR = "---"


def stdin_is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


# --- SIGTERM and SIGHUP: stop as Ctrl-C does -------------------------------------------------

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
_reading: list[Any] = []  # the prompt_toolkit applications reading keys now, innermost last
received: int | None = None  # the stop signal that arrived, if any


def _on_stop_signal(signum: int, _frame: object) -> None:
    global received
    if received is not None:
        return  # already stopping: a second signal must not cut short the saving of the first
    received = signum
    app = _reading[-1] if _reading else None
    if app is not None and app.is_running and app.loop is not None:
        # from inside the prompt's own loop, so it ends the way Ctrl-C does: with the text
        def stop() -> None:
            if app.is_running and not app.future.done():
                buffer = app.current_buffer
                app.exit(exception=Interrupted(clean(buffer.text) if buffer else ""))

        app.loop.call_soon_threadsafe(stop)
        return
    raise KeyboardInterrupt  # between prompts: the session stops as at Ctrl-C


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """While a session runs, SIGTERM and SIGHUP stop it as Ctrl-C does: the text being typed
    is handed back (Interrupted) to be kept, and the session is closed. ``received`` says which
    signal came, for the exit status."""
    global received
    received = None
    before = {}
    for sig in STOP_SIGNALS:
        try:
            before[sig] = signal.signal(sig, _on_stop_signal)
        except ValueError:  # not the main thread (a test runner): signals stay as they were
            break
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


@contextmanager
def _reading_keys(app: Any) -> Iterator[None]:
    _reading.append(app)
    try:
        yield
    finally:
        _reading.remove(app)


PROMPT = "> "
CONTINUATION = "  "  # as wide as the prompt: every row of the answer starts in the same column


def kinsoku_processor() -> Any:
    """A prompt_toolkit input processor that wraps the answer by the feedback's 禁則 (no row
    starts with 。、）」 or ends with 「（): where a row would, blank cells are shown before the
    character that goes down with it. Display only: the buffer keeps exactly what was typed,
    and the cursor maps across the blanks."""
    from bisect import bisect_right

    from prompt_toolkit.formatted_text.utils import fragment_list_to_text
    from prompt_toolkit.layout.processors import Processor, Transformation
    from prompt_toolkit.layout.utils import explode_text_fragments
    from prompt_toolkit.utils import get_cwidth

    from coach.views.kinsoku import input_padding

    class KinsokuProcessor(Processor):
        def apply_transformation(self, ti: Any) -> Transformation:
            text = fragment_list_to_text(ti.fragments)
            pads = input_padding(text, ti.width, get_cwidth(PROMPT), get_cwidth)
            if not pads:
                return Transformation(ti.fragments)
            where = sorted(pads)
            shifts = [0]  # display shift after the n-th padding
            for at in where:
                shifts.append(shifts[-1] + pads[at])
            out: list[Any] = []
            for index, fragment in enumerate(explode_text_fragments(ti.fragments)):
                if index in pads:
                    out.append((fragment[0], " " * pads[index]))
                out.append(fragment)

            def to_display(i: int) -> int:
                return i + shifts[bisect_right(where, i)]

            def to_source(j: int) -> int:
                # the blanks belong to the character they stand before
                for n in range(len(where), 0, -1):
                    if j >= where[n - 1] + shifts[n]:
                        return j - shifts[n]
                    if j >= where[n - 1] + shifts[n - 1]:
                        return where[n - 1]
                return j

            return Transformation(out, to_display, to_source)

    return KinsokuProcessor()


class TerminalAsker:
    """Answers through prompt_toolkit, menus through questionary."""

    def __init__(
        self, on_prompt: Callable[[Ask], None] | None = None, help_line: str | None = None
    ) -> None:
        self.on_prompt = on_prompt
        self.help_line = help_line  # replaces the practice key help (coach log has no session)

    def __call__(self, ask: Ask) -> str | None:
        if ask.kind == "menu":
            return self.menu(ask.text, ask.choices)
        return self.answer(ask)

    def answer(self, ask: Ask) -> str | None:
        from prompt_toolkit import PromptSession
        from prompt_toolkit.formatted_text import FormattedText
        from prompt_toolkit.key_binding import KeyBindings

        bindings = KeyBindings()

        follow_up = ask.kind == "follow_up"

        @bindings.add("enter")
        def _enter(event: Any) -> None:
            buffer = event.current_buffer
            document = buffer.document
            if not buffer.text.strip():
                # nothing typed: a follow-up is declined (深掘りを終える); an answer waits
                if follow_up:
                    buffer.text = ""
                    buffer.validate_and_handle()
                return
            if document.is_cursor_at_the_end and document.current_line.strip() == "":
                buffer.text = buffer.text.rstrip()
                buffer.validate_and_handle()
            else:
                buffer.insert_text("\n")

        @bindings.add("c-d")
        def _done(event: Any) -> None:
            buffer = event.current_buffer
            if buffer.text.strip() or follow_up:
                if not buffer.text.strip():
                    buffer.text = ""  # an empty follow-up answer declines it
                buffer.validate_and_handle()
            else:
                event.app.exit(exception=EOFError())  # Ctrl-D on an empty answer ends the session

        @bindings.add("escape", "enter")
        def _alt_enter(event: Any) -> None:
            event.current_buffer.validate_and_handle()

        @bindings.add("c-c")
        def _interrupt(event: Any) -> None:
            event.app.exit(exception=Interrupted(clean(event.current_buffer.text)))

        started = time.monotonic()
        help_line = self.help_line or (FINISH_HELP_FOLLOW_UP if follow_up else FINISH_HELP)

        def toolbar() -> FormattedText:
            elapsed = int(time.monotonic() - started)
            clock = f" 経過 {elapsed // 60}:{elapsed % 60:02d}"
            if ask.timer:
                clock += f" / 目安 {ask.timer // 60}:{ask.timer % 60:02d}"
                if elapsed > ask.timer:
                    return FormattedText(
                        [("bg:ansired fg:white", clock + " 超過 "), ("", f"| {help_line}")]
                    )
            # the clock first: a narrow terminal cuts the end of the line, not the time
            return FormattedText([("", f"{clock} | {help_line}")])

        session: PromptSession[str] = PromptSession(
            multiline=True,
            key_bindings=bindings,
            prompt_continuation=lambda width, line, wrap: CONTINUATION,
            input_processors=[kinsoku_processor()],
            bottom_toolbar=toolbar,
            refresh_interval=1.0,
        )
        try:
            with _reading_keys(session.app):
                text = session.prompt(PROMPT)
        except (EOFError, OSError):
            # Ctrl-D on an empty answer, or the terminal went away (a hang-up: the input ends or
            # the screen cannot be written): what was typed is handed back to be kept
            typed = clean(session.default_buffer.text)
            if typed.strip():
                raise Interrupted(typed) from None
            return None
        except KeyboardInterrupt:
            raise Interrupted(clean(session.default_buffer.text)) from None
        return clean(str(text))

    def menu(self, title: str, choices: Sequence[tuple[str, str]]) -> str | None:
        return select(title, choices)


class EditorAsker(TerminalAsker):
    """Answers are written in $VISUAL / $EDITOR; menus stay in the terminal."""

    def answer(self, ask: Ask) -> str | None:
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
        header = (
            f"# 質問: {ask.text}\n"
            "# この下に回答を書いて、保存してエディタを閉じてください。\n"
            "# 「#」で始まる行は回答に含まれません。空のまま閉じるとスキップします。\n\n"
        )
        with tempfile.NamedTemporaryFile(
            "w", suffix=".md", prefix="coach-answer-", delete=False, encoding="utf-8"
        ) as fh:
            fh.write(header)
            path = Path(fh.name)
        try:
            try:
                completed = subprocess.run([*shlex.split(command), str(path)], check=False)
            except FileNotFoundError:
                raise CoachError(
                    f"エディタ '{command}' が見つかりません。環境変数 EDITOR を設定してください"
                ) from None
            except KeyboardInterrupt:
                raise Interrupted(_read_answer_file(path)) from None
            text = _read_answer_file(path)
            if completed.returncode != 0 and not text.strip():
                raise CoachError(
                    f"エディタ '{command}' が終了コード {completed.returncode} で終わりました"
                )
            return text
        finally:
            path.unlink(missing_ok=True)


def _read_answer_file(path: Path) -> str:
    # an editor may save in another encoding: keep what can be read rather than fail
    return clean(_strip_comments(path.read_bytes().decode("utf-8-sig", errors="replace")))


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip()


class ScriptAsker:
    """Non-interactive input: answers are blocks on standard input separated by a line `---`.

    Every prompt that wants text (an answer or a follow-up answer) takes the next block; menus
    always continue to the next question. When the blocks run out the session ends normally.
    """

    def __init__(self, text: str, echo: Callable[[str], None] | None = None) -> None:
        self.blocks = split_blocks(clean(text))
        self.echo = echo

    def __call__(self, ask: Ask) -> str | None:
        if ask.kind == "menu":
            return "next"
        if not self.blocks:
            return None
        block = self.blocks.pop(0)
        if self.echo is not None:
            self.echo(block)
        return block


def script_text(raw: bytes) -> str:
    """Bytes piped to the coach as text: invalid UTF-8 becomes U+FFFD instead of an error (an
    answer with one bad byte is still an answer), then the usual repair (coach.sanitize)."""
    return clean(raw.decode("utf-8-sig", errors="replace"))


def read_stdin() -> str:
    """Everything on standard input, as :func:`script_text`."""
    from coach.files import read_stream

    return script_text(read_stream(sys.stdin.buffer, "標準入力"))


def split_blocks(text: str) -> list[str]:
    blocks: list[str] = []
    current: list[str] = []
    for line in text.splitlines():
        if line.strip() == SCRIPT_SEPARATOR:
            blocks.append("\n".join(current).strip())
            current = []
        else:
            current.append(line)
    if any(line.strip() for line in current):
        blocks.append("\n".join(current).strip())
    return blocks


def select(
    title: str, choices: Sequence[tuple[str, str]], default: str | None = None
) -> str | None:
    """A questionary menu of (key, label); the key of the pick, None at end of input."""
    import questionary

    question = questionary.select(
        title,
        choices=[questionary.Choice(label, value=key) for key, label in choices],
        default=default,
        instruction="（↑↓で選んで Enter）",
    )
    _end_on_ctrl_d(question)
    try:
        with _reading_keys(question.application):
            picked = question.unsafe_ask()
    except KeyboardInterrupt:
        raise Interrupted("") from None
    except (EOFError, OSError):  # Ctrl-D, or the terminal went away
        return None
    return None if picked is None else str(picked)


def _end_on_ctrl_d(question: Any) -> None:
    """Ctrl-D at a menu ends the input there, as it does at every other prompt (questionary's
    select ignores it)."""
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

    extra = KeyBindings()

    @extra.add("c-d", eager=True)
    def _end(event: Any) -> None:
        event.app.exit(exception=EOFError())

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), extra])


def confirm(question: str, default: bool = True) -> bool:
    """A yes/no question; Ctrl-C or Ctrl-D is no."""
    import questionary

    try:
        return bool(questionary.confirm(question, default=default).unsafe_ask())
    except (KeyboardInterrupt, EOFError):
        return False


def choose_category(options: Sequence[tuple[str, str]], default: str | None) -> str | None:
    """The category menu shown when `coach practice` is run without --category."""
    return select("どのカテゴリを練習しますか？", options, default)


def asker(example: str, echo: Callable[[str], None], editor: bool = False) -> Asker:
    """The reader for a session: the terminal (or $EDITOR) when there is one, else the answers
    on standard input, refusing input with no answer at all rather than recording an empty
    session. ``example`` is the command line the error shows; ``echo`` shows a scripted answer."""
    if stdin_is_terminal():
        return EditorAsker() if editor else TerminalAsker()
    scripted = ScriptAsker(read_stdin(), echo=echo)
    if not any(block.strip() for block in scripted.blocks):
        raise CoachError(
            "標準入力に回答がありません。回答を「---」だけの行で区切って渡してください"
            f"（例: {example}）"
        )
    return scripted


# --- the profile wizard ------------------------------------------------------------------------


@dataclass(frozen=True)
class WizardEnd:
    """How the profile wizard ended: the profile as confirmed, how it ended, and where it was
    saved (None when nothing was changed)."""

    profile: Profile
    ended: Literal["done", "eof", "interrupted"]
    saved: Path | None


def profile_wizard(current: Profile, out: Console, save: Callable[[Profile], Path]) -> WizardEnd:
    """Ask for each round-one answer and the career axis; an empty answer keeps the current
    value. Each confirmed answer is saved at once (``save``), so Ctrl-C or Ctrl-D at any prompt
    keeps everything confirmed before it."""
    import re

    import msgspec
    import questionary
    from rich.text import Text

    from coach import profile as profiles

    answers = TerminalAsker(
        help_line="空行（Enter を2回）か Ctrl-D で確定 ・ 何も書かずに Ctrl-D で入力を終える"
        " ・ Ctrl-C で中断（確定した回答は保存済み）"
    )
    confirmed = current
    saved: Path | None = None

    def confirm(updated: Profile) -> None:
        nonlocal confirmed, saved
        if updated != confirmed:
            saved = save(updated)
        confirmed = updated

    try:
        for key, title in (
            ("self_pr", "一次面接で話した自己紹介・自己PR"),
            ("motivation", "一次面接で話した志望動機"),
            ("reason_for_leaving", "一次面接で話した転職理由"),
        ):
            out.print(Text(f"■ {title}（空のまま確定すると今の内容のまま）", style="bold"))
            old = getattr(current.round_one, key)
            if old:
                out.print(Text("今の内容: " + old.replace("\n", " ")[:80], style="dim"))
            text = answers.answer(Ask("answer", title))
            if text is None:
                return WizardEnd(confirmed, "eof", saved)
            value = text.strip() or old
            round_one = msgspec.structs.replace(confirmed.round_one, **{key: value})
            confirm(msgspec.structs.replace(confirmed, round_one=round_one))
        out.print(Text("■ キャリアの軸を一文で（例: 現場の課題を仕組みで解決する）", style="bold"))
        statement = questionary.text(
            "キャリアの軸:", default=current.career_axis.statement
        ).unsafe_ask()
        axis = profiles.CareerAxis(
            statement=clean(statement or "").strip(), keywords=confirmed.career_axis.keywords
        )
        confirm(msgspec.structs.replace(confirmed, career_axis=axis))
        keywords = questionary.text(
            "軸を表すキーワード（読点かカンマで区切る）:",
            default="、".join(current.career_axis.keywords),
        ).unsafe_ask()
        words = [w.strip() for w in re.split(r"[、,，]", clean(keywords or "")) if w.strip()]
        axis = profiles.CareerAxis(statement=axis.statement, keywords=words)
        confirm(msgspec.structs.replace(confirmed, career_axis=axis))
    except EOFError:
        return WizardEnd(confirmed, "eof", saved)
    except (Interrupted, KeyboardInterrupt):
        return WizardEnd(confirmed, "interrupted", saved)
    return WizardEnd(confirmed, "done", saved)


# --- the real-interview log --------------------------------------------------------------------


def ask_log_setting(company: str | None, round_: str | None) -> tuple[str, str]:
    """The company and the round of the interview being logged, asked when not given."""
    import questionary

    try:
        if company is None:
            company = clean(questionary.text("会社名:").unsafe_ask() or "") or "（会社名なし）"
        if round_ is None:
            rounds = [(r, r) for r in ("一次", "二次", "最終", "その他")]
            round_ = select("面接の段階:", rounds, default="二次")
            if round_ is None:
                raise EOFError
    except (KeyboardInterrupt, EOFError, Interrupted):
        raise CoachError("記録を中止しました（まだ何も保存していません）") from None
    return company, round_


LogEnd = Literal["done", "eof", "interrupted"]


def ask_log(catalog: Catalog, keep: Callable[[LoggedAnswer], str | None]) -> LogEnd:
    """Question / answer / category until done. Each entry goes to ``keep`` the moment it is
    confirmed, so Ctrl-D or Ctrl-C at any prompt loses nothing already entered. Ctrl-C also
    keeps the answer being typed (or the whole answer, at the category menu). Returns how the
    log ended: an empty question (done), Ctrl-D (eof) or Ctrl-C (interrupted). What ``keep``
    returns (where an answer went when the notebook could not take it) is printed at once."""
    import questionary

    from coach.interviews import LoggedAnswer, guess_category

    answers = TerminalAsker(
        help_line="空行（Enter を2回）か Ctrl-D で確定 ・ 何も書かずに Ctrl-D で記録を終える"
        " ・ Ctrl-C で記録を終える（入力中の内容も保存）"
    )
    choices = [("general", "分からない・一般")] + [(c.id, c.name) for c in catalog.ordered()]
    while True:
        question = answer = ""
        try:
            question = clean(questionary.text("聞かれた質問（空で終了）:").unsafe_ask() or "")
            if not question.strip():
                return "done"
            print("答えた内容を入力してください（空行か Ctrl-D で確定）")
            typed = answers.answer(Ask("answer", question))
            if typed is None:
                return "eof"  # Ctrl-D on an empty answer: the log ends, as practice does
            answer = typed
            if not answer.strip():
                continue
            category = answers.menu("この質問のカテゴリ:", choices)
        except EOFError:
            return "eof"
        except (Interrupted, KeyboardInterrupt) as stop:
            # Ctrl-C keeps what was typed: a confirmed answer (Ctrl-C at the category menu) as
            # an answer, a half-typed one as 中断 (kept, never scored)
            partial = stop.partial if isinstance(stop, Interrupted) else ""
            typed = answer or partial
            if question and typed.strip():
                entry = LoggedAnswer(
                    question, typed, *guess_category(question, catalog), interrupted=not answer
                )
                _say(keep(entry))
            return "interrupted"
        cat = catalog.categories.get(category or "")
        guessed = (cat.id, cat.structure) if cat else guess_category(question, catalog)
        _say(keep(LoggedAnswer(question, answer, *guessed)))
        if category is None:
            return "eof"  # Ctrl-D at the menu: the answer is kept, the input has ended


def _say(note: str | None) -> None:
    if note:
        print(note)
