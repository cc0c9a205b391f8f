"""The review desk: proposals reviewed in the browser, beside the passage they come from.

``port.py`` says what the desk needs from the review code (handed in by the CLI layer, as the
API may not import ``loaders``), ``guard.py`` who may write, ``pages.py`` the HTML and its
assets; the routes are ``api.routes.desk``.
"""
