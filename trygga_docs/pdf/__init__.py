"""PDF from Word: warm LibreOffice workers, the check of each PDF against its Word file, metadata
and merged bilagor.

>>> from trygga_docs.pdf import Converter, PdfOptions
"""

from trygga_docs.pdf.convert import Converter, PdfOptions

__all__ = ["Converter", "PdfOptions"]
