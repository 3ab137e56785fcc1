"""Who may do what with nominations, by name.

Every screen, the API and the exports ask these functions; jurisdiction
scoping is one queryset (`nominations_for`) shared by all of them.
"""

from django.db.models import Q

from evaluation import predicates
from evaluation.choices import Role
from evaluation.predicates import covers, has_role, profile_of
from evaluation.workflows.nomination import Status, Step

REVIEWER_FOR_STEP = {
    Step.GRASSROOTS: (Role.UNIT_SUBMITTER, Role.DISTRICT_REVIEWER),
    Step.DISTRICT: (Role.DISTRICT_REVIEWER,),
}
RESUBMITTER_FOR_STEP = {
    Step.GRASSROOTS: (Role.UNIT_SUBMITTER, Role.DISTRICT_REVIEWER),
    Step.DISTRICT: (Role.UNIT_SUBMITTER, Role.DISTRICT_REVIEWER),
    Step.CITY: (Role.UNIT_SUBMITTER, Role.DISTRICT_REVIEWER),
}
JURISDICTION_ROLES = (Role.DISTRICT_REVIEWER, Role.UNIT_SUBMITTER)
# Districts and units keep the care of the honourees they recommended (属地管理, 谁推荐谁负责).
CARE_ROLES = (Role.DISTRICT_REVIEWER,)


def nominations_for(user, queryset=None):
    """The nominations `user` may see: all for city staff, their subtree for reviewers, none otherwise."""
    from evaluation.models import Nomination

    queryset = Nomination.objects.all() if queryset is None else queryset
    if predicates.is_city_staff(user):
        return queryset
    if has_role(user, *JURISDICTION_ROLES):
        return queryset.in_jurisdiction(profile_of(user).jurisdiction)
    return queryset.none()


def submissions_for(user, queryset=None):
    """Organisation submissions `user` may see: all for city staff, those from their subtree for reviewers."""
    from evaluation.models import OrganisationSubmission

    queryset = OrganisationSubmission.objects.all() if queryset is None else queryset
    if predicates.is_city_staff(user):
        return queryset
    if has_role(user, *JURISDICTION_ROLES):
        return queryset.filter(organisation__path__startswith=profile_of(user).jurisdiction.path)
    return queryset.none()


def awaiting_action_by(user, queryset):
    """Nominations waiting for this user's decision (for the "待我处理" filter)."""
    if predicates.is_city_staff(user):
        return queryset.filter(status=Status.PENDING_CITY)
    q = Q(pk__in=[])
    if has_role(user, Role.DISTRICT_REVIEWER):
        q |= Q(status=Status.PENDING_DISTRICT)
    if has_role(user, *REVIEWER_FOR_STEP[Step.GRASSROOTS]):
        q |= Q(status=Status.PENDING_GRASSROOTS)
    if has_role(user, *JURISDICTION_ROLES):
        q |= Q(status=Status.RETURNED)
    return nominations_for(user, queryset).filter(q)


def can_access_nominations(user):
    return is_city_staff(user) or has_role(user, *JURISDICTION_ROLES)


def can_view_nomination(user, nomination):
    if is_city_staff(user):
        return True
    return has_role(user, *JURISDICTION_ROLES) and covers(user, nomination.jurisdiction)


def can_review(user, nomination):
    """May `user` approve / return / reject at the nomination's current step?"""
    step = Status.step_of(nomination.status)
    if step is None:
        return False
    if step == Step.CITY:
        return is_city_staff(user)
    if is_superuser(user):
        return True
    return has_role(user, *REVIEWER_FOR_STEP[step]) and covers(user, nomination.jurisdiction)


def can_resubmit(user, nomination):
    if nomination.status != Status.RETURNED:
        return False
    if is_superuser(user):
        return True
    roles = RESUBMITTER_FOR_STEP.get(nomination.returned_from or Step.GRASSROOTS, ())
    return has_role(user, *roles) and covers(user, nomination.jurisdiction)


def can_edit_nomination(user, nomination):
    """Content can be corrected by city staff, or below once it was returned for changes."""
    return is_city_staff(user) or can_resubmit(user, nomination)


def can_view_private_data(user):
    """Full ID numbers and phones: city office staff only."""
    return is_city_staff(user)


def can_record_consent(user, nomination):
    return is_city_staff(user) or (has_role(user, Role.DISTRICT_REVIEWER) and covers(user, nomination.jurisdiction))


def can_submit_for_organisation(user):
    return has_role(user, Role.UNIT_SUBMITTER, Role.DISTRICT_REVIEWER) or is_superuser(user)


def is_city_staff(user):
    return predicates.is_city_staff(user)


def is_superuser(user):
    return predicates.is_superuser(user)


def can_manage_campaigns(user):
    return is_city_staff(user)


def can_moderate_comments(user):
    return is_city_staff(user)


def can_manage_reserve(user):
    return is_city_staff(user)


def can_keep_on_file(user, nomination):
    """City staff, or the district reviewer of the nomination (e.g. when the district's quota is full)."""
    return is_city_staff(user) or (has_role(user, Role.DISTRICT_REVIEWER) and covers(user, nomination.jurisdiction))


def can_manage_quotas(user):
    """Raising a district's quota for a campaign is the city office's decision."""
    return is_city_staff(user)


def can_withdraw(user, nomination):
    """City staff withdraw any live nomination; reviewers and submitters only those not yet with the city."""
    if is_city_staff(user):
        return True
    not_yet_forwarded = (Status.PENDING_GRASSROOTS, Status.PENDING_DISTRICT, Status.RETURNED)
    return (
        nomination.status in not_yet_forwarded
        and has_role(user, *JURISDICTION_ROLES)
        and covers(user, nomination.jurisdiction)
    )


def expert_of(user):
    """The active Expert linked to `user`, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    from evaluation.models import Expert

    return Expert.objects.filter(user=user, active=True).first()


def is_expert(user):
    return expert_of(user) is not None


def can_run_expert_review(user):
    """Draws, closing rounds, rankings, the shortlist and inspections: city office staff."""
    return is_city_staff(user)


def inspections_for(user, queryset=None):
    """Inspections `user` may see: all for city staff, their own assignments for inspectors."""
    from evaluation.models import Inspection

    queryset = Inspection.objects.all() if queryset is None else queryset
    if is_city_staff(user):
        return queryset
    if getattr(user, "is_authenticated", False) and user.is_active:
        return queryset.filter(inspectors=user)
    return queryset.none()


def can_handle_objections(user):
    """Objection cases (with the objector's contact and evidence): city office staff."""
    return is_city_staff(user)


def can_publish(user):
    """Recording the committee's approval and publishing to the honour roll."""
    return is_city_staff(user)


def can_manage_honours(user):
    """Certificates, promotion, negative list and care records of honourees."""
    return is_city_staff(user)


def honours_for(user, queryset=None):
    """Honourees in `user`'s care: all for city staff, those recommended from their subtree for districts and units."""
    from evaluation.models import Honour

    queryset = Honour.objects.all() if queryset is None else queryset
    if predicates.is_city_staff(user):
        return queryset
    if has_role(user, *CARE_ROLES):
        return queryset.filter(nomination__jurisdiction__path__startswith=profile_of(user).jurisdiction.path)
    return queryset.none()


def can_keep_care(user):
    """Reaches the care screens (care records, 好人卡, revocation reports): city staff, district and unit reviewers."""
    return is_city_staff(user) or has_role(user, *CARE_ROLES)


def can_care_for(user, honour):
    """Keeps this honouree's care records and cards, and may report them for revocation."""
    return is_city_staff(user) or (has_role(user, *CARE_ROLES) and covers(user, honour.nomination.jurisdiction))
