import fs from 'node:fs';
import path from 'node:path';

/**
 * What this test started on the machine (dockerd, the swarm), written down as soon as it starts
 * it, so a run that was killed before its tear-down leaves the next run enough to clean up.
 */
export interface Owned {
  dockerdPid?: number;
  swarm?: boolean;
}

function ownedFile(workDir: string): string {
  return path.join(workDir, 'owned.json');
}

export function readOwned(workDir: string): Owned {
  try {
    return JSON.parse(fs.readFileSync(ownedFile(workDir), 'utf8')) as Owned;
  } catch {
    return {};
  }
}

export function writeOwned(workDir: string, owned: Owned): void {
  fs.mkdirSync(workDir, { recursive: true });
  if (Object.values(owned).some(Boolean)) fs.writeFileSync(ownedFile(workDir), JSON.stringify(owned));
  else fs.rmSync(ownedFile(workDir), { force: true });
}
