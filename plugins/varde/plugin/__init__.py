"""The Pelican glue: the signals that wire Varde in, its generator, its
reader of free pages, and what templates are given.  Thin by design: the
stages below do the work."""
