"""Sectors of activity: the sections of the EU's NACE Rev. 2 classification."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    AGRICULTURE = "A", _("Agriculture, forestry and fishing")
    MINING = "B", _("Mining and quarrying")
    MANUFACTURING = "C", _("Manufacturing")
    ENERGY = "D", _("Electricity, gas, steam and air conditioning supply")
    WATER = "E", _("Water supply, sewerage and waste management")
    CONSTRUCTION = "F", _("Construction")
    TRADE = "G", _("Wholesale and retail trade")
    TRANSPORT = "H", _("Transportation and storage")
    HOSPITALITY = "I", _("Accommodation and food services")
    INFORMATION = "J", _("Information and communication")
    FINANCE = "K", _("Financial and insurance activities")
    REAL_ESTATE = "L", _("Real estate activities")
    PROFESSIONAL = "M", _("Professional, scientific and technical activities")
    ADMINISTRATIVE = "N", _("Administrative and support services")
    PUBLIC = "O", _("Public administration and defence")
    EDUCATION = "P", _("Education")
    HEALTH = "Q", _("Human health and social work")
    ARTS = "R", _("Arts, entertainment and recreation")
    OTHER = "S", _("Other service activities")
