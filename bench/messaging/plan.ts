import fs from 'node:fs';

/**
 * What the load client drives and the bare relay imitates: who can connect (a session token per
 * person), the direct chats of the 1:1 scenario and the groups of the fan-out scenario. The
 * Lockstep seed writes it; the bare relay reads the same file, so both servers see the same
 * people, chats and frames.
 */
export interface Plan {
  /** one per account, each an active member of the one organisation with one session */
  people: Array<{ accountId: string; memberId: string; token: string }>;
  /** direct chats between people[a] and people[b] */
  pairs: Array<{ conversationId: string; a: number; b: number }>;
  /** group chats of people[0 .. size-1] */
  groups: Array<{ size: number; conversationId: string }>;
}

export const GROUP_SIZES = [100, 500, 1_000] as const;

export function readPlan(file: string): Plan {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Plan;
}

export function writePlan(file: string, plan: Plan): void {
  fs.writeFileSync(file, JSON.stringify(plan));
}
