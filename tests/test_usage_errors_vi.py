"""click's own sentence of a usage error (an unknown option, a missing argument, a bad value) is
Vietnamese on a Vietnamese screen and click's English on an English one, in the same "Lỗi" / "Error"
panel with exit code 2 and no traceback; a sentence we do not know stays as click wrote it."""

from __future__ import annotations

import os
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import pytest
import typer
from typer.testing import CliRunner

from graph.cli import app
from graph.cli.app import _LocalizedGroup
from graph.i18n import set_language

ROOT = Path(__file__).resolve().parents[1]

#: (arguments, the sentence in Vietnamese, click's sentence in English): one of each kind of usage error
USAGE_ERRORS = [
    (["find", "--foo"], "Không có tùy chọn --foo.", "No such option: --foo"),
    (["find", "ngân sách", "--jsn"], "Không có tùy chọn --jsn. Có phải ý bạn là --json?",
     "No such option: --jsn (Possible options: --json)"),
    (["bsaes"], "Không có lệnh 'bsaes'. Có phải ý bạn là 'bases', 'stats'?",
     "No such command 'bsaes'. Did you mean 'bases', 'stats'?"),
    (["bases"], "Thiếu tham số 'DOC'.", "Missing argument 'DOC'."),
    (["ingest"], "Thiếu tham số 'PATH...'.", "Missing argument 'PATH...'."),
    (["show", "2174"], "Thiếu tùy chọn '--html'.", "Missing option '--html'."),
    (["ingest", "--store"], "Tùy chọn '--store' cần một giá trị.", "Option '--store' requires an argument."),
    (["find", "ngân sách", "--json=1"], "Tùy chọn '--json' không nhận giá trị.",
     "Option '--json' does not take a value."),
    (["find", "ngân", "sách", "2025"], "Thừa tham số: sách 2025.",
     "Got unexpected extra argument(s) (sách 2025)"),
    (["extract", "a.txt", "--workers", "0"],
     "Giá trị không hợp lệ cho '--workers' / '-w': phải lớn hơn hoặc bằng 1.",
     "Invalid value for '--workers' / '-w': Input should be greater than or equal to 1"),
    (["bases", "2174", "--depth", "99"], "Giá trị không hợp lệ cho '--depth': phải nhỏ hơn hoặc bằng 10.",
     "Invalid value for '--depth': Input should be less than or equal to 10"),
    (["extract", "a.txt", "-w", "hai"], "Giá trị không hợp lệ cho '--workers' / '-w': phải là một số nguyên.",
     "Invalid value for '--workers' / '-w': Input should be a valid integer, unable to parse string as an "
     "integer"),
    (["show", "2174", "--html", "x.html", "--direction", "sideways"],
     "Giá trị không hợp lệ cho '--direction': 'sideways' không phải một trong các giá trị 'up', 'down', "
     "'both'.",
     "Invalid value for '--direction': Value error, 'sideways' is not one of 'up', 'down', 'both'."),
    (["--lang", "fr", "find", "ngân sách"],
     "Giá trị không hợp lệ cho '--lang': 'fr' không phải một trong các giá trị 'vi', 'en'.",
     "Invalid value for '--lang': Value error, 'fr' is not one of 'vi', 'en'."),
]


@pytest.fixture
def screen(monkeypatch):
    """``screen(lang, *args)``: the error panel's sentence and the result of ``lineage *args`` run with
    $LINEAGE_LANG=lang (typer's CliRunner, the real app)."""
    for var in ("LINEAGE_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LINEAGE_STORE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANGUAGE", os.environ.get("LANGUAGE", ""))  # put back after the test

    def run(lang: str, *args: str, command: typer.Typer = app):
        set_language(None)  # --lang of an earlier run is not this run's
        result = CliRunner().invoke(command, list(args), env={"LINEAGE_LANG": lang, "COLUMNS": "250"})
        return panel_text(result.output), result

    yield run
    set_language(None)


def panel_text(output: str) -> str:
    """The text inside the error panel of ``output`` (its lines joined)."""
    return " ".join(line.strip("│ ") for line in output.splitlines() if line.startswith("│"))


@pytest.mark.parametrize(("args", "vietnamese", "english"), USAGE_ERRORS,
                         ids=[" ".join(args) for args, _, _ in USAGE_ERRORS])
def test_a_usage_error_is_said_in_the_language_of_the_screen(screen, args, vietnamese, english):
    """(The panel's own words, "Lỗi" / "Error", are typer's: the end-to-end test below sees them.)"""
    said, result = screen("vi", *args)
    assert said == vietnamese, result.output
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    said, result = screen("en", *args)
    assert said == english, result.output
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)


def test_lang_before_the_command_outranks_the_environment(screen):
    assert screen("vi", "--lang", "en", "find", "--foo")[0] == "No such option: --foo"
    assert screen("en", "--lang", "vi", "find", "--foo")[0] == "Không có tùy chọn --foo."


def test_a_path_option_names_the_bad_path(screen, tmp_path):
    """--html must be a file: a folder is refused in the user's language, the folder named."""
    said, result = screen("vi", "show", "2174", "--html", str(tmp_path))
    assert said == f"Giá trị không hợp lệ cho '--html': tệp {str(tmp_path)!r} là một thư mục.", result.output
    assert result.exit_code == 2
    assert screen("en", "show", "2174", "--html", str(tmp_path))[0] == (
        f"Invalid value for '--html': file {str(tmp_path)!r} is a directory.")


def test_our_own_bad_value_gets_the_frame_and_keeps_its_words(screen):
    """export's own check of --format (already Vietnamese): only click's frame around it is re-worded."""
    said, result = screen("vi", "export", "--format", "nope")
    assert said.startswith("Giá trị không hợp lệ cho --format: định dạng 'nope' không hợp lệ"), result.output
    assert result.exit_code == 2


class _Tone(str, Enum):
    formal = "formal"
    plain = "plain"


def _checks_app() -> typer.Typer:
    """A command with what no lineage command has yet (a path that must exist, a required choice), on
    lineage's own group: typer's real sentences for them."""
    checks = typer.Typer(cls=_LocalizedGroup, add_completion=False)

    @checks.command()
    def read(source: Annotated[Path, typer.Option("--source", exists=True, dir_okay=False)],
             tone: Annotated[_Tone, typer.Option("--tone")]) -> None:
        """Read a file."""

    @checks.command()
    def other() -> None:
        """A second command, so that the first keeps its name."""

    return checks


def test_a_missing_file_and_a_missing_choice_are_said_too(screen, tmp_path):
    missing = str(tmp_path / "không-có.txt")
    said, result = screen("vi", "read", "--source", missing, "--tone", "plain", command=_checks_app())
    assert said == f"Giá trị không hợp lệ cho '--source': tệp {missing!r} không tồn tại.", result.output
    assert result.exit_code == 2
    assert screen("en", "read", "--source", missing, "--tone", "plain", command=_checks_app())[0] == (
        f"Invalid value for '--source': file {missing!r} does not exist.")
    present = tmp_path / "có.txt"
    present.write_text("Quyết định", encoding="utf-8")
    said, result = screen("vi", "read", "--source", str(present), command=_checks_app())
    assert said == "Thiếu tùy chọn '--tone'. Chọn một trong: formal, plain", result.output


def test_a_sentence_we_do_not_know_stays_as_click_wrote_it(screen, monkeypatch):
    """A newer typer that words a usage error otherwise: its own sentence is shown, nothing guessed."""
    from typer._click.core import Context

    fail = Context.fail
    monkeypatch.setattr(Context, "fail", lambda self, message: fail(
        self, message.replace("Got unexpected extra argument(s)", "Too many words")))
    said, result = screen("vi", "find", "ngân", "sách")
    assert said == "Too many words (sách)", result.output
    assert result.exit_code == 2


def _lineage(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LINEAGE_LANG": lang, "COLUMNS": "100", "LINEAGE_STORE": ""}
    env.pop("LANGUAGE", None)
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=60)


def test_the_real_program_says_it_in_its_lang_panel():
    """``python -m graph.cli`` end to end: the Vietnamese screen is Vietnamese throughout, exit code 2."""
    vi = _lineage("extract", "a.txt", "--workers", "0", lang="vi")
    assert vi.returncode == 2 and "Traceback" not in vi.stderr
    assert "─ Lỗi ─" in vi.stderr and "Xem hướng dẫn:" in vi.stderr
    assert "Giá trị không hợp lệ cho '--workers' / '-w': phải lớn hơn hoặc bằng 1." in vi.stderr
    assert "Invalid" not in vi.stderr and "Input should" not in vi.stderr
    en = _lineage("extract", "a.txt", "--workers", "0", lang="en")
    assert en.returncode == 2 and "─ Error ─" in en.stderr
    assert "Invalid value for '--workers' / '-w': Input should be greater than or equal to 1" in en.stderr
    vi = _lineage("ingest", "--store", lang="vi")  # an error click raises without the command's context
    assert vi.returncode == 2 and "Traceback" not in vi.stderr
    assert "Tùy chọn '--store' cần một giá trị." in vi.stderr
