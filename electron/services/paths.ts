/**
 * Paths main refuses before any file-system call. A UNC path (`\\host\share\...`) or a device
 * path (`\\?\...`, `\\.\...`, `\??\...`) makes Windows contact the named server or device as
 * soon as anything touches it (realpath, stat, open), and an SMB server of the page's choosing
 * can collect the user's NTLM credentials. Windows reads `/` as `\`, so forward-slash and mixed
 * spellings (`//host/share`, `//?/`, `/\host`) are refused too, on every platform alike.
 */
import { HostError } from './hostError';

const UNC_OR_DEVICE = /^(?:[\\/]{2}|\\\?\?\\)/;

/** True for `\\host\share`, `//host/share`, `\\?\`, `\\.\`, `//?/`, `//./` and `\??\`. */
export function isUncOrDevicePath(path: string): boolean {
  return UNC_OR_DEVICE.test(path);
}

/** Throws a HostError naming the path when it is a network (UNC) or device path. */
export function refuseUncOrDevicePath(path: string): void {
  if (isUncOrDevicePath(path)) {
    throw new HostError(`${path}: network (\\\\server\\share) and device paths are not opened; copy the files to a local folder or map the share to a drive letter.`);
  }
}
