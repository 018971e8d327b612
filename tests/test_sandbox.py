"""The template sandbox is closed: a house style's own Word template reaches plain data only.

Each test builds a style folder with a template carrying one attack (copied from the bundled
report template, with the Jinja put into a paragraph of its body), renders the example into it,
and checks that one ``TemplateError`` naming the template comes out and nothing is written: not
the document, not a file elsewhere.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from xml.etree import ElementTree

import jinja2
import pytest
from docx import Document

from trygga_docs.api import render_file
from trygga_docs.errors import DataError, TemplateError
from trygga_docs.loader import EXAMPLES, load
from trygga_docs.word.template import jinja_env
from trygga_docs.context.orgchart import orgchart
from trygga_docs.style import BUNDLED_TEMPLATES, HouseStyle, load_style

REPORT = EXAMPLES / "hoor" / "tjansteskrivelse-aterrapportering-trygghetsradet-2019.yaml"
AGREEMENT = EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml"


def attack_style(folder: Path, jinja: str, document: str = "report") -> Path:
    """A copy of the bundled ``klassisk`` style (it has a logo) whose ``document`` template
    carries ``jinja`` in a paragraph at the end of its body."""
    shutil.copytree(BUNDLED_TEMPLATES / "klassisk", folder)
    template = folder / f"{document}.docx"
    doc = Document(str(template))
    doc.add_paragraph(jinja)
    doc.save(str(template))
    return folder


def render_attack(tmp_path: Path, jinja: str, data: Path = REPORT,
                  document: str = "report") -> tuple[pytest.ExceptionInfo[TemplateError], Path]:
    """Render ``data`` with a template carrying ``jinja``; the error and the intended output."""
    style = attack_style(tmp_path / "ekby", jinja, document)
    out = tmp_path / "out" / "dokument.docx"
    with pytest.raises(TemplateError) as info:
        render_file(data, out, style=str(style))
    assert f"{document}.docx" in str(info.value), "the error names the template"
    assert not out.exists(), "nothing is written at the target"
    assert not list(out.parent.glob("*")) if out.parent.exists() else True
    return info, out


def test_a_template_cannot_save_the_document_elsewhere_through_the_logo(tmp_path):
    stolen = tmp_path / "stolen.docx"
    render_attack(tmp_path, "{{ house.logo.tpl.docx.save('%s') }}" % stolen)
    assert not stolen.exists()


def test_a_template_cannot_copy_a_file_from_disk_into_the_output(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("lösenord: hemligt", encoding="utf-8")
    render_attack(tmp_path, "{{ house.logo.tpl.replace_zipname('word/document.xml', '%s') }}"
                  % secret)


def test_a_template_cannot_add_an_image_from_disk(tmp_path):
    picture = tmp_path / "private.png"
    shutil.copy(BUNDLED_TEMPLATES / "klassisk" / "logo.png", picture)
    render_attack(tmp_path, "{{ house.logo.tpl.replace_pic('logo.png', '%s') }}" % picture)


def test_a_template_cannot_reach_the_template_through_the_org_chart(tmp_path):
    stolen = tmp_path / "stolen.docx"
    render_attack(tmp_path, "{{ orgchart.picture.tpl.docx.save('%s') }}" % stolen,
                  data=AGREEMENT, document="agreement")
    assert not stolen.exists()


def test_a_template_cannot_read_the_picture_behind_the_logo(tmp_path):
    render_attack(tmp_path, "{{ house.logo.picture.image }}")


def test_a_custom_template_is_checked_before_it_is_rendered(tmp_path):
    # a typo in a branch the example never takes: rendering alone would not notice it
    info, _ = render_attack(tmp_path, "{% if false %}{{ titel }}{% endif %}")
    assert "titel" in str(info.value)


def test_nested_range_loops_are_stopped(tmp_path):
    info, _ = render_attack(tmp_path, "{% for a in range(3000) %}{% for b in range(3000) %}"
                                      "{% endfor %}{% endfor %}")
    assert "loop" in str(info.value) or "work" in str(info.value)


def test_a_huge_range_is_refused(tmp_path):
    render_attack(tmp_path, "{% for a in range(10**12) %}{% endfor %}")


def test_a_string_doubled_in_a_loop_is_stopped(tmp_path):
    render_attack(tmp_path, "{% set ns = namespace(s='x') %}{% for i in range(25) %}"
                            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}")


def test_a_string_multiplied_to_a_huge_size_is_refused(tmp_path):
    render_attack(tmp_path, "{{ ('x' * 30000000)|length }}")


def test_a_huge_power_is_refused(tmp_path):
    render_attack(tmp_path, "{{ (7 ** 7777777) % 10 }}")


def test_a_filter_padding_to_a_huge_width_is_refused(tmp_path):
    render_attack(tmp_path, "{{ title|center(30000000)|length }}")


def test_a_recursive_macro_doubling_a_string_is_stopped(tmp_path):
    render_attack(tmp_path, "{% macro grow(s, n) %}{% if n %}{{ grow(s ~ s, n - 1) }}{% else %}"
                            "{{ s|length }}{% endif %}{% endmacro %}{{ grow('x', 25) }}")


# ---- the environment itself --------------------------------------------------------------------

@pytest.mark.parametrize("source", [
    "{{ d.items() }}", "{{ d.values() }}", "{{ s.upper() }}", "{{ s.format(d) }}",
    "{{ l.append(1) }}", "{{ l.pop() }}", "{{ d.update(a=1) }}", "{{ (s|attr('upper'))() }}",
])
def test_no_method_of_any_value_can_be_called(source):
    template = jinja_env().from_string(source)
    d, items = {"a": "b"}, [1, 2]
    with pytest.raises(jinja2.TemplateError):  # SecurityError, or "no attribute" for a mapping
        template.render(d=d, s="text", l=items)
    assert d == {"a": "b"} and items == [1, 2]


@pytest.mark.parametrize("source", [
    "{{ s.upper }}", "{{ l.append }}", "{{ d.keys }}", "{{ n.real }}", "{{ s['upper'] }}",
])
def test_no_attribute_of_a_value_other_than_a_mapping_key_is_visible(source):
    template = jinja_env().from_string(source)
    with pytest.raises(jinja2.TemplateError):
        template.render(d={"a": "b"}, s="text", l=[1, 2], n=3)


def test_what_templates_legitimately_use_still_works():
    source = ("{% for r in rows %}{{ loop.index }}{{ r.name }}{% if loop.last %}.{% endif %}"
              "{% endfor %}|{{ d.items }}|{{ row[0].name }}|{{ rows|length }}"
              "|{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}"
              "{% endfor %}{{ ns.n }}|{{ loop_free|default('-') }}"
              "|{% macro m(x) %}<{{ x }}>{% endmacro %}{{ m('a&') }}")
    out = jinja_env().from_string(source).render(
        rows=[{"name": "a"}, {"name": "b"}], d={"items": "listan"}, row=[{"name": "c"}])
    assert out == "1a2b.|listan|c|2|3|-|<a&amp;>"


# ---- style values that reach other formats -----------------------------------------------------

HOSTILE_FONT = 'Evil" onload="alert(1)"/><script>alert(2)</script><text x="'


def test_a_font_name_that_is_not_a_font_name_is_refused_in_style_toml(tmp_path):
    folder = tmp_path / "ekby"
    folder.mkdir()
    (folder / "style.toml").write_text(f"heading_font = '{HOSTILE_FONT}'\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_style(folder)
    assert "heading_font" in str(info.value)


def test_a_hostile_font_name_never_reaches_the_org_chart_svg():
    with pytest.raises(ValueError):
        HouseStyle(heading_font=HOSTILE_FONT)


def test_the_org_chart_never_writes_a_hostile_font_name_into_its_svg():
    style = HouseStyle()
    # a style object made without its validators, as a script might
    object.__setattr__(style, "heading_font", HOSTILE_FONT)
    object.__setattr__(style, "body_font", 'A" onmouseover="alert(3)')
    svg = ElementTree.fromstring(orgchart(load(AGREEMENT), "svg", style=style))
    elements = list(svg.iter())
    assert not [e for e in elements if e.tag.endswith("script")]
    assert not [e for e in elements if {"onload", "onmouseover"} & set(e.attrib)]
    fonts = {e.get("font-family") for e in elements} - {None}
    assert fonts and all(set(f) <= set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                       "0123456789 .-") for f in fonts), fonts


@pytest.mark.parametrize("key", ["header_text", "footer_text", "municipality", "name"])
def test_style_texts_with_characters_xml_cannot_carry_are_refused(tmp_path, key):
    folder = tmp_path / "ekby"
    folder.mkdir()
    (folder / "style.toml").write_text(f'{key} = "Ekby\\u0001kommun"\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_style(folder)
    assert key in str(info.value)


def test_the_logo_must_lie_inside_the_style_folder(tmp_path):
    shutil.copy(BUNDLED_TEMPLATES / "klassisk" / "logo.png", tmp_path / "outside.png")
    folder = tmp_path / "ekby"
    folder.mkdir()
    (folder / "style.toml").write_text('logo = "../outside.png"\n', encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_style(folder)
    assert "logo" in str(info.value)
