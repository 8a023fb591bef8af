"""Demo consultations for the fictional area (and, in demo_actions, about 20 actions and co-production records):
four at different stages, dated from the clock so they stay at those stages (one opening soon, one open with an
easy-read version and a survey, one closed, one with its outcome published). Idempotent: a consultation whose
address exists is left alone."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from engage.clock import utcnow
from engage.consultations import service
from engage.consultations.dates import end_of_day, start_of_day
from engage.consultations.demo_actions import load_demo_actions
from engage.consultations.demo_events import load_demo_events
from engage.consultations.models import Audience, Consultation, DocumentFormat, Follower
from engage.extensions import db

DAY = timedelta(days=1)


def demo_pdf(title: str) -> bytes:
    """A small, valid one-page PDF saying `title` (ASCII), built by hand so the demo needs no PDF library."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 18 Tf 72 720 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _days(offset: int):
    return (utcnow() + offset * DAY).date()


DEMO = (
    {
        "slug": "preparing-for-adulthood-2027", "title": "Preparing for adulthood: moving on from school",
        "summary": "How should support change when young people with SEND leave school? Tell us before we plan.",
        "body": "We want to hear from **young people** about work, college, housing and friendships after 16.",
        "audience": Audience.young_people, "opens": 14, "closes": 60, "survey_ids": [],
    },
    {
        "slug": "short-breaks-2027", "title": "Short breaks for disabled children",
        "summary": "We propose new after-school and holiday short breaks. Do they meet your family's needs?",
        "body": "### What we propose\n\n- after-school clubs in three more schools\n- holiday play schemes"
        " with trained staff\n- a clearer way to ask for a short break\n\nRead the easy-read version, answer"
        " the survey and tell us what you think.",
        "audience": Audience.parents_carers, "opens": -20, "closes": 30,
        "survey_ids": ["parent-carer-send-survey-2026"], "promised": ["easy_read"],
    },
    {
        "slug": "send-transport-policy", "title": "Home to school travel assistance policy",
        "summary": "Our draft travel assistance policy for children and young people with SEND.",
        "body": "The consultation has closed. We are reading every answer and will publish what we decided.",
        "audience": Audience.everyone, "opens": -90, "closes": -10, "survey_ids": [],
    },
    {
        "slug": "local-offer-website-2026", "title": "Making the Local Offer easier to use",
        "summary": "We asked how the Local Offer website could be easier to find and use on a phone.",
        "body": "Families told us the website was hard to use on a phone and hard to search.",
        "audience": Audience.everyone, "opens": -200, "closes": -120, "survey_ids": ["local-offer-feedback"],
        "outcome": (
            "How could the Local Offer website be easier to find and use?",
            "It was hard to search, hard to read on a phone, and only in English.",
            "We rebuilt the search, made every page work on a phone, and added five languages.",
        ),
    },
)  # fmt: skip


def _create(spec: dict) -> Consultation:
    consultation = service.create(
        slug=spec["slug"], title=spec["title"], summary=spec["summary"], body=spec["body"],
        audience=spec["audience"], opens_at=start_of_day(_days(spec["opens"])),
        closes_at=end_of_day(_days(spec["closes"])), survey_ids=spec["survey_ids"],
        promised_formats=spec.get("promised", []),
    )  # fmt: skip
    document = service.add_document(consultation, "Consultation paper")
    service.upload_version(document, format=DocumentFormat.standard, data=demo_pdf(spec["title"]), filename="paper")
    if "easy_read" in spec.get("promised", []):
        easy = demo_pdf(f"Easy read: {spec['title']}")
        service.upload_version(document, format=DocumentFormat.easy_read, data=easy, filename="easy-read")
        service.link_video(document, "https://video.example-borough.invalid/bsl/short-breaks")
    service.publish(consultation)
    return consultation


def load_demo() -> None:
    load_demo_consultations()
    load_demo_actions()
    load_demo_events()


def load_demo_consultations() -> None:
    for spec in DEMO:
        if db.session.scalar(select(Consultation.id).where(Consultation.slug == spec["slug"])):
            continue
        consultation = _create(spec)
        if "outcome" in spec:
            asked, said, did = spec["outcome"]
            service.publish_outcome(consultation, we_asked=asked, you_said=said, we_did=did)
        if spec["slug"] == "short-breaks-2027":
            _demo_followers(consultation)


#: (address, language, hear back): followers who confirmed, and commenters who asked to hear back, in the demo's
#: languages, so the emails the cron sends can be seen in each.
DEMO_FOLLOWERS = (
    ("demo.parent@example-borough.invalid", "en", False),
    ("demo.rodzic@example-borough.invalid", "pl", False),
    ("demo.walidain@example-borough.invalid", "ur", True),
    ("demo.parinte@example-borough.invalid", "ro", True),
)


def _demo_followers(consultation: Consultation) -> None:
    for email, language, hear_back in DEMO_FOLLOWERS:
        db.session.add(Follower(consultation_id=consultation.id, email=email, language=language, hear_back=hear_back,
                                confirmed_at=utcnow()))  # fmt: skip
    db.session.commit()
