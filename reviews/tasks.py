"""Background tasks (django-tasks): run by `python manage.py db_worker` in production, at once in tests."""

from django_tasks import task

from reviews.forms.exports import matrix_filters
from reviews.models import ExportJob, Submission
from reviews.selectors.matrix import matrix_comments
from reviews.services import receipts
from reviews.services.matrix import export_job_run


@task()
def export_matrix(job_id: str) -> str:
    """Write a comment-matrix export job's file (its status and progress are on the job)."""
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    export_job_run(job=job, queryset=matrix_comments(matrix_filters(job.query)))
    return job.status


@task()
def send_submission_receipt(submission_id: int) -> int:
    """Email a submission's receipt to the delegation's members (queued when the submission commits)."""
    submission = (
        Submission.objects.select_related("review_round", "member_state", "organisation", "submitted_by")
        .filter(pk=submission_id)
        .first()
    )
    if submission is None:
        return 0
    return receipts.submission_receipt_send(submission=submission)
