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
