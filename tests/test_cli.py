"""The CLI end to end: analyze every input kind, list/show/search/export, formats, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinlens.api import demo_corpus_dir, open_library
from spinlens.cli import main
from spinlens.model import Article
from spinlens.settings import SETTINGS

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    library = tmp_path / "lib.sqlite"
    monkeypatch.setenv("SPINLENS_LIBRARY", str(library))
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)
    invoke.library = library
    return invoke


ARTICLE = ("Officials in Velgrad said on Monday that the water level behind the dam had stabilised after "
           "engineers closed two damaged gates, and that villages downstream would be allowed to return.")


def test_analyze_a_file_stores_and_reports(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Dam level stabilised\n\n{ARTICLE}\n\nSign up for our newsletter to get the daily briefing.\n")
    result = cli("analyze", path, "--format", "json")
    assert result.exit_code == 0, result.output
    article = json.loads(result.stdout)
    assert article["title"] == "Dam level stabilised"
    assert "newsletter" not in article["text"] and article["language"] == "en"
    listed = json.loads(cli("list", "--format", "json").stdout)
    assert listed["total"] == 1 and listed["items"][0]["id"] == article["id"]


def test_reanalysis_is_idempotent(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Title here\n\n{ARTICLE}\n")
    cli("analyze", path, "--quiet")
    cli("analyze", path, "--quiet")
    assert json.loads(cli("list", "--format", "json").stdout)["total"] == 1
    path.write_text(f"Title here\n\n{ARTICLE} A later correction was added.\n")
    cli("analyze", path, "--quiet")
    listed = json.loads(cli("list", "--format", "json").stdout)
    assert listed["total"] == 1
    shown = json.loads(cli("show", listed["items"][0]["id"], "--format", "json").stdout)
    assert shown["text"].endswith("A later correction was added.")


def test_bad_inputs_are_reported_and_others_processed(cli, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(f"Good one\n\n{ARTICLE}\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = cli("analyze", good, empty, binary, tmp_path / "missing.txt", FIXTURES / "articles.jsonl")
    assert result.exit_code == 1
    assert "empty.txt: empty input" in result.stderr
    assert "image.txt: binary content" in result.stderr
    assert "missing.txt: no such file or directory" in result.stderr
    assert "articles.jsonl:3: line is not JSON" in result.stderr
    assert json.loads(cli("list", "--format", "json").stdout)["total"] == 4  # good + 3 JSONL lines


def test_no_store_leaves_the_library_empty(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(f"Title\n\n{ARTICLE}\n")
    assert cli("analyze", path, "--no-store", "--format", "markdown").exit_code == 0
    assert not cli.library.exists()  # not even created


def test_stdin(cli):
    result = cli("analyze", "-", "--format", "json", input=f"From stdin\n\n{ARTICLE}\n")
    assert result.exit_code == 0 and json.loads(result.stdout)["title"] == "From stdin"


def test_every_report_format_escapes_hostile_html(cli, tmp_path):
    hostile = FIXTURES / "html" / "hostile.html"
    out = tmp_path / "report.html"
    assert cli("analyze", hostile, "--format", "html", "--output", out).exit_code == 0
    page = out.read_text()
    assert "<script>alert" not in page and "onerror=alert" not in page.replace("onerror=alert(1)&gt;", "")
    assert "HOSTILE_HEAD_SCRIPT" not in page
    assert "Content-Security-Policy" in page and "&lt;script&gt;" in page
    markdown = cli("analyze", hostile, "--format", "markdown", "--no-store").stdout
    assert "<script>" not in markdown and "<img" not in markdown


def test_show_search_and_formats(cli):
    cli("analyze", demo_corpus_dir(), "--quiet")
    hits = json.loads(cli("search", "Varnholt", "--format", "json").stdout)
    assert len(hits) >= 8 and all("[Varnholt]" in h["snippet"] or "Varnholt" in (h["title"] or "") for h in hits)
    french = json.loads(cli("search", "barrage", "--language", "fr", "--format", "json").stdout)
    assert french and all(h["language"] == "fr" for h in french)
    article_id = hits[0]["id"]
    for fmt in ("text", "json", "markdown", "html"):
        result = cli("show", article_id[:8], "--format", fmt)
        assert result.exit_code == 0 and result.stdout.strip()
    assert Article.model_validate_json(cli("show", article_id, "--format", "json").stdout).id == article_id
    text_table = cli("list").stdout
    assert "articles" in text_table


def test_show_unknown_id_exits_4(cli):
    open_library(cli.library).close()  # an empty library
    result = cli("show", "deadbeefdeadbeef")
    assert result.exit_code == 4 and "no article with id" in result.stderr


def test_export_jsonl_and_csv(cli, tmp_path):
    cli("analyze", demo_corpus_dir(), "--quiet")
    total = json.loads(cli("list", "--format", "json").stdout)["total"]
    jsonl = tmp_path / "out.jsonl"
    cli("export", "--format", "jsonl", "--output", jsonl)
    articles = [Article.from_json(line) for line in jsonl.read_text().splitlines()]
    assert len(articles) == total and all(a.paragraphs() for a in articles)
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert len(rows) == total and {"id", "title", "outlet", "text"} <= set(rows[0])


def test_library_option_overrides_environment(cli, tmp_path):
    other = tmp_path / "other.sqlite"
    path = tmp_path / "a.txt"
    path.write_text(f"Title\n\n{ARTICLE}\n")
    cli("analyze", path, "--quiet", "--library", other)
    assert json.loads(cli("list", "--format", "json", "--library", other).stdout)["total"] == 1
    result = cli("list", "--format", "json")  # the library SPINLENS_LIBRARY names, which nothing created
    assert result.exit_code == 3 and f"{cli.library}: no such library file" in result.stderr


def test_demo_analyses_the_bundled_corpus(cli, tmp_path):
    result = cli("demo", "--library", tmp_path / "demo.sqlite", "--quiet")
    assert result.exit_code == 0, result.output
    listed = json.loads(cli("list", "--format", "json", "--library", tmp_path / "demo.sqlite").stdout)
    manifest = json.loads((demo_corpus_dir().parent / "MANIFEST.json").read_text())
    assert listed["total"] == len(manifest)
    assert {i["language"] for i in listed["items"]} >= {"en", "fr", "ru", "de"}
    table = CliRunner(env={"COLUMNS": "80"}).invoke(main, ["list", "--library", str(tmp_path / "demo.sqlite")])
    lines = table.stdout.splitlines()
    assert max(map(len, lines)) <= 80 and all(f"│ {item['id']} │" in table.stdout for item in listed["items"])
    assert any(item["published"][:10] in table.stdout for item in listed["items"])  # the date, not the timestamp


def test_unknown_format_is_a_usage_error(cli, tmp_path):
    result = cli("analyze", tmp_path, "--format", "pdf")
    assert result.exit_code == 2


def _stored_before_the_fix(cli, tmp_path) -> str:
    """An article analysed, then its metadata overwritten with escape sequences and Rich markup, as a library
    written before metadata was cleaned at ingestion may hold it; returns its id."""
    from spinlens.api import open_library

    path = tmp_path / "a.txt"
    path.write_text(f"Dam level stabilised\n\n{ARTICLE}\n")
    article = Article.model_validate(json.loads(cli("analyze", path, "--format", "json").stdout))
    article.title = "[bold red]Red[/] [link=https://evil.example]here[/link] \x1b]0;pwned\x07"
    article.outlet, article.authors = "Out\x1b[5mlet", ["Au\x1b]0;X\x07thor"]
    article.url, article.site = "https://ex.org/x?\x1b[31m", "s\x9b31mite"
    with open_library(str(cli.library)) as library:
        library.save(article)
    return article.id


def test_terminal_output_never_carries_stored_escape_sequences(cli, tmp_path):
    article_id = _stored_before_the_fix(cli, tmp_path)
    listed, shown = cli("list").stdout, cli("show", article_id).stdout
    for output in (listed, shown):
        assert not any(ch in output for ch in "\x1b\x07\x9b") and "Out␛[5mlet" in output
        assert "[bold red]Red[/]" in output  # markup shown as written, not interpreted
    assert "Au␛]0;X␇thor" in shown and "s\ufffd31mite" in shown and "[link=https://evil.example]here[/link]" in shown


def test_reports_to_a_terminal_show_control_characters(capsys, monkeypatch):
    import sys as system

    from spinlens.cli import _emit

    monkeypatch.setattr(system.stdout, "isatty", lambda: True, raising=False)
    _emit('{"site": "s\x9b31mite", "url": "x\x1b[31m"}\n', None)
    _emit("\x1b[1mcoloured by rich\x1b[0m\n", None, styled=True)
    monkeypatch.setattr(system.stdout, "isatty", lambda: False, raising=False)
    _emit("piped \x9b\n", None)
    assert capsys.readouterr().out == ('{"site": "s\ufffd31mite", "url": "x␛[31m"}\n'
                                       "\x1b[1mcoloured by rich\x1b[0m\npiped \x9b\n")


def test_error_lines_show_control_characters(cli, tmp_path):
    result = cli("analyze", str(tmp_path / "missing\x1b[31m.txt"))
    assert result.exit_code == 1 and "\x1b" not in result.stderr and "missing␛[31m.txt" in result.stderr


def test_csv_export_quotes_cells_a_spreadsheet_would_run(cli, tmp_path):
    record = {"title": '=HYPERLINK("http://evil.example","click")', "outlet": "@SUM(1+1)", "authors": ["+Ann Lee"],
              "url": "https://ex.org/a", "text": f"{ARTICLE}\n\n-1 is not a formula either, said the engineers."}
    (tmp_path / "a.jsonl").write_text(json.dumps(record) + "\n")
    cli("analyze", tmp_path / "a.jsonl", "--quiet")
    [row] = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert row["title"] == "'" + record["title"] and row["outlet"] == "'@SUM(1+1)" and row["authors"] == "'+Ann Lee"
    assert row["url"] == "https://ex.org/a" and row["word_count"].isdigit()
    assert row["text"].startswith("'=HYPERLINK") and "\n-1 is not" in row["text"]  # the text opens with its title


def test_spreadsheet_cell_follows_the_owasp_rule():
    from spinlens.export import spreadsheet_cell

    for start in "=+-@\t\r":
        assert spreadsheet_cell(f"{start}1+1") == f"'{start}1+1"
    assert [spreadsheet_cell(v) for v in ("a=1", " =1", "", None, -3)] == ["a=1", " =1", "", None, -3]


@pytest.fixture(scope="module")
def demo_library(tmp_path_factory):
    """The demo corpus analysed once into a library the tests below only read."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    result = CliRunner().invoke(main, ["demo", "--library", str(path), "--quiet"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return path


def run(*args, env=None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_story_text_goes_to_the_output_file_with_designations(demo_library, tmp_path):
    out = tmp_path / "story.txt"
    result = run("story", "0", "--library", demo_library, "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    written = out.read_text(encoding="utf-8")
    assert "story 0: " in written and "designations" in written and "claims shared between outlets" in written
    assert "Kastovia:" in written  # the designations of Kastovia ("Kastovia: Kastovian regime, ...")
    assert "\x1b[" not in written  # plain text, no terminal colours
    shown = run("story", "0", "--library", demo_library, env={"COLUMNS": "200"}).stdout
    assert "designations" in shown and "Kastovia:" in shown


@pytest.mark.parametrize("command", [["analyze", "{article}"], ["export"], ["digest"], ["story", "0"], ["show", "2c1a"]])
def test_an_unwritable_output_file_is_a_usage_error_before_any_work(cli, tmp_path, command):
    article = tmp_path / "a.txt"
    article.write_text(f"Title\n\n{ARTICLE}\n")
    out = tmp_path / "no such folder" / "x.txt"
    result = cli(*[part.format(article=article) for part in command], "-o", out)
    assert result.exit_code == 2, result.output
    assert f"cannot write {out}: folder {out.parent} does not exist" in result.stderr
    assert "Traceback" not in result.output and not cli.library.exists()  # refused before the library was opened


def test_analyze_says_its_articles_are_stored_when_the_report_cannot_be_written(cli, tmp_path, monkeypatch):
    monkeypatch.setattr("spinlens.cli._output_problem", lambda output: None)  # the early check passes; the write fails
    article = tmp_path / "a.txt"
    article.write_text(f"Title\n\n{ARTICLE}\n")
    out = tmp_path / "gone" / "x.txt"
    result = cli("analyze", article, "--format", "markdown", "-o", out)
    assert result.exit_code == 2 and f"cannot write {out}: No such file or directory" in result.stderr
    assert "1 article(s) analysed are stored in the library" in result.stderr
    assert json.loads(cli("list", "--format", "json").stdout)["total"] == 1


READ_COMMANDS = [["list"], ["show", "2c1a"], ["search", "dam"], ["stories"], ["story", "0"], ["copies"], ["sources"],
                 ["source", "Drevnia Today"], ["digest"], ["actors"], ["export"], ["corrections"]]


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: c[0])
def test_read_commands_refuse_a_library_that_does_not_exist(tmp_path, command):
    typo = tmp_path / "no-such-dir" / "typo.sqlite"
    result = run(*command, "--library", typo)
    assert result.exit_code == 3 and f"{typo}: no such library file" in result.stderr
    assert not typo.parent.exists()  # nothing created


def test_a_default_library_that_does_not_exist_yet_gets_a_friendly_message(tmp_path, monkeypatch):
    monkeypatch.delenv("SPINLENS_LIBRARY", raising=False)
    monkeypatch.setattr("spinlens.settings.platformdirs.user_data_dir", lambda name: str(tmp_path / "data" / name))
    result = run("list")
    assert result.exit_code == 3 and "no library yet: `spinlens analyze FILE` creates it here" in result.stderr
    assert not (tmp_path / "data").exists()


def test_writing_commands_still_create_the_library(tmp_path):
    library = tmp_path / "new" / "lib.sqlite"
    article = tmp_path / "a.txt"
    article.write_text(f"Title\n\n{ARTICLE}\n")
    assert run("analyze", article, "--library", library, "--quiet").exit_code == 0
    assert json.loads(run("list", "--library", library, "--format", "json").stdout)["total"] == 1


def test_digest_period_starts_at_since_when_until_is_not_given(demo_library):
    day = json.loads(run("digest", "--since", "2026-03-14", "--period", "day", "--format", "json",
                         "--library", demo_library).stdout)
    assert (day["since"], day["until"]) == ("2026-03-14", "2026-03-15")
    week = json.loads(run("digest", "--since", "2026-03-14", "--format", "json", "--library", demo_library).stdout)
    assert (week["since"], week["until"]) == ("2026-03-14", "2026-03-21")
    back = json.loads(run("digest", "--until", "2026-03-20", "--period", "day", "--format", "json",
                          "--library", demo_library).stdout)
    assert (back["since"], back["until"]) == ("2026-03-19", "2026-03-20")


def test_list_until_a_day_includes_that_day_as_the_web_filter_does(demo_library):
    def listed(*options):
        result = run("list", *options, "--limit", "100", "--format", "json", "--library", demo_library)
        return {item["id"] for item in json.loads(result.stdout)["items"]}

    everything = json.loads(run("list", "--format", "json", "--library", demo_library).stdout)["items"]
    through_16 = {i["id"] for i in everything if i["published"] and i["published"][:10] <= "2026-03-16"}
    assert len(through_16) < len([i for i in everything if i["published"]])
    assert listed("--until", "2026-03-16") == through_16
    assert listed("--until", "9999-12-31") == {i["id"] for i in everything if i["published"]}


def test_digest_window_defaults():
    from datetime import date, datetime

    from spinlens.corpus.digest import digest_window

    assert digest_window("week", today=date(2026, 3, 20)) == (datetime(2026, 3, 14), datetime(2026, 3, 21))
    assert digest_window("day", datetime(2026, 3, 1)) == (datetime(2026, 3, 1), datetime(2026, 3, 2))
    assert digest_window("day", datetime(2026, 3, 1), datetime(2026, 3, 9)) == (datetime(2026, 3, 1),
                                                                               datetime(2026, 3, 9))


def test_search_title_counts_every_match_not_only_those_shown(demo_library):
    every = json.loads(run("search", "Varnholt", "--format", "json", "--library", demo_library).stdout)
    assert len(every) > 2
    table = run("search", "Varnholt", "--limit", "2", "--library", demo_library, env={"COLUMNS": "200"}).stdout
    assert f"2 of {len(every)} matches for 'Varnholt'" in table
    assert len(json.loads(run("search", "Varnholt", "--limit", "2", "--format", "json",
                              "--library", demo_library).stdout)) == 2  # JSON stays a bare list of hits


def test_a_short_id_prefix_is_refused_saying_how_long_a_prefix_must_be(demo_library):
    listed = json.loads(run("list", "--format", "json", "--library", demo_library).stdout)["items"]
    article_id = listed[0]["id"]
    result = run("show", article_id[:2], "--library", demo_library)
    assert result.exit_code == 2
    assert f"id prefix '{article_id[:2]}' is too short: give at least 4 characters of the id" in result.stderr
    assert run("show", article_id[:8], "--library", demo_library).exit_code == 0


@pytest.mark.parametrize("name", [n for n, s in SETTINGS.items() if type(s.default) in (int, float)])
@pytest.mark.parametrize("value", ["abc", "-1"])
def test_a_bad_numeric_setting_is_a_usage_error_naming_the_variable(cli, tmp_path, monkeypatch, name, value):
    monkeypatch.setenv(f"SPINLENS_{name.upper()}", value)
    article = tmp_path / "a.txt"
    article.write_text(f"Title\n\n{ARTICLE}\n")
    result = cli("analyze", article)
    assert result.exit_code == 2
    assert f"SPINLENS_{name.upper()}='{value}' is not a " in result.stderr and "number of 0 or more" in result.stderr
