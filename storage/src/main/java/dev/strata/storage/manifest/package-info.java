/**
 * The manifest: the one mutable file of the store, listing the live parts and the WAL checkpoint
 * (the first segment whose data is not yet in a part). It is replaced atomically (temp file,
 * fsync, rename, fsync of the directory), so after a crash the store sees either the old or the
 * new list, never a mix; part files it does not list are orphans and are deleted at open. Also
 * holds part ids (ULIDs) and the reference counts that keep replaced files alive while scans
 * still read them. The layout is specified in {@code docs/format/manifest.md}.
 */
package dev.strata.storage.manifest;
