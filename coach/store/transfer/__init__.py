"""Everything the program keeps, out to open formats and back in.

JSON is one document: {"format", "version", "schema", "exported_at", "tables"}, each
table a list of rows keyed by column name, values as stored (times are UTC ISO text).
CSV is a zip with one CSV file per table and about.csv with the same four facts.

An import is checked whole before anything is written (``check``): every table, column,
type, range and reference. A file that fails is refused with a message naming the file,
the table, the row and the column, and the database is not touched. A good file is
merged in one transaction (``merge``): rows already there (the same workout, check-in,
safety answer...) are recognised and skipped, so importing the same file twice adds
nothing.
"""

from coach.store.transfer.check import ImportRefused, read_file
from coach.store.transfer.export import export_file, export_tables
from coach.store.transfer.merge import Report, import_tables
from coach.store.transfer.tables import counts

__all__ = [
    "ImportRefused",
    "Report",
    "counts",
    "export_file",
    "export_tables",
    "import_tables",
    "read_file",
]
