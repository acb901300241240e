"""Structured content blocks for clinic pages, a module each (see base.py for what a block
owns: template, API representation, schema.org fragment and import mapping).

Each block has an icon, a label, a description for editors, a preview value for the block
chooser and a template that renders accessible HTML with no JavaScript. Blocks that open
with a heading (`section_heading`, base.py) get an entry in the page's table of contents
(see `TreatmentPage.sections`).
"""

from .aftercare import AftercareBlock, AftercareStageBlock
from .article import CaptionedImageBlock, QuoteBlock, RichTextSectionBlock
from .at_home_care import AtHomeCareBlock, HomeCareItemBlock, MaterialBlock
from .base import BODY_TEXT_FEATURES, RICH_TEXT_FEATURES, SectionBlock, validate_web_url
from .benefits import BenefitsBlock
from .call_to_action import CallToActionBlock
from .faq import FAQBlock, QuestionBlock
from .opening_hours import (
    WEEKDAYS,
    ClosureBlock,
    OpeningHoursBlock,
    closure_days,
    days_label,
    upcoming_closures,
)
from .prices import CourseBlock, PriceOptionBlock
from .provider_checklist import ProviderChecklistBlock
from .results import ResultsBlock
from .safety_callout import SafetyCalloutBlock
from .session_facts import NEEDLE_MAX_MM, NEEDLE_MIN_MM, SessionFactsBlock, needle_range
from .social_links import NETWORKS, SocialLinkBlock
from .streams import ArticleBodyBlock, TreatmentBodyBlock
from .suitability import SuitabilityBlock
from .what_to_expect import StepBlock, WhatToExpectBlock

__all__ = [
    "BODY_TEXT_FEATURES",
    "NEEDLE_MAX_MM",
    "NEEDLE_MIN_MM",
    "NETWORKS",
    "RICH_TEXT_FEATURES",
    "WEEKDAYS",
    "AftercareBlock",
    "AftercareStageBlock",
    "ArticleBodyBlock",
    "AtHomeCareBlock",
    "BenefitsBlock",
    "CallToActionBlock",
    "CaptionedImageBlock",
    "ClosureBlock",
    "CourseBlock",
    "FAQBlock",
    "HomeCareItemBlock",
    "MaterialBlock",
    "OpeningHoursBlock",
    "PriceOptionBlock",
    "ProviderChecklistBlock",
    "QuestionBlock",
    "QuoteBlock",
    "ResultsBlock",
    "RichTextSectionBlock",
    "SafetyCalloutBlock",
    "SectionBlock",
    "SessionFactsBlock",
    "SocialLinkBlock",
    "StepBlock",
    "SuitabilityBlock",
    "TreatmentBodyBlock",
    "WhatToExpectBlock",
    "closure_days",
    "days_label",
    "needle_range",
    "upcoming_closures",
    "validate_web_url",
]
