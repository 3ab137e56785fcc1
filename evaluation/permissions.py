"""Wagtail permission policies that defer to the named rules in rules.py."""

from wagtail.permission_policies import ModelPermissionPolicy

from evaluation import rules


class RulePolicy(ModelPermissionPolicy):
    """Model-level access decided by one rule (a function of the user)."""

    def __init__(self, model, rule, actions=("add", "change", "delete", "view", "export")):
        super().__init__(model)
        self.rule = rule
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and bool(user.is_active and self.rule(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


class NominationPolicy(ModelPermissionPolicy):
    """Reviewers reach the listing; every object is then checked against their jurisdiction."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        if action == "delete":
            # Withdrawn, never deleted: the audit trail must survive (a database trigger agrees).
            return False
        return rules.can_access_nominations(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if action == "change":
            return rules.can_edit_nomination(user, instance)
        return rules.can_view_nomination(user, instance)

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return rules.nominations_for(user)
