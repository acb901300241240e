"""Questions and answers, which search engines may show as a FAQ."""

from wagtail import blocks

from ..text import plain_text
from .base import RICH_TEXT_FEATURES, SectionBlock, heading_block


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "Question"


class FAQBlock(SectionBlock):
    heading = heading_block("Questions people ask")
    questions = blocks.ListBlock(QuestionBlock(), min_num=1)

    def schema_org_questions(self, value, context=None):
        """The questions as schema.org Question items, for the page's FAQPage."""
        return [
            {
                "@type": "Question",
                "name": item["question"],
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(item["answer"])},
            }
            for item in value["questions"]
        ]

    class Meta:
        icon = "help"
        label = "FAQ"
        template = "treatments/blocks/faq.html"
        description = "Questions and answers."
        import_headings = (
            r"(faqs?|frequently asked questions|(common |your )?questions( people ask| and "
            r"answers)?|q ?& ?a)"
        )
        preview_value = {
            "heading": "Questions people ask",
            "questions": [
                {"question": "Does it hurt?", "answer": "<p>Most feel a light tingle.</p>"}
            ],
        }
