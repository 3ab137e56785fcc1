from django import template

from evaluation.services.audit import LOG_ACTIONS

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


@register.filter
def event_label(action):
    return LOG_ACTIONS.get(action, action)


@register.filter
def staff_name(user):
    """基层报送员·马涛 for the audit trail (公众 for a public action)."""
    from evaluation.predicates import display_name

    return display_name(user)
