import argon2 from 'argon2';

/** argon2id hash (DESIGN.md §3). memoryKib is lowered only by tests. */
export async function hashPassword(password: string, memoryKib: number): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id, memoryCost: memoryKib, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}
