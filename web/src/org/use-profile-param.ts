import { useSearchParams } from 'react-router-dom';

/**
 * Which colleague's profile is open, kept in the address (?member=…): the back button closes it
 * and a link to it can be shared with a colleague.
 */
export function useProfileParam() {
  const [params, setParams] = useSearchParams();
  const memberId = params.get('member');
  const set = (next: string | null) =>
    setParams((current) => {
      const updated = new URLSearchParams(current);
      if (next) updated.set('member', next);
      else updated.delete('member');
      return updated;
    });
  return { memberId, open: (id: string) => set(id), close: () => set(null) };
}
