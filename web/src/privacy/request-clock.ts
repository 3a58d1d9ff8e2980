const DAY = 86_400_000;

/** How near an open request is to its due date: the operator is reminded from 3 days before. */
export type Urgency = 'calm' | 'near' | 'overdue';

export interface RequestClock {
  urgency: Urgency;
  /** days left, counting the day in progress; or whole-or-part days overdue */
  days: number;
}

/**
 * The 15-day clock as people read a countdown: a request made a minute ago has 15 days left (the
 * server's daysLeft rounds down, which would say 14), and one is overdue from its first minute.
 */
export function requestClock(dueAt: string, now: number): RequestClock {
  const left = Date.parse(dueAt) - now;
  if (left < 0) return { urgency: 'overdue', days: Math.ceil(-left / DAY) };
  const days = Math.ceil(left / DAY);
  return { urgency: days <= 3 ? 'near' : 'calm', days };
}
