"""Writing a site's content: new incidents and maintenance, updates,
postmortems.

Kept apart from the command line so the rules live in one place: every
change is rendered as text, validated together with the whole site, and
only then swapped in atomically; a refused change writes nothing.
"""
