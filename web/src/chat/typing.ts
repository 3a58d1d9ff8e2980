import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';

/** How long "is typing" shows after the last signal (the protocol suggests about 5 s). */
export const TYPING_SHOWN_MS = 5_000;

// conversation id → member id → when their last "typing" was heard
let typing: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map();
const listeners = new Set<() => void>();

function publish(next: Map<string, ReadonlyMap<string, number>>): void {
  typing = next;
  for (const listener of listeners) listener();
}

export function heardTyping(conversationId: string, memberId: string, at = Date.now()): void {
  const next = new Map(typing);
  next.set(conversationId, new Map(typing.get(conversationId)).set(memberId, at));
  publish(next);
}

/** Their message arrived: they are no longer typing it. */
export function stoppedTyping(conversationId: string, memberId: string): void {
  if (!typing.get(conversationId)?.has(memberId)) return;
  const members = new Map(typing.get(conversationId));
  members.delete(memberId);
  publish(new Map(typing).set(conversationId, members));
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The members typing in a chat now, me excepted; re-renders when someone starts or their signal runs out. */
export function useTyping(conversationId: string, myMemberId: string): string[] {
  const all = useSyncExternalStore(subscribe, () => typing);
  const [now, setNow] = useState(() => Date.now());
  const heard = all.get(conversationId);
  const members = useMemo(
    () => [...(heard ?? new Map<string, number>())].filter(([memberId, at]) => memberId !== myMemberId && now - at < TYPING_SHOWN_MS).map(([memberId]) => memberId),
    [heard, myMemberId, now],
  );
  useEffect(() => {
    setNow(Date.now());
    if (!heard?.size) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [heard]);
  return members;
}
