"""Small facts about a user, combined into named rules in rules.py."""

from evaluation.choices import Role


def profile_of(user):
    """The user's StaffProfile or None (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_evaluation_profile_cache"):
        from evaluation.models import StaffProfile

        user._evaluation_profile_cache = StaffProfile.objects.select_related("jurisdiction").filter(user=user).first()
    return user._evaluation_profile_cache


def is_superuser(user):
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def has_role(user, *roles):
    profile = profile_of(user)
    return profile is not None and user.is_active and profile.role in roles


def is_city_staff(user):
    return is_superuser(user) or has_role(user, Role.CITY_STAFF)


def covers(user, jurisdiction):
    """True if `jurisdiction` is the user's own or lies below it."""
    profile = profile_of(user)
    return profile is not None and jurisdiction is not None and jurisdiction.path.startswith(profile.jurisdiction.path)


def role_title(user):
    """A short title for the audit trail: 基层报送员, 县区审核员, 市文明办… (系统管理员 for superusers)."""
    from evaluation.choices import JurisdictionKind

    profile = profile_of(user)
    if profile is None:
        return "系统管理员" if is_superuser(user) else "工作人员"
    kind = profile.jurisdiction.kind
    if profile.role == Role.UNIT_SUBMITTER:
        return "基层报送员" if kind == JurisdictionKind.GRASSROOTS else "单位报送员"
    if profile.role == Role.DISTRICT_REVIEWER:
        return "县区审核员" if kind == JurisdictionKind.DISTRICT else "单位审核员"
    return {Role.CITY_STAFF: "市文明办", Role.EXPERT: "评审专家", Role.EDITOR: "网站编辑"}.get(profile.role, "工作人员")


def display_name(user):
    """How staff are named on screens: 基层报送员·马涛, never the login name alone."""
    if user is None:
        return "公众"
    name = user.get_full_name()  # Chinese order: 马涛 (portal.names)
    if "·" in name:  # already titled, as the demo accounts are
        return name
    return f"{role_title(user)}·{name or user.get_username()}"
