import path from 'node:path';

/**
 * Errors of the machine rather than of dateline or the site: a folder that cannot be written (read
 * only, no permission, a mount point, a full disk), a file where a folder should be. They are said
 * plainly, with the path and what to do, never as "a bug in dateline".
 */

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted there',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way',
  EISDIR: 'it is a folder, not a file',
  ENAMETOOLONG: 'the name is too long for the file system',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open on this machine',
  EBUSY: 'it is in use',
  EXDEV: 'it is on another file system',
};

interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
}

/** Whether an error is one of the machine's (above), or a folder that could not be made. */
export function isSystemError(e: unknown): e is SystemError {
  if (!(e instanceof Error)) return false;
  const { code, syscall } = e as Partial<SystemError>;
  return typeof code === 'string' && (code in REASONS || (code === 'ENOENT' && syscall === 'mkdir'));
}

const VERBS: Record<string, string> = { mkdir: 'create the folder', open: 'open', write: 'write', read: 'read', rename: 'replace', unlink: 'remove', rmdir: 'remove', rm: 'remove', copyfile: 'copy to', scandir: 'read the folder', symlink: 'link', utime: 'update' };

/** The message for a system error: what could not be done to which path, why, and what to do. */
export function describeSystemError(e: SystemError, cacheDir?: string | false): string {
  // A build's staging folder (".dist.tmp-PID-ID", and ".old" for the one it replaces) is named
  // as the folder it stands for.
  const shown = (p: string | undefined) => p?.replace(/([\\/])\.([^\\/]+?)\.tmp-\d+-[0-9a-f]+(?:\.old)?(?=[\\/]|$)/, '$1$2');
  const target = shown(e.syscall === 'rename' || e.syscall === 'copyfile' ? (e.dest ?? e.path) : e.path);
  const verb = (e.syscall && VERBS[e.syscall]) ?? 'use';
  const reason = e.code === 'ENOENT' ? 'a folder above it does not exist and cannot be made' : e.code === 'EBUSY' && e.syscall === 'rename' ? 'it is a mount point (or open in another program)' : REASONS[e.code];
  const lines = [`error: could not ${verb} ${target ?? 'a file'}: ${reason}.`];
  const inCache = !!target && (cacheDir ? target === cacheDir || target.startsWith(cacheDir + path.sep) || cacheDir.startsWith(target + path.sep) : target.includes('.dateline-cache'));
  if (inCache) lines.push('The build cache is kept in the site folder: give it a writable place with --cache-dir, or build without it (--no-cache).');
  else if (e.code === 'EBUSY' && e.syscall === 'rename') lines.push('A build replaces its output folder whole: give --out a folder inside the mounted one (such as mnt/dist).');
  else if (e.code === 'ENOSPC' || e.code === 'EDQUOT') lines.push('Free some space and build again; the last output folder was left as it was.');
  else if (e.code === 'EMFILE' || e.code === 'ENFILE') lines.push('Raise the limit on open files (ulimit -n 4096), or build with fewer --workers.');
  else lines.push('Check that dateline may read the site and write where it writes: choose an output folder you can write to (--out), or fix the permissions; the last output folder was left as it was.');
  return lines.join('\n');
}
