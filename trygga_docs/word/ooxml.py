"""Word's XML rules the layers above must keep: the order of property elements.

LibreOffice reads property elements (``w:pPr``, ``w:rPr``, ``w:tblPr``, ``w:tcPr``, settings) in
any order; Word follows the schema and reports a file with them out of order as damaged. The
bundled templates are saved in order (``tools/templatekit.py``); docxtpl's ``{% cellbg %}`` and
LibreOffice's own DOCX export can still put an element out of place, which ``schema_order``
mends.
"""

from __future__ import annotations

from typing import Any

# The order the OOXML schema (ECMA-376, part 1) gives the children of the property elements this
# kit touches. LibreOffice reads any order; Word reports a file out of order as damaged.
SCHEMA_ORDER: dict[str, list[str]] = {
    "pPr": ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
            "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
            "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
            "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
            "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split(),
    "rPr": ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
            "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
            "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath").split(),
    "tblPr": ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
              "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption "
              "tblDescription").split(),
    "tblCellMar": "top start left bottom end right".split(),
    "tcPr": ("cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
             "vAlign hideMark").split(),
    "settings": ("writeProtection view zoom removePersonalInformation removeDateAndTime "
                 "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
                 "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
                 "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
                 "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop "
                 "hideSpellingErrors hideGrammaticalErrors activeWritingStyle proofState formsDesign "
                 "attachedTemplate linkStyles stylePaneFormatFilter stylePaneSortMethod documentType "
                 "mailMerge revisionView trackRevisions doNotTrackMoves doNotTrackFormatting "
                 "documentProtection autoFormatOverride styleLockTheme styleLockQFSet defaultTabStop "
                 "autoHyphenation consecutiveHyphenLimit hyphenationZone doNotHyphenateCaps "
                 "showEnvelope summaryLength clickAndTypeStyle defaultTableStyle evenAndOddHeaders "
                 "bookFoldRevPrinting bookFoldPrinting bookFoldPrintingSheets "
                 "drawingGridHorizontalSpacing drawingGridVerticalSpacing "
                 "displayHorizontalDrawingGridEvery displayVerticalDrawingGridEvery "
                 "doNotUseMarginsForDrawingGridOrigin drawingGridHorizontalOrigin "
                 "drawingGridVerticalOrigin doNotShadeFormData noPunctuationKerning "
                 "characterSpacingControl printTwoOnOne strictFirstAndLastChars noLineBreaksAfter "
                 "noLineBreaksBefore savePreviewPicture doNotValidateAgainstSchema saveInvalidXml "
                 "ignoreMixedContent alwaysShowPlaceholderText doNotDemarcateInvalidXml "
                 "saveXmlDataOnly useXSLTWhenSaving saveThroughXslt showXMLTags "
                 "alwaysMergeEmptyNamespace updateFields hdrShapeDefaults footnotePr endnotePr compat "
                 "docVars rsids mathPr attachedSchema themeFontLang clrSchemeMapping "
                 "doNotIncludeSubdocsInStats doNotAutoCompressPictures forceUpgrade captions "
                 "readModeInkLockDown smartTagType schemaLibrary shapeDefaults doNotEmbedSmartTags "
                 "decimalSymbol listSeparator").split(),
}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def schema_order(root: Any, parents: tuple[str, ...] = tuple(SCHEMA_ORDER)) -> None:
    """Put the children of every property element under ``root`` into schema order (stable;
    an element the table does not know stays behind the one before it).

    >>> from docx.oxml import parse_xml
    >>> cell = parse_xml('<w:tcPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    ...                  '<w:shd w:fill="DCEFE2"/><w:tcW w:w="1814"/></w:tcPr>')
    >>> schema_order(cell)
    >>> [child.tag.split("}")[1] for child in cell]
    ['tcW', 'shd']
    """
    for parent in parents:
        order = SCHEMA_ORDER[parent]
        rank = {_W + name: i for i, name in enumerate(order)}
        for element in root.iter(_W + parent):  # root itself included when it matches
            children = list(element)
            keys, last = [], -1
            for child in children:
                last = rank.get(child.tag, last)
                keys.append(last)
            if keys != sorted(keys):
                ordered = [c for _, c in sorted(zip(keys, children), key=lambda kc: kc[0])]
                for child in children:
                    element.remove(child)
                element.extend(ordered)



# Row properties the schema model of the Open XML SDK (which Word follows) takes as on/off only
# (``CT_OnOffOnly``: ``on`` or ``off``); LibreOffice's DOCX export writes ``w:val="true"``.
ON_OFF_ONLY = ("cantSplit", "tblHeader", "hidden")
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def on_off_only(root: Any) -> None:
    """Write LibreOffice's ``true``/``false`` in the row properties that take ``on``/``off`` only
    (``<w:cantSplit w:val="true"/>`` becomes ``<w:cantSplit/>``).

    >>> from docx.oxml import parse_xml
    >>> row = parse_xml('<w:trPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    ...                 '<w:cantSplit w:val="true"/><w:tblHeader w:val="false"/></w:trPr>')
    >>> on_off_only(row)
    >>> [(c.tag.split("}")[1], dict(c.attrib)) for c in row]
    [('cantSplit', {}), ('tblHeader', {'{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val': 'off'})]
    """
    for row in root.iter(_W + "trPr"):
        for child in row:
            if child.tag[len(_W):] not in ON_OFF_ONLY:
                continue
            value = child.get(_W + "val")
            if value in ("true", "1", "on"):
                del child.attrib[_W + "val"]
            elif value in ("false", "0"):
                child.set(_W + "val", "off")


def restore_picture_titles(root: Any, source: Any) -> int:
    """Give the pictures under ``root`` (a document LibreOffice re-saved) the titles and
    alternative texts they had in ``source`` (the document as rendered): LibreOffice's DOCX export
    keeps ``wp:docPr/@descr`` but drops ``@title``. Pictures are matched in document order, and
    only while the two documents have the same number of them. Returns how many were mended.
    """
    pictures = list(root.iter(_WP + "docPr"))
    originals = list(source.iter(_WP + "docPr"))
    if len(pictures) != len(originals):
        return 0
    mended = 0
    for picture, original in zip(pictures, originals):
        changed = False
        for attr in ("title", "descr"):
            if original.get(attr) and not picture.get(attr):
                picture.set(attr, original.get(attr))
                changed = True
        mended += changed
    return mended
