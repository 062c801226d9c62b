/** An error whose message is meant for the user: it names the file and the problem. */
export class HostError extends Error {
  readonly userFacing = true;
  constructor(message: string) {
    super(message);
    this.name = 'HostError';
  }
}

/** "3.1 GB", "12.0 MB", "512 bytes": sizes the way people say them. */
export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** "2 GiB" for the caps, which are powers of two. */
export function formatLimit(n: number): string {
  const gib = n / 1024 ** 3;
  if (Number.isInteger(gib)) return `${gib} GiB`;
  const mib = n / 1024 ** 2;
  if (Number.isInteger(mib)) return `${mib} MiB`;
  const kib = n / 1024;
  if (Number.isInteger(kib)) return `${kib} KiB`;
  return `${n} bytes`;
}

/** Node's fs errors as plain words. */
export function describeFsError(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
