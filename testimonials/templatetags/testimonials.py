from django import template

from testimonials.selectors import testimonial_published_list

register = template.Library()


@register.inclusion_tag("testimonials/_client_list.html")
def client_list():
    return {"clients": testimonial_published_list()}
