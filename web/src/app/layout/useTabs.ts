import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/** One open page of the multi-tab workspace (多页签). */
export interface Tab {
  key: string;
  title: string;
  closable: boolean;
  /** Bumped by "refresh" to remount the page with fresh state. */
  version: number;
}

const STORAGE_KEY = 'samr:tabs';
export const HOME_KEY = '/';

/**
 * The tab list and each tab's rendered page. Pages stay mounted while hidden, so every tab keeps its
 * own filters and form input when the user switches; the list survives a reload (the state does not).
 */
export function useTabs(activeKey: string, activeTitle: string, outlet: ReactNode) {
  const [tabs, setTabs] = useState<Tab[]>(() => {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as Array<{
        key: string;
        title: string;
      }>;
      const list = saved.filter((t) => t.key !== HOME_KEY).map((t) => ({ ...t, closable: true, version: 0 }));
      return [{ key: HOME_KEY, title: '工作台', closable: false, version: 0 }, ...list];
    } catch {
      return [{ key: HOME_KEY, title: '工作台', closable: false, version: 0 }];
    }
  });
  const elements = useRef(new Map<string, ReactNode>());

  // The element of the active route is captured once per tab and kept while the tab is open.
  if (outlet && !elements.current.has(activeKey)) elements.current.set(activeKey, outlet);

  useEffect(() => {
    setTabs((prev) =>
      prev.some((t) => t.key === activeKey)
        ? prev
        : [...prev, { key: activeKey, title: activeTitle, closable: activeKey !== HOME_KEY, version: 0 }],
    );
  }, [activeKey, activeTitle]);

  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(tabs.map(({ key, title }) => ({ key, title }))));
  }, [tabs]);

  const close = useCallback((keys: string[]) => {
    for (const k of keys) if (k !== HOME_KEY) elements.current.delete(k);
    setTabs((prev) => prev.filter((t) => t.key === HOME_KEY || !keys.includes(t.key)));
  }, []);

  const rename = useCallback((key: string, title: string) => {
    setTabs((prev) => prev.map((t) => (t.key === key && t.title !== title ? { ...t, title } : t)));
  }, []);

  const refresh = useCallback((key: string) => {
    setTabs((prev) => prev.map((t) => (t.key === key ? { ...t, version: t.version + 1 } : t)));
  }, []);

  return { tabs, elementOf: (key: string) => elements.current.get(key), close, refresh, rename };
}
