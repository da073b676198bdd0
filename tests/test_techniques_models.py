"""The shipped technique models through the real runtime: windows, spans, bench contracts, quality gate."""

from __future__ import annotations

import json

import numpy as np
from click.testing import CliRunner

import spinlens
from spinlens.cli import main
from spinlens.techniques.encoder import EnglishEncoderModel, models_dir
from spinlens.techniques.models import model_for

LOADED = ("The corrupt regime and its lying puppets in the capital have betrayed every patriot. "
          "These traitors must be stopped before they destroy our great nation forever!")
NEUTRAL = "The committee will meet on Tuesday to review the budget, a spokesperson said."


def test_model_files_fit_the_budget():
    """40 MB in all, read strictly (decimal megabytes, every file of the models folder)."""
    total = sum(p.stat().st_size for p in models_dir().iterdir() if p.is_file())
    assert total <= 40_000_000, total


def test_english_scores_loaded_text_above_neutral():
    scores = model_for("en").score([LOADED, NEUTRAL], [None, None])
    assert scores.probs.shape == (2, 23)
    assert scores.probs[0].max() > scores.probs[1].max()
    assert scores.decisions[0].any()


def test_long_paragraph_is_windowed_not_truncated():
    encoder = EnglishEncoderModel.load(models_dir())
    long_text = " ".join([NEUTRAL] * 30 + [LOADED])  # the loaded sentence sits past the first window
    windows = encoder._windows([long_text], [None])
    assert len(windows) > 1
    covered = max(off[1] for w in windows for off in w.offsets)
    assert covered == len(long_text)
    probs, token_probs, offsets = encoder.run([long_text, LOADED], [None, None])
    assert abs(float(probs[0].max()) - float(probs[1].max())) < 0.25  # the tail was seen
    assert offsets[0][-1][1] == len(long_text)


def test_evidence_spans_slice_real_words():
    article = spinlens.analyze(text=f"Betrayal in the capital\n\n{LOADED}\n\n{NEUTRAL}")
    for span in article.layer("evidence"):
        piece = article.span_text(span)
        assert piece and piece == piece.strip()
        assert span.start == 0 or not article.text[span.start - 1].isalnum()


def test_bench_st3_contract(tmp_path):
    template = tmp_path / "t.template"
    template.write_text("a1\t1\tBetrayal in the capital\na1\t3\t" + LOADED + "\na1\t5\t\na2\t1\tBudget meeting\n"
                        "a2\t2\t" + NEUTRAL + "\n", encoding="utf-8")
    labels = tmp_path / "t.labels"
    labels.write_text("a1\t1\t\na1\t3\tLoaded_Language,Name_Calling-Labeling\na1\t5\t\na2\t1\t\na2\t2\t\n")
    out = tmp_path / "pred.txt"
    result = CliRunner().invoke(main, ["bench", "st3", "--template", str(template), "--output", str(out),
                                       "--labels", str(labels), "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert [line.split("\t")[:2] for line in lines] == [["a1", "1"], ["a1", "3"], ["a1", "5"], ["a2", "1"], ["a2", "2"]]
    assert all(len(line.split("\t")) == 3 for line in lines) and lines[2] == "a1\t5\t"
    assert result.output.strip().splitlines()[-1].startswith("micro-F1=")


def test_bench_st3_malformed_template_names_file_and_line(tmp_path):
    template = tmp_path / "bad.template"
    template.write_text("a1\t1\tTitle\nthis line has no tabs\n")
    result = CliRunner().invoke(main, ["bench", "st3", "--template", str(template), "--output",
                                       str(tmp_path / "p.txt")])
    assert result.exit_code != 0 and isinstance(result.exception, SystemExit)   # an error line, no traceback
    assert "error:" in result.stderr and "bad.template: line 2" in result.stderr


def test_bench_st3_other_digits_and_unwritable_outputs_are_errors_before_any_work(tmp_path):
    template = tmp_path / "sup.template"
    template.write_text("a1\t1\tTitle\na1\t\u00b2\tx\n", encoding="utf-8")  # '²' is no paragraph number
    result = CliRunner().invoke(main, ["bench", "st3", "--template", str(template), "--output",
                                       str(tmp_path / "p.txt")])
    assert isinstance(result.exception, SystemExit) and "sup.template: line 2" in result.stderr
    for command in (["st3", "--template", str(template)], ["ptc", "--articles", str(tmp_path)]):
        result = CliRunner().invoke(main, ["bench", *command, "--output", str(tmp_path / "no" / "p.txt")])
        assert result.exit_code == 2 and "cannot write" in result.output and "does not exist" in result.output


def test_bench_st3_reads_a_byte_order_mark_and_crlf_as_plain_lines(tmp_path):
    template = tmp_path / "t.template"
    template.write_bytes(("\ufeffa1\t1\tBetrayal in the capital\r\na1\t2\t" + LOADED + "\r\n").encode("utf-8"))
    labels = tmp_path / "t.labels"
    labels.write_bytes("\ufeffa1\t1\t\r\na1\t2\tLoaded_Language\r\n".encode("utf-8"))
    out = tmp_path / "pred.txt"
    result = CliRunner().invoke(main, ["bench", "st3", "--template", str(template), "--output", str(out),
                                       "--labels", str(labels), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[:2] for line in out.read_text("utf-8").splitlines()] == [["a1", "1"], ["a1", "2"]]


def test_bench_st3_labels_that_are_not_utf8_are_named(tmp_path):
    template = tmp_path / "t.template"
    template.write_text("a1\t1\tTitle\n", encoding="utf-8")
    labels = tmp_path / "latin1.labels"
    labels.write_bytes("a1\t1\tDoubt \xe9\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["bench", "st3", "--template", str(template), "--output",
                                       str(tmp_path / "p.txt"), "--labels", str(labels)])
    assert result.exit_code != 0 and "latin1.labels: not UTF-8 text" in result.stderr


def test_bench_st3_names_articles_in_languages_without_a_model(tmp_path):
    template = tmp_path / "t.template"
    template.write_text("es1\t1\tEl gobierno miente al pueblo y destruye la nación con sus mentiras.\n"
                        "es1\t2\tLos traidores deben ser detenidos antes de que sea demasiado tarde.\n"
                        "en1\t1\tBetrayal in the capital\nen1\t2\t" + LOADED + "\n", encoding="utf-8")
    out = tmp_path / "pred.txt"
    result = CliRunner().invoke(main, ["bench", "st3", "--template", str(template), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "es1: techniques not analysed for Spanish (es)" in result.stderr and "en1" not in result.stderr
    lines = out.read_text("utf-8").splitlines()
    assert lines[:2] == ["es1\t1\t", "es1\t2\t"] and lines[3].split("\t")[2]


def test_bench_st3_reads_an_article_language_from_most_of_its_text():
    from spinlens.techniques.benchmarks import predict_st3
    from spinlens.train.data import Paragraph

    body = ("The government lied to the people again, and the traitors in parliament applauded the betrayal "
            "of our nation while ordinary families paid the price.")
    paragraphs = [Paragraph("a1", 1, "El gobierno y la oposición: una crónica de la semana en el parlamento nacional, "
                                     "con todas las votaciones y los debates del pleno"),
                  Paragraph("a1", 2, body), Paragraph("a1", 3, body), Paragraph("a1", 4, body)]
    not_analysed: list = []
    predict_st3(paragraphs, None, not_analysed)
    assert not_analysed == []  # English, though its first 160 characters are a Spanish title


def test_bench_st3_lang_takes_the_task_folder_names_and_refuses_unknown_codes(tmp_path):
    template = tmp_path / "t.template"
    template.write_text("p1\t1\tZdrajcy kłamią, a rząd niszczy nasz kraj!\n", encoding="utf-8")

    def run(lang):
        return CliRunner().invoke(main, ["bench", "st3", "--template", str(template), "--output",
                                         str(tmp_path / "p.txt"), "--lang", lang])

    assert run("po").exit_code == 0 and run("PL").exit_code == 0
    refused = run("xx")
    assert refused.exit_code == 2 and "no technique model for 'xx'" in refused.output


def test_st3_report_scores_gold_lines_missing_from_the_template_as_empty_paragraphs():
    from spinlens.techniques.benchmarks import st3_report
    from spinlens.train.data import Paragraph

    paragraphs = [Paragraph("a1", 1, "Title"), Paragraph("a1", 2, "Body")]
    predicted = [[], ["Doubt"]]
    gold = {("a1", 1): [], ("a1", 2): ["Doubt"], ("a1", 4): ["Slogans"], ("b9", 1): ["Doubt", "Slogans"]}
    lines = list(st3_report(paragraphs, predicted, gold, ["Doubt", "Slogans"]))
    # a1's line 4 is in the gold file but not in the template: its Slogans label is missed (F1 0);
    # article b9 is not in the template at all and is not scored
    assert lines[0].split() == ["Doubt", "F1=1.0000", "support=1"]
    assert lines[1].split() == ["Slogans", "F1=0.0000", "support=1"]
    assert lines[-1] == "micro-F1=0.66667 macro-F1=0.50000"


def test_bench_ptc_contract(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    text = f"Betrayal in the capital\n\n{LOADED}\nA second line of the paragraph.\n\n{NEUTRAL}\n"
    (articles / "article42.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "spans.txt"
    result = CliRunner().invoke(main, ["bench", "ptc", "--articles", str(articles), "--output", str(out)])
    assert result.exit_code == 0, result.output
    for line in out.read_text().splitlines():
        article_id, technique, start, end = line.split("\t")
        assert article_id == "42" and 0 <= int(start) < int(end) <= len(text)
        assert text[int(start):int(end)].strip() == text[int(start):int(end)]


def test_bench_ptc_offsets_count_crlf_line_ends_as_in_the_file(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    lines = ["Betrayal in the capital", "", LOADED, NEUTRAL]
    (articles / "article1.txt").write_bytes("\n".join(lines).encode("utf-8"))
    (articles / "article2.txt").write_bytes("\r\n".join(lines).encode("utf-8"))
    out = tmp_path / "spans.txt"
    result = CliRunner().invoke(main, ["bench", "ptc", "--articles", str(articles), "--output", str(out)])
    assert result.exit_code == 0, result.output
    spans = {"1": [], "2": []}
    for line in out.read_text("utf-8").splitlines():
        article_id, technique, start, end = line.split("\t")
        spans[article_id].append((technique, int(start), int(end)))
    raw = {k: (articles / f"article{k}.txt").read_bytes().decode("utf-8") for k in spans}
    assert spans["1"] and len(spans["1"]) == len(spans["2"])
    for (t1, s1, e1), (t2, s2, e2) in zip(spans["1"], spans["2"]):
        # the same words, each offset shifted by the \r of every line end before it
        assert t1 == t2 and raw["1"][s1:e1] == raw["2"][s2:e2]
        assert s2 - s1 == raw["1"][:s1].count("\n")


def test_bench_ptc_bad_labels_are_named_and_unreadable_articles_skipped(tmp_path):
    articles, labels = tmp_path / "articles", tmp_path / "labels"
    articles.mkdir()
    labels.mkdir()
    (articles / "article7.txt").write_text(f"Title\n\n{LOADED}\n", encoding="utf-8")
    (articles / "article8.txt").write_bytes(b"Title\n\xff\xfe not text\n")
    (articles / "README.txt").write_text("not an article, and sorted before the articles\n", encoding="utf-8")
    out = tmp_path / "spans.txt"
    (labels / "article7.labels").write_text("7\tLoaded_Language\t7\t18\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", "ptc", "--articles", str(articles), "--output", str(out),
                                       "--labels", str(labels)])
    assert result.exit_code == 0 and "article8.txt: cannot read" in result.stderr
    assert "README.txt: skipped" in result.stderr  # a misnamed file does not stop the batch
    assert out.read_text().splitlines() and all(line.startswith("7\t") for line in out.read_text().splitlines())
    assert result.output.strip().splitlines()[-1].startswith("technique-aware P=")
    (labels / "article7.labels").write_bytes(b"7\tLoaded_Language\t7\t18\xff\n")
    result = CliRunner().invoke(main, ["bench", "ptc", "--articles", str(articles), "--output", str(out),
                                       "--labels", str(labels)])
    assert result.exit_code != 0 and "article7.labels: not UTF-8 text" in result.stderr


def test_validation_quality_gate(shared_data):
    """Floors a little below the figures in the model card; the validation split is by article id."""
    from spinlens.train.finalize_en import validation_inputs
    from spinlens.techniques.metrics import multilabel_scores

    meta = json.loads((models_dir() / "techniques_en.json").read_text())
    ids, texts, titles, gold, names = validation_inputs(shared_data)
    scores = model_for("en").score(texts, titles, [i.split(":")[0] for i in ids])  # articles as units
    micro = multilabel_scores(scores.decisions, gold)[0]
    assert micro >= meta["validation"]["micro_f1"] - 0.03, micro
    assert np.isfinite(scores.probs).all()
