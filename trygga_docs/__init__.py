"""trygga_docs: municipality-styled Word and PDF documents for Swedish local safety work.

>>> import trygga_docs
>>> agreement = trygga_docs.load(trygga_docs.EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
>>> agreement.period.year_span
'2016–2019'
"""

from trygga_docs.api import FORMATS, render, render_file
from trygga_docs.errors import ConversionError, DataError, OutputError, TemplateError, TryggaDocsError
from trygga_docs.loader import EXAMPLES, load, read_data, structure
from trygga_docs.style import HouseStyle, load_style

__version__ = "0.1.0"

__all__ = [
    "EXAMPLES", "FORMATS", "ConversionError", "DataError", "HouseStyle", "OutputError", "TemplateError",
    "TryggaDocsError", "load", "load_style", "read_data", "render", "render_file", "structure",
    "__version__",
]
