// Tells the server which newer versions the editor knows about, so that their Save draft,
// Publish or Submit is not refused as based on an older version (treatments/editing.py):
// - the revision the editor's own autosave made: Wagtail's autosave remembers it only in
//   its own background requests, while the form's buttons post the form as it is;
// - the newer version someone else saved, once the editor has seen Wagtail's "… saved a
//   new version" dialog and chosen to go on: that choice is the confirmation.
(() => {
    function setField(form, name, value) {
        let field = form.querySelector(`input[name="${name}"]`);
        if (!field) {
            field = document.createElement("input");
            field.type = "hidden";
            field.name = name;
            form.prepend(field);
        }
        field.value = String(value);
    }

    document.addEventListener("w-autosave:success", (event) => {
        const form = event.target;
        const revisionId = event.detail?.response?.revision_id;
        if (form instanceof HTMLFormElement && revisionId) {
            setField(form, "overwrite_revision_id", revisionId);
        }
    });

    // The editing-session pings say whose newer version the dialog warns about.
    let newerRevisionId = null;
    document.addEventListener("w-swap:json", (event) => {
        const others = event.detail?.data?.other_sessions;
        if (Array.isArray(others)) {
            const ids = others.map((session) => session.revision_id).filter(Boolean);
            newerRevisionId = ids.length ? Math.max(...ids) : null;
        }
    });
    // Capture: before Wagtail's own listener presses the button again and the form posts.
    document.addEventListener(
        "w-dialog:confirmed",
        (event) => {
            const form = document.querySelector("form[data-edit-form]");
            if (event.target.id === "w-save-confirmation-dialog" && form && newerRevisionId) {
                setField(form, "confirmed_revision_id", newerRevisionId);
            }
        },
        true,
    );
})();
