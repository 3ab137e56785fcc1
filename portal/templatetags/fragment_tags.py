"""{% cachefragment "name" %}…{% endcachefragment %}: see portal/fragments.py."""

from django import template

from portal import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        if not fragments.enabled(context):
            return self.nodelist.render(context)
        return fragments.get_or_render(self.name, context["request"], lambda: self.nodelist.render(context))


@register.tag("cachefragment")
def cachefragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('用法：{% cachefragment "名称" %}…{% endcachefragment %}')
    nodelist = parser.parse(("endcachefragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], nodelist)
