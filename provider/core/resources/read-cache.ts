// Reads answered by the collection's list: a refresh of 100 flags takes a few pages, not 100 GETs. The
// first read of a collection in a process is a GET of its id; from the second, the list is read a page
// (100 items) at a time, and a read whose id is on a page read costs nothing more. A read that misses
// reads the next page instead of a GET (the same one request, that may answer 100 reads more), then
// falls back to a GET; an id missing from a complete list is confirmed gone by a GET (a list may lag).
// A write to the collection forgets what was read of it; so does time (the pages are kept 30 s).
import type { ApiCall, ApiClient } from "../client/api-types";

const PER_PAGE = 100;
const KEEP_MS = 30_000;

interface Pages {
  reads: number;
  items: Map<string, Record<string, unknown>>;
  /** Pages read so far (from 1), and the collection's size as the last page said. */
  pages: number;
  total?: number;
  readAtMs?: number;
  /** The page being read, so that concurrent reads share it. */
  pending?: Promise<void>;
}

const CACHE = new WeakMap<ApiClient, Map<string, Pages>>();

function pagesOf(client: ApiClient, path: string): Pages {
  let byPath = CACHE.get(client);
  if (!byPath) CACHE.set(client, (byPath = new Map()));
  let pages = byPath.get(path);
  const stale = pages?.readAtMs !== undefined && Date.now() - pages.readAtMs > KEEP_MS;
  if (!pages || stale) byPath.set(path, (pages = { reads: pages?.reads ?? 0, items: new Map(), pages: 0 }));
  return pages;
}

const complete = (p: Pages) => p.total !== undefined && (p.items.size >= p.total || p.pages * PER_PAGE >= p.total);

async function nextPage(client: ApiClient, path: string, p: Pages, call: ApiCall): Promise<void> {
  if (p.pending) return p.pending;
  p.pending = (async () => {
    const page = await client.page(path, p.pages + 1, PER_PAGE, call);
    p.pages += 1;
    p.total = page.items.length === 0 ? p.items.size : page.totalCount;
    p.readAtMs ??= Date.now();
    for (const item of page.items as Record<string, unknown>[]) {
      if (item && (typeof item.id === "string" || typeof item.id === "number")) p.items.set(String(item.id), item);
    }
  })().finally(() => {
    p.pending = undefined;
  });
  return p.pending;
}

/** The object `id` of the collection `path`, or undefined when the server has none (404). */
export async function cachedRead(client: ApiClient, path: string, id: string, call: ApiCall): Promise<Record<string, unknown> | undefined> {
  const p = pagesOf(client, path);
  p.reads += 1;
  const byId = () => client.get(`${path}/${encodeURIComponent(id)}`, call);
  if (p.reads === 1) return byId();
  if (p.pending) await p.pending.catch(() => undefined);
  if (p.items.has(id)) return p.items.get(id);
  if (!complete(p)) {
    await nextPage(client, path, p, call);
    if (p.items.has(id)) return p.items.get(id);
  }
  return byId();
}

/** After a write to `path`: what was read of it no longer stands. */
export function forget(client: ApiClient, path: string): void {
  const pages = CACHE.get(client)?.get(path);
  if (pages) CACHE.get(client)?.set(path, { reads: pages.reads, items: new Map(), pages: 0 });
}
