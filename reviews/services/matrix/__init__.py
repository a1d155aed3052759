"""The comment matrix: CSV and XLSX exports, Word reports, background exports and the XLSX round trip.

See docs/exports.md. Modules: ``rows`` (the columns and the two spreadsheet writers),
``reports`` (Word), ``jobs`` (files and background jobs), ``upload`` (the round trip).
"""

from guidance.uploads import DOCX_TYPE  # the content type of the Word reports
from reviews.services.matrix.apply import matrix_upload_apply
from reviews.services.matrix.files import matrix_csv_stream, write_csv, write_xlsx
from reviews.services.matrix.jobs import (
    export_file_name,
    export_job_create,
    export_job_run,
    matrix_csv_file,
    matrix_xlsx_file,
)
from reviews.services.matrix.reports import (
    ReportComment,
    disposition_report,
    disposition_report_docx,
    matrix_docx,
)
from reviews.services.matrix.rows import (
    COLUMNS,
    MatrixRow,
    inert,
    matrix_header,
    matrix_rows,
    uninert,
)
from reviews.services.matrix.upload import (
    MatrixApplyResult,
    MatrixUploadPreview,
    matrix_upload_parse,
)

__all__ = [
    "COLUMNS",
    "DOCX_TYPE",
    "MatrixApplyResult",
    "MatrixRow",
    "MatrixUploadPreview",
    "ReportComment",
    "disposition_report",
    "disposition_report_docx",
    "export_file_name",
    "export_job_create",
    "export_job_run",
    "inert",
    "matrix_csv_file",
    "matrix_csv_stream",
    "matrix_docx",
    "matrix_header",
    "matrix_rows",
    "matrix_upload_apply",
    "matrix_upload_parse",
    "matrix_xlsx_file",
    "uninert",
    "write_csv",
    "write_xlsx",
]
