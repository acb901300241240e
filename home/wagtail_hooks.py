from wagtail import hooks

from .models import ENQUIRY_READER_PERMISSION


@hooks.register("filter_form_submissions_for_user")
def only_enquiry_readers_see_submissions(user, editable_forms):
    """Enquiries carry visitors' contact and health details: only people given the right
    (Site managers, or superusers) may list, read, export or delete them."""
    if user.has_perm(ENQUIRY_READER_PERMISSION):
        return editable_forms
    return editable_forms.none()
