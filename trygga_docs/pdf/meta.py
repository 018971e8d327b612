"""Document metadata of a finished PDF: ``/Lang``, the Info dictionary and XMP, kept in step.

LibreOffice already writes title, author, subject and keywords into both the Info dictionary and
the XMP packet when it exports PDF/A, and ``/Lang`` from the document's default language. This
module checks that result and repairs what differs (a template left at ``en-US``, plain PDF without
XMP) so that PDF/A-2b's rule that Info and XMP agree keeps holding: :func:`ensure_metadata` on a
file, as an incremental update, and :func:`repair_metadata` in a document pikepdf has open (the
PDF/UA step, which writes the file anyway).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

import attrs
import pikepdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    BooleanObject,
    DictionaryObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "xmpMM": "http://ns.adobe.com/xap/1.0/mm/",
}
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PACKET_BEGIN = '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
_PACKET_END = '\n<?xpacket end="w"?>'


def _q(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


# Info key -> (XMP property, kind). PDF/A wants each pair to say the same thing.
_INFO_TO_XMP = {
    "/Title": ("dc", "title", "alt"),
    "/Author": ("dc", "creator", "seq"),
    "/Subject": ("dc", "description", "alt"),
    "/Keywords": ("pdf", "Keywords", "text"),
}


def wanted_info(*, title: str | None, author: str | None, subject: str | None,
                keywords: tuple[str, ...]) -> dict[str, str]:
    """The Info entries the options ask for; missing options leave the document's own value.

    >>> wanted_info(title="Protokoll", author=None, subject=None, keywords=("BRÅ", "Höör"))
    {'/Title': 'Protokoll', '/Keywords': 'BRÅ, Höör'}
    """
    out = {}
    if title:
        out["/Title"] = title
    if author:
        out["/Author"] = author
    if subject:
        out["/Subject"] = subject
    if keywords:
        out["/Keywords"] = ", ".join(keywords)
    return out


def pdf_date_to_xmp(value: str) -> str | None:
    """``D:20191125090000+01'00'`` -> ``2019-11-25T09:00:00+01:00`` (None when unreadable).

    >>> pdf_date_to_xmp("D:20191125090000+01'00'")
    '2019-11-25T09:00:00+01:00'
    >>> pdf_date_to_xmp("D:20261124044518Z'")
    '2026-11-24T04:45:18Z'
    """
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?",
                 value or "")
    if not m:
        return None
    y, mo, d, h, mi, s, tz = m.groups()
    out = f"{y}-{mo or '01'}-{d or '01'}T{h or '00'}:{mi or '00'}:{s or '00'}"
    if tz == "Z":
        out += "Z"
    elif tz:
        digits = tz.replace("'", "")
        out += f"{digits[:3]}:{digits[3:5] or '00'}"
    return out


def _xmp_values(root: ET.Element) -> dict[str, str]:
    """The Info-equivalent values an XMP packet holds."""
    out = {}
    for info_key, (prefix, name, kind) in _INFO_TO_XMP.items():
        el = root.find(f".//{_q(prefix, name)}")
        if el is None:
            continue
        if kind == "text":
            out[info_key] = (el.text or "").strip()
        else:
            items = [(li.text or "") for li in el.iter(_q("rdf", "li"))]
            out[info_key] = items[0] if kind == "alt" and items else ", ".join(items)
    return out


def _parse_xmp(data: bytes) -> ET.Element | None:
    text = data.decode("utf-8", "replace")
    start = text.find("<x:xmpmeta")
    if start < 0:
        start = text.find("<rdf:RDF")
    end_meta = text.rfind("</x:xmpmeta>")
    if end_meta >= 0:
        end = end_meta + len("</x:xmpmeta>")
    else:
        end = text.rfind("</rdf:RDF>") + len("</rdf:RDF>")
    if start < 0 or end <= start:
        return None
    try:
        root = ET.fromstring(text[start:end])
    except ET.ParseError:
        return None
    if root.tag == _q("rdf", "RDF"):
        meta = ET.Element(_q("x", "xmpmeta"))
        meta.append(root)
        root = meta
    return root


def _new_xmp(info: Mapping[str, str]) -> ET.Element:
    """A fresh packet saying what the Info dictionary says (for PDFs exported without XMP)."""
    root = ET.Element(_q("x", "xmpmeta"))
    rdf = ET.SubElement(root, _q("rdf", "RDF"))
    desc = ET.SubElement(rdf, _q("rdf", "Description"), {_q("rdf", "about"): ""})
    if info.get("/Producer"):
        ET.SubElement(desc, _q("pdf", "Producer")).text = str(info["/Producer"])
    if info.get("/Creator"):
        ET.SubElement(desc, _q("xmp", "CreatorTool")).text = str(info["/Creator"])
    for key, prop in (("/CreationDate", "CreateDate"), ("/ModDate", "ModifyDate")):
        date = pdf_date_to_xmp(str(info.get(key, "")))
        if date:
            ET.SubElement(desc, _q("xmp", prop)).text = date
    return root


def _set_xmp_values(root: ET.Element, values: Mapping[str, str]) -> None:
    """Replace the Info-equivalent properties in ``root`` with ``values``."""
    rdf = root.find(_q("rdf", "RDF"))
    assert rdf is not None
    for desc in rdf.findall(_q("rdf", "Description")):
        for info_key in values:
            prefix, name, _ = _INFO_TO_XMP[info_key]
            for el in desc.findall(_q(prefix, name)):
                desc.remove(el)
        if len(desc) == 0 and set(desc.attrib) <= {_q("rdf", "about")}:
            rdf.remove(desc)
    desc = ET.SubElement(rdf, _q("rdf", "Description"), {_q("rdf", "about"): ""})
    for info_key, value in values.items():
        prefix, name, kind = _INFO_TO_XMP[info_key]
        el = ET.SubElement(desc, _q(prefix, name))
        if kind == "text":
            el.text = value
        elif kind == "seq":
            seq = ET.SubElement(el, _q("rdf", "Seq"))
            ET.SubElement(seq, _q("rdf", "li")).text = value
        else:
            alt = ET.SubElement(el, _q("rdf", "Alt"))
            ET.SubElement(alt, _q("rdf", "li"), {_XML_LANG: "x-default"}).text = value


def _serialize_xmp(root: ET.Element) -> bytes:
    body = ET.tostring(root, encoding="unicode")
    # Writable padding, as the XMP spec recommends, so later tools can edit in place.
    padding = ("\n" + " " * 99) * 20
    return (_PACKET_BEGIN + body + padding + _PACKET_END).encode("utf-8")


@attrs.frozen
class _Repair:
    """What a PDF's metadata lacks: Info entries to write, the XMP packet to write (None when
    it is right), and the Info value of every key."""

    info: dict[str, str]
    xmp: ET.Element | None


def _repair(*, doc_info: Mapping[str, str], xmp: bytes | None, doc_lang: str,
            display_title: bool, lang: str, info: Mapping[str, str]) -> _Repair | None:
    """What has to change so that the PDF carries ``lang``, DisplayDocTitle, and ``info`` in
    Info and XMP alike; None when nothing does."""
    xmp_root = _parse_xmp(xmp) if xmp is not None else None
    want_info = {k: v for k, v in info.items() if doc_info.get(k) != v}
    merged_info = {**doc_info, **info}
    xmp_want = {k: merged_info[k] for k in _INFO_TO_XMP if merged_info.get(k)}
    xmp_ok = xmp_root is not None and _xmp_values(xmp_root) == xmp_want
    if doc_lang == lang and display_title and xmp_ok and not want_info:
        return None
    packet = None
    if not xmp_ok:
        packet = xmp_root if xmp_root is not None else _new_xmp(merged_info)
        _set_xmp_values(packet, xmp_want)
    # pypdf's incremental trailer names /Info only when it was written, and readers that trust
    # the newest trailer (qpdf, pikepdf) would lose the Info dictionary otherwise: always write
    return _Repair(info=want_info or {k: v for k, v in merged_info.items() if k == "/Title"},
                   xmp=packet)


def ensure_metadata(pdf: Path, *, lang: str, info: Mapping[str, str]) -> bool:
    """Make ``pdf`` carry ``/Lang``, DisplayDocTitle, and ``info`` in Info and XMP alike.

    Returns True when something had to be repaired (then written as an incremental update,
    which PDF/A allows), False when LibreOffice's output was already right.
    :func:`repair_metadata` does the same in a document pikepdf has open.
    """
    reader = PdfReader(pdf)
    root = reader.root_object
    xmp_obj = root.get("/Metadata")
    viewer = root.get("/ViewerPreferences")
    viewer = viewer.get_object() if viewer is not None else {}
    repair = _repair(doc_info={k: str(v) for k, v in (reader.metadata or {}).items()},
                     xmp=xmp_obj.get_object().get_data() if xmp_obj is not None else None,
                     doc_lang=str(root.get("/Lang", "")),
                     display_title=bool(viewer.get("/DisplayDocTitle", False)),
                     lang=lang, info=info)
    if repair is None:
        return False

    writer = PdfWriter(pdf, incremental=True)
    wroot = writer.root_object
    wroot[NameObject("/Lang")] = TextStringObject(lang)
    prefs = wroot.get("/ViewerPreferences")
    prefs = prefs.get_object() if prefs is not None else DictionaryObject()
    prefs[NameObject("/DisplayDocTitle")] = BooleanObject(True)
    wroot[NameObject("/ViewerPreferences")] = prefs
    writer.add_metadata(repair.info)
    if repair.xmp is not None:
        # PDF/A: the metadata stream is plain XML, never compressed.
        stream = StreamObject()
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        stream.set_data(_serialize_xmp(repair.xmp))
        wroot[NameObject("/Metadata")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    pdf.write_bytes(buf.getvalue())
    return True


def repair_metadata(pdf: pikepdf.Pdf, *, lang: str, info: Mapping[str, str]) -> bool:
    """:func:`ensure_metadata` for a document open in pikepdf (saved by the caller); True when
    something had to be repaired.

    >>> with pikepdf.new() as doc:
    ...     repair_metadata(doc, lang="sv-SE", info={"/Title": "Protokoll"}), str(doc.Root.Lang)
    (True, 'sv-SE')
    """
    root = pdf.Root
    info_dict = pdf.trailer.get("/Info")
    doc_info = ({str(k): str(v) for k, v in info_dict.items()}
                if isinstance(info_dict, pikepdf.Dictionary) else {})
    metadata = root.get("/Metadata")
    prefs = root.get("/ViewerPreferences")
    repair = _repair(doc_info=doc_info,
                     xmp=metadata.read_bytes() if isinstance(metadata, pikepdf.Stream) else None,
                     doc_lang=str(root.get("/Lang", "")),
                     display_title=isinstance(prefs, pikepdf.Dictionary)
                     and bool(prefs.get("/DisplayDocTitle", False)),
                     lang=lang, info=info)
    if repair is None:
        return False
    root.Lang = pikepdf.String(lang)
    if not isinstance(prefs, pikepdf.Dictionary):
        prefs = root.ViewerPreferences = pikepdf.Dictionary()
    prefs.DisplayDocTitle = True
    for key, value in repair.info.items():
        pdf.docinfo[key] = pikepdf.String(value)
    if repair.xmp is not None:  # qpdf leaves a /Type /Metadata stream uncompressed (PDF/A)
        root.Metadata = pdf.make_stream(_serialize_xmp(repair.xmp), Type=pikepdf.Name.Metadata,
                                        Subtype=pikepdf.Name.XML)
    return True


def xmp_summary(pdf: Path) -> dict[str, str]:
    """The XMP facts the tests and ``check`` look at: pdfaid part/conformance and Info values.

    Returns an empty dict when the PDF has no readable XMP packet.
    """
    reader = PdfReader(pdf)
    obj = reader.root_object.get("/Metadata")
    root = _parse_xmp(obj.get_object().get_data()) if obj is not None else None
    if root is None:
        return {}
    out = _xmp_values(root)
    for name in ("part", "conformance"):
        el = root.find(f".//{_q('pdfaid', name)}")
        if el is None:  # pdfaid may be written as attributes of rdf:Description
            for desc in root.iter(_q("rdf", "Description")):
                if _q("pdfaid", name) in desc.attrib:
                    out[f"pdfaid:{name}"] = desc.attrib[_q("pdfaid", name)]
        else:
            out[f"pdfaid:{name}"] = (el.text or "").strip()
    return out


# The PDF/UA identification and, because PDF/A allows only declared XMP properties, the PDF/A
# extension schema that declares pdfuaid (ISO 14289-1, 5; ISO 19005-2, 6.6.2.3).
_UA_DESCRIPTION = """\
  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" \
xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" \
xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates which part of ISO 14289 standard is followed\
</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
"""


def with_ua_identification(packet: bytes) -> bytes:
    """The XMP ``packet`` with ``pdfuaid:part 1`` and its PDF/A extension schema added.

    The text is inserted before ``</rdf:RDF>`` (the rest stays byte for byte) and as much
    padding is taken away, so the packet keeps its size. A packet that already names pdfuaid,
    or has no ``rdf:RDF``, is returned unchanged.

    >>> out = with_ua_identification(b'<x:xmpmeta><rdf:RDF>\\n </rdf:RDF></x:xmpmeta>' + b' ' * 2000)
    >>> b"<pdfuaid:part>1</pdfuaid:part>" in out, len(out)
    (True, 2044)
    """
    end = packet.rfind(b"</rdf:RDF>")
    if end < 0 or b"http://www.aiim.org/pdfua/ns/id/" in packet:
        return packet
    block = _UA_DESCRIPTION.encode("utf-8")
    out = packet[:end] + block + packet[end:]
    padding = out.rfind(b" " * 100)
    while len(out) > len(packet) and padding >= 0:
        cut = min(len(out) - len(packet), 99)
        out = out[:padding] + out[padding + cut:]
        padding = out.rfind(b" " * 100)
    return out
