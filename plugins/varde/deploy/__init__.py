"""Publishing a built site to its mirrors (`varde publish`) and checking a
copy against its manifest (`varde verify`).

Each kind of mirror has its own module (local, rsync, rclone) with a
`deploy(output, mirror, say) -> int` that puts the build in place so a
reader never sees a mix of two builds, and returns how many files changed.
"""
