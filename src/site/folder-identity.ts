import { statSync } from "node:fs";

/**
 * A folder's device, inode and birth time: what a build's own records (the manifest, the render
 * cache) note of the folder they were written in, and check before they are trusted. A copy of the
 * folder made elsewhere (a clone of a repository that committed it, an archive unpacked) has
 * another identity, which nobody could know when the copy was made. "none" when it does not exist.
 * @example folderIdentity("/home/me/study/.jingdu") // "65024:2424833:1795960574400329939"
 */
export function folderIdentity(folder: string): string {
  try {
    const info = statSync(folder, { bigint: true });
    return `${info.dev}:${info.ino}:${info.birthtimeNs}`;
  } catch {
    // No folder yet: no identity, so nothing recorded for another folder is trusted.
    return "none";
  }
}
