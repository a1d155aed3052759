"""The working group's practice queue: every practice pending is reachable, page by page
(it used to stop silently at 200), oldest submission first, drafts only when asked for."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from champions.models import Pilot, Practice
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_the_queue_is_paged_and_loses_nothing(client, moderator, states):
    start = timezone.now() - datetime.timedelta(days=200)
    author = moderator
    for n in range(120):
        PracticeFactory(
            member_state=states["MA"],
            status="submitted",
            submitted_at=start + datetime.timedelta(days=n),
            author=author,
        )
    PracticeFactory(member_state=states["MA"], status="draft", author=author)
    client.force_login(moderator)
    seen = []
    for number in (1, 2, 3):
        page = client.get(reverse("champions:practice_queue"), {"page": number, "status": ""})
        assert page.status_code == 200
        seen += [practice.pk for practice in page.context["practices"]]
    expected = list(
        Practice.objects.filter(status="submitted").order_by("submitted_at", "pk").values_list("pk", flat=True)
    )
    assert seen == expected  # all 120, in order, once each, and no draft
    last = client.get(reverse("champions:practice_queue"), {"page": 3}).content.decode()
    assert "Page 3 of 3" in last and 'rel="prev"' in last and 'rel="next"' not in last


def test_the_pager_keeps_the_filter(client, moderator, states):
    for _ in range(60):
        PracticeFactory(member_state=states["MA"], status="approved", author=moderator)
    client.force_login(moderator)
    page = client.get(reverse("champions:practice_queue"), {"status": "approved"}).content.decode()
    assert "?status=approved&amp;page=2" in page


def test_the_overview_s_breadcrumb_names_it_once(client, moderator):
    client.force_login(moderator)
    crumbs = client.get(reverse("champions:programme_overview")).content.decode().split('class="breadcrumbs"')[1]
    crumbs = crumbs.split("</nav>")[0]
    assert crumbs.count("Champions programme") == 1 and 'aria-current="page">Champions programme' in crumbs


def test_the_overview_escapes_what_a_focal_point_typed(client, moderator, pilot_ma):
    Pilot.objects.filter(pk=pilot_ma.pk).update(title='<script>alert("x")</script> & "quotes"')
    client.force_login(moderator)
    page = client.get(reverse("champions:programme_overview")).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;" in page
