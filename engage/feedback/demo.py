"""About 200 demo comments for Example Borough: several languages, two safeguarding concerns, some answered.

Idempotent: a comment whose text is already stored is skipped, and the random choices use a fixed seed.
Alerts for the demo's safeguarding comments are marked as sent (nothing is emailed).
"""

from __future__ import annotations

import random
from datetime import timedelta

import click
from sqlalchemy import select

from engage.clock import utcnow
from engage.extensions import db
from engage.feedback import service, themes
from engage.feedback.models import Comment, CommentStatus, PublishConsent, Regulation56, Topic

SEED = 20261122
SERVICES = (
    ("speech and language therapy", "salt"), ("the occupational therapy team", "ot"),
    ("the SEND casework team", "send-casework"), ("the short breaks service", "short-breaks"),
    ("home to school transport", "transport"), ("CAMHS", "camhs"), ("the portage service", "portage"),
    ("the educational psychology service", "ep"), ("the Brookside autism support group", "brookside-asd"),
    ("the Riverside youth club", "riverside-youth"), ("the Hillcrest children's centre", "hillcrest-cc"),
    ("the preparing for adulthood team", "pfa"), ("the Eastfield sensory play sessions", "eastfield-sensory"),
    ("the Northgate supported internship scheme", "northgate-internships"),
)  # fmt: skip
EXPERIENCES = (
    "{s} were brilliant: they listened and explained everything clearly.",
    "We have been waiting nine months for {s} and nobody has rung back.",
    "{s} helped my son settle at school; the staff really understood him.",
    "I chased {s} for weeks by email and heard nothing until I complained.",
    "Mixed experience with {s}: lovely staff but the wait was far too long.",
    "{s} cancelled our appointment twice at short notice, which was very hard for my daughter.",
    "Thank you to {s}, the difference for our family has been huge.",
    "The information about {s} on the Local Offer was out of date and the phone number did not work.",
    "{s} did not involve us in the plan; we felt ignored as parents.",
    "It would help if {s} offered appointments after school hours.",
    "We were told {s} had no places left in Kingsmead and should try another ward.",
    "{s} gave us clear advice about the EHCP annual review, thank you.",
    "The annual review with {s} was late again and the draft plan had mistakes.",
    "Our key worker at {s} always replies the same day, which makes such a difference.",
)
OTHER_LANGUAGES = (
    "Czekamy na ocenę EHCP od ponad roku i nikt nie odpowiada na nasze telefony.",
    "Bardzo dziękuję terapeutce mowy, syn robi ogromne postępy.",
    "Szkoła nie rozumie potrzeb mojej córki i nie mamy żadnego wsparcia.",
    "Transport do szkoły spóźnia się prawie codziennie.",
    "Mulțumesc echipei de terapie ocupațională, au fost foarte răbdători cu fiul meu.",
    "Așteptăm de opt luni o programare și nimeni nu ne spune nimic.",
    "Informațiile de pe site nu sunt traduse și nu înțeleg ce drepturi avem.",
    "Labai ačiū mokyklos darbuotojams, jie labai padėjo mano sūnui.",
    "Jau pusę metų laukiame vertinimo ir niekas neatsako į laiškus.",
    "ہمیں ایک سال سے زیادہ انتظار کرنا پڑا اور کسی نے ہماری بات نہیں سنی۔",
    "اسکول کا عملہ بہت مددگار تھا، شکریہ۔",
    "ویب سائٹ پر معلومات اردو میں نہیں ہیں۔",
    "আমার ছেলের স্কুল খুব সাহায্য করেছে, ধন্যবাদ।",
    "আমরা ছয় মাস ধরে অপেক্ষা করছি এবং কেউ ফোন ধরে না।",
    "ওয়েবসাইটে বাংলায় কোনো তথ্য নেই।",
)
SAFEGUARDING = (
    "My son keeps saying he wants to die and the waiting list for CAMHS is eight months. What do we do?",
    "A boy in my daughter's class told her an adult at home hits him and he is frightened to go home.",
)
RESPONSES = (
    "Thank you. We shared this with the service manager, who has changed how call-backs are logged.",
    "Thank you for telling us. The Local Offer entry has been updated and checked by the Parent Carer Forum.",
    "We are sorry for the wait. Extra therapists start in January and we will publish waiting times monthly.",
    "Thank you: we passed your kind words to the team.",
)


#: what the area intends to do about the demo's Local Offer comments (by: is it about easy-read pages?)
LOCAL_OFFER_ACTIONS = {
    False: "Add postcode districts to the Local Offer search by the end of March.",
    True: "Write easy-read versions of the ten most visited pages with the youth forum this year.",
}


def _texts(rng: random.Random) -> list[tuple[str, Topic, str | None]]:
    english = [(e.format(s=name).capitalize(), Topic.service, slug) for name, slug in SERVICES for e in EXPERIENCES]
    rng.shuffle(english)
    chosen = english[:180] + [(t, Topic.general, None) for t in OTHER_LANGUAGES]
    chosen += [(t, Topic.general, None) for t in SAFEGUARDING]
    extra = ["The Local Offer search does not find services by postcode district like EX4.",
             "Please add more easy-read pages for young people on the Local Offer.",
             "The consultation on short breaks was well run and the survey was quick on my phone."]  # fmt: skip
    chosen += [(t, Topic.local_offer if "Local Offer" in t else Topic.consultation, None) for t in extra]
    return chosen


def _moderate(comment: Comment, rng: random.Random) -> None:
    """Some demo comments are already coded and answered, as they would be after a few weeks."""
    if comment.safeguarding_flagged:
        comment.safeguarding_alert_sent_at = comment.created_at
        return
    if comment.created_at > utcnow() - timedelta(days=21) or rng.random() < 0.4:
        return
    comment.themes = themes.by_slugs(comment.suggested_themes)
    if comment.topic == Topic.local_offer:  # coded to regulation 56(1), so "You said, we did" can group it
        easy_read = "easy-read" in comment.text
        comment.regulation_56 = Regulation56.accessibility if easy_read else Regulation56.content
        comment.intended_action = LOCAL_OFFER_ACTIONS[easy_read]
    if comment.publish_consent == PublishConsent.anonymous and comment.language == "en":
        comment.status, comment.response = CommentStatus.published, rng.choice(RESPONSES)
        comment.published_at = comment.created_at + timedelta(days=rng.randint(3, 20))
    else:
        comment.status = CommentStatus.in_review


def load_demo() -> None:
    themes.ensure_seeded()
    rng = random.Random(SEED)
    known = set(db.session.scalars(select(Comment.content_hash)))
    added = 0
    for text, topic, about in _texts(rng):
        age = timedelta(days=rng.randint(0, 120), minutes=rng.randint(0, 1440))
        consent = PublishConsent.anonymous if rng.random() < 0.7 else PublishConsent.private
        if service.content_hash(text) in known:
            continue
        comment = Comment(topic=topic, about=about, text=text, publish_consent=consent,
                          content_hash=service.content_hash(text), created_at=utcnow() - age)  # fmt: skip
        db.session.add(comment)
        service.apply_analysis(comment)
        _moderate(comment, rng)
        added += 1
    db.session.commit()
    click.echo(f"Demo comments: {added} added.")
