/** Escapes LIKE wildcards so a keyword matches literally, wrapped for a contains-search (`ilike`). */
export function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
