"""Output: a build's files on disk.  Written into a staging folder beside
the site, compressed and hashed as they are written, reused from the
previous build where nothing they show changed, listed in the manifest,
and swapped in whole, so a failed build never replaces a good site."""
