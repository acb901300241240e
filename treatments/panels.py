"""Admin panels shared by the clinic's page types."""

from wagtail.admin.panels import InlinePanel
from wagtail.models import Page


def chosen_title(item):
    """The title a chooser shows for `item`: a page's admin title, or a snippet's name."""
    return item.get_admin_display_title() if isinstance(item, Page) else str(item)


class ChosenTitleInlinePanel(InlinePanel):
    """An InlinePanel whose rows are headed by what each row chose ("Acne"), not
    "Condition 1", "Condition 2"…

    `title_from` names the row's chooser field (a foreign key to a page or a snippet). A
    row with nothing chosen yet keeps Wagtail's numbered label. The heading follows the
    chooser when an editor picks or clears an item (treatments/admin/chosen-titles.js).
    The titles cost one query per panel, whatever the number of rows.
    """

    def __init__(self, relation_name, *args, title_from, **kwargs):
        super().__init__(relation_name, *args, **kwargs)
        self.title_from = title_from

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "title_from": self.title_from}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "treatments/admin/panels/chosen_title_inline_panel.html"

        class Media:
            js = ["treatments/admin/chosen-titles.js"]

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None:
                return
            field = self.panel.title_from
            chosen = [(child, self.chosen_pk(child.form, field)) for child in self.children]
            model = self.formset.model._meta.get_field(field).related_model
            titles = {
                item.pk: chosen_title(item)
                for item in model._default_manager.filter(
                    pk__in={pk for _, pk in chosen if pk is not None}
                )
            }
            for child, pk in chosen:
                child.chosen_title = titles.get(pk, "")
                child.chosen_title_input_id = child.form[field].auto_id
            self.empty_child.chosen_title = ""
            self.empty_child.chosen_title_input_id = self.empty_child.form[field].auto_id

        @staticmethod
        def chosen_pk(form, field):
            """The (integer) key the row's chooser holds: posted, or saved on the row."""
            value = form[field].value()
            try:
                return int(value)
            except (TypeError, ValueError):
                return None
