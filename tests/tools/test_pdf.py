"""macros/tools/pdf.py without a browser: a local build without Chromium still succeeds and says so."""
from macros.tools import pdf


def test_without_chromium_says_the_pdfs_were_not_made(tmp_path, capsys):
    (tmp_path / "print").mkdir()
    (tmp_path / "print" / "index.html").write_text("<html></html>", encoding="utf-8")
    missing = str(tmp_path / "no-chromium")
    assert pdf.main([str(tmp_path), "--chromium", missing]) == 0
    err = capsys.readouterr().err
    assert "PDF版は作成していません" in err and "the PDFs were not made" in err
    assert not list(tmp_path.rglob("*.pdf"))
    assert pdf.main([str(tmp_path), "--chromium", missing, "--require"]) == 1   # publishing: a failure


def test_without_a_built_site_asks_for_the_build(tmp_path, capsys):
    assert pdf.main([str(tmp_path)]) == 1
    assert "make build" in capsys.readouterr().err


def test_footer_escapes_and_numbers_pages():
    footer = pdf.footer_template('A <b> & "C"', "https://example.org/print/", "en")
    assert "A &lt;b&gt; &amp;" in footer and 'class="pageNumber"' in footer and 'class="totalPages"' in footer
