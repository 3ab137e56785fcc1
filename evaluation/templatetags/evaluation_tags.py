from django import template

from evaluation.services.audit import LOG_ACTIONS

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


@register.filter
def event_label(action):
    return LOG_ACTIONS.get(action, action)
