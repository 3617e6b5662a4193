"""The decision editor: the window (:mod:`.window`) composed of the form, the assignments table,
the progress timeline, the links panel and their dialogs, one module each."""
