"""Rich views, one module per screen. Everything a user or a bank wrote is wrapped in ``Text``
(:func:`coach.views.common.literal`) so that markup such as ``[red]`` or escape sequences in it
are shown literally, never interpreted. Markdown output lives in :mod:`coach.views.markdown`."""
