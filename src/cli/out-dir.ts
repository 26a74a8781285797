import { statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ToolError } from '../errors.js';

/**
 * Linux file systems made by the kernel, not for files (statfs f_type magic numbers). Their files
 * take writes of their own kind only, or block on a read (a journal being reopened reads its tail):
 * evidence written there would hang or vanish.
 */
const PSEUDO_FILE_SYSTEMS: Record<number, string> = {
  0x9fa0: 'procfs',
  0x62656572: 'sysfs',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x73636673: 'securityfs',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0x1cd1: 'devpts',
  0xcafe4a11: 'bpf',
  0x62656570: 'configfs',
  0x6165676c: 'pstore',
  0xde5e81e4: 'efivarfs',
};

/**
 * Refuses an output directory on a kernel pseudo-file system (e.g. `--out /proc/x`), before
 * anything starts: a usage error (exit 2), since the path itself is wrong, whatever the machine's
 * state. The nearest existing ancestor is the one asked, as the directory may not exist yet.
 */
export function refusePseudoFileSystem(option: string, path: string): void {
  let existing = resolve(path);
  for (;;) {
    try {
      const kind = PSEUDO_FILE_SYSTEMS[statfsSync(existing).type];
      if (kind !== undefined) throw new ToolError('ERR_INVALID_OPTION', `${option} ${path}: ${existing} is on ${kind}, a kernel pseudo-file system that cannot hold files; choose a directory on a disk`);
      return;
    } catch (error) {
      if (error instanceof ToolError) throw error;
      const parent = dirname(existing);
      // Nothing up to the root could be asked (statfs unsupported): the writes will tell.
      if (parent === existing) return;
      existing = parent;
    }
  }
}
