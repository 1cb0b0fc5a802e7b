"""The build cache: what earlier runs computed, kept so the next can skip it.

During an outage the time from `git push` to the live page is what counts,
and at ten thousand incidents most of a build is work an earlier build has
already done: parsing files that did not change, rendering pages of incidents
resolved years ago.  The cache keeps that work.

It can make a build faster but never different.  Every entry is stored under
a fingerprint of everything that produced it, and an entry whose fingerprint
does not match is simply not used; a missing, stale or corrupt cache means a
slower build, never an error and never an old page.  Deleting the folder is
always safe.
"""
