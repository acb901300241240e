"""The sections each kind of page may have."""

from wagtail import blocks

from .aftercare import AftercareBlock
from .article import CaptionedImageBlock, QuoteBlock, RichTextSectionBlock
from .at_home_care import AtHomeCareBlock
from .benefits import BenefitsBlock
from .call_to_action import CallToActionBlock
from .faq import FAQBlock
from .provider_checklist import ProviderChecklistBlock
from .results import ResultsBlock
from .safety_callout import SafetyCalloutBlock
from .session_facts import SessionFactsBlock
from .suitability import SuitabilityBlock
from .what_to_expect import WhatToExpectBlock


class TreatmentBodyBlock(blocks.StreamBlock):
    """The sections a treatment page can have. Each structured section at most once."""

    session_facts = SessionFactsBlock()
    what_to_expect = WhatToExpectBlock()
    benefits = BenefitsBlock()
    suitability = SuitabilityBlock()
    at_home_care = AtHomeCareBlock()
    aftercare = AftercareBlock()
    results = ResultsBlock()
    faq = FAQBlock()
    provider_checklist = ProviderChecklistBlock()
    safety_callout = SafetyCalloutBlock()
    call_to_action = CallToActionBlock()
    rich_text = RichTextSectionBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()

    class Meta:
        block_counts = {
            name: {"max_num": 1}
            for name in (
                "session_facts",
                "what_to_expect",
                "suitability",
                "at_home_care",
                "aftercare",
                "results",
            )
        }


class ArticleBodyBlock(blocks.StreamBlock):
    """Free-form sections for articles: condition pages, and a site's blog posts."""

    rich_text = RichTextSectionBlock()
    image = CaptionedImageBlock()
    faq = FAQBlock()
    safety_callout = SafetyCalloutBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
