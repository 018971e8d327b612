"""trygga_docs: municipality-styled Word and PDF documents for Swedish local safety work.

>>> import trygga_docs
>>> agreement = trygga_docs.load(trygga_docs.EXAMPLES / "hoor" / "samverkansoverenskommelse.yaml")
>>> agreement.period.year_span
'2016–2019'
"""

from .api import FORMATS, render, render_file
from .errors import ConversionError, DataError, OutputError, TemplateError, TryggaDocsError
from .load import EXAMPLES, load, read_data, structure
from .style import HouseStyle, load_style

__version__ = "0.1.0"

__all__ = [
    "EXAMPLES", "FORMATS", "ConversionError", "DataError", "HouseStyle", "OutputError", "TemplateError",
    "TryggaDocsError", "load", "load_style", "read_data", "render", "render_file", "structure",
    "__version__",
]
