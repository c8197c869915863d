"""macros/tools/pdf.py without a browser: a local build without Chromium still succeeds and says so;
the PDFs are named by the site's data/site.yaml."""
from pathlib import Path

from macros.core.site import Site
from macros.core.model import Text
from macros.tools import pdf

ROOT = Path(__file__).resolve().parents[2]


def test_without_chromium_says_the_pdfs_were_not_made(tmp_path, capsys):
    (tmp_path / "print").mkdir()
    (tmp_path / "print" / "index.html").write_text("<html></html>", encoding="utf-8")
    missing = str(tmp_path / "no-chromium")
    assert pdf.main([str(tmp_path), "--chromium", missing, "--root", str(ROOT)]) == 0
    err = capsys.readouterr().err
    assert "PDF版は作成していません" in err and "the PDFs were not made" in err
    assert not list(tmp_path.rglob("*.pdf"))
    assert pdf.main([str(tmp_path), "--chromium", missing, "--require", "--root", str(ROOT)]) == 1   # publishing: a failure


def test_without_a_built_site_asks_for_the_build(tmp_path, capsys):
    assert pdf.main([str(tmp_path)]) == 1
    assert "make build" in capsys.readouterr().err


def test_footer_escapes_and_numbers_pages():
    footer = pdf.footer_template('A <b> & "C"', "https://example.org/print/", "en")
    assert "A &lt;b&gt; &amp;" in footer and 'class="pageNumber"' in footer and 'class="totalPages"' in footer


def _site(pdf_name: str, languages: tuple[str, ...]) -> Site:
    return Site(Text("架空町", ""), languages, (Text("基本目標", ""),), {"scheme": "s"}, pdf_name)


def test_the_pdfs_are_named_by_the_site_file_in_its_languages():
    assert pdf.pdf_paths(_site("kaku-hyoka", ("ja",))) == {"ja": "pdf/kaku-hyoka-ja.pdf"}
    assert pdf.pdf_paths(_site("r", ("ja", "en"))) == {"ja": "pdf/r-ja.pdf", "en": "en/pdf/r-en.pdf"}


def test_a_broken_site_file_is_one_line_naming_it(tmp_path, capsys):
    (tmp_path / "print").mkdir()
    (tmp_path / "print" / "index.html").write_text("<html></html>", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "site.yaml").write_text("municipality: {ja: 架空町}\nlanguages: [ja]\n", encoding="utf-8")
    assert pdf.main([str(tmp_path), "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("data/site.yaml")
