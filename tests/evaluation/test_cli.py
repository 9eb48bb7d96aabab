"""`frontline evaluate` writes the report PDF; `frontline import ledger` imports every row or
none, listing what it rejected."""

import pypdf

from frontline.cli import main
from frontline.evaluation.models import CostEntry
from tests.evaluation.helpers import appraised


def test_evaluate_writes_the_report_pdf(evaluator, tmp_path):
    appraised(evaluator)
    out = tmp_path / "report.pdf"
    assert main(["evaluate", "test-pilot", "--out", str(out)]) == 0
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(out).pages)
    assert "Recommendation by role" in text and "Rollout plan" in text


def test_evaluate_names_an_unknown_programme(db, tmp_path, capsys):
    assert main(["evaluate", "no-such", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "no programme 'no-such'" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_import_ledger_adds_every_row(evaluator, tmp_path, capsys):
    appraised(evaluator)
    before = CostEntry.objects.count()
    path = tmp_path / "ledger.csv"
    path.write_text("category,nature,amount,date\nsupport,running,99.99,2026-02-01\n")
    assert main(["import", "ledger", str(path), "--programme", "test-pilot"]) == 0
    assert "Imported 1 ledger line(s)" in capsys.readouterr().out
    assert CostEntry.objects.count() == before + 1


def test_import_ledger_with_bad_rows_lists_them_and_imports_nothing(evaluator, tmp_path, capsys):
    appraised(evaluator)
    before = CostEntry.objects.count()
    path = tmp_path / "ledger.csv"
    path.write_text(
        "category,nature,amount,date\n"
        "support,running,99.99,2026-02-01\n"
        "support,running,abc,2026-02-01\n"
        "support,running,5,yesterday\n"
    )
    assert main(["import", "ledger", str(path), "--programme", "test-pilot"]) == 1
    err = capsys.readouterr().err
    assert "line 3, amount: give an amount in pounds" in err
    assert "line 4, date: give a date as YYYY-MM-DD" in err
    assert CostEntry.objects.count() == before
