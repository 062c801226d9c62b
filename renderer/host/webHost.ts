/**
 * Browser mode's host: a hidden file input, drag-and-drop, a folder input, downloads,
 * localStorage for recent items and IndexedDB for the demo study cache.
 * Files the user picked are kept by a virtual path so readFile can find them again.
 */
import type { DemoFile, DemoStream, FileRef, FolderListing, HostApi, OpenFilesOptions, RecentItem, SaveOptions, SaveResult } from '../../shared/ipc/host';
import { HOST_LIMITS } from '../../shared/ipc/host';
import { idbDelete, idbGet, idbPut } from './idb';
import { startWebSession } from './webSession';

const RECENT_KEY = 'contrastscope.recent';
const DEMO_ROOT = '/demo';
/** IndexedDB key of the cached demo study (v2: one Blob per file). */
const DEMO_KEY = 'demo-v2';

interface StoredDemoFile {
  relPath: string;
  blob: Blob;
}

export interface WebHost extends HostApi {
  /** Registers picked/dropped files and returns their refs (the file input's change handler uses this). */
  adopt(files: Iterable<File>, root?: string): FileRef[];
}

export function createWebHost(doc: Document = document): WebHost {
  const files = new Map<string, Blob | Uint8Array>();
  const openPathListeners = new Set<(files: FileRef[]) => void>();
  let counter = 0;

  /** A granted file: its Blob, or a copy of its bytes when they are held in memory (a demo generated this session). */
  /** Demo files listed but not generated yet (streamDemo): reads wait for them. */
  const awaited = new Map<string, Promise<void>>();

  const readSource = async (path: string): Promise<Blob | ArrayBuffer> => {
    if (!files.has(path)) await awaited.get(path);
    const f = files.get(path);
    const name = path.split('/').pop() || path;
    if (!f) throw new Error(`${name}: this file was not opened in this session; open it again`);
    // A Blob of in-memory bytes would be stored by the browser process: hand over a copy instead.
    if (f instanceof Uint8Array) return f.slice().buffer;
    if (f.size > HOST_LIMITS.maxFileBytes) throw new Error(`${name}: the file is larger than 2 GiB`);
    return f;
  };

  const adopt = (list: Iterable<File>, root = `/picked/${++counter}`): FileRef[] => {
    const refs: FileRef[] = [];
    for (const f of list) {
      const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
      const path = `${root}/${rel}`;
      files.set(path, f);
      refs.push({ path, name: f.name, size: f.size });
    }
    return refs;
  };

  // The input lives in the page so tests and people can use it directly; picking through it
  // delivers files like a dropped set (onOpenPaths), while openFiles() awaits the same input.
  const input = doc.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.dataset.testid = 'open-file-input';
  input.style.display = 'none';
  input.accept = '.nii,.gz,.json,.csv,.tsv,.txt,.xml,.lut';
  doc.body.appendChild(input);
  let pending: ((refs: FileRef[]) => void) | null = null;
  input.addEventListener('change', () => {
    const refs = adopt(input.files ? Array.from(input.files) : []);
    input.value = '';
    if (pending) {
      const p = pending;
      pending = null;
      p(refs);
    } else if (refs.length) {
      openPathListeners.forEach((l) => l(refs));
    }
  });
  input.addEventListener('cancel', () => {
    pending?.([]);
    pending = null;
  });

  const folderInput = doc.createElement('input');
  folderInput.type = 'file';
  folderInput.setAttribute('webkitdirectory', '');
  folderInput.dataset.testid = 'open-folder-input';
  folderInput.style.display = 'none';
  doc.body.appendChild(folderInput);
  let pendingFolder: ((l: FolderListing | null) => void) | null = null;
  folderInput.addEventListener('change', () => {
    const list = folderInput.files ? Array.from(folderInput.files).slice(0, HOST_LIMITS.maxFolderFiles) : [];
    const root = `/folder/${++counter}`;
    const refs = adopt(list, root);
    folderInput.value = '';
    const top = refs[0]?.path.split('/')[3];
    pendingFolder?.(refs.length ? { root: top ? `${root}/${top}` : root, files: refs } : null);
    pendingFolder = null;
  });

  doc.addEventListener('dragover', (e) => e.preventDefault());
  doc.addEventListener('drop', (e) => {
    e.preventDefault();
    const dropped = e.dataTransfer?.files;
    if (dropped && dropped.length) {
      const refs = adopt(Array.from(dropped));
      openPathListeners.forEach((l) => l(refs));
    }
  });

  const session = startWebSession(doc.defaultView ?? window);

  return {
    kind: 'web',
    adopt,
    autosave: session.autosave,
    recoverAutosave: session.recoverAutosave,
    openFiles(options?: OpenFilesOptions) {
      input.multiple = options?.multiple ?? true;
      return new Promise<FileRef[]>((resolve) => {
        pending?.([]);
        pending = resolve;
        input.click();
      });
    },
    openFolder() {
      return new Promise<FolderListing | null>((resolve) => {
        pendingFolder?.(null);
        pendingFolder = resolve;
        folderInput.click();
      });
    },
    async readFile(path: string) {
      const s = await readSource(path);
      return s instanceof Blob ? s.arrayBuffer() : s;
    },
    readSource,
    async saveFile(suggestedName: string, data: Uint8Array | string, _options?: SaveOptions): Promise<SaveResult> {
      const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
      const url = URL.createObjectURL(new Blob([part]));
      const a = doc.createElement('a');
      a.href = url;
      a.download = suggestedName;
      doc.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { saved: true, path: suggestedName };
    },
    async getRecent() {
      try {
        const v = JSON.parse(localStorage.getItem(RECENT_KEY) || '[]');
        return Array.isArray(v) ? (v as RecentItem[]) : [];
      } catch {
        return [];
      }
    },
    async reopenRecent() {
      // A page cannot open a path by name; the study panel asks the user to pick the folder again.
      return null;
    },
    async addRecent(item: RecentItem) {
      const cur = (await this.getRecent()).filter((r) => r.path !== item.path);
      localStorage.setItem(RECENT_KEY, JSON.stringify([item, ...cur].slice(0, 20)));
    },
    async loadDemo() {
      // Stored as Blobs: IndexedDB hands back handles at once and each file is read when it is
      // needed (one record of 60 MB of bytes took seconds to deserialize before anything showed).
      const stored = await idbGet<StoredDemoFile[]>(DEMO_KEY).catch(() => null);
      if (!Array.isArray(stored) || !stored.length || !stored.every((d) => typeof d?.relPath === 'string' && d.blob instanceof Blob)) return null;
      return registerDemo(stored.map((d) => ({ relPath: d.relPath, data: d.blob })));
    },
    async storeDemo(demo: DemoFile[]) {
      // The study opens from the bytes in memory; saving for later starts goes on meanwhile
      // (a reload before it ends generates the demo again).
      void saveDemo(demo).catch(() => undefined);
      return registerDemo(demo.map((d) => ({ relPath: d.relPath, data: d.bytes })));
    },
    streamDemo(relPaths: string[]): DemoStream {
      const waiting = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();
      for (const rel of relPaths) {
        const path = `${DEMO_ROOT}/${rel}`;
        files.delete(path);
        const p = new Promise<void>((resolve, reject) => waiting.set(path, { resolve, reject }));
        p.catch(() => undefined); // only reads that wait on it report the failure
        awaited.set(path, p);
      }
      return {
        listing: { root: DEMO_ROOT, files: relPaths.map((rel) => ({ path: `${DEMO_ROOT}/${rel}`, name: rel.split('/').pop() || rel, size: 0 })) },
        add(demo) {
          for (const d of demo) {
            const path = `${DEMO_ROOT}/${d.relPath}`;
            files.set(path, d.bytes);
            awaited.delete(path);
            waiting.get(path)?.resolve();
            waiting.delete(path);
          }
        },
        save: (demo) => saveDemo(demo),
        fail(message) {
          for (const [path, w] of waiting) {
            awaited.delete(path);
            w.reject(new Error(`${path.split('/').pop()}: ${message}`));
          }
          waiting.clear();
        },
      };
    },
    onCommand() {
      // Browser mode has no native menus; shortcuts and the palette run commands directly.
      return () => undefined;
    },
    onOpenPaths(listener) {
      openPathListeners.add(listener);
      return () => openPathListeners.delete(listener);
    },
  };

  /** Cache the demo for later starts: one Blob per file (see loadDemo). */
  async function saveDemo(demo: DemoFile[]): Promise<void> {
    const stored: StoredDemoFile[] = demo.map((d) => ({ relPath: d.relPath, blob: new Blob([d.bytes as Uint8Array<ArrayBuffer>]) }));
    await idbPut(DEMO_KEY, stored);
    await idbDelete('demo').catch(() => undefined); // the v1 cache (one record of bytes), if any
  }

  function registerDemo(demo: { relPath: string; data: Blob | Uint8Array }[]): FolderListing {
    const refs = demo.map((d) => {
      const path = `${DEMO_ROOT}/${d.relPath}`;
      files.set(path, d.data);
      return { path, name: d.relPath.split('/').pop() || d.relPath, size: d.data instanceof Blob ? d.data.size : d.data.byteLength };
    });
    return { root: DEMO_ROOT, files: refs };
  }
}
