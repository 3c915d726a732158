import { createContext, useContext, useEffect } from 'react';

/** Renames the workspace tab a page is rendered in (provided per tab by ShellLayout). */
export const TabTitleContext = createContext<(title: string) => void>(() => {});

/**
 * Gives the page's tab a title of its own (e.g. 办理 · 西安秦风电器 发证申请) once the page knows it; pages opened
 * several times from one route are then told apart. Nothing happens while `title` is empty.
 */
export function useTabTitle(title: string | null | undefined): void {
  const setTitle = useContext(TabTitleContext);
  useEffect(() => {
    if (title) setTitle(title);
  }, [title, setTitle]);
}
