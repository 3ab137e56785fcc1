"""Publication (发布): the one place where evaluation writes portal pages.

`publish` turns an approved campaign into a release page under the honour roll with
one profile page per honouree, holding public fields only (name, category,
district, story, published photo): as drafts for the editors' last touch or live,
per the campaign's `publication_mode`.  It also issues the certificates and notes
the title as held, so later nominations at this level are refused.  Running it
again adds only what is missing.  `withdraw_profile` takes a revoked honouree's
page off the public roll (the records stay).
"""

import re

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.actions.unpublish_page import UnpublishPageAction

from evaluation import rules
from evaluation.models import Campaign, Disqualification, HeldTitle, Honour, HonourStatus, PublicationMode
from evaluation.services import approval as approval_service
from evaluation.services import audit, certificates
from evaluation.services.notice import unresolved_for
from evaluation.workflows.pipeline import OutOfOrder, Refusal
from portal.models import HonoureePage, HonourHeld, HonourRollPage, ReleasePage


class PublicationRefused(OutOfOrder):
    """Publication cannot go ahead; `code` is a Refusal value, the message says why in Chinese, naming candidates."""


def _photo(nomination):
    photo = nomination.photos.filter(public_image__isnull=False).order_by("pk").first()
    return photo.public_image if photo else None


def _deed(story):
    first = re.split(r"(?<=[。！？!?])", story, maxsplit=1)[0]
    return first[:200]


def _story_blocks(story):
    paragraphs = [p.strip() for p in story.splitlines() if p.strip()]
    return [("paragraph", f"<p>{escape(p)}</p>") for p in paragraphs]


def _check(campaign, approval, nominations, today=None):
    """Publication follows the recorded approval, after the notice, for the approved people only."""
    if approval is None or not nominations:
        raise PublicationRefused(
            Refusal.NOT_APPROVED, "本次活动尚未录入文明委审批，不能发布。按评选办法，经文明委审批后方可发布。"
        )
    found = approval_service.notice_refusal(campaign, today=today)
    if found:
        raise PublicationRefused(found.code, found.message)
    blocked = list(unresolved_for(nominations))
    if blocked:
        names = "、".join(sorted({o.nomination.nominee_name for o in blocked}))
        raise PublicationRefused(Refusal.OBJECTION_OPEN, f"候选人{names}有未办结的公示异议，办结前不能发布。")
    disqualified = set(Disqualification.objects.nomination_ids(campaign))
    out = [n.nominee_name for n in nominations if n.pk in disqualified]
    if out:
        raise PublicationRefused(Refusal.DISQUALIFIED, f"候选人{'、'.join(out)}已被取消候选资格，不能发布。")
    without_consent = [n.nominee_name for n in nominations if not n.consent_given]
    if without_consent:
        raise PublicationRefused(
            Refusal.CONSENT_MISSING, f"候选人{'、'.join(without_consent)}尚未记录本人同意公开，不能发布。"
        )


def _release(campaign, roll, approval, *, actor, live):
    release = campaign.release_page.specific if campaign.release_page_id else None
    if release is None:
        release = ReleasePage(
            title=f"{campaign.period_label}“{campaign.honour_title}”",
            slug=f"campaign-{campaign.pk}",
            level=campaign.level,
            year=approval.approved_on.year,
            period_label=campaign.period_label,
            date=approval.approved_on,
            intro=f"经{approval.document_number}批准，现将{campaign.period_label}“{campaign.honour_title}”名单发布如下。",
            live=False,
        )
        roll.add_child(instance=release)
        _save(release, actor=actor, live=live)
    return release


def _submit_for_review(release, *, actor):
    """Draft mode: the release goes to its review workflow as one submission; its new profiles go with it
    (portal/workflow_finish.py publishes them with the release)."""
    workflow = release.get_workflow()
    if workflow is None or release.workflow_in_progress or release.live:
        return False
    workflow.start(release, actor)
    return True


def existing_profile(nomination):
    """The profile this person already has from an earlier honour (matched by ID number), or None."""
    if not nomination.id_number_hash:
        return None
    earlier = (
        Honour.objects.filter(nomination__id_number_hash=nomination.id_number_hash, page__isnull=False)
        .exclude(status=HonourStatus.REVOKED)
        .order_by("-awarded_on", "-pk")
        .first()
    )
    return earlier.page.specific if earlier else None


def _save(page, *, actor, live):
    revision = page.save_revision(user=actor, log_action=True)
    if live:
        revision.publish(user=actor, skip_permission_checks=True)
        page.refresh_from_db()
    return page


def _profile(release, nomination, campaign, approval, *, actor, live):
    """The person's profile with this honour on it: their existing one updated, or a new one under the release."""
    held = HonourHeld(name=campaign.honour_full_title, level=campaign.level, date=approval.approved_on, release=release)
    page = existing_profile(nomination)
    if page is not None:
        page.honours.add(held)
        page.unit = nomination.unit or page.unit
        return _save(page, actor=actor, live=live and page.live)
    page = HonoureePage(
        title=nomination.nominee_name,
        slug=f"honouree-{nomination.pk}",
        subject_kind=nomination.subject_kind,
        category=nomination.category,
        district=nomination.jurisdiction.public_district,
        unit=nomination.unit,
        photo=_photo(nomination),
        deed=_deed(nomination.story),
        story=_story_blocks(nomination.story),
        live=False,
    )
    page.honours = [held]
    release.add_child(instance=page)
    return _save(page, actor=actor, live=live)


def _held_title(nomination, campaign, approval):
    title = HeldTitle(
        person_name=nomination.nominee_name,
        title=campaign.honour_full_title,
        level=campaign.level,
        awarded_on=approval.approved_on,
        id_number_hash=nomination.id_number_hash,
        id_number_masked=nomination.id_number_masked,
        id_number_cipher=nomination.id_number_cipher,
    )
    title.save()
    return title


@transaction.atomic
def publish(campaign, *, actor, today=None):
    """Publish an approved campaign to the honour roll; returns the release page.

    `today`: the day checked against the notice (the demo replays the past)."""
    if not rules.can_publish(actor):
        raise PermissionDenied("您无权发布评选结果。")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    approval = getattr(campaign, "approval", None)
    nominations = (
        list(approval.nominations.select_related("jurisdiction").order_by("category", "pk")) if approval else []
    )
    _check(campaign, approval, nominations, today)
    roll = HonourRollPage.objects.live().order_by("path").first()
    if roll is None:
        raise PublicationRefused(Refusal.NO_HONOUR_ROLL, "网站尚未建立好人榜页面，不能发布。")
    live = campaign.publication_mode == PublicationMode.LIVE
    release = _release(campaign, roll, approval, actor=actor, live=live)
    added = []
    for seq, nomination in enumerate(nominations, start=1):
        if Honour.objects.filter(nomination=nomination).exists():
            continue
        page = _profile(release, nomination, campaign, approval, actor=actor, live=live)
        honour = Honour.objects.create(
            campaign=campaign,
            nomination=nomination,
            name=nomination.nominee_name,
            title=campaign.honour_full_title,
            level=campaign.level,
            awarded_on=approval.approved_on,
            page=page,
            held_title=_held_title(nomination, campaign, approval),
        )
        certificate = certificates.issue(honour, seq=seq)
        audit.record(
            nomination,
            action="published" if live else "drafted",
            actor=actor,
            page=page.pk,
            certificate=certificate.number,
        )
        added.append(honour)
    first_time = campaign.release_page_id is None
    campaign.release_page = release
    if live:
        campaign.published_at = campaign.published_at or timezone.now()
    campaign.save(update_fields=["release_page", "published_at"])
    submitted = False if live else _submit_for_review(release, actor=actor)
    if first_time or added:
        audit.record_campaign(
            campaign,
            action="campaign_published" if live else "campaign_drafted",
            actor=actor,
            release=release.pk,
            honourees=len(added),
            mode=campaign.publication_mode,
            submitted_for_review=submitted,
        )
    return release


def add_to_profile(honour, *, name, level, date, actor):
    """A later honour of the same person (a promotion's award) listed on the profile they already have."""
    page = honour.page.specific if honour.page_id else None
    if page is None:
        return None
    if page.honours.filter(name=name, level=level).exists():
        return page
    page.honours.add(HonourHeld(name=name, level=level, date=date))
    revision = page.save_revision(user=actor, log_action=True)
    if page.live:
        # The higher level's award is the authority here, not the actor's page permissions.
        revision.publish(user=actor, skip_permission_checks=True)
    return page


def withdraw_profile(honour, *, actor):
    """Take the honouree's profile off the public roll; the page and every record stay for staff."""
    page = honour.page.specific if honour.page_id else None
    if page is not None and page.live:
        # The revocation decision is the authority here, not the actor's page permissions.
        UnpublishPageAction(page, user=actor, log_action=True).execute(skip_permission_checks=True)
    return page


def results(campaign):
    """Live honouree pages of a published campaign with their honours, in release order."""
    if not campaign.is_published:
        return []
    honours = (
        Honour.objects.filter(campaign=campaign, page__live=True)
        .select_related("page", "certificate")
        .order_by("page__path")
    )
    return list(honours)
