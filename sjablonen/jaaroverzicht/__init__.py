"""The year overview as a Word report, an Excel workbook and a CSV file.

`workflow.jaaroverzicht` builds the plain data of `gegevens` from the register; each output has
its own module here: the sentences (`kerncijfers`), the shared cell wording (`kolommen`), the CSV
file (`csvbestand`), the workbook (`excel`, whose advice rows `snelblad` writes), the report
(`word`) and its chart (`grafiek`). Nothing here imports `workflow`, and the heavy libraries
(python-docx, xlsxwriter, matplotlib) are imported inside the functions that need them
(`snelblad` itself only from inside `excel.schrijf_xlsx`).
"""

from sjablonen.jaaroverzicht.csvbestand import schrijf_csv
from sjablonen.jaaroverzicht.excel import schrijf_xlsx
from sjablonen.jaaroverzicht.grafiek import grafiek_png
from sjablonen.jaaroverzicht.kerncijfers import zinnen
from sjablonen.jaaroverzicht.word import schrijf_docx

__all__ = ["grafiek_png", "schrijf_csv", "schrijf_docx", "schrijf_xlsx", "zinnen"]
