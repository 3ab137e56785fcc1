"""{% cachefragment "name" [site] %}…{% endcachefragment %}: see portal/fragments.py."""

from django import template

from portal import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, nodelist, site_wide=False):
        self.name = name
        self.nodelist = nodelist
        self.site_wide = site_wide

    def render(self, context):
        enabled = fragments.site_wide_enabled(context) if self.site_wide else fragments.enabled(context)
        if not enabled:
            return self.nodelist.render(context)
        render = lambda: self.nodelist.render(context)  # noqa: E731
        return fragments.get_or_render(self.name, context["request"], render, site_wide=self.site_wide)


@register.tag("cachefragment")
def cachefragment(parser, token):
    bits = token.split_contents()
    site_wide = bits[2:] == ["site"]
    if (
        len(bits) not in (2, 3)
        or (len(bits) == 3 and not site_wide)
        or bits[1][0] not in "\"'"
        or bits[1][0] != bits[1][-1]
    ):
        raise template.TemplateSyntaxError('用法：{% cachefragment "名称" [site] %}…{% endcachefragment %}')
    nodelist = parser.parse(("endcachefragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], nodelist, site_wide=site_wide)
